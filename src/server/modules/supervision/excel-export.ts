import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { and, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connect';
import { chinaDateOf, type IsoDate } from '../../domain/calendar/dates';
import { quoteRow } from '../../domain/xlsx-cell';
import type { WorkCalendar } from '../../domain/calendar/work-calendar';
import { clockStates, light, workingDaysLeft, type SupervisionSettings } from '../../domain/supervision';
import type { Actor } from '../../http/context';
import {
  lightLabels,
  matterPriorityLabels,
  matterSourceLabels,
  matterStateLabels,
  type MatterPriority,
  type MatterSource,
  type MatterState,
} from '../../../shared/supervision';
import { ledgerWhere, type LedgerQuery } from './ledger';
import { afterInDefaultOrder, deadlineKey, defaultOrder, openRank } from './ledger-order';
import { ledgerExtras, type LedgerExtras } from './ledger-extras';
import { nameBook } from './present';
import type { MatterRow } from './repo';
import { matters } from './tables';

/** Rows per query: big enough to amortise the round trip, small enough to keep memory flat. */
const BATCH = 1000;
/** Stop reading the database while this much of the file waits for a slow client. */
const HIGH_WATER = 4 * 1024 * 1024;

const columns = [
  { header: '编号', key: 'code', width: 18 },
  { header: '标题', key: 'title', width: 40 },
  { header: '来源', key: 'source', width: 14 },
  { header: '优先级', key: 'priority', width: 8 },
  { header: '牵头单位', key: 'leadUnit', width: 20 },
  { header: '协办单位', key: 'coUnits', width: 24 },
  { header: '批示领导', key: 'leader', width: 10 },
  { header: '办理要求', key: 'requirement', width: 40 },
  { header: '交办日期', key: 'assignedOn', width: 12 },
  { header: '原定期限', key: 'originalDeadline', width: 12 },
  { header: '现期限', key: 'deadline', width: 12 },
  { header: '剩余工作日', key: 'daysLeft', width: 10 },
  { header: '红黄绿灯', key: 'light', width: 8 },
  { header: '状态', key: 'state', width: 8 },
  { header: '办结日期', key: 'closedOn', width: 12 },
  { header: '分类', key: 'categories', width: 16 },
  { header: '承办人', key: 'handler', width: 10 },
  { header: '催办次数', key: 'reminders', width: 8 },
  { header: '最近进展', key: 'latestProgress', width: 40 },
];
export const exportHeaders = columns.map((c) => c.header);

/**
 * Keyset pages over the filtered ledger in its default order (ledger-order.ts,
 * the matters_ledger_default index): each query starts after the last row
 * seen, so the 100th batch costs what the first did, unlike OFFSET.
 */
async function* batches(db: Executor, actor: Actor, q: LedgerQuery, today: IsoDate): AsyncGenerator<MatterRow[]> {
  let cursor: Parameters<typeof afterInDefaultOrder>[0] | null = null;
  for (;;) {
    const after = cursor;
    const rows: { row: MatterRow; rank: number; deadline: string }[] = await db
      .select({ row: matters, rank: openRank, deadline: sql<string>`${deadlineKey}::text` })
      .from(matters)
      .where(and(ledgerWhere(actor, q, today), after ? afterInDefaultOrder(after) : undefined))
      .orderBy(...defaultOrder())
      .limit(BATCH);
    if (rows.length === 0) return;
    yield rows.map((r) => r.row);
    const last = rows.at(-1)!;
    cursor = { rank: Number(last.rank), deadline: last.deadline, id: last.row.id };
    if (rows.length < BATCH) return;
  }
}

const dayOf = (d: Date | null) => (d ? chinaDateOf(d) : '');

function rowOf(
  r: MatterRow,
  book: Awaited<ReturnType<typeof nameBook>>,
  extras: LedgerExtras | undefined,
  today: IsoDate,
  calendar: WorkCalendar,
  settings: SupervisionSettings,
) {
  const m = r.snapshot;
  const running = clockStates.includes(m.state);
  return {
    code: r.code,
    title: r.title,
    source: matterSourceLabels[r.source as MatterSource],
    priority: matterPriorityLabels[r.priority as MatterPriority],
    leadUnit: book.unit(r.leadUnitId)?.name ?? '',
    coUnits: m.coUnitIds.map((id) => book.unit(id)?.name ?? '').join('、'),
    leader: book.user(r.instructingLeaderId)?.name ?? r.sourceRef.leaderName ?? '',
    requirement: r.requirement,
    assignedOn: dayOf(r.assignedAt),
    originalDeadline: r.originalDeadline ?? '',
    deadline: r.deadline ?? '',
    // Working days left mean something only while the unit's clock runs.
    daysLeft: running ? (workingDaysLeft(m, today, calendar) ?? '') : '',
    light: lightLabels[light(m, today, calendar, settings)],
    state: matterStateLabels[r.state as MatterState],
    closedOn: dayOf(r.closedAt),
    categories: r.categories.join('、'),
    handler: extras?.handler ?? '',
    reminders: extras?.reminders ?? 0,
    latestProgress: extras?.latestProgress ? `${extras.latestProgress.on} ${extras.latestProgress.text}` : '',
  };
}

function drained(out: PassThrough): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.once('drain', done);
    out.once('close', done);
  });
}

/**
 * The filtered ledger as .xlsx through exceljs's streaming writer: each row
 * is committed (written out and forgotten) as soon as it is added, and the
 * next batch is read only once the client has taken most of the previous
 * one, so memory stays flat however many rows there are. Dates are text
 * 'YYYY-MM-DD', as the ledger shows them; text that could pass for a
 * formula gets a leading ' (quoteRow).
 */
export function ledgerWorkbookStream(
  db: Executor,
  actor: Actor,
  q: LedgerQuery,
  now: Date,
  calendar: WorkCalendar,
  settings: SupervisionSettings,
): PassThrough {
  const out = new PassThrough({ highWaterMark: HIGH_WATER });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('督查台账', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns;
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  const today = chinaDateOf(now);
  (async () => {
    for await (const rows of batches(db, actor, q, today)) {
      const [book, extras] = await Promise.all([nameBook(db, rows), ledgerExtras(db, rows)]);
      for (const r of rows) ws.addRow(quoteRow(rowOf(r, book, extras.get(r.id), today, calendar, settings))).commit();
      if (out.destroyed) return;
      if (out.writableNeedDrain) await drained(out);
    }
    ws.commit();
    await wb.commit();
  })().catch((e: unknown) => out.destroy(e as Error));
  return out;
}
