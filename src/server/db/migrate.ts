import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './connect';

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export function listMigrations(): { name: string; text: string }[] {
  return fs
    .readdirSync(migrationsDir)
    .filter((f) => /^\d{4}_.+\.sql$/.test(f))
    .sort()
    .map((name) => ({ name, text: fs.readFileSync(path.join(migrationsDir, name), 'utf8') }));
}

/**
 * Applies the reviewed SQL files in order, each once, all in one transaction.
 * Re-runnable: applied names are recorded. An advisory lock keeps two
 * processes starting against one PostgreSQL from racing.
 */
export async function migrate(database: Database, onApply?: (name: string) => void): Promise<string[]> {
  return database.scriptTransaction(async (s) => {
    await s.exec('SELECT pg_advisory_xact_lock(727001)');
    await s.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = await s.query<{ name: string }>('SELECT name FROM schema_migrations');
    const have = new Set(done.map((r) => r.name));
    const applied: string[] = [];
    for (const m of listMigrations()) {
      if (have.has(m.name)) continue;
      onApply?.(m.name);
      await s.exec(m.text);
      await s.query('INSERT INTO schema_migrations (name) VALUES ($1)', [m.name]);
      applied.push(m.name);
    }
    return applied;
  });
}
