import { findClassifiedMarking } from '../../domain/classified';
import { fromDayNumber, isIsoDate, toDayNumber, type IsoDate } from '../../domain/calendar/dates';
import {
  matterPriorityLabels,
  matterSourceLabels,
  matterStateLabels,
  type MatterPriority,
  type MatterSource,
} from '../../../shared/supervision';
import { headerOf, importStateLabels, importStates, listSeparators, type ImportKey, type ImportState } from './excel-columns';
import type { CellError, Raw, SheetRow } from './excel-read';

/** A row that passed every check, with units and leader resolved to ids. */
export interface ImportRow {
  row: number;
  title: string;
  requirement: string;
  source: MatterSource;
  priority: MatterPriority;
  leadUnitId: string;
  coUnitIds: string[];
  deadline: IsoDate;
  leaderId: string | null;
  leaderName: string | null;
  categories: string[];
  state: ImportState;
  assignedOn: IsoDate | null;
  closedOn: IsoDate | null;
}

/** Names to ids, built once per import; an ambiguous name maps to several ids. */
export interface ImportLookup {
  today: IsoDate;
  units: Map<string, string[]>;
  leaders: Map<string, string[]>;
}

const EXCEL_EPOCH = toDayNumber('1899-12-30');
const DATE_TEXT = [/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/, /^(\d{4})年(\d{1,2})月(\d{1,2})日$/];

/**
 * A calendar date from a real date cell, an Excel serial number, or text in
 * the forms people type. exceljs gives a date cell as midnight UTC of the
 * day shown, so the UTC fields are the day. Impossible dates are refused.
 */
export function dateOf(v: Raw): IsoDate | { error: string } {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return { error: '日期无效' };
    return fromDayNumber(Math.floor(v.getTime() / 86_400_000));
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 1 || v > 2_958_465) return { error: `“${v}”不是有效的日期` };
    return fromDayNumber(EXCEL_EPOCH + Math.floor(v));
  }
  const text = String(v);
  for (const re of DATE_TEXT) {
    const m = re.exec(text);
    if (!m) continue;
    const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
    return isIsoDate(iso) ? iso : { error: `日期“${text}”不存在` };
  }
  return { error: `“${text}”不是有效的日期，应为 YYYY-MM-DD、YYYY/MM/DD 或 YYYY年M月D日` };
}

const labelOf = <T extends string>(labels: Record<T, string>, text: string): T | undefined =>
  (Object.keys(labels) as T[]).find((k) => labels[k] === text);

const listOf = (v: Raw): string[] =>
  v === null ? [] : String(v).split(listSeparators).map((s) => s.trim()).filter(Boolean);

