import type { Deps } from '../../deps';
import type { RequestMeta } from '../../http/context';
import type { CalendarChangeHook } from './routes';
import { putOfficialYear } from './service';

/**
 * Loads a year's notice and lets the modules that store calendar-computed
 * values follow, all in one transaction (the route and `zhongshu calendar
 * load-official` both come here): the hooks' locks first, the file, the
 * recalculations, then the hooks' recompute. Returns how many records the
 * hooks moved (matters whose deadline was recounted).
 */
export async function loadOfficialYear(deps: Deps, meta: RequestMeta, year: number, raw: unknown, hooks: readonly CalendarChangeHook[]): Promise<number> {
  return deps.db.transaction(async (tx) => {
    for (const h of hooks) await h.before(tx);
    const change = await putOfficialYear(tx, deps.clock, meta, year, raw);
    let moved = 0;
    for (const h of hooks) moved += (await h.officialYearLoaded?.(tx, deps, change)) ?? 0;
    for (const h of hooks) await h.after(tx);
    return moved;
  });
}
