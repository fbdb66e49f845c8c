import type { App } from '../../http/app-type';
import type { Deps } from '../../deps';
import { actorOf } from '../../http/auth';
import { businessRoles } from '../../../shared/roles';
import { buildBoard } from './board-service';
import { GANTT_LIMIT, LIST_LIMIT } from './board-repo';
import { boardQuery } from './stats-schema';

const description = `挂图作战数据，形状直接可用于 ECharts。to 缺省为今天，from 缺省为 to 所在年的 1 月 1 日（期间最长与统计接口相同）。事项范围与督查台账相同（联络员、单位负责人只看本单位及下级单位牵头或协办的事项）。
返回 {
  from, to, asOf,
  units: [{ unit: { id, name }, assigned 期间交办数（现行交办日期在期间内）, inProgress 当前在办数, overdue 今天亮红灯数, closed 期间办结数, onTimeRate 期间按时办结率（0–1 或 null，与 GET /api/v1/supervision/stats 同一口径）,
    drill: { assigned, inProgress, overdue, closed } 各数的台账查询串 }]
    —— 四个数按现牵头单位计，与下钻台账（GET /api/v1/matters?{drill.x}）的 total 相等：经认定退回改由他单位牵头的事项，计入并列于现牵头单位；可作柱状图的 dataset.source；
  red / yellow: { total 总数, items: 台账行（与 GET /api/v1/matters 的 items 相同），按期限升序，最多 ${LIST_LIMIT} 条 }；
  gantt: { total, items: [{ id, code, title, leadUnit: { id, name }, state, stateLabel, assignedAt（ISO 时刻）, deadline（日期）, light, lightLabel }]，按期限升序最多 ${GANTT_LIMIT} 条 }
    —— 自定义系列（custom series）的一条横条：assignedAt 至 deadline，颜色取 light；
  trend: { months: ['YYYY-MM' ×12，截至本月], assigned: number[], closed: number[] } —— xAxis.data 与两条 series.data
}
下钻：用 drill 中的查询串打开台账。`;

/** GET /api/v1/supervision/board: 挂图作战. */
export function boardRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/v1/supervision/board',
    {
      schema: { tags: ['supervision'], summary: '挂图作战（单位统计、红黄灯清单、甘特图、月度趋势）', description, querystring: boardQuery },
      config: { roles: businessRoles },
    },
    async (req) => buildBoard(deps, actorOf(req), req.query),
  );
}