/** Checks one row; every cell is checked, so a row reports all its problems at once. */
export function validateRow(sheet: SheetRow, look: ImportLookup): { row: ImportRow | null; errors: CellError[] } {
  const errors: CellError[] = [];
  const fail = (key: ImportKey, message: string) => errors.push({ row: sheet.row, column: headerOf(key), message });
  const cell = (key: ImportKey) => sheet.cells[key] ?? null;
  const text = (key: ImportKey, max: number, required = false): string => {
    const v = cell(key);
    const s = v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
    // A missing column is reported once, on the header, not again on every row.
    if (required && !s) {
      if (key in sheet.cells) fail(key, '必填');
    } else if ([...s].length > max) fail(key, `不能超过 ${max} 字`);
    return s;
  };
  const date = (key: ImportKey): IsoDate | null => {
    const v = cell(key);
    if (v === null) return null;
    const d = dateOf(v);
    if (typeof d === 'string') return d;
    fail(key, d.error);
    return null;
  };
  const unit = (key: ImportKey, name: string): string | null => {
    const ids = look.units.get(name) ?? [];
    if (ids.length === 1) return ids[0]!;
    fail(key, ids.length ? `单位“${name}”对应多个单位，请填写全称` : `单位“${name}”不存在或已停用`);
    return null;
  };

  for (const [key, v] of Object.entries(sheet.cells) as [ImportKey, Raw][]) {
    const mark = typeof v === 'string' ? findClassifiedMarking(v) : null;
    if (mark) fail(key, `含有密级标识“${mark}”，本系统为非涉密系统，严禁录入涉密信息`);
  }

  const title = text('title', 200, true);
  const requirement = text('requirement', 10_000);
  const sourceText = text('source', 50, true);
  const source = labelOf(matterSourceLabels, sourceText);
  if (sourceText && !source) fail('source', `来源“${sourceText}”无效，应为：${Object.values(matterSourceLabels).join('、')}`);
  const priorityText = text('priority', 10);
  const priority = priorityText ? labelOf(matterPriorityLabels, priorityText) : 'normal';
  if (!priority) fail('priority', `优先级“${priorityText}”无效，应为：${Object.values(matterPriorityLabels).join('、')}`);

  const leadName = text('leadUnit', 100, true);
  const leadUnitId = leadName ? unit('leadUnit', leadName) : null;
  const coNames = listOf(cell('coUnits'));
  if (new Set(coNames).size !== coNames.length) fail('coUnits', '协办单位有重复');
  const coUnitIds = coNames.map((n) => unit('coUnits', n)).filter((id): id is string => id !== null);
  if (leadUnitId && coUnitIds.includes(leadUnitId)) fail('coUnits', '牵头单位不能同时是协办单位');
  if (coNames.length > 30) fail('coUnits', '协办单位不能超过 30 个');

  const leaderName = text('leader', 50) || null;
  const leaderIds = leaderName ? (look.leaders.get(leaderName) ?? []) : [];
  if (leaderIds.length > 1) fail('leader', `有多个名为“${leaderName}”的领导账号，无法确定是哪一位`);
  const categories = listOf(cell('categories'));
  if (categories.length > 10) fail('categories', '分类不能超过 10 个');
  if (categories.some((c) => [...c].length > 30)) fail('categories', '每个分类不能超过 30 字');
  if (new Set(categories).size !== categories.length) fail('categories', '分类有重复');

  const stateText = text('state', 10);
  const state = stateText ? importStates.find((s) => matterStateLabels[s] === stateText) : 'assigned';
  if (!state) fail('state', `状态“${stateText}”不能导入，应为：${importStateLabels.join('、')}`);

  const deadline = date('deadline');
  if (cell('deadline') === null && 'deadline' in sheet.cells) fail('deadline', '必填');
  const assignedOn = date('assignedOn');
  const closedOn = date('closedOn');
  const today = look.today;
  if (assignedOn && assignedOn > today) fail('assignedOn', `交办日期（${assignedOn}）不能晚于今天（${today}）`);
  if (assignedOn && state === 'draft') fail('assignedOn', '状态为“立项”的事项尚未交办，不能填写交办日期');
  if (state === 'closed' && cell('assignedOn') === null) fail('assignedOn', '已办结的事项必须填写交办日期');
  if (state === 'closed' && cell('closedOn') === null) fail('closedOn', '已办结的事项必须填写办结日期');
  if (state && state !== 'closed' && cell('closedOn') !== null) fail('closedOn', '只有状态为“已办结”的事项才能填写办结日期');
  if (closedOn && closedOn > today) fail('closedOn', `办结日期（${closedOn}）不能晚于今天（${today}）`);
  if (closedOn && assignedOn && closedOn < assignedOn) fail('closedOn', `办结日期（${closedOn}）不能早于交办日期（${assignedOn}）`);
  const from = assignedOn ?? today;
  if (deadline && deadline < from) {
    fail('deadline', assignedOn ? `办理期限（${deadline}）不能早于交办日期（${assignedOn}）` : `办理期限（${deadline}）已过；导入历史事项请填写交办日期`);
  }

  if (errors.length || !source || !priority || !state || !leadUnitId || !deadline) return { row: null, errors };
  return {
    errors,
    row: {
      row: sheet.row,
      title,
      requirement,
      source,
      priority,
      leadUnitId,
      coUnitIds,
      deadline,
      leaderId: leaderIds[0] ?? null,
      leaderName,
      categories,
      state,
      assignedOn,
      closedOn,
    },
  };
}
