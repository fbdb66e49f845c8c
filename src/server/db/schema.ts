/**
 * Drizzle table definitions mirroring migrations/*.sql (the SQL files are
 * the source of truth; this file only types the queries).
 */
import {
  bigint,
  boolean,
  customType,
  date,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const units = pgTable('units', {
  id: uuid('id').primaryKey(),
  parentId: uuid('parent_id'),
  name: text('name').notNull(),
  shortName: text('short_name'),
  type: text('type').$type<'office' | 'department' | 'township' | 'other'>().notNull(),
  code: text('code').notNull(),
  sortOrder: integer('sort_order').notNull(),
  active: boolean('active').notNull(),
  path: text('path').notNull(),
  version: integer('version').notNull(),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

export const users = pgTable('users', {
  id: uuid('id').primaryKey(),
  username: text('username').notNull(),
  name: text('name').notNull(),
  unitId: uuid('unit_id').notNull(),
  phone: text('phone'),
  email: text('email'),
  roles: text('roles').array().notNull(),
  active: boolean('active').notNull(),
  passwordHash: text('password_hash').notNull(),
  passwordChangedAt: ts('password_changed_at').notNull(),
  mustChangePassword: boolean('must_change_password').notNull(),
  failedLogins: integer('failed_logins').notNull(),
  lockedUntil: ts('locked_until'),
  lastLoginAt: ts('last_login_at'),
  version: integer('version').notNull(),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

export const passwordHistory = pgTable('password_history', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  userId: uuid('user_id').notNull(),
  passwordHash: text('password_hash').notNull(),
  createdAt: ts('created_at').notNull(),
});

export const sessions = pgTable('sessions', {
  id: uuid('id').primaryKey(),
  tokenHash: text('token_hash').notNull(),
  csrfToken: text('csrf_token').notNull(),
  userId: uuid('user_id').notNull(),
  createdAt: ts('created_at').notNull(),
  lastSeenAt: ts('last_seen_at').notNull(),
  endedAt: ts('ended_at'),
  ip: text('ip'),
  userAgent: text('user_agent'),
});

export const apiTokens = pgTable('api_tokens', {
  id: uuid('id').primaryKey(),
  userId: uuid('user_id').notNull(),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull(),
  scope: text('scope').$type<'read' | 'write'>().notNull(),
  createdAt: ts('created_at').notNull(),
  expiresAt: ts('expires_at'),
  lastUsedAt: ts('last_used_at'),
  revokedAt: ts('revoked_at'),
});

export const auditLog = pgTable('audit_log', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  at: ts('at').notNull(),
  userId: uuid('user_id'),
  username: text('username'),
  role: text('role'),
  action: text('action').notNull(),
  objectType: text('object_type'),
  objectId: text('object_id'),
  result: text('result').$type<'success' | 'failure'>().notNull(),
  ip: text('ip'),
  requestId: text('request_id'),
  detail: jsonb('detail').$type<Record<string, unknown>>().notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
  /** the keyed chain (migration 0010); NULL on records written before it */
  seq: bigint('seq', { mode: 'number' }),
  prevAt: ts('prev_at'),
  keyId: text('key_id'),
  mac: text('mac'),
});

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  version: integer('version').notNull(),
  updatedAt: ts('updated_at').notNull(),
  updatedBy: uuid('updated_by'),
});

export const calendarOverrides = pgTable('calendar_overrides', {
  day: date('day', { mode: 'string' }).primaryKey(),
  kind: text('kind').$type<'holiday' | 'workday'>().notNull(),
  note: text('note').notNull(),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull(),
});

/** A holiday-cn file loaded for a year the bundled data lacks (0011_official_holiday_years.sql). */
export const officialHolidayYears = pgTable('official_holiday_years', {
  year: integer('year').primaryKey(),
  file: jsonb('file').notNull(),
  loadedBy: uuid('loaded_by'),
  loadedAt: ts('loaded_at').notNull(),
});

export const notifications = pgTable('notifications', {
  id: uuid('id').primaryKey(),
  userId: uuid('user_id').notNull(),
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  link: text('link'),
  createdAt: ts('created_at').notNull(),
  readAt: ts('read_at'),
});

export type ChannelKind = 'webhook' | 'dingtalk' | 'wecom' | 'feishu';

export const notificationChannels = pgTable('notification_channels', {
  id: uuid('id').primaryKey(),
  kind: text('kind').$type<ChannelKind>().notNull(),
  name: text('name').notNull(),
  url: text('url').notNull(),
  secret: text('secret'),
  enabled: boolean('enabled').notNull(),
  version: integer('version').notNull(),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

export const outbox = pgTable('outbox', {
  id: uuid('id').primaryKey(),
  kind: text('kind').$type<ChannelKind | 'email'>().notNull(),
  channelId: uuid('channel_id'),
  target: text('target').notNull(),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  status: text('status').$type<'pending' | 'delivered' | 'dead'>().notNull(),
  attempts: integer('attempts').notNull(),
  nextAttemptAt: ts('next_attempt_at').notNull(),
  lastError: text('last_error'),
  createdAt: ts('created_at').notNull(),
  deliveredAt: ts('delivered_at'),
});

export const outboxAttempts = pgTable('outbox_attempts', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  outboxId: uuid('outbox_id').notNull(),
  at: ts('at').notNull(),
  ok: boolean('ok').notNull(),
  statusCode: integer('status_code'),
  error: text('error'),
  durationMs: integer('duration_ms').notNull(),
});

/** Bytes as a Buffer on both drivers: PGlite hands back a Uint8Array, node-postgres a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v.buffer, v.byteOffset, v.byteLength),
});

export const attachments = pgTable('attachments', {
  id: uuid('id').primaryKey(),
  ownerType: text('owner_type'),
  ownerId: text('owner_id'),
  filename: text('filename').notNull(),
  mime: text('mime').notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  content: bytea('content').notNull(),
  uploadedBy: uuid('uploaded_by').notNull(),
  uploadedAt: ts('uploaded_at').notNull(),
  unitId: uuid('unit_id').notNull(),
  deletedAt: ts('deleted_at'),
});
