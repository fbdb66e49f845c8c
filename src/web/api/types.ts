/** Response shapes of the platform API, as documented in the API brief; the server is the authority. */
import type { Role, UnitType } from '../../shared/roles';

export interface UnitRef {
  id: string;
  name: string;
}

export interface Me {
  id: string;
  username: string;
  name: string;
  unit: UnitRef;
  roles: string[];
  roleLabels: string[];
  mustChangePassword: boolean;
  passwordExpiresAt: string | null;
  csrfToken: string | null;
  demo: boolean;
}

export interface Page<T> {
  items: T[];
  total: number;
  /** false when the list counted only up to `total` and more rows match (the ledger: "2000+") */
  totalExact?: boolean;
  page?: number;
  pageSize?: number;
}

export interface ApiToken {
  id: string;
  name: string;
  scope: 'read' | 'write';
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface WorkbenchItem {
  key: string;
  title: string;
  count: number;
  link: string;
  description?: string;
}

export interface Unit {
  id: string;
  parentId: string | null;
  name: string;
  shortName: string | null;
  type: UnitType;
  typeLabel: string;
  code: string;
  sortOrder: number;
  active: boolean;
  version: number;
}

export interface User {
  id: string;
  username: string;
  name: string;
  unit: UnitRef;
  phone: string | null;
  email: string | null;
  roles: Role[];
  roleLabels: string[];
  active: boolean;
  version: number;
  mustChangePassword?: boolean;
  lockedUntil?: string | null;
  lastLoginAt?: string | null;
}

export interface OneTimePasswordResult {
  user: User;
  oneTimePassword: string;
}

export interface SecurityPolicy {
  minLength: number;
  minClasses: number;
  maxAgeDays: number;
  historyCount: number;
  maxFailures: number;
  lockMinutes: number;
  idleTimeoutMinutes: number;
  version: number;
}

export interface AuditEntry {
  id: string | number;
  at: string;
  userId: string | null;
  username: string | null;
  role: string | null;
  action: string;
  actionLabel: string | null;
  objectType: string | null;
  objectId: string | null;
  result: string;
  ip: string | null;
  requestId: string | null;
  detail: unknown;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstBrokenId: string | number | null;
  reason: string | null;
  firstId: number | null;
  lastId: number | null;
  keyed: number;
  legacy: number;
  checkpoints: number;
  latestCheckpointAt: string | null;
}

export interface CalendarDay {
  date: string;
  working?: boolean;
  /** workday | weekend | holiday | adjusted_workday (调休上班) */
  kind: string;
  kindLabel?: string;
  name: string | null;
  /** official | provisional | override */
  source: string | null;
}

export interface CalendarYear {
  year: number;
  provisional: boolean;
  source: string | null;
  notices?: string[];
  days: CalendarDay[];
}

export interface CalendarOverride {
  date: string;
  kind: 'holiday' | 'workday';
  kindLabel?: string;
  note: string | null;
  createdAt?: string;
}

export interface Notification {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export type ChannelKind = 'webhook' | 'dingtalk' | 'wecom' | 'feishu';

export interface Channel {
  id: string;
  kind: ChannelKind;
  kindLabel?: string;
  name: string;
  url: string;
  hasSecret: boolean;
  enabled: boolean;
  version: number;
}

export interface OutboxAttempt {
  at: string;
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number | null;
}

export interface OutboxItem {
  id: string;
  kind: string;
  kindLabel?: string;
  channel?: { id: string; name: string } | null;
  target: string;
  title?: string | null;
  test?: boolean;
  status: string;
  statusLabel?: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  nextAttemptAt: string | null;
  attemptsLog?: OutboxAttempt[];
}

export interface SmtpSettings {
  enabled?: boolean;
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  from: string;
  hasPassword: boolean;
  version: number;
}

export interface DeliverySettings {
  timeoutMs: number;
  maxAttempts: number;
  publicUrl: string | null;
  version: number;
}
