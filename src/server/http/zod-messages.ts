import type { z } from 'zod';

/**
 * Plain Chinese for every zod issue kind, installed once with z.config in
 * app.ts. zod's zh-CN locale says "无效输入：期望 string，实际接收 number",
 * which names programming types; users need "应为文本". Messages written on a
 * schema (text(), idParam…) still win over these.
 */
type Issue = Parameters<NonNullable<z.core.$ZodConfig['localeError']>>[0];

const expectedType: Record<string, string> = {
  string: '应为文本',
  number: '应为数字',
  int: '应为整数',
  bigint: '应为整数',
  boolean: '应为布尔值（是或否）',
  array: '应为数组（列表）',
  tuple: '应为数组（列表）',
  set: '应为数组（列表）',
  object: '应为对象',
  record: '应为对象',
  map: '应为对象',
  date: '应为日期',
  null: '应为空',
  literal: '取值不正确',
  enum: '不在可选范围内',
};

const formats: Record<string, string> = {
  uuid: '编号格式不正确',
  uuidv4: '编号格式不正确',
  uuidv6: '编号格式不正确',
  uuidv7: '编号格式不正确',
  guid: '编号格式不正确',
  email: '邮箱格式不正确',
  url: '网址格式不正确',
  date: '日期格式不正确，应为 年-月-日（如 2026-01-31）',
  datetime: '时间格式不正确',
  time: '时间格式不正确',
  ipv4: 'IP 地址格式不正确',
  ipv6: 'IP 地址格式不正确',
};

const sizeUnit = (origin: string): string | null =>
  origin === 'string' ? '个字' : origin === 'array' || origin === 'set' ? '项' : origin === 'file' ? '字节' : null;

const show = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'bigint' || typeof v === 'number' ? String(v) : JSON.stringify(v));
const showBound = (v: unknown, origin: string): string => (origin === 'date' && typeof v === 'number' ? new Date(v).toISOString().slice(0, 10) : show(v));

export function plainChineseError(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return '必填';
      return expectedType[issue.expected] ?? '格式不正确';
    case 'too_big': {
      const max = showBound(issue.maximum, issue.origin);
      const unit = sizeUnit(issue.origin);
      if (unit) return issue.inclusive === false ? `应少于 ${max} ${unit}` : `不能超过 ${max} ${unit}`;
      if (issue.origin === 'date') return issue.inclusive === false ? `应早于 ${max}` : `不能晚于 ${max}`;
      return issue.inclusive === false ? `应小于 ${max}` : `不能大于 ${max}`;
    }
    case 'too_small': {
      const min = showBound(issue.minimum, issue.origin);
      const unit = sizeUnit(issue.origin);
      if (unit) {
        if (issue.origin === 'string' && Number(issue.minimum) <= 1) return '不能为空';
        if (Number(issue.minimum) <= 1 && unit === '项') return '至少选择一项';
        return issue.inclusive === false ? `应多于 ${min} ${unit}` : `至少 ${min} ${unit}`;
      }
      if (issue.origin === 'date') return issue.inclusive === false ? `应晚于 ${min}` : `不能早于 ${min}`;
      return issue.inclusive === false ? `应大于 ${min}` : `不能小于 ${min}`;
    }
    case 'invalid_format':
      if (issue.format === 'starts_with' && 'prefix' in issue) return `应以“${show(issue.prefix)}”开头`;
      if (issue.format === 'ends_with' && 'suffix' in issue) return `应以“${show(issue.suffix)}”结尾`;
      if (issue.format === 'includes' && 'includes' in issue) return `应包含“${show(issue.includes)}”`;
      return formats[issue.format] ?? '格式不正确';
    case 'invalid_value': {
      if (issue.input === undefined) return '必填';
      if (issue.values.length === 1) return `应为 ${show(issue.values[0])}`;
      const listed = issue.values.slice(0, 12).map(show).join('、');
      return `不在可选范围内（可选：${listed}${issue.values.length > 12 ? '等' : ''}）`;
    }
    case 'not_multiple_of':
      return `应为 ${show(issue.divisor)} 的倍数`;
    case 'unrecognized_keys':
      return `不允许的字段：${issue.keys.join('、')}`;
    case 'invalid_key':
      return '含有无效的名称';
    case 'invalid_element':
      return '含有无效的值';
    case 'invalid_union':
      return '格式不正确';
    default:
      return '格式不正确';
  }
}
