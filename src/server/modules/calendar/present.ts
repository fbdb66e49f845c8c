import type { calendarOverrides } from '../../db/schema';
import type { DayInfo, DayKind, OverrideKind, YearStatus } from '../../domain/calendar/work-calendar';

type OverrideRow = typeof calendarOverrides.$inferSelect;

export const dayKindLabels: Record<DayKind, string> = {
  workday: '工作日',
  weekend: '周末',
  holiday: '节假日',
  adjusted_workday: '调休上班',
};

export const overrideKindLabels: Record<OverrideKind, string> = {
  holiday: '放假',
  workday: '上班',
};

export function presentDay(d: DayInfo) {
  return { date: d.date, working: d.working, kind: d.kind, kindLabel: dayKindLabels[d.kind], name: d.name ?? null, source: d.source };
}

export function presentYear(status: YearStatus, days: readonly DayInfo[]) {
  return {
    year: status.year,
    provisional: status.provisional,
    source: status.source ?? null,
    notices: [...status.notices],
    days: days.map(presentDay),
  };
}

export function presentOverride(row: OverrideRow) {
  return {
    date: row.day,
    kind: row.kind,
    kindLabel: overrideKindLabels[row.kind],
    note: row.note,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}
