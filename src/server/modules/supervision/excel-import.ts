import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/connect';
import { units, users } from '../../db/schema';
import type { Deps } from '../../deps';
import { AppError } from '../../errors';
import type { Actor, RequestMeta } from '../../http/context';
import { chinaDateOf, type IsoDate } from '../../domain/calendar/dates';
import { appendAudit } from '../audit/service';
import { loadWorkCalendar } from '../calendar/service';
import { headerOf } from './excel-columns';
import { buildMatter, type BuiltMatter } from './excel-build';
import { importRefused, readImportSheet, type CellError } from './excel-read';
import { validateRow, type ImportLookup } from './excel-rows';
import { writeImported } from './excel-write';
import { domainActor } from './service';
import { settingsForWrite } from './settings-service';

/** Unit names and short names, full names first, so a short name never hides another unit's full name. */
async function loadLookup(tx: Tx, today: IsoDate): Promise<ImportLookup> {
  const unitRows = await tx.select({ id: units.id, name: units.name, shortName: units.shortName }).from(units).where(eq(units.active, true));
  const leaderRows = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.active, true), sql`'leader' = ANY(${users.roles})`));
  const add = (map: Map<string, string[]>, key: string, id: string) => map.set(key, [...(map.get(key) ?? []), id]);
  const byName = new Map<string, string[]>();
  for (const u of unitRows) add(byName, u.name, u.id);
  const byShort = new Map<string, string[]>();
  for (const u of unitRows) if (u.shortName && !byName.has(u.shortName)) add(byShort, u.shortName, u.id);
  const leaders = new Map<string, string[]>();
  for (const l of leaderRows) add(leaders, l.name, l.id);
  return { today, units: new Map([...byShort, ...byName]), leaders };
}

/** The column a domain refusal is about, from its wording; the row is always exact. */
function columnOfRefusal(message: string): string {
  if (/时限|期限/.test(message)) return headerOf('deadline');
  if (/单位/.test(message)) return headerOf('leadUnit');
  if (/标题/.test(message)) return headerOf('title');
  if (/分类/.test(message)) return headerOf('categories');
  return '整行';
}

/**
 * 台账导入: every row and every cell is checked, and the rows are built
 * through the domain, before anything is written; then all of them are
 * written in one transaction, or none. Errors come back together as a 422
 * listing { row, column, message }.
 */
export async function importMatters(deps: Deps, meta: RequestMeta, actor: Actor, content: Buffer): Promise<{ imported: number; ids: string[] }> {
  const sheet = await readImportSheet(content);
  const now = deps.clock.now();
  const supervisor = domainActor(actor);
  return deps.db.transaction(async (tx) => {
    const settings = await settingsForWrite(tx);
    const lookup = await loadLookup(tx, chinaDateOf(now));
    const calendar = await loadWorkCalendar(tx);
    const errors: CellError[] = [...sheet.errors];
    const built: BuiltMatter[] = [];
    for (const s of sheet.rows) {
      const checked = validateRow(s, lookup);
      errors.push(...checked.errors);
      if (!checked.row) continue;
      try {
        built.push(buildMatter(checked.row, supervisor, now, calendar));
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500) throw e;
        errors.push({ row: s.row, column: columnOfRefusal(e.message), message: e.message });
      }
    }
    if (errors.length) throw importRefused(errors);
    const codes = await writeImported(tx, deps, calendar, settings, actor, built);
    await appendAudit(tx, deps.clock, meta, {
      action: 'matter.import',
      objectType: 'matter',
      detail: { count: built.length, firstCode: codes[0], lastCode: codes.at(-1) },
    });
    return { imported: built.length, ids: built.map((b) => b.matter.id) };
  });
}
