import { z } from 'zod';
import type { App } from '../../http/app-type';
import type { Deps } from '../../deps';
import { actorOf, metaOf } from '../../http/auth';
import { idParam } from '../../http/schemas';
import { notFound } from '../../errors';
import { chinaDateOf } from '../../domain/calendar/dates';
import { businessRoles } from '../../../shared/roles';
import { userActionTypes } from '../../../shared/supervision';
import { loadWorkCalendar } from '../calendar/service';
import { registerAttachmentOwner } from '../attachments/owners';
import { bulkRoutes } from './bulk';
import { matterViewRoutes } from './views';
import { referralRoutes } from './referral';
import { LEDGER_COUNT_BUDGET_MS, ledgerPage } from './ledger';
import { ledgerExtras, type LedgerExtras } from './ledger-extras';
import { ledgerQuery } from './ledger-query';
import { childrenOf, eventsOf, findMatter, findMatterToRead, unitsOf } from './repo';
import { canReadMatterFile, informedView } from './informed-view';
import { instructionBody, recordInstruction } from './instructions';
import { actionBody, createBody, toAction, toPlan } from './schema';
import { act, domainActor, openMatter } from './service';
import { nameBook, presentMatterDetail, presentMatterSummary, unitsMentioned } from './present';
import { loadSupervisionSettings } from './settings-service';

const business = { roles: businessRoles };
/** 督查督办 API: open, list (台账), read with timeline and allowed actions, act. */
export function supervisionRoutes(app: App, deps: Deps): void {
  // A matter's files are readable by whoever may see the matter.
  registerAttachmentOwner('matter', canReadMatterFile);
  matterViewRoutes(app, deps);
  bulkRoutes(app, deps);
  referralRoutes(app, deps);

  app.post(
    '/api/v1/matters',
    { schema: { tags: ['supervision'], summary: '立项（可同时交办）', body: createBody }, config: { roles: ['supervisor'] } },
    async (req, reply) => {
      const b = req.body;
      const id = await openMatter(deps, metaOf(req), actorOf(req), {
        plan: toPlan(b),
        requirement: b.requirement,
        sourceRef: b.sourceRef ?? {},
        handlers: b.handlers ?? {},
        parentId: b.parentId ?? null,
        comment: b.comment,
        attachmentIds: b.attachmentIds,
        assign: b.assign,
      });
      return reply.status(201).send(await detail(deps, req, id));
    },
  );

  app.post(
    '/api/v1/instructions',
    {
      schema: { tags: ['supervision'], summary: '录入领导批示（生成待研判的草稿事项）', body: instructionBody },
      config: { roles: ['leader', 'staff', 'supervisor'] },
    },
    async (req, reply) => {
      const id = await recordInstruction(deps, metaOf(req), actorOf(req), req.body);
      return reply.status(201).send(await detail(deps, req, id));
    },
  );

  app.get(
    '/api/v1/matters',
    { schema: { tags: ['supervision'], summary: '督查台账', querystring: ledgerQuery }, config: business },
    async (req) => {
      const actor = actorOf(req);
      const { page: p, pageSize: size, columns, ...q } = req.query;
      const today = chinaDateOf(deps.clock.now());
      const [{ rows, total, totalExact }, calendar, settings] = await Promise.all([
        // PostgreSQL can cancel a count that runs long (see withinBudget); PGlite answers small ledgers anyway.
        ledgerPage(deps.db, actor, q, today, size, (p - 1) * size, { countBudgetMs: deps.engine === 'postgres' ? LEDGER_COUNT_BUDGET_MS : undefined }),
        loadWorkCalendar(deps.db),
        loadSupervisionSettings(deps.db),
      ]);
      // The optional columns cost three queries a page (a quarter of the ledger's throughput): only when shown.
      const [book, extras] = await Promise.all([
        nameBook(deps.db, rows, [], actor),
        columns === 'extras' ? ledgerExtras(deps.db, rows) : new Map<string, LedgerExtras>(),
      ]);
      const items = rows.map((r) => ({ ...presentMatterSummary(r, book, today, calendar, settings), ...extras.get(r.id) }));
      return { items, total, totalExact, page: p, pageSize: size };
    },
  );

  app.get(
    '/api/v1/matters/:id',
    { schema: { tags: ['supervision'], summary: '事项详情（含办理过程与可执行操作）', params: idParam }, config: business },
    async (req) => detail(deps, req, req.params.id),
  );

  app.post(
    '/api/v1/matters/:id/actions/:action',
    {
      schema: {
        tags: ['supervision'],
        summary: '对事项执行操作（交办、签收、退回、反馈、延期、催办、报结、审核、复核、回头看……）',
        params: z.strictObject({ id: z.uuid('编号格式不正确'), action: z.enum(userActionTypes) }),
        body: actionBody,
      },
      config: business,
    },
    async (req) => {
      const { version: v, handlers, ...payload } = req.body;
      await act(deps, metaOf(req), actorOf(req), req.params.id, v, toAction(req.params.action, payload), { handlers });
      return detail(deps, req, req.params.id);
    },
  );
}

async function detail(deps: Deps, req: Parameters<typeof actorOf>[0], id: string) {
  const actor = actorOf(req);
  const found = await findMatterToRead(deps.db, actor, id);
  if (!found) throw notFound('事项');
  if (found.access.kind === 'informed') return informedView(deps, actor, found.row, found.access.grants);
  const row = found.row;
  const [events, unitRows, calendar, settings, children, parent] = await Promise.all([
    eventsOf(deps.db, id),
    unitsOf(deps.db, id),
    loadWorkCalendar(deps.db),
    loadSupervisionSettings(deps.db),
    childrenOf(deps.db, actor, id),
    row.parentId ? findMatter(deps.db, actor, row.parentId) : null,
  ]);
  const childIds = [...row.snapshot.children.map((c) => c.id), ...events.flatMap((e) => ('childId' in (e.payload as object) ? [(e.payload as { childId: string }).childId] : []))];
  const book = await nameBook(deps.db, [row, ...children], events.map((e) => e.actorId), actor, childIds, unitsMentioned(events));
  const now = deps.clock.now();
  return presentMatterDetail(row, book, chinaDateOf(now), calendar, settings, domainActor(actor), now, events, unitRows, { children, parent });
}

