import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import dayjs, { type Dayjs } from 'dayjs';
import { Alert, Card, Col, DatePicker, Empty, Grid, Row, Segmented, Skeleton, Space, Typography } from 'antd';
import { useBoard } from '../../api/board';
import { EChart, type ChartClick } from '../../components/EChart';
import { PageHeader } from '../../components/PageHeader';
import { ganttOption, ganttRows, rateSeriesName, trendOption, unitsOption } from './boardCharts';
import { drillQuery } from './drill';
import { UnitTable } from './UnitTable';
import { LightList } from './LightList';

/**
 * 挂图作战: the period's figures per unit, today's red and yellow lists, a
 * Gantt of open matters and the twelve-month trend; every bar and row leads
 * to the matters behind it. The period defaults to this year up to today,
 * which is also the server's default.
 */
export function BoardPage() {
  const navigate = useNavigate();
  const narrow = !Grid.useBreakpoint().md;
  const [unitView, setUnitView] = useState<'图表' | '表格'>('图表');
  const [period, setPeriod] = useState<[Dayjs, Dayjs]>(() => [dayjs().startOf('year'), dayjs()]);
  const query = { from: period[0].format('YYYY-MM-DD'), to: period[1].format('YYYY-MM-DD') };
  const board = useBoard(query);
  const data = board.data;

  // Options are rebuilt only when the data (or layout) changes, so a re-render does not replay the chart animation.
  // Worst first (most overdue, then most work), so the top of the chart is where attention is due; the server's order is not meaningful.
  const unitRows = useMemo(
    () =>
      [...(data?.units ?? [])].sort(
        (a, b) => b.overdue - a.overdue || b.assigned - a.assigned || a.unit.name.localeCompare(b.unit.name, 'zh-CN'),
      ),
    [data],
  );
  const units = useMemo(() => unitsOption(unitRows, narrow), [unitRows, narrow]);
  const gantt = useMemo(() => (data ? ganttOption(data.gantt.items, data.asOf, narrow) : null), [data, narrow]);
  const trend = useMemo(() => (data ? trendOption(data.trend) : null), [data]);
  const ganttCount = data ? ganttRows(data.gantt.items).length : 0;

  const onUnitClick = (p: ChartClick) => {
    const row = unitRows[p.dataIndex];
    if (!row) return;
    navigate(`/matters?${drillQuery(row, p.seriesName === rateSeriesName ? undefined : p.seriesName)}`);
  };
  const onGanttClick = (p: ChartClick) => {
    const row = data ? ganttRows(data.gantt.items)[p.dataIndex] : undefined;
    if (row) navigate(`/matters/${row.id}`);
  };

  return (
    <>
      <PageHeader
        title="挂图作战"
        extra={
          <Space wrap>
            <Typography.Text type="secondary">统计期间</Typography.Text>
            <DatePicker.RangePicker
              aria-label="统计期间"
              allowClear={false}
              value={period}
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              onChange={(v) => v?.[0] && v[1] && setPeriod([v[0], v[1]])}
            />
          </Space>
        }
      >
        {data && (
          <Typography.Text type="secondary">
            {data.from} 至 {data.to}，灯色截至 {data.asOf}。点击单位柱条查看对应事项，点击甘特图横条打开事项。
          </Typography.Text>
        )}
      </PageHeader>
      {board.isError && <Alert type="error" showIcon title={board.error.message} style={{ marginBottom: 16 }} />}
      {!data ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <Card
              title="各单位办理情况"
              size="small"
              data-testid="chart-units"
              extra={<Segmented size="small" options={['图表', '表格']} value={unitView} onChange={(v) => setUnitView(v as '图表' | '表格')} />}
              styles={unitView === '表格' ? { body: { padding: 0 } } : undefined}
            >
              {unitRows.length && unitView === '表格' ? (
                <UnitTable rows={unitRows} />
              ) : unitRows.length ? (
                <EChart label="各单位交办、在办、逾期、办结数及按时办结率" option={units} height={Math.max(280, (narrow ? 110 : 80) + unitRows.length * 46)} onClick={onUnitClick} />
              ) : (
                <Empty description="本期间暂无数据" />
              )}
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card title="月度趋势（近 12 个月）" size="small" data-testid="chart-trend">
              {trend && <EChart label="近 12 个月交办与办结数" option={trend} height={narrow ? 260 : 320} />}
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <LightList title="红灯事项" light="red" list={data.red} />
          </Col>
          <Col xs={24} lg={12}>
            <LightList title="黄灯事项" light="yellow" list={data.yellow} />
          </Col>
          <Col span={24}>
            <Card title={`在办事项甘特图（${data.gantt.total}）`} size="small" data-testid="chart-gantt">
              {ganttCount && gantt ? (
                <EChart label="在办事项从交办到期限的甘特图，颜色为红黄绿灯" option={gantt} height={Math.min(640, 80 + Math.min(ganttCount, 20) * 26)} onClick={onGanttClick} />
              ) : (
                <Empty description="暂无在办事项" />
              )}
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
