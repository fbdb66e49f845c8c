import { Alert, Flex, Typography } from 'antd';
import dayjs from 'dayjs';
import { useDeadlinePreview, type CrossedDay } from '../../api/deadlinePreview';
import type { DeadlineRule } from '../../api/matters';

interface Run {
  name: string;
  kind: CrossedDay['kind'];
  provisional: boolean;
  first: string;
  last: string;
}

/** Consecutive days of one holiday (or one 调休) as one run: 国庆节 10-01 至 10-07, not seven entries. */
function runsOf(days: readonly CrossedDay[]): Run[] {
  const runs: Run[] = [];
  for (const d of days) {
    const name = d.name ?? d.kindLabel;
    const prev = runs[runs.length - 1];
    if (prev && prev.name === name && prev.kind === d.kind && dayjs(prev.last).add(1, 'day').format('YYYY-MM-DD') === d.date) {
      prev.last = d.date;
    } else {
      runs.push({ name, kind: d.kind, provisional: d.source === 'provisional', first: d.date, last: d.date });
    }
  }
  return runs;
}

/** MM-DD when every day listed is in one year, else the whole date. */
const dateOf = (oneYear: boolean) => (date: string) => (oneYear ? date.slice(5) : date);
const span = (r: Run, d: (date: string) => string) => (r.first === r.last ? d(r.first) : `${d(r.first)} 至 ${d(r.last)}`);
/** A provisional holiday is inferred from the 放假办法, not announced; say so unless its name already does. */
const label = (r: Run, d: (date: string) => string) => `${r.name}${r.provisional && !r.name.includes('推算') ? '（推算）' : ''}（${span(r, d)}）`;

/**
 * 完成时限预览 under a deadline field: the date and weekday the rule gives if
 * assigned today, the working and calendar days, the holidays on the way,
 * and a warning when a year on the way has no State Council notice yet. The
 * server computes it with the function 交办 uses, so this is what will be stored.
 */
export function DeadlinePreview({ rule, from = '今天', hideError = false }: { rule: DeadlineRule | null; from?: string; hideError?: boolean }) {
  const q = useDeadlinePreview(rule);
  if (!rule || (hideError && q.isError)) return null;
  const p = q.data;
  return (
    <div role="status" aria-label="完成时限预览" aria-live="polite" style={{ marginBottom: 16, opacity: q.isPlaceholderData ? 0.6 : 1 }}>
      {q.isError ? (
        <Typography.Text type="danger">{q.error.message}</Typography.Text>
      ) : !p ? (
        <Typography.Text type="secondary">正在计算完成时限…</Typography.Text>
      ) : (
        <Flex vertical gap={4}>
          <Typography.Text>
            办理期限：<Typography.Text strong>{p.deadline}（{p.weekday}）</Typography.Text>，自{from}起 {p.workingDays} 个工作日，共 {p.calendarDays} 天
          </Typography.Text>
          {p.holidaysCrossed.length > 0 && <CrossedDays days={p.holidaysCrossed} />}
          {p.provisional && <Alert type="warning" showIcon title={p.provisionalNote} />}
        </Flex>
      )}
    </div>
  );
}

/** A date a year or more away crosses dozens of holidays; the first few say enough. */
const MAX_RUNS = 8;
const listed = (runs: readonly Run[], d: (date: string) => string) =>
  runs.slice(0, MAX_RUNS).map((r) => label(r, d)).join('、') + (runs.length > MAX_RUNS ? ` 等 ${runs.length} 段` : '');

function CrossedDays({ days }: { days: readonly CrossedDay[] }) {
  const runs = runsOf(days);
  const off = runs.filter((r) => r.kind === 'holiday');
  const worked = runs.filter((r) => r.kind === 'adjusted_workday');
  const d = dateOf(days[0]!.date.slice(0, 4) === days[days.length - 1]!.date.slice(0, 4));
  return (
    <Typography.Text type="secondary">
      {off.length > 0 && `期间节假日：${listed(off, d)}`}
      {off.length > 0 && worked.length > 0 && '；'}
      {worked.length > 0 && `调休上班：${listed(worked, d)}`}
    </Typography.Text>
  );
}
