import { Command } from 'commander';
import { auditHashAlgorithm } from '../server/modules/audit/hash';
import { checkpointFileOf, recordCheckpoint } from '../server/modules/audit/checkpoint';
import { verifyWithCheckpoints } from '../server/modules/audit/verify-files';
import { CliError, withDeps } from './common';

export function auditCommands(): Command {
  const audit = new Command('audit').description('审计日志');
  audit
    .command('verify')
    .description('逐条校验审计日志哈希链、签名与检查点，发现篡改时以非零状态退出并指出问题')
    .option('--checkpoints <files...>', '另行保存的检查点文件（.jsonl），与本机检查点一并核对')
    .action(async (opts: { checkpoints?: string[] }) => {
      await withDeps(async (deps) => {
        const r = await verifyWithCheckpoints(deps, opts.checkpoints ?? [], (n) => process.stderr.write(`\r已校验 ${n} 条…`));
        process.stderr.write('\n');
        if (!r.ok) {
          const where = r.firstBrokenId === null ? '' : `第 ${r.firstBrokenId} 号记录 —— `;
          throw new CliError(`审计日志校验失败：${where}${r.reason}（此前 ${r.checked} 条完好）`, 1);
        }
        // A chain found intact is sealed by a new checkpoint, as the auditor's verify does.
        await recordCheckpoint(deps);
        const range = r.firstId === null ? '' : `（第 ${r.firstId}–${r.lastId} 号）`;
        const legacy = r.legacy ? `，其中 ${r.legacy} 条早于密钥签名、只有哈希` : '';
        console.log(
          `审计日志完好：共 ${r.checked} 条${range}${legacy}，哈希算法 ${auditHashAlgorithm.toUpperCase()}，核对检查点 ${r.checkpoints} 个`,
        );
      });
    });
  audit
    .command('checkpoint')
    .description('立即记录一个签名检查点（链头、条数、时间），追加到检查点文件并打印')
    .action(async () => {
      await withDeps(async (deps) => {
        const c = await recordCheckpoint(deps);
        const file = checkpointFileOf(deps.config.audit.checkpointDir);
        if (c) console.log(JSON.stringify(c));
        console.error(c ? `已追加到 ${file}` : `链头自上一个检查点以来未变，未追加（${file}）`);
      });
    });
  return audit;
}
