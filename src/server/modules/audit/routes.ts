import fs from 'node:fs';
import { z } from 'zod';
import type { App } from '../../http/app-type';
import type { Deps } from '../../deps';
import { metaOf } from '../../http/auth';
import { page, pageSize } from '../../http/schemas';
import { presentAudit } from './present';
import { listAudit, type AuditQuery } from './repo';
import { auditWorkbookStream } from './export';
import { appendAudit } from './service';
import { checkpointFileOf, recordCheckpoint } from './checkpoint';
import { verifyWithCheckpoints } from './verify-files';

const filters = {
  from: z.coerce.date('起始时间格式不正确').optional(),
  to: z.coerce.date('结束时间格式不正确').optional(),
  username: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  result: z.enum(['success', 'failure']).optional(),
  objectType: z.string().trim().max(32).optional(),
  objectId: z.string().trim().max(64).optional(),
};

/** The audit log belongs to the auditor alone (三员); reading and exporting are themselves audited. */
export function auditRoutes(app: App, deps: Deps): void {
  const auditor = { roles: ['auditor'] as const };

  app.get(
    '/api/v1/audit',
    { schema: { tags: ['audit'], summary: '审计日志查询', querystring: z.strictObject({ ...filters, page, pageSize }) }, config: auditor },
    async (req) => {
      const { page: p, pageSize: size, ...q } = req.query;
      const { rows, total } = await listAudit(deps.db, q as AuditQuery, size, (p - 1) * size);
      return { items: rows.map(presentAudit), total, page: p, pageSize: size };
    },
  );

  app.get(
    '/api/v1/audit/export.xlsx',
    { schema: { tags: ['audit'], summary: '导出审计日志（Excel）', querystring: z.strictObject(filters) }, config: auditor },
    async (req, reply) => {
      await deps.db.transaction((tx) =>
        appendAudit(tx, deps.clock, metaOf(req), { action: 'audit.export', objectType: 'audit_log', detail: { ...req.query } }),
      );
      const name = encodeURIComponent(`审计日志-${new Date().toISOString().slice(0, 10)}.xlsx`);
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${name}`);
      return reply.send(auditWorkbookStream(deps.db, req.query as AuditQuery));
    },
  );

  app.post(
    '/api/v1/audit/verify',
    { schema: { tags: ['audit'], summary: '校验审计日志哈希链、签名与检查点' }, config: auditor },
    async (req) => {
      const result = await verifyWithCheckpoints(deps);
      await deps.db.transaction((tx) =>
        appendAudit(tx, deps.clock, metaOf(req), {
          action: 'audit.verify',
          objectType: 'audit_log',
          result: result.ok ? 'success' : 'failure',
          detail: { checked: result.checked, firstBrokenId: result.firstBrokenId, checkpoints: result.checkpoints },
        }),
      );
      // A chain found intact (with this verify's own record) is sealed by a new checkpoint; a broken one never is.
      if (result.ok) await recordCheckpoint(deps);
      return result;
    },
  );

  app.get(
    '/api/v1/audit/checkpoints',
    { schema: { tags: ['audit'], summary: '下载审计日志检查点（供离线保存与校验）' }, config: auditor },
    async (req, reply) => {
      const c = await recordCheckpoint(deps);
      await deps.db.transaction((tx) =>
        appendAudit(tx, deps.clock, metaOf(req), { action: 'audit.checkpoints', objectType: 'audit_log', detail: { headId: c?.headId ?? null } }),
      );
      const file = checkpointFileOf(deps.config.audit.checkpointDir);
      const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
      const name = encodeURIComponent(`审计日志检查点-${deps.clock.now().toISOString().slice(0, 10)}.jsonl`);
      return reply
        .header('content-type', 'application/jsonl; charset=utf-8')
        .header('content-disposition', `attachment; filename*=UTF-8''${name}`)
        .send(text);
    },
  );
}
