import crypto from 'node:crypto';
import { z } from 'zod';
import { requiredText, text, version } from '../../http/schemas';
import type { MatterAction, MatterPlan } from '../../domain/supervision';
import {
  matterPriorities,
  matterSources,
  referralGrounds,
  referralRecipients,
  reviewChecklistItems,
  type UserActionType,
} from '../../../shared/supervision';

const isoDate = z.iso.date('日期格式应为 YYYY-MM-DD');
const ids = (max: number) => z.array(z.uuid('编号格式不正确')).max(max);

export const deadlineRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('date'), date: isoDate }),
  z.strictObject({ kind: z.literal('working_days'), days: z.number().int().min(1, '至少 1 个工作日').max(365) }),
]);

const handlers = z.record(z.uuid(), text(50)).refine((h) => Object.keys(h).length <= 50, '承办人过多');

const planFields = {
  title: requiredText(200, '事项标题'),
  source: z.enum(matterSources),
  priority: z.enum(matterPriorities),
  categories: z.array(requiredText(30, '分类')).max(10),
  leadUnitId: z.uuid('牵头单位编号格式不正确').nullable(),
  coUnitIds: ids(30),
  deadline: deadlineRuleSchema.nullable(),
  milestones: z.array(z.strictObject({ title: requiredText(100, '节点名称'), deadline: isoDate })).max(20),
  progressCadenceDays: z.number().int().min(1).max(60).nullable(),
  recheckRequired: z.boolean(),
  instructingLeaderId: z.uuid().nullable(),
};

export const createBody = z.strictObject({
  ...planFields,
  priority: planFields.priority.default('normal'),
  categories: planFields.categories.default([]),
  leadUnitId: planFields.leadUnitId.optional(),
  coUnitIds: planFields.coUnitIds.default([]),
  deadline: planFields.deadline.optional(),
  milestones: planFields.milestones.default([]),
  progressCadenceDays: planFields.progressCadenceDays.optional(),
  recheckRequired: planFields.recheckRequired.default(false),
  instructingLeaderId: planFields.instructingLeaderId.optional(),
  requirement: text(10_000).default(''),
  sourceRef: z
    .strictObject({ leaderName: text(50).optional(), date: isoDate.optional(), text: text(5000).optional(), reference: text(200).optional() })
    .optional(),
  handlers: handlers.optional(),
  parentId: z.uuid().nullish(),
  comment: text(2000).optional(),
  attachmentIds: ids(20).optional(),
  assign: z.boolean().default(false),
});

type PlanInput = Partial<z.infer<z.ZodObject<typeof planFields>>>;

const withMilestoneIds = (ms: { title: string; deadline: string }[] | undefined) =>
  ms?.map((m) => ({ id: crypto.randomUUID(), title: m.title, deadline: m.deadline }));

export function toPlan(b: z.infer<typeof createBody>): MatterPlan {
  return {
    title: b.title,
    source: b.source,
    priority: b.priority,
    categories: b.categories,
    leadUnitId: b.leadUnitId ?? null,
    coUnitIds: b.coUnitIds,
    deadlineRule: b.deadline ?? null,
    milestones: withMilestoneIds(b.milestones) ?? [],
    progressCadenceDays: b.progressCadenceDays ?? null,
    recheckRequired: b.recheckRequired,
    instructingLeaderId: b.instructingLeaderId ?? null,
  };
}

function planChanges(c: PlanInput): Partial<MatterPlan> {
  const { deadline, milestones, ...rest } = c;
  return {
    ...rest,
    ...(deadline !== undefined ? { deadlineRule: deadline } : {}),
    ...(milestones !== undefined ? { milestones: withMilestoneIds(milestones) } : {}),
  };
}

/**
 * One body for every action: each action reads the fields it needs and the
 * domain refuses, in Chinese, an action missing one. Unknown fields are refused here.
 */
export const actionBody = z.strictObject({
  version,
  comment: text(2000).optional(),
  attachmentIds: ids(20).optional(),
  handlers: handlers.optional(),
  changes: z.strictObject(planFields).partial().optional(),
  reason: text(1000).optional(),
  text: text(5000).optional(),
  report: text(10_000).optional(),
  justified: z.boolean().optional(),
  approved: z.boolean().optional(),
  passed: z.boolean().optional(),
  leadUnitId: z.uuid().optional(),
  coUnitIds: ids(30).optional(),
  deadlineRule: deadlineRuleSchema.optional(),
  deadline: isoDate.optional(),
  milestonesDone: z.array(z.string().max(64)).max(20).optional(),
  evidenceIds: ids(20).optional(),
  checklist: z.partialRecord(z.enum(reviewChecklistItems), z.boolean()).optional(),
  recipients: z.array(z.enum(referralRecipients)).max(referralRecipients.length).optional(),
  /** 问责移交: what it rests on (the domain checks the record bears it out) */
  ground: z.enum(referralGrounds).optional(),
  /** 审核通过 / 复核通过: open milestones closed without being done, each with a reason */
  waivers: z.array(z.strictObject({ milestoneId: z.string().max(64), reason: text(1000) })).max(20).optional(),
  /** 回头看 before its due day (with `reason`) */
  early: z.boolean().optional(),
  /** 领导批示: the units it names (told, and kept informed) */
  unitIds: ids(30).optional(),
});

type ActionPayload = Omit<z.infer<typeof actionBody>, 'version' | 'handlers'>;

/** Builds the domain action; missing fields stay missing so the domain names them in its refusal. */
export function toAction(type: UserActionType, p: ActionPayload): MatterAction {
  const base = { comment: p.comment, attachmentIds: p.attachmentIds };
  const o = { ...base, ...p, changes: p.changes ? planChanges(p.changes) : undefined };
  return { type, ...o } as unknown as MatterAction;
}
