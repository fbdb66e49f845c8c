import { loadConfig, type Config } from '../server/config';
import { systemClock } from '../server/clock';
import { makeDeps, type Deps } from '../server/deps';
import { openRuntime, type Runtime } from '../server/runtime';

/** An error the CLI reports as a message and an exit code, without a stack. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export const cliConfig = (demoDefault = false): Config => loadConfig(process.env, { demo: demoDefault });

/** Opens the database the way the server does (same lock, same migrations), runs fn, closes. */
export async function withDeps<T>(fn: (deps: Deps, rt: Runtime) => Promise<T>, config = cliConfig()): Promise<T> {
  const rt = await openRuntime(config, (m) => console.error(m));
  try {
    return await fn(makeDeps(rt.database.db, rt.database.engine, systemClock, config), rt);
  } finally {
    await rt.close();
  }
}

/** The CLI acts as the server operator; its audit records say so. */
export const cliMeta = { ip: 'cli', requestId: `cli-${process.pid}`, actor: null };
