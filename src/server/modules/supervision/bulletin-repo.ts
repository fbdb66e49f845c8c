import { and, desc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connect';
import { users } from '../../db/schema';
import type { Actor } from '../../http/context';
import { officeRoles } from '../../../shared/roles';
import { bulletins, type BulletinRow } from './bulletin-tables';

/** Drafts are the office's working papers: only leader, supervisor and staff see them; everyone else sees published bulletins. */
export const seesDrafts = (actor: Actor) => actor.roles.some((r) => officeRoles.includes(r));

const visible = (actor: Actor) => (seesDrafts(actor) ? undefined : eq(bulletins.status, 'published'));

/** Everything but the document bytes, which only the download reads. */
const listColumns = Object.fromEntries(Object.entries(getTableColumns(bulletins)).filter(([k]) => k !== 'docx')) as Omit<
  ReturnType<typeof getTableColumns<typeof bulletins>>,
  'docx'
>;

export type BulletinMeta = Omit<BulletinRow, 'docx'>;

export async function listBulletins(db: Executor, actor: Actor, status: 'draft' | 'published' | undefined, limit: number, offset: number) {
  const where = and(visible(actor), status ? eq(bulletins.status, status) : undefined);
  const [rows, [count]] = await Promise.all([
    db
      .select(listColumns)
      .from(bulletins)
      .where(where)
      .orderBy(desc(bulletins.periodTo), desc(bulletins.createdAt), bulletins.id)
      .limit(limit)
      .offset(offset),
    db.select({ total: sql<number>`count(*)::int` }).from(bulletins).where(where),
  ]);
  return { rows: rows as BulletinMeta[], total: count!.total };
}

export async function findBulletin(db: Executor, actor: Actor, id: string): Promise<BulletinMeta | null> {
  const [row] = await db.select(listColumns).from(bulletins).where(and(eq(bulletins.id, id), visible(actor)));
  return (row as BulletinMeta | undefined) ?? null;
}

export async function bulletinWithDocument(db: Executor, actor: Actor, id: string): Promise<BulletinRow | null> {
  const [row] = await db.select().from(bulletins).where(and(eq(bulletins.id, id), visible(actor)));
  return row ?? null;
}

export async function userNames(db: Executor, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((i): i is string => i !== null))];
  if (!wanted.length) return new Map<string, string>();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}
