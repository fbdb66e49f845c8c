import { useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Popconfirm, Row, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { CalendarDay, CalendarOverride, CalendarYear } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { feedback } from '../../components/feedback';
import { OfficialYears } from './OfficialYears';
import { OverrideModal } from './OverrideModal';

const kindColors: Record<string, string> = { holiday: 'red', adjusted_workday: 'blue', workday: 'blue', weekend: 'default' };
const fallbackKindLabels: Record<string, string> = {
  holiday: '节假日',
  adjusted_workday: '调休上班',
  workday: '工作日',
  weekend: '周末',
};

/** The server sends its own Chinese label; the local table only covers an older server without one. */
const kindTag = (kind: string, label?: string) => (
  <Tag color={kindColors[kind] ?? 'default'}>{label ?? fallbackKindLabels[kind] ?? kind}</Tag>
);

const sourceLabels: Record<string, string> = { official: '国务院通知', provisional: '推算', override: '本地调整' };
/** A provisional day is a statutory holiday computed from the 放假办法: certain as a day off, its 调休 unknown. */
const sourceTag = (s: string | null) =>
  s === 'override' ? (
    <Tag color="purple">本地调整</Tag>
  ) : s === 'provisional' ? (
    <Tag color="orange" title="按《全国年节及纪念日放假办法》推算；调休待国务院通知">
      推算
    </Tag>
  ) : s ? (
    (sourceLabels[s] ?? s)
  ) : (
    '—'
  );

/** A notice is a URL of the 国务院办公厅 announcement; only http(s) links become clickable. */
const noticeLink = (n: string) =>
  /^https?:\/\//.test(n) ? (
    <a href={n} target="_blank" rel="noopener noreferrer">
      {n}
    </a>
  ) : (
    n
  );

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
        {cal.data?.provisional ? (
          <Alert
            type="warning"
            showIcon
            title={`${year} 年的放假安排尚未由国务院办公厅公布：法定节假日（元旦、春节自除夕起、清明、劳动节、端午、中秋、国庆及其补假）已按《全国年节及纪念日放假办法》推算并计为放假，调休尚不可知，期限可能变动。通知公布后请在下方载入。`}
          />
        ) : cal.data?.source ? (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0, wordBreak: 'break-all' }}>
            依据：{noticeLink(cal.data.source)}
          </Typography.Paragraph>
        ) : null}
      </PageHeader>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={`${year} 年节假日与调休`}>
            <Table<CalendarDay>
              rowKey="date"
              size="small"
              loading={cal.isPending}
              dataSource={cal.data?.days}
              scroll={{ x: 'max-content' }}
              pagination={{ pageSize: 40, hideOnSinglePage: true }}
              columns={[
                { title: '日期', dataIndex: 'date' },
                { title: '星期', key: 'weekday', render: (_, d) => weekday(d.date) },
                { title: '类型', key: 'kind', render: (_, d) => kindTag(d.kind, d.kindLabel) },
                { title: '名称', dataIndex: 'name', render: (v: string | null) => v ?? '—' },
                { title: '来源', dataIndex: 'source', render: sourceTag },
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
                { title: '调整为', key: 'kind', render: (_, o) => kindTag(o.kind, o.kindLabel) },
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
      <div style={{ marginTop: 16 }}>
        <OfficialYears onLoaded={setYear} />
      </div>
      <OverrideModal open={adding} onClose={() => setAdding(false)} />
    </>
  );
}
