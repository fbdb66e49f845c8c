/**
 * Drizzle types for migrations/0004_supervision.sql (the SQL is the source of
 * truth). The supervision module owns these tables; others reach them only
 * through its service.
 */
import { bigint, date, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Matter, MatterEvent } from '../../domain/supervision';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });

export interface SourceRef {
  /** 批示 leader's name (free text, e.g. a leader above the county), date and text */
  leaderName?: string;
  date?: string;
  text?: string;
  /** document number, meeting name, request number … */
  reference?: string;
}

export const matterCounters = pgTable('matter_counters', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull(),
});

export const matters = pgTable('matters', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull(),
  parentId: uuid('parent_id'),
  title: text('title').notNull(),
  requirement: text('requirement').notNull(),
  source: text('source').notNull(),
  sourceRef: jsonb('source_ref').$type<SourceRef>().notNull(),
  priority: text('priority').notNull(),
  categories: text('categories').array().notNull(),
  leadUnitId: uuid('lead_unit_id'),
  /** lead and co-units, for the ledger's unit filter inside its covering indexes (matter_units keeps the handlers) */
  unitIds: uuid('unit_ids').array().notNull().default([]),
  instructingLeaderId: uuid('instructing_leader_id'),
  state: text('state').notNull(),
  deadline: day('deadline'),
  originalDeadline: day('original_deadline'),
  lightMode: text('light_mode').$type<'none' | 'red' | 'green' | 'clock'>().notNull(),
  yellowFrom: day('yellow_from'),
  redFrom: day('red_from'),
  /** the first day the sweeper has work for the matter (nextSweepOn); null when it never will as things stand */
  sweepDue: day('sweep_due'),
  openedBy: uuid('opened_by').notNull(),
  openedAt: ts('opened_at').notNull(),
  assignedAt: ts('assigned_at'),
  closedAt: ts('closed_at'),
  completedOn: day('completed_on'),
  snapshot: jsonb('snapshot').$type<Matter>().notNull(),
  version: integer('version').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

export const matterUnits = pgTable('matter_units', {
  matterId: uuid('matter_id').notNull(),
  unitId: uuid('unit_id').notNull(),
  role: text('role').$type<'lead' | 'co'>().notNull(),
  handler: text('handler'),
});

export const matterEvents = pgTable('matter_events', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  matterId: uuid('matter_id').notNull(),
  seq: integer('seq').notNull(),
  type: text('type').$type<MatterEvent['type']>().notNull(),
  actorId: text('actor_id').notNull(),
  at: ts('at').notNull(),
  state: text('state').notNull(),
  comment: text('comment'),
  attachmentIds: text('attachment_ids').array().notNull(),
  payload: jsonb('payload').notNull(),
});

/** Units kept informed of a matter they do not handle (migrations/0012; domain/supervision/informed.ts). */
export const matterInformedUnits = pgTable('matter_informed_units', {
  matterId: uuid('matter_id').notNull(),
  unitId: uuid('unit_id').notNull(),
  reason: text('reason').$type<'former_lead' | 'named'>().notNull(),
  seq: integer('seq').notNull(),
});
