import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/connect';
import { units, users } from '../../db/schema';
import type { Deps } from '../../deps';
import type { Matter, MatterEvent } from '../../domain/supervision';
import { matterEventLabels } from '../../../shared/supervision';
import { notify } from '../notifications/notify';

type Audience = 'lead' | 'co' | 'leadHead' | 'office' | 'leader';

/** Who hears of each event: the units that must act, or the office that must decide. */
const audiences: Partial<Record<MatterEvent['type'], Audience[]>> = {
  assigned: ['lead', 'co'],
  return_ruled: ['lead', 'co'],
  returned: ['office'],
  extension_requested: ['office'],
  extension_decided: ['lead'],
  help_requested: ['office'],
  help_answered: ['lead'],
  reminded: ['lead', 'leadHead'],
  suspended: ['lead'],
  resumed: ['lead'],
  completion_submitted: ['leadHead'],
  completion_decided: ['lead', 'office'],
  reviewed: ['lead', 'leader'],
  rechecked: ['lead', 'leader'],
  looked_back: ['lead'],
  instruction_added: ['lead', 'co', 'office'],
  escalated: ['office', 'leader', 'leadHead'],
  look_back_due: ['office'],
  deadline_recalculated: ['lead', 'co'],
};

async function recipients(tx: Tx, m: Matter, who: Audience[]): Promise<string[]> {
  const ids = new Set<string>();
  const unitRole = async (unitIds: readonly string[], role: string) => {
    if (unitIds.length === 0) return;
    const rows = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(inArray(users.unitId, [...unitIds]), eq(users.active, true), sql`${role} = ANY(${users.roles})`));
    rows.forEach((r) => ids.add(r.id));
  };
  const lead = m.leadUnitId ? [m.leadUnitId] : [];
  if (who.includes('lead')) await unitRole(lead, 'liaison');
  if (who.includes('co')) await unitRole(m.coUnitIds, 'liaison');
  if (who.includes('leadHead')) await unitRole(lead, 'unit_head');
  if (who.includes('office')) {
    const rows = await tx.select({ id: users.id }).from(users).where(and(eq(users.active, true), sql`'supervisor' = ANY(${users.roles})`));
    rows.forEach((r) => ids.add(r.id));
  }
  if (who.includes('leader') && m.instructingLeaderId) ids.add(m.instructingLeaderId);
  return [...ids];
}

/** The liaisons and unit heads of these units: who speaks for a unit kept informed. */
async function unitPeople(tx: Tx, unitIds: readonly string[]): Promise<string[]> {
  if (unitIds.length === 0) return [];
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.unitId, [...unitIds]), eq(users.active, true), sql`${users.roles} && ARRAY['liaison', 'unit_head']::text[]`));
  return rows.map((r) => r.id);
}

/**
 * The units kept informed of an event (domain informed.ts) and what they are
 * told: the former lead unit, that its 退回 was upheld and who leads now; a
 * unit a 批示 names, the 批示. Their link opens the limited view.
 */
async function informedNotices(tx: Tx, m: Matter, e: MatterEvent): Promise<{ userIds: string[]; title: string; body: string } | null> {
  if (e.type === 'return_ruled' && e.payload.justified) {
    const [to] = await tx.select({ name: units.name }).from(units).where(eq(units.id, e.payload.leadUnitId));
    const body = `退回理由成立，事项已改由${to?.name ?? '其他单位'}牵头办理。${e.comment ? `研判意见：${e.comment}` : ''}`;
    return { userIds: await unitPeople(tx, [e.payload.oldLeadUnitId]), title: `【退回已同意】${m.title}`, body };
  }
  if (e.type === 'instruction_added' && e.payload.unitIds?.length) {
    return { userIds: await unitPeople(tx, e.payload.unitIds), title: `【领导批示】${m.title}`, body: e.payload.text };
  }
  return null;
}

/**
 * 报结 withdraws a pending extension request (recorded on the event); the
 * supervisors who were to decide it are told, so it does not vanish from
 * their desk unexplained.
 */
async function noticeOfWithdrawal(tx: Tx, deps: Deps, m: Matter, e: MatterEvent): Promise<void> {
  if (e.type !== 'completion_submitted' || !e.payload.extensionWithdrawn) return;
  const userIds = (await recipients(tx, m, ['office'])).filter((id) => id !== e.actorId);
  if (userIds.length === 0) return;
  await notify(tx, deps, {
    userIds,
    kind: 'matter.extension_withdrawn',
    title: `【延期申请已撤回】${m.title}`,
    body: `承办单位已报结，报结时撤回了延期申请（申请延至 ${e.payload.extensionWithdrawn}）。`,
    link: `/matters/${m.id}`,
  });
}

/** Each event that asks someone to act becomes a notification, in the same transaction (outbox). */
export async function notifyForEvents(tx: Tx, deps: Deps, m: Matter, events: MatterEvent[]): Promise<void> {
  for (const e of events) {
    await noticeOfWithdrawal(tx, deps, m, e);
    const who = audiences[e.type];
    const told = new Set<string>([e.actorId]);
    const userIds = who ? (await recipients(tx, m, who)).filter((id) => !told.has(id)) : [];
    if (userIds.length > 0) {
      userIds.forEach((id) => told.add(id));
      await notify(tx, deps, {
        userIds,
        kind: `matter.${e.type}`,
        title: `【${matterEventLabels[e.type]}】${m.title}`,
        body:
          e.type === 'deadline_recalculated'
            ? `${e.payload.reason}，办理期限由 ${e.payload.oldDeadline} 调整为 ${e.payload.newDeadline}`
            : (e.comment ?? (m.deadline ? `办理期限：${m.deadline}` : '')),
        link: `/matters/${m.id}`,
      });
    }
    const notice = await informedNotices(tx, m, e);
    const informed = notice?.userIds.filter((id) => !told.has(id)) ?? [];
    if (notice && informed.length > 0) {
      await notify(tx, deps, { userIds: informed, kind: `matter.${e.type}.informed`, title: notice.title, body: notice.body, link: `/matters/${m.id}` });
    }
  }
}
