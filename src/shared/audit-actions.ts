import { matterActionLabels } from './supervision';

/** Chinese labels for audit actions; modules add theirs here. Unknown actions show their code. */
export const auditActionLabels: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.password.change': '修改密码',
  'auth.token.create': '创建 API 令牌',
  'auth.token.revoke': '吊销 API 令牌',
  'unit.create': '新建单位',
  'unit.update': '修改单位',
  'user.create': '新建账号',
  'user.update': '修改账号',
  'user.roles.set': '授予角色',
  'user.password.reset': '重置密码',
  'user.unlock': '解除锁定',
  'settings.security.put': '修改安全策略',
  'audit.export': '导出审计日志',
  'audit.verify': '校验审计日志',
  'audit.checkpoints': '下载审计日志检查点',
  'calendar.override.put': '设置日历例外',
  'calendar.override.delete': '删除日历例外',
  'calendar.official_year.put': '载入节假日安排',
  'attachment.upload': '上传附件',
  'attachment.delete': '删除附件',
  'attachment.link': '附件归档到业务',
  'matter.open': '督查立项',
  'matter.instruction.record': '录入领导批示',
  'matter.sweep': '自动催办/预警',
  'matter.export': '导出督查台账',
  'matter.import': '导入督查台账',
  'matter.view.create': '保存台账视图',
  'matter.referral.export': '导出问责移交材料',
  'matter.view.delete': '删除台账视图',
  'bulletin.create': '起草通报',
  'bulletin.update': '修改通报',
  'bulletin.publish': '发布通报',
  'supervision.settings.put': '修改督办设置',
  'supervision.stats.export': '导出督办统计',
};

/** matter.<action> records use the action's own label (交办, 签收, 审核 …). */
const matterActionAudit = (action: string): string | undefined => {
  const m = /^matter\.(\w+)$/.exec(action);
  return m ? (matterActionLabels as Record<string, string>)[m[1]!] : undefined;
};

export const auditActionLabel = (action: string): string => auditActionLabels[action] ?? matterActionAudit(action) ?? action;
