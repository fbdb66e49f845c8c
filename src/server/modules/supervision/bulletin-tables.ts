/**
 * Drizzle types for migrations/0005_bulletins.sql (the SQL is the source of
 * truth). Owned by the supervision module, like its other tables.
 */
import { customType, date, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { UnitRef, UnitStats } from './stats-service';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });

/** Bytes as a Buffer on both drivers: PGlite hands back a Uint8Array, node-postgres a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v.buffer, v.byteOffset, v.byteLength),
});

/** A matter overdue at the end of the bulletin's period, as it stood then. */
export interface BulletinOverdueItem {
  matterId: string;
  code: string;
  title: string;
  leadUnit: UnitRef;
  deadline: string;
  overdueWorkingDays: number;
}

export const bulletins = pgTable('bulletins', {
  id: uuid('id').primaryKey(),
  title: text('title').notNull(),
  periodFrom: day('period_from').notNull(),
  periodTo: day('period_to').notNull(),
  asOf: day('as_of').notNull(),
  praise: text('praise').notNull(),
  criticism: text('criticism').notNull(),
  stats: jsonb('stats').$type<UnitStats[]>().notNull(),
  overdue: jsonb('overdue').$type<BulletinOverdueItem[]>().notNull(),
  docx: bytea('docx'),
  status: text('status').$type<'draft' | 'published'>().notNull(),
  createdBy: uuid('created_by').notNull(),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
  publishedBy: uuid('published_by'),
  publishedAt: ts('published_at'),
  version: integer('version').notNull(),
});

export type BulletinRow = typeof bulletins.$inferSelect;
