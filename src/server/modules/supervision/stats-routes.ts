import type { App } from '../../http/app-type';
import type { Deps } from '../../deps';
import { actorOf, metaOf } from '../../http/auth';
import { chinaDateOf } from '../../domain/calendar/dates';
import { businessRoles } from '../../../shared/roles';
import { appendAudit } from '../audit/service';
import { XLSX_MIME } from './excel-columns';
import { loadStatsInput, statsReport } from './stats-service';
import { statsQuery } from './stats-schema';
import { statsWorkbook } from './stats-xlsx';

const description = `按牵头单位统计期间内的督办情况，口径唯一（领域层 computeStats），挂图作战和督查通报使用同一口径。
领导、督查员、办公室工作人员可看全部单位；联络员、单位负责人只能看本单位及下级单位（指定其他单位返回 403）。
期间为 from 至 to（含两端，最长 ${3 * 366} 天），以今天（asOf）已知的办理记录计算，to 晚于今天时只算到今天。
返回 { from, to, asOf, units: [{ unit: { id, name }, assigned 交办数, closed 办结数, closedOnTimeOriginal 按原定期限办结数,
closedOnTimeApproved 按批准期限办结数, overdue 逾期数, onTimeRate 按时办结率（0–1，无办结且无逾期时为 null）,
avgWorkingDaysToClose 平均办结工作日（未取整，无办结时为 null）, returns 退回次数, extensions 批准延期次数,
recheckFailures 复核未通过次数（含回头看重新办理）, lookBackFailures 回头看重新办理次数 }] }；
只列有数据的单位，指定 unitId 时总有该单位一行。
total 为所列单位的合计，同一口径：办结、逾期按事项计一次，onTimeRate 按事项计算（不是各单位比率的平均）。`;

/** GET /api/v1/supervision/stats: the per-unit statistics, exactly as the domain defines them. */
export function statsRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/v1/supervision/stats',
    {
      schema: { tags: ['supervision'], summary: '督办统计（按单位、按期间）', description, querystring: statsQuery },
      config: { roles: businessRoles },
    },
    async (req) => {
      const { from, to, unitId } = req.query;
      const asOf = chinaDateOf(deps.clock.now());
      const input = await loadStatsInput(deps.db, actorOf(req), { from, to, unitId }, asOf);
      return { from, to, asOf, ...statsReport(input, from, to, unitId) };
    },
  );

  app.get(
    '/api/v1/supervision/stats.xlsx',
    {
      schema: {
        tags: ['supervision'],
        summary: '导出督办统计（Excel）',
        description: '与 GET /api/v1/supervision/stats 同一查询参数、同一口径：每个单位一行，末行合计；无应办事项的比率为“—”。另附“统计口径”工作表。',
        querystring: statsQuery,
      },
      config: { roles: businessRoles },
    },
    async (req, reply) => {
      const { from, to, unitId } = req.query;
      const asOf = chinaDateOf(deps.clock.now());
      const input = await loadStatsInput(deps.db, actorOf(req), { from, to, unitId }, asOf);
      const file = await statsWorkbook({ from, to, asOf, ...statsReport(input, from, to, unitId) });
      await deps.db.transaction((tx) =>
        appendAudit(tx, deps.clock, metaOf(req), { action: 'supervision.stats.export', ...(unitId ? { objectType: 'unit', objectId: unitId } : {}), detail: { from, to } }),
      );
      const name = encodeURIComponent(`督办统计-${from}至${to}.xlsx`);
      return reply.header('content-type', XLSX_MIME).header('content-disposition', `attachment; filename*=UTF-8''${name}`).send(file);
    },
  );
}
