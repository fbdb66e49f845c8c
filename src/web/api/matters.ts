/**
 * 督查督办 API: response shapes (server/modules/supervision/present.ts is the
 * authority) and the calls the matter pages make.
 */
import { useQuery } from '@tanstack/react-query';
import type {
  Light,
  MatterPriority,
  MatterSource,
  MatterState,
  ReferralGround,
  ReferralRecipient,
  ReviewChecklistItem,
  UserActionType,
} from '../../shared/supervision';
import { api, ApiError, currentCsrfToken, request } from './client';
import type { Page, UnitRef, User } from './types';

export type DeadlineRule = { kind: 'date'; date: string } | { kind: 'working_days'; days: number };

export interface MatterSummary {
  id: string;
  code: string;
  title: string;
  source: MatterSource;
  sourceLabel: string;
  priority: MatterPriority;
  priorityLabel: string;
  categories: string[];
  state: MatterState;
  stateLabel: string;
  leadUnit: UnitRef | null;
  coUnits: (UnitRef | null)[];
  instructingLeader: UnitRef | null;
  deadline: string | null;
  originalDeadline: string | null;
  /** the deadline lies in, or was counted across, a year whose holiday notice is not out yet */
  deadlineProvisional: boolean;
  /** the Chinese warning to show then (server/domain/supervision/deadline-preview.ts words it) */
  deadlineProvisionalNote: string | null;
  light: Light;
  lightLabel: string;
  workingDaysLeft: number | null;
  openedAt: string;
  assignedAt: string | null;
  closedAt: string | null;
  /** the parent matter's id, null when there is none or the caller may not see it */
  parentId: string | null;
  version: number;
  /** ledger rows only (GET /matters): 承办人, 催办次数, 最近进展 (server ledger-extras.ts) */
  handler?: string | null;
  reminders?: number;
  latestProgress?: { on: string; text: string } | null;
}

export interface Milestone {
  id: string;
  title: string;
  deadline: string;
  doneAt?: string;
  /** closed without being done: the supervisor's reason, recorded on the closing event */
  waived?: { reason: string; at: string };
}

/**
 * An action the caller's role could take on this matter, refused now, with
 * the domain's own reason (exactly what the server would answer): `state`
 * when the matter's state does not allow it at all, `condition` when the
 * state would but something else does not yet.
 */
export interface ActionRefusal {
  action: string;
  code: string;
  reason: string;
  kind: 'state' | 'condition';
}

export interface TimelineEvent {
  seq: number;
  type: string;
  typeLabel: string;
  actor: UnitRef | null;
  at: string;
  state: MatterState;
  stateLabel: string;
  comment: string | null;
  attachmentIds: string[] | null;
  /** differs per event type; see server/domain/supervision/events.ts */
  payload: Record<string, unknown>;
}

export interface MatterDetail extends MatterSummary {
  /** the whole matter: the caller's unit handles it, or the caller is of the office */
  access: 'full';
  /** names of the units the timeline's events mention, by id */
  unitNames: Record<string, string>;
  requirement: string;
  sourceRef: { leaderName?: string; date?: string; text?: string; reference?: string };
  handlers: Record<string, string>;
  deadlineRule: DeadlineRule | null;
  milestones: Milestone[];
  progressCadenceDays: number | null;
  recheckRequired: boolean;
  pendingReturn: { unitId: string; reason: string; at: string } | null;
  pendingExtension: { requested: string; reason: string; at: string } | null;
  pendingHelp: { text: string; at: string } | null;
  completion: { report: string; evidenceIds: string[]; submittedAt: string; approvedAt: string | null } | null;
  lookBackDue: string | null;
  /** the day the scheduled 回头看 falls due; null unless closed */
  lookBackDueOn: string | null;
  /** every child, open or not; id null for one outside the caller's scope */
  children: { id: string | null; open: boolean }[];
  /** the 子事项 the caller may see (unit-scoped like the ledger) */
  subMatters: MatterSummary[];
  /** the parent matter, null when there is none or it is outside the caller's scope */
  parent: { id: string; code: string; title: string; state: MatterState; stateLabel: string } | null;
  /** split from a parent matter, even one outside the caller's scope (whose id is then not given) */
  hasParent: boolean;
  flags: string[];
  counts: Record<string, number>;
  allowedActions: string[];
  refusedActions: ActionRefusal[];
  timeline: TimelineEvent[];
}

