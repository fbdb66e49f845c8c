/** The integration suite runs on PGlite, or on PostgreSQL when TEST_DB_ENGINE=postgres (with TEST_DATABASE_URL). */
export const testEngine = (): 'pglite' | 'postgres' =>
  process.env.TEST_DB_ENGINE === 'postgres' && process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
