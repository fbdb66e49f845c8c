import { z } from 'zod';
import type { App } from '../../http/app-type';
import type { Deps } from '../../deps';
import { actorOf, metaOf } from '../../http/auth';
import { idParam, page, pageSize, requiredText, text, version } from '../../http/schemas';
import { notFound } from '../../errors';
import { chinaDateOf } from '../../domain/calendar/dates';
import { businessRoles } from '../../../shared/roles';
import { bulletinWithDocument, findBulletin, listBulletins, userNames } from './bulletin-repo';
import { presentBulletin, presentBulletinSummary } from './bulletin-present';
import { createBulletin, documentOf, publishBulletin, updateBulletin } from './bulletin-service';
import { checkPeriod, periodBody } from './stats-schema';

const supervisor = { roles: ['supervisor'] as const };
const business = { roles: businessRoles };
const fields = { title: requiredText(200, '通报标题'), praise: text(5000), criticism: text(5000) };

const createBody = z
  .strictObject({ title: fields.title, ...periodBody, praise: fields.praise.optional(), criticism: fields.criticism.optional() })
  .superRefine(checkPeriod);
const editBody = z
  .strictObject({ title: fields.title.optional(), praise: fields.praise.optional(), criticism: fields.criticism.optional(), version })
  .refine((b) => b.title !== undefined || b.praise !== undefined || b.criticism !== undefined, '至少修改一项内容');

const shape = `通报：{ id, title, periodFrom, periodTo, asOf 统计截止日, status draft|published, statusLabel, createdBy, createdAt, publishedBy, publishedAt,
documentUrl, version, praise 表扬, criticism 批评, stats: 各单位统计（与 GET /api/v1/supervision/stats 的 units 相同，生成草稿时计算并固定）,
overdue: [{ matterId, code, title, leadUnit, deadline, overdueWorkingDays }] 期末逾期未办结事项 }`;

/** 督查通报: the supervisor drafts, edits and publishes; published bulletins are read by every business account. */
export function bulletinRoutes(app: App, deps: Deps): void {
  const detail = async (req: Parameters<typeof actorOf>[0], id: string) => {
    const row = await findBulletin(deps.db, actorOf(req), id);
    if (!row) throw notFound('通报');
    return presentBulletin(row, await userNames(deps.db, [row.createdBy, row.publishedBy]));
  };

  app.post(
    '/api/v1/bulletins',
    { schema: { tags: ['bulletins'], summary: '生成通报草稿（按期间统计）', description: shape, body: createBody }, config: supervisor },
    async (req, reply) => {
      const id = await createBulletin(deps, metaOf(req), actorOf(req), req.body);
      return reply.status(201).send(await detail(req, id));
    },
  );

  app.patch(
    '/api/v1/bulletins/:id',
    { schema: { tags: ['bulletins'], summary: '修改通报草稿（标题、表扬、批评）', description: shape, params: idParam, body: editBody }, config: supervisor },
    async (req) => {
      await updateBulletin(deps, metaOf(req), req.params.id, req.body);
      return detail(req, req.params.id);
    },
  );

  app.post(
    '/api/v1/bulletins/:id/publish',
    {
      schema: { tags: ['bulletins'], summary: '发布通报（生成 .docx 并通知全体业务用户）', description: shape, params: idParam, body: z.strictObject({ version }) },
      config: supervisor,
    },
    async (req) => {
      await publishBulletin(deps, metaOf(req), req.params.id, req.body.version);
      return detail(req, req.params.id);
    },
  );

  app.get(
    '/api/v1/bulletins',
    {
      schema: {
        tags: ['bulletins'],
        summary: '通报列表（草稿仅办公室可见）',
        description: '返回 { items: [通报摘要，不含 stats/overdue/praise/criticism], total, page, pageSize }，按期间倒序。',
        querystring: z.strictObject({ status: z.enum(['draft', 'published']).optional(), page, pageSize }),
      },
      config: business,
    },
    async (req) => {
      const { status, page: p, pageSize: size } = req.query;
      const { rows, total } = await listBulletins(deps.db, actorOf(req), status, size, (p - 1) * size);
      const names = await userNames(deps.db, rows.flatMap((r) => [r.createdBy, r.publishedBy]));
      return { items: rows.map((r) => presentBulletinSummary(r, names)), total, page: p, pageSize: size };
    },
  );

  app.get(
    '/api/v1/bulletins/:id',
    { schema: { tags: ['bulletins'], summary: '通报详情', description: shape, params: idParam }, config: business },
    async (req) => detail(req, req.params.id),
  );

  app.get(
    '/api/v1/bulletins/:id/document.docx',
    {
      schema: { tags: ['bulletins'], summary: '下载通报 .docx（已发布为存档原件；草稿为办公室预览，当场生成）', params: idParam },
      config: business,
    },
    async (req, reply) => {
      const row = await bulletinWithDocument(deps.db, actorOf(req), req.params.id);
      if (!row) throw notFound('通报');
      const bytes = row.docx ?? (await documentOf(row, chinaDateOf(deps.clock.now())));
      const name = encodeURIComponent(`${row.title}${row.status === 'draft' ? '（草稿）' : ''}.docx`);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', `attachment; filename*=UTF-8''${name}`)
        .send(bytes);
    },
  );
}
