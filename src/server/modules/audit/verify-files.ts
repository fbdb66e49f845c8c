import type { Deps } from '../../deps';
import { checkpointFileOf, readCheckpointFile, type AuditCheckpoint } from './checkpoint';
import { verifyAuditChain, type VerifyResult } from './verify';

/**
 * Verifies the chain against the checkpoints of this installation's file
 * and of any copies kept elsewhere (the CLI's --checkpoints). A line that
 * is not a checkpoint fails the check: the file was edited.
 */
export async function verifyWithCheckpoints(
  deps: Pick<Deps, 'db' | 'clock' | 'auditKeys' | 'config'>,
  extraFiles: string[] = [],
  onProgress?: (checked: number) => void,
): Promise<VerifyResult> {
  const checkpoints: AuditCheckpoint[] = [];
  const damaged: string[] = [];
  for (const file of [checkpointFileOf(deps.config.audit.checkpointDir), ...extraFiles]) {
    const f = readCheckpointFile(file);
    checkpoints.push(...f.checkpoints);
    if (f.badLines.length) damaged.push(`${file} 第 ${f.badLines.join('、')} 行`);
  }
  const result = await verifyAuditChain(deps.db, { keys: deps.auditKeys, now: deps.clock.now(), checkpoints, onProgress });
  if (result.ok && damaged.length) {
    return { ...result, ok: false, reason: `检查点文件被改动：${damaged.join('；')} 不是有效的检查点` };
  }
  return result;
}
