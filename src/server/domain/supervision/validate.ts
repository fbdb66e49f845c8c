import { MAX_DEADLINE_WORKING_DAYS, matterPriorities, matterSources } from '../../../shared/supervision';
import { AppError } from '../../errors';
import { isIsoDate, type IsoDate } from '../calendar/dates';
import { assertNotClassified } from '../text';
import type { DeadlineRule, MatterPlan, Milestone } from './types';

export const TITLE_MAX = 200;
export const TEXT_MAX = 5000;
export const REPORT_MAX = 20000;
export { MAX_DEADLINE_WORKING_DAYS };
const ID_MAX = 100;
const LIST_MAX = 50;

const invalid = (message: string) => new AppError('VALIDATION_FAILED', message);
const broken = (message: string) => new AppError('RULE_VIOLATION', message);

/** A problem with one field of the plan (or of an action), by its name there, e.g. `milestones.1.deadline`. */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * Runs a check of one field; a refusal it throws names the field, so a form
 * can put the message beside it (the HTTP layer maps plan names to body names).
 */
export function onField<T>(field: string, check: () => T): T {
  try {
    return check();
  } catch (e) {
    if (e instanceof AppError && e.details === undefined) {
      throw new AppError(e.code, e.message, [{ field, message: e.message }] satisfies FieldProblem[]);
    }
    throw e;
  }
}

/** A required free text: trimmed, not empty, not too long, no 密级 marking. */
export function requireText(value: unknown, label: string, max = TEXT_MAX): string {
  if (typeof value !== 'string' || !value.trim()) throw invalid(`请填写${label}`);
  const text = value.trim();
  if ([...text].length > max) throw invalid(`${label}不能超过 ${max} 字`);
  assertNotClassified(text);
  return text;
}

export function optionalText(value: unknown, label: string, max = TEXT_MAX): string | undefined {
  return value === undefined || value === null || value === '' ? undefined : requireText(value, label, max);
}

export function requireDate(value: unknown, label: string): IsoDate {
  if (!isIsoDate(value)) throw invalid(`${label}“${String(value)}”无效：应为 YYYY-MM-DD 格式的有效日期`);
  return value;
}

/** A date that must not lie before today: nobody can be given a deadline already past. */
export function requireFutureDate(value: unknown, label: string, today: IsoDate): IsoDate {
  const date = requireDate(value, label);
  if (date < today) throw broken(`${label}（${date}）不能早于今天（${today}）`);
  return date;
}

/** Distinct non-empty ids, at most LIST_MAX. */
export function requireIds(value: unknown, label: string): string[] {
  if (!Array.isArray(value)) throw invalid(`${label}应为列表`);
  if (value.length > LIST_MAX) throw invalid(`${label}不能超过 ${LIST_MAX} 个`);
  for (const id of value) {
    if (typeof id !== 'string' || !id.trim() || id.length > ID_MAX) throw invalid(`${label}含有无效的标识`);
  }
  if (new Set(value).size !== value.length) throw invalid(`${label}有重复`);
  return [...(value as string[])];
}

export function requireId(value: unknown, label: string): string {
  if (typeof value !== 'string' || !value.trim() || value.length > ID_MAX) throw invalid(`${label}无效`);
  return value;
}

export function validateDeadlineRule(rule: DeadlineRule, today: IsoDate): DeadlineRule {
  if (rule.kind === 'date') return { kind: 'date', date: requireFutureDate(rule.date, '完成时限', today) };
  if (rule.kind === 'working_days') {
    const { days } = rule;
    if (!Number.isInteger(days) || days < 1 || days > MAX_DEADLINE_WORKING_DAYS) {
      throw invalid(`办理时限应为 1 到 ${MAX_DEADLINE_WORKING_DAYS} 个工作日`);
    }
    return { kind: 'working_days', days };
  }
  throw invalid('完成时限的类型只能是日期或工作日');
}

