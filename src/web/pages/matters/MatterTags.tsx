import { Tag } from 'antd';
import { lightLabels, type Light, type MatterPriority, type MatterState } from '../../../shared/supervision';

const lightColors: Record<Light, string> = { green: 'success', yellow: 'warning', red: 'error', none: 'default' };
const stateColors: Partial<Record<MatterState, string>> = {
  draft: 'default',
  assigned: 'blue',
  assessing: 'purple',
  in_progress: 'processing',
  suspended: 'default',
  reviewing: 'cyan',
  rechecking: 'geekblue',
  closed: 'green',
};
const priorityColors: Record<MatterPriority, string | undefined> = { extra_urgent: 'red', urgent: 'orange', normal: undefined };

/** 红黄绿灯 as a coloured tag; the label travels with the colour so it is never colour alone. */
export function LightTag({ light }: { light: Light }) {
  if (light === 'none') return <span aria-label="无灯">—</span>;
  return <Tag color={lightColors[light]}>{lightLabels[light]}</Tag>;
}

export function StateTag({ state, label }: { state: MatterState; label: string }) {
  return <Tag color={stateColors[state]}>{label}</Tag>;
}

export function PriorityTag({ priority, label }: { priority: MatterPriority; label: string }) {
  return <Tag color={priorityColors[priority]}>{label}</Tag>;
}

/** 剩余工作日: negative means overdue by that many working days; no clock runs once closed. */
/** Working days left (the clock counts working days): "N 个工作日", or "逾期 N 个工作日"; calendar days are only ever "N 天". */
export function daysLeftText(n: number | null, state?: MatterState): string {
  if (n === null || state === 'closed') return '—';
  return n < 0 ? `逾期 ${-n} 个工作日` : `${n} 个工作日`;
}