/**
 * What a unit kept informed reads (presentInformedView): a former lead unit
 * after a justified 退回 (`former_unit`: its own events and the ruling), or a
 * unit a 批示 names (`named_unit`: that 批示). No state, deadline or actions.
 */
export interface MatterInformedView {
  access: 'former_unit' | 'named_unit';
  id: string;
  code: string;
  title: string;
  source: MatterSource;
  sourceLabel: string;
  sourceRef: MatterDetail['sourceRef'];
  instructingLeader: UnitRef | null;
  /** the unit leading the matter now: where it went */
  leadUnit: UnitRef | null;
  allowedActions: string[];
  unitNames: Record<string, string>;
  timeline: TimelineEvent[];
}

/** The body of POST /instructions (录入批示: instructionBody in server/modules/supervision/instructions.ts). */
export interface InstructionBody {
  text: string;
  leaderId?: string;
  date?: string;
  title?: string;
  reference?: string;
  unitIds: string[];
  attachmentIds?: string[];
}

export const recordInstruction = (body: InstructionBody) => api.post<MatterDetail>('/api/v1/instructions', body);

/** The body of POST /matters (createBody in server/modules/supervision/schema.ts). */
export interface MatterCreateBody {
  title: string;
  requirement: string;
  source: MatterSource;
  sourceRef?: { leaderName?: string; date?: string; text?: string };
  priority: MatterPriority;
  categories: string[];
  leadUnitId: string | null;
  coUnitIds: string[];
  handlers?: Record<string, string>;
  deadline: DeadlineRule | null;
  milestones: { title: string; deadline: string }[];
  progressCadenceDays: number | null;
  recheckRequired: boolean;
  instructingLeaderId: string | null;
  /** 拆分子事项: the matter this one is split from */
  parentId?: string | null;
  assign: boolean;
}

/** The plan fields 修改立项信息 (edit_draft) may change: createBody's plan part, without requirement and source reference. */
export type MatterPlanChanges = Partial<
  Pick<
    MatterCreateBody,
    | 'title'
    | 'source'
    | 'priority'
    | 'categories'
    | 'leadUnitId'
    | 'coUnitIds'
    | 'deadline'
    | 'milestones'
    | 'progressCadenceDays'
    | 'recheckRequired'
    | 'instructingLeaderId'
  >
>;

/** Fields any action may send (actionBody); each action reads only its own. */
export interface ActionFields {
  comment?: string;
  reason?: string;
  text?: string;
  report?: string;
  justified?: boolean;
  approved?: boolean;
  passed?: boolean;
  leadUnitId?: string;
  deadlineRule?: DeadlineRule;
  deadline?: string;
  milestonesDone?: string[];
  evidenceIds?: string[];
  /** files carried by the action (进展反馈, 复核): uploaded first, linked to the matter by the action */
  attachmentIds?: string[];
  /** 领导批示: the units it names */
  unitIds?: string[];
  checklist?: Partial<Record<ReviewChecklistItem, boolean>>;
  recipients?: ReferralRecipient[];
  /** 问责移交: what the referral rests on */
  ground?: ReferralGround;
  /** 审核通过 / 复核通过: open milestones closed without being done, each with a reason */
  waivers?: { milestoneId: string; reason: string }[];
  /** 回头看 before its due day, with `reason` */
  early?: boolean;
  /** edit_draft */
  changes?: MatterPlanChanges;
  /** 承办人 per unit id (edit_draft, assign) */
  handlers?: Record<string, string>;
}

