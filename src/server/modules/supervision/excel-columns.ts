import { matterPriorityLabels, matterSourceLabels, matterStateLabels, type MatterState } from '../../../shared/supervision';

/**
 * The columns of the 督查台账 import, shared by the template and the parser
 * so the two cannot drift apart. Headers carry a trailing * when required;
 * the parser compares them without it.
 */
export const importColumns = [
  { key: 'title', header: '标题', required: true, width: 40, help: '事项标题，不超过 200 字。' },
  { key: 'requirement', header: '办理要求', required: false, width: 40, help: '办理要求，不超过 10000 字。' },
  { key: 'source', header: '来源', required: true, width: 16, help: `只能填：${Object.values(matterSourceLabels).join('、')}。` },
  { key: 'priority', header: '优先级', required: false, width: 10, help: `只能填：${Object.values(matterPriorityLabels).join('、')}；不填为“一般”。` },
  { key: 'leadUnit', header: '牵头单位', required: true, width: 20, help: '单位全称或简称，须与系统中的单位一致。' },
  { key: 'coUnits', header: '协办单位', required: false, width: 24, help: '可填多个，用顿号“、”分隔；不能与牵头单位相同。' },
  {
    key: 'deadline',
    header: '办理期限',
    required: true,
    width: 14,
    help: '日期，如 2026-06-30、2026/6/30 或 2026年6月30日；不能早于交办日期（未填交办日期时不能早于今天）。',
  },
  { key: 'leader', header: '批示领导', required: false, width: 12, help: '领导姓名；与系统中的领导账号同名时关联该账号，否则只记录姓名。' },
  { key: 'categories', header: '分类', required: false, width: 16, help: '可填多个，用顿号“、”分隔，每个不超过 30 字，最多 10 个。' },
  {
    key: 'state',
    header: '状态',
    required: false,
    width: 10,
    help: '只能填：立项、已交办、办理中、已办结；不填为“已交办”。立项只建事项不交办；已办结用于导入历史事项。',
  },
  { key: 'assignedOn', header: '交办日期', required: false, width: 14, help: '历史事项的交办日期，不能晚于今天；不填为今天。“已办结”的事项必须填写。' },
  { key: 'closedOn', header: '办结日期', required: false, width: 14, help: '仅“已办结”的事项填写，且必须填写；不能早于交办日期，不能晚于今天。' },
] as const;

export type ImportKey = (typeof importColumns)[number]['key'];

export const headerOf = (key: ImportKey): string => importColumns.find((c) => c.key === key)!.header;

/** The states an import may create: the rest (研判中, 暂缓, 审核中, 复核中) arise only inside the loop. */
export const importStates = ['draft', 'assigned', 'in_progress', 'closed'] as const satisfies readonly MatterState[];
export type ImportState = (typeof importStates)[number];

export const importStateLabels = importStates.map((s) => matterStateLabels[s]);

/** Separators people use for lists in a cell; the template asks for 、. */
export const listSeparators = /[、,，;；\n]+/;

/** The sheet the template names and the parser looks for first. */
export const IMPORT_SHEET = '督查事项';
export const HELP_SHEET = '填写说明';
/** Rows per file: one transaction must stay short enough not to stall the embedded database. */
export const MAX_IMPORT_ROWS = 5000;
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
