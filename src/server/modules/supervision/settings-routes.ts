import { z } from 'zod';
import type { App } from '../../http/app-type';
import type { Deps } from '../../deps';
import { actorOf, metaOf } from '../../http/auth';
import { businessRoles } from '../../../shared/roles';
import { getSupervisionSettings, putSupervisionSettings, supervisionSettingsSchema } from './settings-service';

const shape = `{ settings: { yellowWorkingDays 剩余工作日不超过此数亮黄灯（1–20）, escalateAfterRedWorkingDays 红灯满此工作日数升级提醒督查室和批示领导（1–30）,
lookBackDays 办结后多少天回头看（1–365）, lookBackDaysByCategory { 分类: 天数 } 按分类的回头看天数（最多 50 项，多个分类取最早）,
lookBackSamplePercent 每季度随机抽查回头看的比例（0–100） }, version 版本号（0 表示从未保存、使用默认值）, updatedAt }`;

/** 督办设置: every business account reads them (they explain the lights); 督查室 (supervisor) alone changes them. */
export function supervisionSettingsRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/v1/supervision/settings',
    { schema: { tags: ['supervision'], summary: '督办设置（红黄灯、升级、回头看）', description: shape }, config: { roles: businessRoles } },
    async () => getSupervisionSettings(deps.db),
  );

  app.put(
    '/api/v1/supervision/settings',
    {
      schema: {
        tags: ['supervision'],
        summary: '修改督办设置',
        description: `请求 { settings, version }，version 为读取时的版本号，已被他人修改时返回 409 STALE_VERSION。黄灯天数变化时，在同一事务中重算所有在办事项的灯色阈值。返回与读取相同：${shape}`,
        body: z.strictObject({ settings: supervisionSettingsSchema, version: z.number().int().min(0) }),
      },
      config: { roles: ['supervisor'] },
    },
    async (req) => putSupervisionSettings(deps, metaOf(req), actorOf(req).userId, req.body.settings, req.body.version),
  );
}
