import { describe, expect, it } from 'vitest';
import { fmtAvg, fmtFigure, fmtRate, statsColumns } from './stats-format';
import type { SupervisionStats } from './supervision';

const nothingDue: SupervisionStats = {
  assigned: 2,
  closed: 0,
  closedOnTimeOriginal: 0,
  closedOnTimeApproved: 0,
  overdue: 0,
  onTimeRate: null,
  avgWorkingDaysToClose: null,
  returns: 0,
  extensions: 0,
  recheckFailures: 0,
  lookBackFailures: 0,
};

describe('statistics formatting', () => {
  it('a rate is a percent with one decimal; none due is a dash, never 0.0%', () => {
    expect(fmtRate(null)).toBe('—');
    expect(fmtRate(0)).toBe('0.0%');
    expect(fmtRate(0.5)).toBe('50.0%');
    expect(fmtRate(2 / 3)).toBe('66.7%');
    expect(fmtRate(1)).toBe('100.0%');
    expect(fmtRate(Number.NaN)).toBe('—');
  });

  it('a mean of working days has one decimal, a dash when nothing closed', () => {
    expect(fmtAvg(null)).toBe('—');
    expect(fmtAvg(0)).toBe('0.0');
    expect(fmtAvg(7.25)).toBe('7.3');
  });

  it('every figure of SupervisionStats has one column, and a unit with nothing due reads as dashes for rate and mean', () => {
    expect(statsColumns.map((c) => c.key).sort()).toEqual(Object.keys(nothingDue).sort());
    const cells = Object.fromEntries(statsColumns.map((c) => [c.header, fmtFigure(nothingDue, c)]));
    expect(cells).toMatchObject({ 交办: '2', 逾期: '0', 按时办结率: '—', '平均办结用时（工作日）': '—' });
    expect(Object.values(cells)).not.toContain('0.0%');
  });
});