export const mattersKey = ['matters'] as const;
export const matterKey = (id: string) => ['matters', 'detail', id] as const;

/** Repeated keys for arrays (state=a&state=b), which is how the ledger query reads lists. */
export function ledgerQueryString(params: Record<string, string | string[] | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === '') continue;
    for (const one of Array.isArray(v) ? v : [v]) q.append(k, String(one));
  }
  return q.toString();
}

export const fetchLedger = (qs: string) => request<Page<MatterSummary>>('GET', qs ? `/api/v1/matters?${qs}` : '/api/v1/matters');

export function useMatter(id: string) {
  return useQuery({
    queryKey: matterKey(id),
    queryFn: () => api.get<MatterDetail | MatterInformedView>(`/api/v1/matters/${id}`),
    meta: { silent: true },
  });
}

export const createMatter = (body: MatterCreateBody) => api.post<MatterDetail>('/api/v1/matters', body);

export const actOn = (m: Pick<MatterDetail, 'id' | 'version'>, action: UserActionType, fields: ActionFields) =>
  api.post<MatterDetail>(`/api/v1/matters/${m.id}/actions/${action}`, { version: m.version, ...fields });

/** 问责移交材料包 (supervisor, leader, auditor; the server answers 422 before a referral). */
export const referralPackageUrl = (id: string) => `/api/v1/matters/${encodeURIComponent(id)}/referral-package.zip`;

export interface BulkRemindResult {
  reminded: number;
  results: { id: string; ok: boolean; code?: string; message?: string }[];
}

/** 批量催办 (supervisor): each matter is its own step; the answer says which were not reminded and why. */
export const bulkRemind = (items: Pick<MatterSummary, 'id' | 'version'>[], comment?: string) =>
  api.post<BulkRemindResult>('/api/v1/matters/bulk/remind', { items: items.map(({ id, version }) => ({ id, version })), comment });

/** A saved 台账 view: `query` is the ledger's own query string. */
export interface MatterView {
  id: string;
  name: string;
  query: string;
  createdAt: string;
}

export const matterViewsKey = ['matter-views'] as const;

export function useMatterViews() {
  return useQuery({
    queryKey: matterViewsKey,
    queryFn: () => api.get<{ items: MatterView[] }>('/api/v1/matter-views'),
    select: (r) => r.items,
  });
}

export const saveMatterView = (name: string, query: string) => api.post<MatterView>('/api/v1/matter-views', { name, query });
export const deleteMatterView = (id: string) => api.del<{ ok: true }>(`/api/v1/matter-views/${encodeURIComponent(id)}`);

export function useLeaders() {
  return useQuery({
    queryKey: ['users', { role: 'leader' }],
    queryFn: () => api.get<Page<User>>('/api/v1/users', { role: 'leader', active: 'true', pageSize: 100 }),
    select: (r) => r.items,
    staleTime: 5 * 60_000,
  });
}

export interface UploadedFile {
  id: string;
  filename: string;
  size: number;
}

/**
 * Multipart upload to POST /attachments. It cannot go through request()
 * (that one sends JSON), so it adds the CSRF token itself.
 */
export async function uploadAttachment(file: File): Promise<UploadedFile> {
  const csrfToken = currentCsrfToken();
  const body = new FormData();
  body.append('file', file);
  const res = await fetch('/api/v1/attachments', {
    method: 'POST',
    body,
    credentials: 'same-origin',
    headers: csrfToken ? { 'x-csrf-token': csrfToken, accept: 'application/json' } : { accept: 'application/json' },
  });
  const json = (await res.json().catch(() => null)) as (UploadedFile & { error?: { code?: string; message?: string } }) | null;
  if (!res.ok || !json) {
    throw new ApiError(res.status, json?.error?.code ?? 'UNKNOWN', json?.error?.message ?? `上传失败（HTTP ${res.status}）`);
  }
  return json;
}

export const attachmentUrl = (id: string) => `/api/v1/attachments/${encodeURIComponent(id)}`;
