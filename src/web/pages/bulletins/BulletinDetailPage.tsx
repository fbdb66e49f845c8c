import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Descriptions, Form, Input, Popconfirm, Result, Skeleton, Space, Table, Typography } from 'antd';
import { DownloadOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { bulletinsKey, fmtRate, publishBulletin, updateBulletin, useBulletin, type Bulletin, type UnitStats } from '../../api/board';
import { useMe } from '../../api/session';
import { PageHeader } from '../../components/PageHeader';
import { fmtDateTime } from '../../components/format';
import { StatusTag } from './BulletinsPage';

type Sections = { praise: string; criticism: string };

/** 表扬 and 批评 of a draft, saved with the version the page loaded (a stale save is refused and reloads). */
function SectionsForm({ b }: { b: Bulletin }) {
  const [form] = Form.useForm<Sections>();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (v: Sections) => updateBulletin(b, v),
    onSuccess: (next) => qc.setQueryData([...bulletinsKey, 'detail', b.id], next),
  });
  // A reload (after a save or a stale refusal) shows the server's text, not what was typed before.
  useEffect(() => form.setFieldsValue({ praise: b.praise, criticism: b.criticism }), [b, form]);
  return (
    <Form<Sections> form={form} layout="vertical" initialValues={{ praise: b.praise, criticism: b.criticism }} onFinish={(v) => save.mutate(v)}>
      <Form.Item name="praise" label="表扬" rules={[{ max: 5000 }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} placeholder="对按时高质量办结的单位提出表扬" />
      </Form.Item>
      <Form.Item name="criticism" label="批评" rules={[{ max: 5000 }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} placeholder="对逾期未办结、多次催办的单位提出批评" />
      </Form.Item>
      <Button htmlType="submit" loading={save.isPending}>
        保存修改
      </Button>
    </Form>
  );
}

const pct = (s: UnitStats) => fmtRate(s.onTimeRate);

/** One bulletin: the frozen per-unit table and overdue list; for a draft, the supervisor's edit and publish. */
export function BulletinDetailPage() {
  const { id = '' } = useParams();
  const me = useMe().data;
  const qc = useQueryClient();
  const q = useBulletin(id);
  const b = q.data;
  const publish = useMutation({
    mutationFn: (x: Bulletin) => publishBulletin(x),
    onSuccess: (next) => {
      qc.setQueryData([...bulletinsKey, 'detail', id], next);
      void qc.invalidateQueries({ queryKey: [...bulletinsKey, 'list'] });
    },
  });
  const editable = b?.status === 'draft' && (me?.roles.includes('supervisor') ?? false);

  if (q.isError) return <Result status="warning" title={q.error.message} extra={<Link to="/bulletins">返回通报列表</Link>} />;
  if (!b) return <Skeleton active paragraph={{ rows: 8 }} />;
  return (
    <>
      <PageHeader
        title={b.title}
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} href={b.documentUrl} download>
              {b.status === 'draft' ? '预览 .docx' : '下载 .docx'}
            </Button>
            {editable && (
              <Popconfirm title="发布后将通知全体业务用户，且不能再修改。确定发布？" onConfirm={() => publish.mutate(b)} okText="发布">
                <Button type="primary" icon={<SendOutlined />} loading={publish.isPending}>
                  发布
                </Button>
              </Popconfirm>
            )}
          </Space>
        }
      >
        <StatusTag b={b} />
      </PageHeader>
      {b.status === 'draft' && <Alert type="info" showIcon title="草稿仅办公室可见；统计数据在生成草稿时已固定。" style={{ marginBottom: 16 }} />}
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="统计期间">
          {b.periodFrom} 至 {b.periodTo}
        </Descriptions.Item>
        <Descriptions.Item label="统计截止">{b.asOf}</Descriptions.Item>
        <Descriptions.Item label="起草">
          {b.createdBy?.name ?? '—'} {fmtDateTime(b.createdAt)}
        </Descriptions.Item>
        {b.publishedAt && (
          <Descriptions.Item label="发布">
            {b.publishedBy?.name ?? '—'} {fmtDateTime(b.publishedAt)}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Card title="各单位办理情况" size="small" style={{ marginBottom: 16 }} styles={{ body: { padding: 0 } }}>
        <Table<UnitStats>
          rowKey={(s) => s.unit.id}
          size="small"
          pagination={false}
          dataSource={b.stats}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: '单位', key: 'unit', fixed: 'left', render: (_, s) => s.unit.name },
            { title: '交办', dataIndex: 'assigned' },
            { title: '办结', dataIndex: 'closed' },
            { title: '按期办结', dataIndex: 'closedOnTimeApproved' },
            { title: '逾期', dataIndex: 'overdue' },
            { title: '按时办结率', key: 'rate', render: (_, s) => pct(s) },
            { title: '平均办结工作日', key: 'avg', render: (_, s) => (s.avgWorkingDaysToClose === null ? '—' : s.avgWorkingDaysToClose.toFixed(1)) },
            { title: '退回', dataIndex: 'returns' },
            { title: '延期', dataIndex: 'extensions' },
            { title: '复核未通过', dataIndex: 'recheckFailures' },
          ]}
        />
      </Card>
      <Card title={`期末逾期未办结事项（${b.overdue.length}）`} size="small" style={{ marginBottom: 16 }} styles={{ body: { padding: 0 } }}>
        <Table
          rowKey="matterId"
          size="small"
          pagination={false}
          dataSource={b.overdue}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: '标题', key: 'title', render: (_, o) => <Link to={`/matters/${o.matterId}`}>{o.title}</Link> },
            { title: '牵头单位', key: 'unit', render: (_, o) => o.leadUnit.name },
            { title: '期限', dataIndex: 'deadline' },
            { title: '逾期工作日', dataIndex: 'overdueWorkingDays' },
          ]}
        />
      </Card>
      <Card title="表扬与批评" size="small">
        {editable ? (
          <SectionsForm b={b} />
        ) : (
          <>
            <Typography.Title level={5}>表扬</Typography.Title>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{b.praise || '（无）'}</Typography.Paragraph>
            <Typography.Title level={5}>批评</Typography.Title>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{b.criticism || '（无）'}</Typography.Paragraph>
          </>
        )}
      </Card>
    </>
  );
}
