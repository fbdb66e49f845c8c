import type { MatterEventType, MatterState } from '../../../shared/supervision';
import { AppError } from '../../errors';
import type { IsoDate } from '../calendar/dates';
import type { WorkCalendar } from '../calendar/work-calendar';
import type { ActionBase } from './actions';
import type { SupervisionSettings } from './clock';
import type { DeadlineChange, EventPayload } from './events';
import type { Party } from './policy';
import type { Actor, Matter } from './types';
import { requireFutureDate, requireText } from './validate';

/** Everything a command reads: the matter, who acts and in what capacity, when, and the 督办设置 in force. */
export interface CommandContext {
  matter: Matter;
  actor: Actor;
  party: Party;
  now: Date;
  today: IsoDate;
  calendar: WorkCalendar;
  settings: SupervisionSettings;
}

/** An event before decide() stamps it with matter id, seq, actor, time, comment and attachments. */
export type EventDraft = { [T in MatterEventType]: { type: T; payload: EventPayload<T>; state: MatterState } }[MatterEventType];

export const broken = (message: string) => new AppError('RULE_VIOLATION', message);

/** The deadline in force; every state that reaches a command needing it has one. */
export function deadlineOf(m: Matter): IsoDate {
  if (m.deadline === null) throw broken('事项尚未确定完成时限');
  return m.deadline;
}

/** Negative outcomes (reject, fail, reopen, unfounded return) must say why. */
export const requireComment = (action: ActionBase, label: string): string => requireText(action.comment, label);

/**
 * A rework deadline given when sending a matter back: optional, and only
 * ever later than the deadline in force, so deadlines never move earlier
 * except by a new assignment.
 */
export function reworkDeadline(m: Matter, value: unknown, today: IsoDate): DeadlineChange | null {
  if (value === undefined) return null;
  const current = deadlineOf(m);
  const date = requireFutureDate(value, '整改时限', today);
  if (date <= current) throw broken(`整改时限应晚于当前时限（${current}）`);
  return { oldDeadline: current, newDeadline: date };
}

/** Closing needs every sub-matter closed first. */
export function assertChildrenClosed(m: Matter): void {
  if (m.children.some((c) => c.open)) throw broken('尚有子事项未办结，不能办结');
}
