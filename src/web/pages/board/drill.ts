import type { BoardUnitRow } from '../../api/board';
import { ledgerQueryString } from '../../api/matters';
import { unitSeries } from './boardCharts';

/**
 * Ledger filters for a click on one of a unit's bars: the server gives, with
 * each count, the ledger query whose total it is, so the list holds exactly
 * the number clicked; the on-time rate opens the unit's whole ledger.
 */
export function drillQuery(row: BoardUnitRow, seriesName: string | undefined): string {
  const key = unitSeries.find((s) => s.name === seriesName)?.key;
  return key ? row.drill[key] : ledgerQueryString({ leadUnitId: row.unit.id });
}
