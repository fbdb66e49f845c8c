import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import dayjs, { type Dayjs } from 'dayjs';
import { Button, Card, DatePicker, Empty, Flex, Form, Grid, Input, Modal, Pagination, Spin, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { bulletinsKey, createBulletin, useBulletins, type BulletinSummary } from '../../api/board';
import { useMe } from '../../api/session';
import { PageHeader } from '../../components/PageHeader';
import { fmtDateTime } from '../../components/format';

export const StatusTag = ({ b }: { b: Pick<BulletinSummary, 'status' | 'statusLabel'> }) => (
  <Tag color={b.status === 'published' ? 'green' : 'default'}>{b.statusLabel}</Tag>
);

interface NewValues {
  title: string;
  period: [Dayjs, Dayjs];
}

/** 新建通报: a title and a period; the server computes and freezes the figures into a draft. */
function NewBulletinModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<NewValues>();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const create = useMutation({
    mutationFn: (v: NewValues) => createBulletin({ title: v.title, from: v.period[0].format('YYYY-MM-DD'), to: v.period[1].format('YYYY-MM-DD') }),
    onSuccess: (b) => {
      void qc.invalidateQueries({ queryKey: bulletinsKey });
      onClose();
      navigate(`/bulletins/${b.id}`);
    },
  });
  const year = dayjs().year();
  return (
    <Modal
      open={open}
      title="新建通报"
      okText="生成草稿"
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<NewValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ title: `${year}年度督查督办工作情况通报`, period: [dayjs().startOf('year'), dayjs()] }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="title" label="通报标题" rules={[{ required: true, whitespace: true, message: '请填写通报标题' }, { max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="period" label="统计期间" rules={[{ required: true, message: '请选择统计期间' }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} allowClear={false} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 督查通报: published bulletins for everyone; drafts too for the office (the server decides which). */
export function BulletinsPage() {
  const me = useMe().data;
  const phone = !Grid.useBreakpoint().md;
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const list = useBulletins(page);
  const isSupervisor = me?.roles.includes('supervisor') ?? false;
  const period = (b: BulletinSummary) => `${b.periodFrom} 至 ${b.periodTo}`;

  return (
    <>
      <PageHeader
        title="督查通报"
        extra={
          isSupervisor && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建通报
            </Button>
          )
        }
      />
      {phone ? (
        <Spin spinning={list.isFetching}>
          {list.data?.items.length ? (
            list.data.items.map((b) => (
              <Card key={b.id} size="small" style={{ marginBottom: 8 }}>
                <Flex justify="space-between" gap={8} align="start">
                  <Link to={`/bulletins/${b.id}`} style={{ fontWeight: 600 }}>
                    {b.title}
                  </Link>
                  <StatusTag b={b} />
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {period(b)} · {b.publishedAt ? `发布于 ${fmtDateTime(b.publishedAt)}` : `起草于 ${fmtDateTime(b.createdAt)}`}
                </Typography.Text>
              </Card>
            ))
          ) : (
            <Empty description="暂无通报" />
          )}
          <Pagination simple align="center" current={page} pageSize={20} total={list.data?.total ?? 0} onChange={setPage} />
        </Spin>
      ) : (
        <Table<BulletinSummary>
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items}
          locale={{ emptyText: <Empty description="暂无通报" /> }}
          scroll={{ x: 'max-content' }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 期` }}
          columns={[
            { title: '标题', key: 'title', render: (_, b) => <Link to={`/bulletins/${b.id}`}>{b.title}</Link> },
            { title: '统计期间', key: 'period', render: (_, b) => period(b) },
            { title: '状态', key: 'status', render: (_, b) => <StatusTag b={b} /> },
            { title: '发布人', key: 'by', render: (_, b) => b.publishedBy?.name ?? '—' },
            { title: '发布时间', key: 'at', render: (_, b) => fmtDateTime(b.publishedAt) },
            {
              title: '文件',
              key: 'doc',
              render: (_, b) => (
                <a href={b.documentUrl} download>
                  下载 .docx
                </a>
              ),
            },
          ]}
        />
      )}
      <NewBulletinModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
