import ExcelJS from 'exceljs';
import { NO_FIGURE, statsColumns, type StatsColumn } from '../../../shared/stats-format';
import type { SupervisionStats } from '../../../shared/supervision';
import { quoteCell, quoteRow } from '../../domain/xlsx-cell';
import type { UnitStats } from './stats-service';

export const STATS_SHEET = '督办统计';
export const STATS_HELP_SHEET = '统计口径';
export const TOTAL_LABEL = '合计';

export interface StatsWorkbook {
  from: string;
  to: string;
  asOf: string;
  units: UnitStats[];
  total: SupervisionStats;
}

/** What each figure means, as GET /supervision/stats documents it (shared/supervision.ts is the definition). */
const meaning: Record<StatsColumn['key'], string> = {
  assigned: '期间内交办给该单位的次数（含退回理由成立后改派给该单位）',
  closed: '该单位牵头期间办结的事项数（审核通过且无需复核，或复核通过）',
  closedOnTimeOriginal: '办结事项中，单位负责人同意报结之日不晚于原定期限的',
  closedOnTimeApproved: '办结事项中，不晚于现行期限（含批准延期、恢复办理、重办时限）的',
  overdue: '期间内至少有一天超过现行期限仍在办理的事项数（退回理由成立的改派前不计）',
  onTimeRate: '按批准期限办结数 ÷ 期间内办结或逾期的事项数；期间内无办结也无逾期时显示“—”',
  avgWorkingDaysToClose: '办结事项自本次交办至办结的平均工作日；无办结时显示“—”',
  returns: '该单位提出退回的次数',
  extensions: '批准延期的次数',
  recheckFailures: '复核未通过次数（含回头看重新办理）',
  lookBackFailures: '回头看重新办理的次数',
};

/**
 * A number stays a number (so the sheet can be sorted and summed) with the
 * format the page shows; a rate or mean with nothing behind it is the dash,
 * never 0 — "0.0%" would say every matter was late when none was due.
 */
function figure(s: SupervisionStats, c: StatsColumn): number | string {
  const v = s[c.key];
  return v === null ? NO_FIGURE : v;
}

const numFmt: Record<StatsColumn['kind'], string | undefined> = { count: '0', rate: '0.0%', mean: '0.0' };

/** 督办统计 as .xlsx: one row per unit in the page's order, the 合计 row, and a sheet of definitions. Small: built in memory. */
export async function statsWorkbook(w: StatsWorkbook): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '中枢';
  const ws = wb.addWorksheet(STATS_SHEET, { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
  ws.columns = [
    { header: '单位', key: 'unit', width: 24 },
    ...statsColumns.map((c) => ({ header: c.header, key: c.key, width: Math.max(8, c.header.length * 2 + 2) })),
  ];
  ws.getRow(1).font = { bold: true };
  const add = (label: string, s: SupervisionStats) => {
    const row = ws.addRow([quoteCell(label), ...statsColumns.map((c) => figure(s, c))]);
    statsColumns.forEach((c, i) => {
      const cell = row.getCell(i + 2);
      if (typeof cell.value === 'number' && numFmt[c.kind]) cell.numFmt = numFmt[c.kind]!;
      if (cell.value === NO_FIGURE) cell.alignment = { horizontal: 'right' };
    });
    return row;
  };
  for (const u of w.units) add(u.unit.name, u);
  add(TOTAL_LABEL, w.total).font = { bold: true };

  const help = wb.addWorksheet(STATS_HELP_SHEET);
  help.columns = [
    { header: '项目', key: 'item', width: 24 },
    { header: '说明', key: 'text', width: 90 },
  ];
  help.getRow(1).font = { bold: true };
  help.addRow(quoteRow({ item: '统计期间', text: `${w.from} 至 ${w.to}（含两端），按 ${w.asOf} 已知的办理记录计算` }));
  help.addRow(quoteRow({ item: '统计对象', text: '按牵头单位统计；只列期间内有数据的单位' }));
  help.addRow(quoteRow({ item: TOTAL_LABEL, text: '所列单位合在一起按同一口径计算：事项只计一次，按时办结率按事项计算，不是各单位比率的平均' }));
  for (const c of statsColumns) help.addRow(quoteRow({ item: c.header, text: meaning[c.key] }));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
