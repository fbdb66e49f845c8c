/**
 * ECharts options for 挂图作战, built from GET /supervision/board as is.
 * Kept apart from the page so the page reads as layout, and these as
 * pictures.
 */
import type { Board, BoardUnitRow, GanttItem } from '../../api/board';
import type { EChartsOption } from '../../components/EChart';
import type { Light } from '../../../shared/supervision';

export const lightColor: Record<Light, string> = { red: '#f5222d', yellow: '#faad14', green: '#52c41a', none: '#bfbfbf' };

/** The four counts of a unit, in the order they are drawn; `key` also picks the ledger filter of a drill-down. */
export const unitSeries = [
  { key: 'assigned', name: '交办', color: '#1677ff' },
  { key: 'inProgress', name: '在办', color: '#13c2c2' },
  { key: 'overdue', name: '逾期', color: '#f5222d' },
  { key: 'closed', name: '办结', color: '#52c41a' },
] as const;
export const rateSeriesName = '按时办结率';

/**
 * Per unit: grouped horizontal bars (unit names are long Chinese names,
 * which read better down the side than slanted under a column), with the
 * on-time rate as a marker against its own 0–100 % axis on top (a marker,
 * not a line: units are not a sequence, so nothing lies between them).
 */
export function unitsOption(units: BoardUnitRow[], narrow: boolean): EChartsOption {
  const names = units.map((u) => u.unit.name);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    // On a phone the five legend entries take two lines; the grid starts below them.
    grid: { left: 8, right: 24, top: narrow ? 84 : 56, bottom: 8, containLabel: true },
    xAxis: [
      { type: 'value', name: '件', minInterval: 1 },
      { type: 'value', name: '%', min: 0, max: 100, position: 'top', splitLine: { show: false } },
    ],
    yAxis: { type: 'category', data: names, inverse: true, axisLabel: { width: 110, overflow: 'truncate' } },
    series: [
      ...unitSeries.map((s) => ({
        type: 'bar',
        name: s.name,
        itemStyle: { color: s.color },
        barMaxWidth: 10,
        data: units.map((u) => u[s.key]),
      })),
      {
        type: 'scatter',
        name: rateSeriesName,
        symbol: 'diamond',
        symbolSize: 10,
        xAxisIndex: 1,
        itemStyle: { color: '#722ed1' },
        tooltip: { valueFormatter: (v: unknown) => (Array.isArray(v) && typeof v[0] === 'number' ? `${v[0]}%` : typeof v === 'number' ? `${v}%` : '—') },
        // A scatter needs both coordinates: [rate, unit row]; '-' leaves out a unit with no rate.
        data: units.map((u, i) => [u.onTimeRate === null ? '-' : Math.round(u.onTimeRate * 1000) / 10, i]),
      },
    ],
  };
}

const dayMs = 86_400_000;
const startOf = (g: GanttItem) => (g.assignedAt ? new Date(g.assignedAt).getTime() : Date.now());
const endOf = (g: GanttItem) => (g.deadline ? new Date(`${g.deadline}T23:59:59+08:00`).getTime() : startOf(g) + dayMs);
const short = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** The rows the Gantt can draw: an open matter needs a deadline to have a bar. */
export const ganttRows = (items: GanttItem[]) => items.filter((g) => g.deadline);

/**
 * 甘特图: one bar per open matter from assignment to deadline, coloured by
 * its light, so a glance shows what runs out first. A red (overdue)
 * matter's bar goes on, paler, from its deadline to today: the length of
 * the overrun is what the board is there to show. Other lights stop at the
 * deadline (a matter under review or suspended is not overrunning).
 */
export function ganttOption(items: GanttItem[], asOf: string, narrow: boolean): EChartsOption {
  const rows = ganttRows(items);
  const today = new Date(`${asOf}T12:00:00+08:00`).getTime();
  return {
    tooltip: {
      formatter: (p: { dataIndex: number }) => {
        const g = rows[p.dataIndex]!;
        const from = g.assignedAt ? g.assignedAt.slice(0, 10) : '—';
        // Plain lines: tooltips are drawn on the canvas (EChart.tsx), where markup would show as text.
        return `${g.code}\n${g.title}\n${g.leadUnit?.name ?? ''} · ${g.stateLabel} · ${g.lightLabel}\n${from} 至 ${g.deadline}`;
      },
    },
    grid: { left: 8, right: 24, top: 16, bottom: 32, containLabel: true },
    xAxis: { type: 'time', axisLabel: { hideOverlap: true } },
    yAxis: {
      type: 'category',
      inverse: true,
      // On phones the title is left to the tooltip; the code alone names the matter.
      data: rows.map((g) => (narrow ? g.code : `${g.code} ${short(g.title, 12)}`)),
      axisLabel: { width: narrow ? 110 : 220, overflow: 'truncate' },
    },
    // Only a window of rows at a time when there are many; the slider scrolls the rest.
    dataZoom: rows.length > 20 ? [{ type: 'slider', yAxisIndex: 0, start: 0, end: (20 / rows.length) * 100, width: 14, right: 4 }] : [],
    series: [
      {
        type: 'custom',
        name: '在办事项',
        // Dimension 3 (where a red bar's overrun ends) is on the x axis too, so the axis reaches today.
        encode: { x: [0, 1, 3], y: 2 },
        data: rows.map((g, i) => ({ value: [startOf(g), endOf(g), i, g.light === 'red' ? Math.max(endOf(g), today) : endOf(g)], itemStyle: { color: lightColor[g.light] } })),
        renderItem: (
          params: { coordSys: { x: number; y: number; width: number; height: number } },
          api: { value: (i: number) => number; coord: (v: number[]) => number[]; size: (v: number[]) => number[]; style: () => object },
        ) => {
          const [x0, y] = api.coord([api.value(0), api.value(2)]) as [number, number];
          const [x1] = api.coord([api.value(1), api.value(2)]) as [number, number];
          const [x2] = api.coord([api.value(3), api.value(2)]) as [number, number];
          const h = (api.size([0, 1])[1] ?? 16) * 0.6;
          const c = params.coordSys;
          if (y < c.y || y > c.y + c.height) return null;
          // Clipped to the grid, so bars scrolled out by the slider do not paint over the axis labels.
          const rect = (a: number, b: number, opacity: number) => {
            const left = Math.max(a, c.x);
            const right = Math.min(b, c.x + c.width);
            return right > left ? { type: 'rect', shape: { x: left, y: y - h / 2, width: right - left, height: h }, style: { ...api.style(), opacity } } : null;
          };
          return { type: 'group', children: [rect(x0, x1, 1), rect(x1, x2, 0.35)].filter(Boolean) };
        },
      },
    ],
  };
}

/** 月度趋势: assigned against closed over the last twelve months. */
export function trendOption(trend: Board['trend']): EChartsOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: trend.months, boundaryGap: false },
    yAxis: { type: 'value', name: '件', minInterval: 1 },
    series: [
      { type: 'line', name: '交办', smooth: true, itemStyle: { color: '#1677ff' }, data: trend.assigned },
      { type: 'line', name: '办结', smooth: true, itemStyle: { color: '#52c41a' }, areaStyle: { opacity: 0.1 }, data: trend.closed },
    ],
  };
}
