import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '../../db/schema';
import type { Deps } from '../../deps';
import type { Actor, RequestMeta } from '../../http/context';
import { requiredText, text } from '../../http/schemas';
import { AppError } from '../../errors';
import { chinaDateOf } from '../../domain/calendar/dates';
import { openMatter } from './service';

const ids = (max: number) => z.array(z.uuid('编号格式不正确')).max(max);

/** POST /instructions: a leader's 批示 that is not yet a matter (录入批示). */
export const instructionBody = z.strictObject({
  text: requiredText(5000, '批示内容'),
  /** the leader who gave it; a leader recording their own may leave it out */
  leaderId: z.uuid('批示领导编号格式不正确').optional(),
  date: z.iso.date('日期格式应为 YYYY-MM-DD').optional(),
  /** 事由: becomes the draft's title (else one is made from the 批示) */
  title: text(200).optional(),
  /** the document or report the 批示 is written on (文号、来文) */
  reference: text(200).optional(),
  /** units the 批示 names: proposed as lead (the first) and co-units, and kept informed whatever 研判 decides */
  unitIds: ids(30).default([]).refine((u) => new Set(u).size === u.length, '批示点名单位有重复'),
  attachmentIds: ids(20).optional(),
});

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);

/**
 * 录入批示: the 批示 becomes a draft with source `instruction` in the
 * supervisor's intake (待立项的批示), to be completed through 修改立项信息
 * and assigned through 交办 as any draft. The domain decides who may record
 * one (openMatter: the supervisor, a leader their own, the staff naming the
 * leader).
 */
export async function recordInstruction(deps: Deps, meta: RequestMeta, actor: Actor, b: z.infer<typeof instructionBody>): Promise<string> {
  const leaderId = b.leaderId ?? (actor.roles.includes('leader') ? actor.userId : undefined);
  if (!leaderId) throw new AppError('VALIDATION_FAILED', '请选择作出批示的领导', [{ field: 'body.leaderId', message: '请选择作出批示的领导' }]);
  const [leader] = await deps.db.select({ name: users.name, roles: users.roles }).from(users).where(eq(users.id, leaderId));
  if (!leader || !leader.roles.includes('leader')) {
    throw new AppError('VALIDATION_FAILED', '批示领导不存在或不是领导账号', [{ field: 'body.leaderId', message: '批示领导不存在或不是领导账号' }]);
  }
  const date = b.date ?? chinaDateOf(deps.clock.now());
  return openMatter(deps, meta, actor, {
    plan: {
      title: b.title || clip(`${leader.name}批示：${b.text.replace(/\s+/g, ' ')}`, 60),
      source: 'instruction',
      priority: 'normal',
      categories: [],
      leadUnitId: b.unitIds[0] ?? null,
      coUnitIds: b.unitIds.slice(1),
      deadlineRule: null,
      milestones: [],
      progressCadenceDays: null,
      recheckRequired: false,
      instructingLeaderId: leaderId,
    },
    requirement: '',
    sourceRef: { leaderName: leader.name, date, text: b.text, ...(b.reference ? { reference: b.reference } : {}) },
    handlers: {},
    attachmentIds: b.attachmentIds,
    namedUnitIds: b.unitIds,
    auditAction: 'matter.instruction.record',
  });
}
