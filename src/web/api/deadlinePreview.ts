/**
 * 完成时限预览: GET /api/v1/calendar/deadline-preview (server/modules/calendar/preview-routes.ts
 * is the authority), asked as the user types, a moment after they stop.
 */
import { useEffect, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { DeadlineRule } from './matters';

export interface CrossedDay {
  date: string;
  working: boolean;
  kind: 'workday' | 'weekend' | 'holiday' | 'adjusted_workday';
  kindLabel: string;
  name: string | null;
  source: 'official' | 'override' | 'provisional';
}

export interface DeadlinePreview {
  from: string;
  deadline: string;
  weekday: string;
  workingDays: number;
  calendarDays: number;
  holidaysCrossed: CrossedDay[];
  provisional: boolean;
  provisionalYears: number[];
  provisionalNote: string | null;
}

/** The value once it has stood still for `ms`: one request per pause in typing, not per keystroke. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

/** The preview for a rule assigned today; idle while there is no rule. Errors are the server's Chinese refusal. */
export function useDeadlinePreview(rule: DeadlineRule | null) {
  const key = rule ? (rule.kind === 'date' ? `date=${rule.date}` : `workingDays=${rule.days}`) : null;
  const settled = useSettled(key, 300);
  return useQuery({
    queryKey: ['calendar', 'deadline-preview', settled],
    queryFn: () => api.get<DeadlinePreview>(`/api/v1/calendar/deadline-preview?${settled!}`),
    enabled: settled !== null,
    placeholderData: keepPreviousData,
    // Today's answer; a new day or a calendar change is picked up on the next question.
    staleTime: 60_000,
    meta: { silent: true },
  });
}
