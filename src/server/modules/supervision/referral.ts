import crypto from 'node:crypto';
import JSZip from 'jszip';
import { eq } from 'drizzle-orm';
import type { App } from '../../http/app-type';
import type { Deps } from '../../deps';
import { actorOf, metaOf } from '../../http/auth';
import { idParam } from '../../http/schemas';
import { AppError, notFound } from '../../errors';
import { chinaDateOf } from '../../domain/calendar/dates';
import type { Actor } from '../../http/context';
import {
  describeReferralGround,
  matterEventLabels,
  matterSourceLabels,
  matterStateLabels,
  referralRecipientLabels,
  reminderTriggerLabels,
  type MatterSource,
  type MatterState,
} from '../../../shared/supervision';
import { appendAudit } from '../audit/service';
import { auditForObjects } from '../audit/repo';
import { auditHashAlgorithm } from '../audit/hash';
import { getAttachmentContent, listAttachments } from '../attachments/service';
import { eventsOf } from './repo';
import { nameBook } from './present';
import { referralDocx } from './referral-docx';
import { matters } from './tables';

const fmt = (d: Date) => d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
const sha256 = (b: Buffer | string) => crypto.createHash('sha256').update(b).digest('hex');
const EXPLAINING = new Set(['returned', 'extension_requested', 'help_requested', 'progress_reported', 'completion_submitted']);

/**
 * 问责移交 evidence package: .docx for people, plus the raw timeline, the
 * audit records with their chain hashes, and the files, with a manifest of
 * SHA-256 sums. Only the supervisor, leaders and the auditor may take it.
 */
export function referralRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/v1/matters/:id/referral-package.zip',
    {
      schema: { tags: ['supervision'], summary: '问责移交材料包（.docx + 办理过程 + 审计记录 + 附件）', params: idParam },
      config: { roles: ['supervisor', 'leader', 'auditor'] },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const zip = await buildPackage(deps, actor, req.params.id);
      await deps.db.transaction((tx) =>
        appendAudit(tx, deps.clock, metaOf(req), { action: 'matter.referral.export', objectType: 'matter', objectId: req.params.id }),
      );
      const name = encodeURIComponent(`问责移交材料-${req.params.id.slice(0, 8)}.zip`);
      return reply.header('content-type', 'application/zip').header('content-disposition', `attachment; filename*=UTF-8''${name}`).send(zip);
    },
  );
}

async function buildPackage(deps: Deps, actor: Actor, id: string): Promise<Buffer> {
  // These three roles see every matter, so no unit scope applies here.
  const [row] = await deps.db.select().from(matters).where(eq(matters.id, id));
  if (!row) throw notFound('事项');
  const events = await eventsOf(deps.db, id);
  const referrals = events.filter((e) => e.type === 'accountability_referred');
  if (referrals.length === 0) throw new AppError('RULE_VIOLATION', '该事项尚未问责移交，没有移交材料');
  const book = await nameBook(deps.db, [row], events.map((e) => e.actorId));
  const files = await listAttachments(deps.db, 'matter', id);
  const audit = [
    ...(await auditForObjects(deps.db, 'matter', [id])),
    ...(await auditForObjects(deps.db, 'attachment', files.map((f) => f.id))),
  ].sort((a, b) => a.id - b.id);
  const m = row.snapshot;
  const payload = (e: (typeof events)[number]) => e.payload as Record<string, unknown>;
  // Which step brought each file (进展反馈, 报结, 复核…), so a reader knows what it shows; files of the 立项 have no event.
  const stepOf = new Map<string, string>();
  for (const e of events) {
    const evidence = e.type === 'completion_submitted' ? ((payload(e).evidenceIds as string[] | undefined) ?? []) : [];
    for (const fileId of [...e.attachmentIds, ...evidence]) if (!stepOf.has(fileId)) stepOf.set(fileId, matterEventLabels[e.type]);
  }
  const who = (actorId: string) => book.user(actorId)?.name ?? '';
  const docx = await referralDocx({
    code: row.code,
    title: row.title,
    facts: [
      ['事项', row.title],
      ['来源', matterSourceLabels[row.source as MatterSource]],
      ['牵头单位', book.unit(row.leadUnitId)?.name ?? ''],
      ['办理要求', row.requirement],
      ['原定期限', row.originalDeadline ?? ''],
      ['现行期限', row.deadline ?? ''],
      ['当前状态', matterStateLabels[row.state as MatterState]],
      ['催办次数', String(m.counts.reminders)],
      ['退回、延期、复核不通过', `${m.counts.returns} / ${m.counts.extensions} / ${m.counts.recheckFailures}`],
    ],
    reasons: referrals.map((e) => ({
      at: fmt(e.at),
      actor: who(e.actorId),
      ground: describeReferralGround(payload(e).ground as Record<string, unknown> | undefined),
      text: String(payload(e).reason ?? ''),
      recipients: ((payload(e).recipients as string[]) ?? []).map((r) => referralRecipientLabels[r as keyof typeof referralRecipientLabels] ?? r).join('、'),
    })),
    timeline: events.map((e) => ({ at: fmt(e.at), actor: who(e.actorId), action: matterEventLabels[e.type], comment: e.comment ?? '' })),
    reminders: events
      .filter((e) => e.type === 'reminded')
      .map((e) => ({
        at: fmt(e.at),
        number: `第 ${String(payload(e).number)} 次`,
        trigger: reminderTriggerLabels[payload(e).trigger as keyof typeof reminderTriggerLabels] ?? String(payload(e).trigger),
      })),
    explanations: events
      .filter((e) => EXPLAINING.has(e.type))
      .map((e) => ({ at: fmt(e.at), actor: who(e.actorId), text: String(payload(e).reason ?? payload(e).text ?? payload(e).report ?? e.comment ?? '') })),
    attachments: files.map((f) => ({ filename: f.filename, sha256: f.sha256, step: stepOf.get(f.id) ?? '立项' })),
    audit: {
      first: audit[0]?.id ?? null,
      last: audit.at(-1)?.id ?? null,
      count: audit.length,
      lastHash: audit.at(-1)?.hash ?? null,
      algorithm: auditHashAlgorithm,
    },
    dated: chinaDateOf(deps.clock.now()),
  });
  const zip = new JSZip();
  const manifest: Record<string, string> = {};
  const add = (path: string, content: Buffer | string) => {
    zip.file(path, content);
    manifest[path] = sha256(content);
  };
  add('问责移交材料.docx', docx);
  add('办理过程.json', JSON.stringify(events, null, 2));
  add('审计记录.json', JSON.stringify(audit, null, 2));
  const omitted: string[] = [];
  for (const f of files) {
    try {
      const { content } = await getAttachmentContent(deps, actor, f.id);
      add(`附件/${f.id.slice(0, 8)}-${f.filename}`, content);
    } catch {
      // 三员: the auditor examines the audit trail, not business files; the list and hashes stay in the .docx.
      omitted.push(f.filename);
    }
  }
  zip.file('manifest.json', JSON.stringify({ matter: row.code, files: manifest, omittedFiles: omitted, auditChainAlgorithm: auditHashAlgorithm }, null, 2));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
