import { Link, useSearchParams } from 'react-router';
import dayjs from 'dayjs';
import { Alert, Button, DatePicker, Segmented, Space, Table, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { fmtFigure, statsColumns, type StatsColumn } from '../../../shared/stats-format';
import type { SupervisionStats } from '../../../shared/supervision';
import { ledgerQueryString } from '../../api/matters';
import { statsXlsxUrl, useStats, type UnitStatsRow } from '../../api/stats';
import { PageHeader } from '../../components/PageHeader';
import { periodFromSearch, periodKindLabels, periodOf, periodTitle, type Period, type PeriodKind } from './period';

const kinds = Object.keys(periodKindLabels) as PeriodKind[];

/** Ascending by the figure; a figure that does not exist (no rate, no mean) stays at the bottom either way. */
function byFigure(c: StatsColumn) {
  return (a: UnitStatsRow, b: UnitStatsRow, order?: 'ascend' | 'descend' | null) => {
    const [x, y] = [a[c.key], b[c.key]];
    if (x === null || y === null) return x === y ? 0 : (x === null ? 1 : -1) * (order === 'descend' ? -1 : 1);
    return x - y;
  };
}

const columns: TableColumnsType<UnitStatsRow> = [
  {
    title: '单位',
    key: 'unit',
    fixed: 'left',
    sorter: (a, b) => a.unit.name.localeCompare(b.unit.name, 'zh-CN'),
    render: (_, r) => <Link to={`/matters?${ledgerQueryString({ leadUnitId: r.unit.id })}`}>{r.unit.name}</Link>,
  },
  ...statsColumns.map((c) => ({
    title: c.header,
    key: c.key,
    align: 'right' as const,
    sorter: byFigure(c),
    render: (_: unknown, r: UnitStatsRow) => fmtFigure(r, c),
  })),
];

function TotalRow({ total }: { total: SupervisionStats }) {
  return (
    <Table.Summary fixed>
      <Table.Summary.Row>
        <Table.Summary.Cell index={0}>
          <Typography.Text strong>合计</Typography.Text>
        </Table.Summary.Cell>
        {statsColumns.map((c, i) => (
          <Table.Summary.Cell key={c.key} index={i + 1} align="right">
            <Typography.Text strong>{fmtFigure(total, c)}</Typography.Text>
          </Table.Summary.Cell>
        ))}
      </Table.Summary.Row>
    </Table.Summary>
  );
}

/** The period picker for the kind chosen: one month, quarter or year, or a free range. */
function PeriodPicker({ period, onChange }: { period: Period; onChange: (p: Period) => void }) {
  const from = dayjs(period.from);
  if (period.kind === 'custom') {
    return (
      <DatePicker.RangePicker
        aria-label="统计期间"
        allowClear={false}
        value={[from, dayjs(period.to)]}
        onChange={(v) => v?.[0] && v[1] && onChange({ kind: 'custom', from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') })}
      />
    );
  }
  return (
    <DatePicker
      aria-label="统计期间"
      allowClear={false}
      picker={period.kind}
      value={from}
      format={period.kind === 'quarter' ? () => periodTitle(period) : undefined}
      onChange={(d) => d && onChange(periodOf(period.kind, d))}
    />
  );
}

/**
 * 督办统计: GET /supervision/stats for a period, one row per lead unit with
 * every figure sortable, the 合计 beneath, and the same as .xlsx. A rate or
 * mean with nothing behind it reads "—", never "0.0%".
 */
export function StatsPage() {
  const [params, setParams] = useSearchParams();
  const period = periodFromSearch(params);
  const setPeriod = (p: Period) => setParams({ period: p.kind, from: p.from, to: p.to }, { replace: true });
  const stats = useStats({ from: period.from, to: period.to });
  const data = stats.data;

  return (
    <>
      <PageHeader
        title="督办统计"
        extra={
          <Space wrap>
            <Segmented
              aria-label="统计周期"
              options={kinds.map((k) => ({ value: k, label: periodKindLabels[k] }))}
              value={period.kind}
              onChange={(k) => setPeriod(periodOf(k as PeriodKind, dayjs(period.from)))}
            />
            <PeriodPicker period={period} onChange={setPeriod} />
            <Button icon={<DownloadOutlined />} href={statsXlsxUrl({ from: period.from, to: period.to })} download disabled={!data || stats.isError}>
              导出 Excel
            </Button>
          </Space>
        }
      >
        <Typography.Text type="secondary">
          {periodTitle(period)}（{period.from} 至 {period.to}）{data ? `，按 ${data.asOf} 已知的办理记录计算` : ''}。按牵头单位统计；按时办结率 =
          按批准期限办结数 ÷ 期间内办结或逾期的事项数，期间内没有应办结的事项时显示“—”。合计按事项计算，不是各单位比率的平均。
        </Typography.Text>
      </PageHeader>
      {stats.isError && <Alert type="error" showIcon title={stats.error.message} style={{ marginBottom: 16 }} />}
      <Table<UnitStatsRow>
        data-testid="stats-table"
        rowKey={(r) => r.unit.id}
        size="small"
        bordered
        loading={stats.isFetching}
        pagination={false}
        dataSource={stats.isError ? [] : (data?.units ?? [])}
        columns={columns}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '本期间暂无数据' }}
        summary={() => (data && !stats.isError && data.units.length > 0 ? <TotalRow total={data.total} /> : null)}
      />
    </>
  );
}
