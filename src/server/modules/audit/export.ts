import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Executor } from '../../db/connect';
import { auditActionLabel } from '../../../shared/audit-actions';
import { quoteRow } from '../../domain/xlsx-cell';
import { auditBatches, type AuditQuery } from './repo';

const fmt = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** Streams the filtered audit log as .xlsx (exceljs streaming writer: memory stays flat). */
export function auditWorkbookStream(db: Executor, q: AuditQuery): PassThrough {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const ws = wb.addWorksheet('审计日志');
  ws.columns = [
    { header: '编号', key: 'id', width: 10 },
    { header: '时间', key: 'at', width: 21 },
    { header: '用户', key: 'username', width: 16 },
    { header: '角色', key: 'role', width: 14 },
    { header: '操作', key: 'action', width: 18 },
    { header: '操作代码', key: 'code', width: 22 },
    { header: '对象类型', key: 'objectType', width: 12 },
    { header: '对象编号', key: 'objectId', width: 38 },
    { header: '结果', key: 'result', width: 8 },
    { header: '来源地址', key: 'ip', width: 16 },
    { header: '请求编号', key: 'requestId', width: 38 },
    { header: '详情', key: 'detail', width: 50 },
    { header: '哈希', key: 'hash', width: 66 },
  ];
  (async () => {
    for await (const rows of auditBatches(db, q)) {
      for (const r of rows) {
        // Usernames come from anyone at the login form: quoted so none becomes a formula.
        ws.addRow(
          quoteRow({
            id: r.id,
            at: fmt.format(r.at),
            username: r.username ?? '',
            role: r.role ?? '',
            action: auditActionLabel(r.action),
            code: r.action,
            objectType: r.objectType ?? '',
            objectId: r.objectId ?? '',
            result: r.result === 'success' ? '成功' : '失败',
            ip: r.ip ?? '',
            requestId: r.requestId ?? '',
            detail: JSON.stringify(r.detail),
            hash: r.hash,
          }),
        ).commit();
      }
    }
    ws.commit();
    await wb.commit();
  })().catch((e) => out.destroy(e as Error));
  return out;
}
