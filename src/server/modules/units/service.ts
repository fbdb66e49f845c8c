import crypto from 'node:crypto';
import { and, asc, eq, isNull, like, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/connect';
import { units, users } from '../../db/schema';
import type { Clock } from '../../clock';
import type { Actor, RequestMeta } from '../../http/context';
import { AppError, notFound, stale } from '../../errors';
import type { UnitType } from '../../../shared/roles';
import { appendAudit } from '../audit/service';
import { unitPathScope } from './scope';

export interface UnitInput {
  name: string;
  shortName?: string | null;
  type: UnitType;
  parentId?: string | null;
  code: string;
  sortOrder?: number;
}

export async function getUnit(db: Executor, id: string) {
  const [u] = await db.select().from(units).where(eq(units.id, id));
  return u ?? null;
}

export async function listUnits(db: Executor, actor: Actor, opts: { includeInactive?: boolean } = {}) {
  const scope = unitPathScope(actor, units.path);
  return db
    .select()
    .from(units)
    .where(and(scope, opts.includeInactive ? undefined : eq(units.active, true)))
    .orderBy(asc(units.path), asc(units.sortOrder), asc(units.name));
}

/** Friendly answers for the two uniqueness rules; the database constraints stay as the backstop. */
async function assertUnique(tx: Tx, input: { code?: string; name?: string; parentId?: string | null }, selfId?: string) {
  const others = selfId ? sql`${units.id} <> ${selfId}` : undefined;
  if (input.code) {
    const [dup] = await tx.select({ id: units.id }).from(units).where(and(eq(units.code, input.code), others));
    if (dup) throw new AppError('DUPLICATE', `单位编码“${input.code}”已被使用`);
  }
  if (input.name !== undefined && input.parentId !== undefined) {
    const parent = input.parentId === null ? isNull(units.parentId) : eq(units.parentId, input.parentId);
    const [dup] = await tx.select({ id: units.id }).from(units).where(and(eq(units.name, input.name), parent, others));
    if (dup) throw new AppError('DUPLICATE', `同一上级单位下已有名为“${input.name}”的单位，名称不能重复`);
  }
}

export async function createUnit(tx: Tx, clock: Clock, meta: RequestMeta, input: UnitInput) {
  await assertUnique(tx, { code: input.code, name: input.name, parentId: input.parentId ?? null });
  const id = crypto.randomUUID();
  let path = `/${id}/`;
  if (input.parentId) {
    const parent = await getUnit(tx, input.parentId);
    if (!parent) throw new AppError('VALIDATION_FAILED', '上级单位不存在');
    if (!parent.active) throw new AppError('RULE_VIOLATION', '上级单位已停用');
    path = `${parent.path}${id}/`;
  }
  const now = clock.now();
  const [row] = await tx
    .insert(units)
    .values({
      id,
      parentId: input.parentId ?? null,
      name: input.name,
      shortName: input.shortName ?? null,
      type: input.type,
      code: input.code,
      sortOrder: input.sortOrder ?? 0,
      active: true,
      path,
      version: 1,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await appendAudit(tx, clock, meta, { action: 'unit.create', objectType: 'unit', objectId: id, detail: { ...input } });
  return row!;
}

export interface UnitPatch extends Partial<UnitInput> {
  active?: boolean;
  version: number;
}

/** Moving a unit rewrites the materialised path of its whole subtree in the same transaction. */
export async function updateUnit(tx: Tx, clock: Clock, meta: RequestMeta, id: string, patch: UnitPatch) {
  const [cur] = await tx.select().from(units).where(eq(units.id, id)).for('update');
  if (!cur) throw notFound('单位');
  if (cur.version !== patch.version) throw stale();
  let path = cur.path;
  if (patch.parentId !== undefined && patch.parentId !== cur.parentId) {
    if (patch.parentId === null) path = `/${id}/`;
    else {
      const parent = await getUnit(tx, patch.parentId);
      if (!parent) throw new AppError('VALIDATION_FAILED', '上级单位不存在');
      if (parent.path.startsWith(cur.path)) throw new AppError('RULE_VIOLATION', '不能把单位移到它自己的下级单位之下');
      path = `${parent.path}${id}/`;
    }
    await tx
      .update(units)
      .set({ path: sql`${path} || substr(${units.path}, ${cur.path.length + 1})` })
      .where(and(like(units.path, `${cur.path}%`), sql`${units.id} <> ${id}`));
  }
  if (patch.active === false) {
    const [{ n }] = (await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .where(and(eq(users.unitId, id), eq(users.active, true)))) as [{ n: number }];
    if (n > 0) throw new AppError('RULE_VIOLATION', `该单位还有 ${n} 个启用的账号，请先调整或停用这些账号`);
  }
  await assertUnique(
    tx,
    { code: patch.code, name: patch.name ?? cur.name, parentId: patch.parentId !== undefined ? patch.parentId : cur.parentId },
    id,
  );
  const { version: _v, ...changes } = patch;
  const [row] = await tx
    .update(units)
    .set({ ...changes, path, version: cur.version + 1, updatedAt: clock.now() })
    .where(eq(units.id, id))
    .returning();
  await appendAudit(tx, clock, meta, { action: 'unit.update', objectType: 'unit', objectId: id, detail: changes });
  return row!;
}
