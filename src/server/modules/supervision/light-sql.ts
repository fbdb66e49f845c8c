import { sql, type SQL } from 'drizzle-orm';
import type { IsoDate } from '../../domain/calendar/dates';
import type { Light } from '../../../shared/supervision';
import { matters } from './tables';

/** The light as SQL for a given day, from the thresholds kept on each row (see light-thresholds.ts). */
export const lightSql = (today: IsoDate) => sql<Light>`(CASE
  WHEN ${matters.lightMode} <> 'clock' THEN ${matters.lightMode}
  WHEN ${today}::date >= ${matters.redFrom} THEN 'red'
  WHEN ${today}::date >= ${matters.yellowFrom} THEN 'yellow'
  ELSE 'green' END)`;

/**
 * lightSql(today) = light, written as ranges the planner can use: in 'clock'
 * mode red_from is always the day after the deadline (light-thresholds.ts),
 * so red is a deadline before today and yellow or green a deadline from
 * today on — a range on the ledger's deadline index, where the CASE would
 * make PostgreSQL read every row. ledger.test.ts checks the two agree row
 * by row, day by day.
 */
export function lightIs(light: Light, today: IsoDate): SQL {
  const [mode, yellow, deadline] = [matters.lightMode, matters.yellowFrom, matters.deadline];
  switch (light) {
    case 'red':
      return sql`(${mode} = 'red' OR (${mode} = 'clock' AND ${deadline} < ${today}::date))`;
    case 'yellow':
      return sql`(${mode} = 'clock' AND ${deadline} >= ${today}::date AND ${yellow} <= ${today}::date)`;
    case 'green':
      return sql`(${mode} = 'green' OR (${mode} = 'clock' AND ${deadline} >= ${today}::date AND ${yellow} > ${today}::date))`;
    case 'none':
      return sql`${mode} = 'none'`;
  }
}
