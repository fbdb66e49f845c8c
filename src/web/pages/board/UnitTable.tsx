import { Link } from 'react-router';
import { Table } from 'antd';
import { fmtRate, type BoardUnitRow } from '../../api/board';
import { unitSeries } from './boardCharts';
import { drillQuery } from './drill';

/**
 * The unit chart's figures as a table: the same drill-downs as the bars,
 * reachable by keyboard and screen reader (a canvas is neither), and exact
 * numbers where the bars only show proportions.
 */
export function UnitTable({ rows }: { rows: BoardUnitRow[] }) {
  return (
    <Table<BoardUnitRow>
      rowKey={(r) => r.unit.id}
      size="small"
      pagination={false}
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: '单位', key: 'unit', fixed: 'left', render: (_, r) => r.unit.name },
        ...unitSeries.map((s) => ({
          title: s.name,
          key: s.key,
          render: (_: unknown, r: BoardUnitRow) => (
            <Link to={`/matters?${drillQuery(r, s.name)}`} aria-label={`${r.unit.name}${s.name} ${r[s.key]} 项`}>
              {r[s.key]}
            </Link>
          ),
        })),
        { title: '按时办结率', key: 'rate', render: (_, r) => fmtRate(r.onTimeRate) },
      ]}
    />
  );
}
