import { z } from 'zod';
import { isIsoDate, type IsoDate } from './dates';
import y2019 from './holidays/2019.json' with { type: 'json' };
import y2020 from './holidays/2020.json' with { type: 'json' };
import y2021 from './holidays/2021.json' with { type: 'json' };
import y2022 from './holidays/2022.json' with { type: 'json' };
import y2023 from './holidays/2023.json' with { type: 'json' };
import y2024 from './holidays/2024.json' with { type: 'json' };
import y2025 from './holidays/2025.json' with { type: 'json' };
import y2026 from './holidays/2026.json' with { type: 'json' };
import y2027 from './holidays/2027.json' with { type: 'json' };

/** One day of a State Council notice: a holiday (off) or a weekend day that is worked (调休). */
export interface OfficialDay {
  date: IsoDate;
  name: string;
  off: boolean;
}

/** The official schedule: the listed days, and per year the notices it was taken from. */
export interface OfficialHolidays {
  days: readonly OfficialDay[];
  /** year → notice URLs; a year that is absent or has none is provisional */
  notices: ReadonlyMap<number, readonly string[]>;
}

const holidayFile = z.object({
  year: z.number().int(),
  papers: z.array(z.url()),
  days: z.array(z.object({ name: z.string().min(1), date: z.string().refine(isIsoDate), isOffDay: z.boolean() })),
});

/**
 * Checked when the module loads, so a badly edited data file stops the server
 * at start instead of quietly moving deadlines. A notice may list days of the
 * previous year (the 2019 notice covers 2018-12-29..31), so days are keyed by
 * their own date, not by the file's year; two notices may not disagree on a day.
 */
export function parseOfficialHolidays(files: readonly unknown[]): OfficialHolidays {
  const byDate = new Map<IsoDate, OfficialDay>();
  const notices = new Map<number, readonly string[]>();
  for (const raw of files) {
    const f = holidayFile.parse(raw);
    if (notices.has(f.year)) throw new Error(`holiday data: year ${f.year} appears twice`);
    notices.set(f.year, f.papers);
    for (const d of f.days) {
      const prev = byDate.get(d.date);
      if (prev && prev.off !== d.isOffDay) throw new Error(`holiday data: notices disagree on ${d.date}`);
      byDate.set(d.date, { date: d.date, name: d.name, off: d.isOffDay });
    }
  }
  return { days: [...byDate.values()], notices };
}

/** The bundled holiday-cn data, 2019–2027 (see holidays/README.md). */
export const officialHolidays: OfficialHolidays = parseOfficialHolidays([
  y2019,
  y2020,
  y2021,
  y2022,
  y2023,
  y2024,
  y2025,
  y2026,
  y2027,
]);
