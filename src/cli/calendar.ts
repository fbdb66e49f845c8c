import fs from 'node:fs';
import { Command } from 'commander';
import { MAX_FILE_BYTES } from '../server/domain/calendar/loaded-years';
import type { Deps } from '../server/deps';
import { AppError } from '../server/errors';
import { loadOfficialYear } from '../server/modules/calendar/official-years';
import { calendarChangeHook } from '../server/modules/supervision/settings-service';
import { CliError, cliMeta, withDeps } from './common';

/**
 * Loads a holiday-cn year file the way the calendar page does, through the
 * same checks, audit and deadline recalculation, and says what it moved.
 */
export async function loadOfficialFile(deps: Deps, file: string): Promise<string> {
  let text: string;
  try {
    if (fs.statSync(file).size > MAX_FILE_BYTES) throw new CliError(`文件 ${file} 超过 ${MAX_FILE_BYTES / 1024} KB，不是节假日文件`);
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`无法读取文件 ${file}：${(e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new CliError(`文件 ${file} 不是有效的 JSON`);
  }
  const year = (raw as { year?: unknown } | null)?.year;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1900 || year > 2100) {
    throw new CliError('节假日文件无效：缺少 1900–2100 之间的年份（year）');
  }
  try {
    const moved = await loadOfficialYear(deps, cliMeta, year, raw, [calendarChangeHook]);
    return `已载入 ${year} 年节假日安排；重算了 ${moved} 个在办事项的办理期限，并记入各事项的办理过程。`;
  } catch (e) {
    if (e instanceof AppError) throw new CliError(e.message);
    throw e;
  }
}

export function calendarCommands(): Command {
  const calendar = new Command('calendar').description('工作日历（服务器操作员使用）');
  calendar
    .command('load-official <file>')
    .description('载入某年国务院节假日安排（holiday-cn 格式的 JSON 文件），重算受影响事项的办理期限')
    .action(async (file: string) => {
      console.log(await withDeps((deps) => loadOfficialFile(deps, file)));
    });
  return calendar;
}
