import {
  REFERRAL_MIN_REMINDERS,
  referralGroundLabels,
  referralGrounds,
  type ReferralGround,
} from '../../../shared/supervision';
import { AppError } from '../../errors';
import type { IsoDate } from '../calendar/dates';
import type { WorkCalendar } from '../calendar/work-calendar';
import type { MilestoneWaiver } from './actions';
import type { SupervisionSettings } from './clock';
import { broken } from './command-context';
import type { ReferralGroundRecord, WaivedMilestone } from './events';
import { lookBackDueOn } from './sweep';
import type { Matter, Milestone } from './types';
import { requireText } from './validate';

/**
 * Closing that means closed: the rules a supervisor's closing, look-back
 * and referral must meet, apart from the state (preconditions.ts) because
 * each depends on the payload (a waiver, an early reason, a ground).
 */

const invalid = (message: string) => new AppError('VALIDATION_FAILED', message);

/** Neither reported done nor waived at an earlier closing. */
export const isOpenMilestone = (ms: Milestone): boolean => !ms.doneAt && !ms.waived;

/**
 * 办结 (审核通过, 复核通过) needs every milestone done, or waived here with a
 * reason; the waivers are recorded on the closing event. A pending help
 * request must be answered first: once closed nobody could answer it.
 */
export function settleForClosing(m: Matter, waivers: unknown): WaivedMilestone[] {
  if (m.pendingHelp) throw broken('尚有待答复的督帮申请，请先答复再办结');
  const list = waivers === undefined ? [] : waivers;
  if (!Array.isArray(list)) throw invalid('免于完成的节点应为列表');
  const out: WaivedMilestone[] = [];
  for (const w of list as Partial<MilestoneWaiver>[]) {
    const ms = m.milestones.find((x) => x.id === w?.milestoneId);
    if (!ms) throw invalid(`节点“${String(w?.milestoneId)}”不存在`);
    if (!isOpenMilestone(ms)) throw broken(`节点“${ms.title}”已${ms.doneAt ? '完成' : '免于完成'}，无需再说明`);
    if (out.some((x) => x.milestoneId === ms.id)) throw invalid(`节点“${ms.title}”重复`);
    out.push({ milestoneId: ms.id, title: ms.title, reason: requireText(w.reason, `节点“${ms.title}”免于完成的理由`, 1000) });
  }
  const unsettled = m.milestones.filter((ms) => isOpenMilestone(ms) && !out.some((x) => x.milestoneId === ms.id));
  if (unsettled.length) {
    const names = unsettled.map((ms) => `“${ms.title}”`).join('、');
    throw broken(`节点${names}尚未完成，不能办结；确需办结的，请逐项说明免于完成的理由`);
  }
  return out;
}

/**
 * 回头看 is due from its day (closing + the look-back days of the matter's
 * categories), or at once when the sweeper or a random sample marked it
 * due. Before that only an explicit early look-back with a reason: the
 * event records it. Returns the record for the event, or null when due.
 */
export function lookBackTiming(
  m: Matter,
  a: { early?: unknown; reason?: unknown },
  today: IsoDate,
  settings: SupervisionSettings,
): { reason: string; dueOn: IsoDate } | null {
  const dueOn = lookBackDueOn(m, settings);
  if (m.lookBackDue !== null || dueOn === null || today >= dueOn) return null;
  if (a.early !== true) throw broken(`回头看应于 ${dueOn} 起进行；如需提前回头看，请选择“提前回头看”并说明理由`);
  return { reason: requireText(a.reason, '提前回头看的理由', 1000), dueOn };
}

/**
 * The ground of a 问责移交, checked against the record: overdue (the
 * completion reached the office late, or the matter is past its deadline,
 * counted to the day the clock stopped while suspended), at least
 * REFERRAL_MIN_REMINDERS 催办, a failed recheck or look-back reopen, or
 * `other` — the supervisor's written reason, which every referral carries anyway.
 */
export function referralGround(m: Matter, ground: unknown, today: IsoDate, calendar: WorkCalendar): ReferralGroundRecord {
  if (!(referralGrounds as readonly unknown[]).includes(ground)) throw invalid('请选择问责移交的依据');
  const kind = ground as ReferralGround;
  const label = referralGroundLabels[kind];
  switch (kind) {
    case 'overdue': {
      const measuredOn = m.completedOn ?? m.suspendedOn ?? today;
      if (m.deadline === null || measuredOn <= m.deadline) throw broken(`事项未逾期，不能以“${label}”为依据移交`);
      return { kind, deadline: m.deadline, measuredOn, overdueWorkingDays: calendar.workingDaysBetween(m.deadline, measuredOn) };
    }
    case 'repeated_reminders': {
      const reminders = m.counts.reminders;
      if (reminders < REFERRAL_MIN_REMINDERS) {
        throw broken(`已催办 ${reminders} 次；以“${label}”为依据，须至少催办 ${REFERRAL_MIN_REMINDERS} 次`);
      }
      return { kind, reminders };
    }
    case 'recheck_failed': {
      const { recheckFailures, reopens } = m.counts;
      if (recheckFailures + reopens === 0) throw broken(`事项没有复核未通过或回头看重新办理的记录，不能以此为依据移交`);
      return { kind, recheckFailures, reopens };
    }
    case 'other':
      return { kind };
  }
}
