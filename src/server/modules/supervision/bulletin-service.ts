import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/connect';
import { users } from '../../db/schema';
import type { Deps } from '../../deps';
import { AppError, notFound, stale } from '../../errors';
import { assertNotClassified } from '../../domain/text';
import { chinaDateOf, type IsoDate } from '../../domain/calendar/dates';
import type { Actor, RequestMeta } from '../../http/context';
import { businessRoles } from '../../../shared/roles';
import { appendAudit } from '../audit/service';
import { notify } from '../notifications/notify';
import { bulletinDocx } from './bulletin-docx';
import { bulletins, type BulletinOverdueItem, type BulletinRow } from './bulletin-tables';
import { loadStatsInput, matterLabels, minDate, overdueAtEnd, statsRows } from './stats-service';

/** A bulletin lists at most this many overdue matters (the most overdue); the per-unit table still counts them all. */
export const OVERDUE_LIMIT = 500;

export interface BulletinInput {
  title: string;
  from: IsoDate;
  to: IsoDate;
  praise?: string;
  criticism?: string;
}

/** A draft 通报 with the figures of its period as computed now; the figures stay as they are until it is published. */
export async function createBulletin(deps: Deps, meta: RequestMeta, actor: Actor, input: BulletinInput): Promise<string> {
  assertNotClassified(input.title, input.praise, input.criticism);
  const id = crypto.randomUUID();
  const now = deps.clock.now();
  const today = chinaDateOf(now);
  await deps.db.transaction(async (tx) => {
    const stats = await loadStatsInput(tx, actor, { from: input.from, to: input.to }, today);
    const rows = statsRows(stats, input.from, input.to);
    const late = overdueAtEnd(stats, minDate(input.to, today)).slice(0, OVERDUE_LIMIT);
    const labels = await matterLabels(tx, late.map((o) => o.matterId));
    const overdue: BulletinOverdueItem[] = late.map((o) => ({
      matterId: o.matterId,
      code: labels.get(o.matterId)?.code ?? '',
      title: labels.get(o.matterId)?.title ?? '',
      leadUnit: { id: o.leadUnitId, name: stats.units.get(o.leadUnitId)?.name ?? '' },
      deadline: o.deadline,
      overdueWorkingDays: o.overdueWorkingDays,
    }));
    await tx.insert(bulletins).values({
      id,
      title: input.title,
      periodFrom: input.from,
      periodTo: input.to,
      asOf: today,
      praise: input.praise ?? '',
      criticism: input.criticism ?? '',
      stats: rows,
      overdue,
      docx: null,
      status: 'draft',
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    await appendAudit(tx, deps.clock, meta, {
      action: 'bulletin.create',
      objectType: 'bulletin',
      objectId: id,
      detail: { title: input.title, from: input.from, to: input.to, asOf: today, units: rows.length, overdue: overdue.length },
    });
  });
  return id;
}

/** The draft under a row lock, refusing a stale version (409) and a published bulletin (422). */
async function lockDraft(tx: Tx, id: string, version: number): Promise<BulletinRow> {
  const [row] = await tx.select().from(bulletins).where(eq(bulletins.id, id)).for('update');
  if (!row) throw notFound('通报');
  if (row.version !== version) throw stale();
  if (row.status !== 'draft') throw new AppError('RULE_VIOLATION', '通报已发布，不能再修改或重复发布');
  return row;
}

export interface BulletinEdit {
  title?: string;
  praise?: string;
  criticism?: string;
  version: number;
}

export async function updateBulletin(deps: Deps, meta: RequestMeta, id: string, edit: BulletinEdit): Promise<void> {
  assertNotClassified(edit.title, edit.praise, edit.criticism);
  await deps.db.transaction(async (tx) => {
    const row = await lockDraft(tx, id, edit.version);
    const changes = {
      ...(edit.title !== undefined ? { title: edit.title } : {}),
      ...(edit.praise !== undefined ? { praise: edit.praise } : {}),
      ...(edit.criticism !== undefined ? { criticism: edit.criticism } : {}),
    };
    await tx
      .update(bulletins)
      .set({ ...changes, updatedAt: deps.clock.now(), version: row.version + 1 })
      .where(eq(bulletins.id, id));
    await appendAudit(tx, deps.clock, meta, {
      action: 'bulletin.update',
      objectType: 'bulletin',
      objectId: id,
      detail: { fields: Object.keys(changes), ...(edit.title !== undefined ? { title: edit.title, previousTitle: row.title } : {}) },
    });
  });
}

export const documentOf = (row: BulletinRow, dated: IsoDate) =>
  bulletinDocx({
    title: row.title,
    periodFrom: row.periodFrom,
    periodTo: row.periodTo,
    praise: row.praise,
    criticism: row.criticism,
    stats: row.stats,
    overdue: row.overdue,
    dated,
  });

/** 发布: the .docx is generated once, dated today, stored as issued, and every business account is told. */
export async function publishBulletin(deps: Deps, meta: RequestMeta, id: string, version: number): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const row = await lockDraft(tx, id, version);
    const now = deps.clock.now();
    const docx = await documentOf(row, chinaDateOf(now));
    await tx
      .update(bulletins)
      .set({ status: 'published', docx, publishedAt: now, publishedBy: meta.actor?.userId ?? null, updatedAt: now, version: row.version + 1 })
      .where(eq(bulletins.id, id));
    await appendAudit(tx, deps.clock, meta, {
      action: 'bulletin.publish',
      objectType: 'bulletin',
      objectId: id,
      detail: { title: row.title, size: docx.length, sha256: crypto.createHash('sha256').update(docx).digest('hex') },
    });
    const readers = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.active, true), sql`${users.roles} && ARRAY[${sql.join(businessRoles.map((r) => sql`${r}`), sql`, `)}]::text[]`));
    await notify(tx, deps, {
      userIds: readers.map((r) => r.id),
      kind: 'bulletin.published',
      title: `督查通报：${row.title}`,
      body: `${row.periodFrom} 至 ${row.periodTo} 的督查通报已发布，请查阅。`,
      link: `/bulletins/${id}`,
    });
  });
}
