import { ledgerQueryString } from '../../api/matters';
import { unitSeries } from './boardCharts';

/** The states a matter is "在办" in: assigned and not yet closed (draft is not on anyone's desk yet). */
const openStates = ['assigned', 'assessing', 'in_progress', 'suspended', 'reviewing', 'rechecking'];

/** Ledger filters for a click on one of a unit's bars: the bar's meaning becomes the filter. */
export function drillQuery(unitId: string, seriesName: string | undefined): string {
  const key = unitSeries.find((s) => s.name === seriesName)?.key;
  return ledgerQueryString({
    leadUnitId: unitId,
    light: key === 'overdue' ? 'red' : undefined,
    state: key === 'closed' ? 'closed' : key === 'inProgress' ? openStates : undefined,
  });
}