function validateMilestones(list: readonly Milestone[], today: IsoDate): Milestone[] {
  if (!Array.isArray(list) || list.length > LIST_MAX) throw invalid(`节点不能超过 ${LIST_MAX} 个`);
  const out = list.map((ms, i) => {
    if (ms.doneAt !== undefined || ms.waived !== undefined) throw invalid('节点的完成情况只能通过进展反馈或办结时填报');
    return {
      id: requireId(ms.id, '节点标识'),
      title: onField(`milestones.${i}.title`, () => requireText(ms.title, '节点名称', TITLE_MAX)),
      deadline: onField(`milestones.${i}.deadline`, () => requireFutureDate(ms.deadline, `节点“${String(ms.title)}”的时限`, today)),
    };
  });
  if (new Set(out.map((m) => m.id)).size !== out.length) throw invalid('节点标识有重复');
  return out;
}

function validateCategories(list: readonly string[]): string[] {
  if (!Array.isArray(list) || list.length > 20) throw invalid('分类标签不能超过 20 个');
  const out = list.map((c) => requireText(c, '分类标签', 50));
  if (new Set(out).size !== out.length) throw invalid('分类标签有重复');
  return out;
}

type DatedField = 'deadlineRule' | 'milestones';

/**
 * A whole plan as a draft may hold it: units and deadline may still be
 * missing (assign requires them), but what is there must be sound. Dates
 * must not be past in the fields named by `checkDatesOf` (all of them when
 * opening; only the edited ones when editing, so an old draft can still be fixed).
 */
export function validatePlan(
  plan: MatterPlan,
  today: IsoDate,
  checkDatesOf: readonly DatedField[] = ['deadlineRule', 'milestones'],
): MatterPlan {
  if (!matterSources.includes(plan.source)) throw onFieldError('source', invalid('事项来源无效'));
  if (!matterPriorities.includes(plan.priority)) throw onFieldError('priority', invalid('紧急程度无效'));
  const leadUnitId = plan.leadUnitId === null ? null : onField('leadUnitId', () => requireId(plan.leadUnitId, '牵头单位'));
  const coUnitIds = onField('coUnitIds', () => requireIds(plan.coUnitIds, '协办单位'));
  if (leadUnitId !== null && coUnitIds.includes(leadUnitId)) throw onFieldError('coUnitIds', broken('牵头单位不能同时是协办单位'));
  const cadence = plan.progressCadenceDays;
  if (cadence !== null && (!Number.isInteger(cadence) || cadence < 1 || cadence > MAX_DEADLINE_WORKING_DAYS)) {
    throw onFieldError('progressCadenceDays', invalid(`进展反馈周期应为 1 到 ${MAX_DEADLINE_WORKING_DAYS} 个工作日`));
  }
  if (typeof plan.recheckRequired !== 'boolean') throw onFieldError('recheckRequired', invalid('是否需要实地复核应为是或否'));
  const past = '0001-01-01';
  const ruleFloor = checkDatesOf.includes('deadlineRule') ? today : past;
  const deadlineRule = plan.deadlineRule === null ? null : onField('deadlineRule', () => validateDeadlineRule(plan.deadlineRule!, ruleFloor));
  const milestones = onField('milestones', () => validateMilestones(plan.milestones, checkDatesOf.includes('milestones') ? today : past));
  const late = deadlineRule?.kind === 'date' ? milestones.findIndex((ms) => ms.deadline > deadlineRule.date) : -1;
  if (late >= 0) throw onFieldError(`milestones.${late}.deadline`, broken('节点时限不能晚于事项的完成时限'));
  return {
    title: onField('title', () => requireText(plan.title, '事项标题', TITLE_MAX)),
    source: plan.source,
    priority: plan.priority,
    categories: onField('categories', () => validateCategories(plan.categories)),
    leadUnitId,
    coUnitIds,
    deadlineRule,
    milestones,
    progressCadenceDays: cadence,
    recheckRequired: plan.recheckRequired,
    instructingLeaderId:
      plan.instructingLeaderId === null ? null : onField('instructingLeaderId', () => requireId(plan.instructingLeaderId, '批示领导')),
  };
}

/** The error, naming the field. */
function onFieldError(field: string, e: AppError): AppError {
  return new AppError(e.code, e.message, [{ field, message: e.message }] satisfies FieldProblem[]);
}

export const planKeys: readonly (keyof MatterPlan)[] = [
  'title',
  'source',
  'priority',
  'categories',
  'leadUnitId',
  'coUnitIds',
  'deadlineRule',
  'milestones',
  'progressCadenceDays',
  'recheckRequired',
  'instructingLeaderId',
];
