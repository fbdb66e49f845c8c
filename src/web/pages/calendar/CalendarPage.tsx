import { useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Popconfirm, Row, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { CalendarOverride, CalendarYear } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { feedback } from '../../components/feedback';
import { OverrideModal } from './OverrideModal';

const kindTag = (kind: string) =>
  kind === 'holiday' ? <Tag color="red">休</Tag> : kind === 'workday' ? <Tag color="blue">班（调休）</Tag> : <Tag>{kind}</Tag>;

const weekday = (date: string) => dayjs(date).format('dddd');

/** 工作日历 (sysadmin): the year's holidays and 调休 working days, plus local overrides that deadlines count with. */
export function CalendarPage() {
  const qc = useQueryClient();
  const [year, setYear] = useState(dayjs().year());
  const [adding, setAdding] = useState(false);
  const cal = useQuery({
    queryKey: ['calendar', 'year', year],
    queryFn: () => api.get<CalendarYear>(`/api/v1/calendar/years/${year}`),
  });
  const overrides = useQuery({
    queryKey: ['calendar', 'overrides'],
    queryFn: () => api.get<{ items: CalendarOverride[] } | CalendarOverride[]>('/api/v1/calendar/overrides'),
    select: (r) => (Array.isArray(r) ? r : r.items),
  });
  const remove = useMutation({
    mutationFn: (date: string) => api.del(`/api/v1/calendar/overrides/${date}`),
    onSuccess: () => feedback.message?.success('已删除本地调整'),
    onSettled: () => qc.invalidateQueries({ queryKey: ['calendar'] }),
  });

  return (
    <>
      <PageHeader
        title="工作日历"
        extra={
          <>
            <DatePicker
              picker="year"
              aria-label="年份"
              allowClear={false}
              value={dayjs().year(year)}
              onChange={(d) => d && setYear(d.year())}
            />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              添加本地调整
            </Button>
          </>
        }
      >
        {cal.data?.provisional && (
          <Alert
            type="warning"
            showIcon
            title={`${year} 年的放假安排尚未由国务院办公厅正式公布，当前为预估数据，公布后请及时更新。`}
          />
        )}
      </PageHeader>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={`${year} 年节假日与调休`} extra={cal.data?.source ? `来源：${cal.data.source}` : null}>
            <Table
              rowKey="date"
              size="small"
              loading={cal.isPending}
              dataSource={cal.data?.days}
              scroll={{ x: 'max-content' }}
              pagination={{ pageSize: 40, hideOnSinglePage: true }}
              columns={[
                { title: '日期', dataIndex: 'date' },
                { title: '星期', key: 'weekday', render: (_, d) => weekday(d.date) },
                { title: '类型', dataIndex: 'kind', render: kindTag },
                { title: '名称', dataIndex: 'name', render: (v: string | null) => v ?? '—' },
                { title: '来源', dataIndex: 'source', render: (v: string | null) => (v === 'override' ? <Tag color="purple">本地调整</Tag> : v ?? '—') },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title="本地调整">
            <Table<CalendarOverride>
              rowKey="date"
              size="small"
              loading={overrides.isPending}
              dataSource={overrides.data}
              scroll={{ x: 'max-content' }}
              pagination={false}
              locale={{ emptyText: '暂无本地调整' }}
              columns={[
                { title: '日期', dataIndex: 'date' },
                { title: '调整为', dataIndex: 'kind', render: kindTag },
                { title: '说明', dataIndex: 'note', render: (v: string | null) => v ?? '—' },
                {
                  title: '操作',
                  key: 'actions',
                  render: (_, o) => (
                    <Popconfirm title={`删除 ${o.date} 的本地调整？`} onConfirm={() => remove.mutate(o.date)}>
                      <Button size="small" danger>
                        删除
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <OverrideModal open={adding} onClose={() => setAdding(false)} />
    </>
  );
}
