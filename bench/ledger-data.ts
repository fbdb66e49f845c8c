// Data for the ledger benchmark: 示例县 and a year of template matters made
// by the real service (the demo seeder: every event, light and statistic is
// what the loop itself produced), widened to 500 units, then cloned in bulk
// SQL until there are N matters. A clone keeps its template's dates, events
// and states and moves to another unit, so every clone replays to the same
// figures as its template: statistics run over real event logs.
import { sql } from 'drizzle-orm';
import type { Database } from '../src/server/db/connect';
import type { Deps } from '../src/server/deps';
import { seedDemo } from '../src/server/demo/seed';
import { createUnit } from '../src/server/modules/units/service';
import { advisoryGuard } from '../src/server/jobs/lock';
import { sweepMatters } from '../src/server/modules/supervision/sweeper';

export const UNITS = 500;

export interface BenchData {
  matters: number;
  events: number;
  templates: number;
}

const one = async <R>(db: Database, text: string): Promise<R> => db.scriptTransaction(async (s) => (await s.query<R>(text))[0]!);
const run = (db: Database, text: string) => db.scriptTransaction((s) => s.exec(text));
const count = async (db: Database, table: string) => Number((await one<{ n: string }>(db, `SELECT count(*)::bigint AS n FROM ${table}`)).n);

/** Generates once; on a database that already holds the data (BENCH_REUSE_DB) it only counts. */
export async function ensureBenchData(database: Database, deps: Deps, n: number, say: (s: string) => void): Promise<BenchData> {
  const existing = await count(database, 'matters');
  if (existing > 0) {
    return { matters: existing, events: await count(database, 'matter_events'), templates: 0 };
  }
  let t = Date.now();
  await seedDemo(deps);
  const templates = await count(database, 'matters');
  // Today's reminders and escalations are sent before cloning, as the daily job would have: clones inherit them.
  const swept = await sweepMatters(deps, advisoryGuard(database.db, 'sweep-matters'));
  say(`示例县 + ${templates} template matters through the service, swept (${swept.actions} actions), in ${((Date.now() - t) / 1000).toFixed(1)} s`);

  t = Date.now();
  const meta = { ip: '127.0.0.1', requestId: 'bench', actor: null };
  const have = await count(database, 'units');
  const rootId = (await one<{ id: string }>(database, `SELECT id FROM units WHERE parent_id IS NULL LIMIT 1`)).id;
  await database.db.transaction(async (tx) => {
    for (let i = have; i < UNITS; i++) {
      await createUnit(tx, deps.clock, meta, { name: `单位${i}`, type: i % 3 ? 'department' : 'township', code: `B${i}`, parentId: rootId });
    }
  });

  // cm: one row per clone — its new id and the units it moves to (a fixed shift per copy over the 499 non-root units).
  const copies = Math.max(0, Math.ceil(n / templates) - 1);
  await run(
    database,
    `
    CREATE TABLE bench_units AS SELECT (row_number() OVER (ORDER BY path) - 1)::int AS k, id FROM units WHERE parent_id IS NOT NULL;
    CREATE TABLE bench_clones AS
      SELECT c, tm.t, tm.id AS old_id, (substr(hh.h, 1, 12) || '4' || substr(hh.h, 14, 3) || '8' || substr(hh.h, 18, 15))::uuid AS new_id,
             tm.lead_unit_id AS old_lead, nl.id AS new_lead, co.unit_id AS old_co, nc.id AS new_co
      FROM (SELECT (row_number() OVER (ORDER BY opened_at, id) - 1)::int AS t, id, lead_unit_id FROM matters) tm
      CROSS JOIN generate_series(1, ${copies}) AS c
      CROSS JOIN LATERAL (SELECT md5(c || ':' || tm.id) AS h) hh
      LEFT JOIN bench_units ol ON ol.id = tm.lead_unit_id
      LEFT JOIN bench_units nl ON nl.k = (ol.k + c * 17) % (SELECT count(*) FROM bench_units)
      LEFT JOIN matter_units co ON co.matter_id = tm.id AND co.role = 'co'
      LEFT JOIN bench_units oc ON oc.id = co.unit_id
      LEFT JOIN bench_units nc ON nc.k = (oc.k + c * 17) % (SELECT count(*) FROM bench_units)
      WHERE c * ${templates} + tm.t < ${n};
    CREATE INDEX ON bench_clones (old_id);`,
  );
  // Moves a jsonb value's text from the template's matter and units to the clone's.
  const moved = (col: string) => `replace(replace(replace(${col}::text, cm.old_id::text, cm.new_id::text),
      coalesce(cm.old_lead::text, '-'), coalesce(cm.new_lead::text, '-')), coalesce(cm.old_co::text, '-'), coalesce(cm.new_co::text, '-'))::jsonb`;
  await run(
    database,
    `
    INSERT INTO matters (id, code, parent_id, title, requirement, source, source_ref, priority, categories, lead_unit_id,
      instructing_leader_id, state, deadline, original_deadline, light_mode, yellow_from, red_from, sweep_due, unit_ids, opened_by, opened_at,
      assigned_at, closed_at, completed_on, snapshot, version, updated_at)
    SELECT cm.new_id, '督办〔B〕' || cm.c || '-' || cm.t || '号', NULL, m.title || '（' || cm.c || '）', m.requirement, m.source,
      m.source_ref, m.priority, m.categories, cm.new_lead, m.instructing_leader_id, m.state, m.deadline, m.original_deadline,
      m.light_mode, m.yellow_from, m.red_from, m.sweep_due,
      array_remove(ARRAY[cm.new_lead, cm.new_co], NULL), m.opened_by, m.opened_at, m.assigned_at, m.closed_at, m.completed_on,
      ${moved('m.snapshot')}, m.version, m.updated_at
    FROM bench_clones cm JOIN matters m ON m.id = cm.old_id`,
  );
  say(`cloned ${await count(database, 'matters')} matters in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  t = Date.now();
  await run(
    database,
    `
    INSERT INTO matter_units (matter_id, unit_id, role, handler)
    SELECT cm.new_id, CASE WHEN mu.role = 'lead' THEN cm.new_lead ELSE cm.new_co END, mu.role, mu.handler
    FROM bench_clones cm JOIN matter_units mu ON mu.matter_id = cm.old_id`,
  );
  await run(
    database,
    `
    INSERT INTO matter_events (matter_id, seq, type, actor_id, at, state, comment, attachment_ids, payload)
    SELECT cm.new_id, e.seq, e.type, e.actor_id, e.at, e.state, e.comment, e.attachment_ids, ${moved('e.payload')}
    FROM bench_clones cm JOIN matter_events e ON e.matter_id = cm.old_id`,
  );
  await run(database, 'DROP TABLE bench_clones; DROP TABLE bench_units');
  // As autovacuum would have by then: statistics, and the visibility map that lets the ledger's index-only scans skip the table.
  // (One statement outside any transaction block, which VACUUM needs.)
  await database.db.execute(sql.raw('VACUUM ANALYZE'));
  const events = await count(database, 'matter_events');
  say(`cloned ${events} events in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  return { matters: await count(database, 'matters'), events, templates };
}
