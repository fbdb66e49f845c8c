import fs from 'node:fs';
import path from 'node:path';

/**
 * PGlite does not lock its data directory, and a second process on the same
 * directory silently loses its writes. We take an exclusive lock file holding
 * our pid; a lock left by a process that no longer runs (kill -9) is stale and
 * taken over. Hand-written rather than proper-lockfile because that library
 * judges staleness by mtime, which refuses a restart for seconds after a crash.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `数据目录 ${dir} 正被另一个中枢进程（pid ${pid}）使用，本进程退出，未做任何改动。\n` +
        `The data directory ${dir} is in use by another Zhongshu process (pid ${pid}); exiting without touching it.`,
    );
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockDataDir(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'zhongshu.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(fs.readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new DataDirLockedError(dir, pid);
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`cannot lock ${dir}`);
}
