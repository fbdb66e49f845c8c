import { Command } from 'commander';
import { verifyAuditChain } from '../server/modules/audit/service';
import { auditHashAlgorithm } from '../server/modules/audit/hash';
import { CliError, withDeps } from './common';

export function auditCommands(): Command {
  const audit = new Command('audit').description('审计日志');
  audit
    .command('verify')
    .description('逐条校验审计日志哈希链，发现篡改时以非零状态退出并指出第一条被破坏的记录')
    .action(async () => {
      await withDeps(async (deps) => {
        const r = await verifyAuditChain(deps.db, (n) => process.stderr.write(`\r已校验 ${n} 条…`));
        process.stderr.write('\n');
        if (!r.ok) throw new CliError(`审计日志校验失败：第 ${r.firstBrokenId} 号记录 —— ${r.reason}（此前 ${r.checked} 条完好）`, 1);
        console.log(`审计日志完好：共 ${r.checked} 条，哈希算法 ${auditHashAlgorithm.toUpperCase()}`);
      });
    });
  return audit;
}
