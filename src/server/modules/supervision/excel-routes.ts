import { z } from 'zod';
import { and, asc, eq } from 'drizzle-orm';
import type { App } from '../../http/app-type';
import type { Deps } from '../../deps';
import { units } from '../../db/schema';
import { AppError } from '../../errors';
import { actorOf, metaOf } from '../../http/auth';
import { page, pageSize } from '../../http/schemas';
import { chinaDateOf } from '../../domain/calendar/dates';
import { businessRoles } from '../../../shared/roles';
import { appendAudit } from '../audit/service';
import { loadWorkCalendar } from '../calendar/service';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, XLSX_MIME } from './excel-columns';
import { ledgerWorkbookStream } from './excel-export';
import { importMatters } from './excel-import';
import { importTemplate } from './excel-template';
import { loadSupervisionSettings } from './settings-service';
import { ledgerFilters } from './ledger-query';

/**
 * The ledger's query (GET /api/v1/matters), so the UI can export exactly
 * what it shows by reusing its query string. Sort and paging are accepted
 * for that reason and do not apply: the export holds every filtered row in
 * the ledger's default order (open work first, nearest deadline first,
 * closed last), as keyset batches need one fixed order.
 */
const exportQuery = z.strictObject({
  ...ledgerFilters,
  page: page.optional(),
  pageSize: pageSize.optional(),
});

const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

/** 台账 Excel: export of the filtered ledger, the import template, and the import itself. */
export function supervisionExcelRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/v1/matters/export.xlsx',
    { schema: { tags: ['supervision'], summary: '导出督查台账（Excel，全部筛选结果）', querystring: exportQuery }, config: { roles: businessRoles } },
    async (req, reply) => {
      const actor = actorOf(req);
      const q = req.query;
      await deps.db.transaction((tx) =>
        appendAudit(tx, deps.clock, metaOf(req), { action: 'matter.export', objectType: 'matter', detail: { ...q } }),
      );
      const now = deps.clock.now();
      const [calendar, settings] = await Promise.all([loadWorkCalendar(deps.db), loadSupervisionSettings(deps.db)]);
      reply.header('content-type', XLSX_MIME).header('content-disposition', attachment(`督查台账-${chinaDateOf(now)}.xlsx`));
      return reply.send(ledgerWorkbookStream(deps.db, actor, q, now, calendar, settings));
    },
  );

  app.get(
    '/api/v1/matters/import-template.xlsx',
    { schema: { tags: ['supervision'], summary: '下载督查事项导入模板' }, config: { roles: ['supervisor'] } },
    async (_req, reply) => {
      const [example] = await deps.db
        .select({ name: units.name })
        .from(units)
        .where(and(eq(units.active, true), eq(units.type, 'department')))
        .orderBy(asc(units.sortOrder), asc(units.name))
        .limit(1);
      const file = await importTemplate(example?.name ?? '县教育局', chinaDateOf(deps.clock.now()));
      return reply.header('content-type', XLSX_MIME).header('content-disposition', attachment('督查事项导入模板.xlsx')).send(file);
    },
  );

  // The upload is the .xlsx file itself as the request body. Its parser lives in this
  // scope only, so every other route still takes JSON alone and keeps the app's 1 MB limit.
  app.register(async (scope) => {
    scope.addContentTypeParser(XLSX_MIME, { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES }, (_req, body, done) => done(null, body));
    scope.post(
      '/api/v1/matters/import',
      {
        schema: {
          tags: ['supervision'],
          summary: `从 Excel 导入督查事项（请求体为 .xlsx 文件本身，Content-Type: ${XLSX_MIME}；不超过 10 MB、${MAX_IMPORT_ROWS} 行）`,
          consumes: [XLSX_MIME],
        },
        config: { roles: ['supervisor'] },
      },
      async (req) => {
        if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', `请上传 .xlsx 文件本身作为请求体（Content-Type: ${XLSX_MIME}）`);
        }
        return importMatters(deps, metaOf(req), actorOf(req), req.body);
      },
    );
  });
}
