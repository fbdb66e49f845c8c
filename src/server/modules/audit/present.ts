import type { auditLog } from '../../db/schema';
import { auditActionLabel } from '../../../shared/audit-actions';

export function presentAudit(r: typeof auditLog.$inferSelect) {
  return {
    id: r.id,
    at: r.at.toISOString(),
    userId: r.userId,
    username: r.username,
    role: r.role,
    action: r.action,
    actionLabel: auditActionLabel(r.action),
    objectType: r.objectType,
    objectId: r.objectId,
    result: r.result,
    ip: r.ip,
    requestId: r.requestId,
    detail: r.detail,
  };
}
