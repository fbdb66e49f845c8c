import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { plainChineseError } from './zod-messages';

z.config({ localeError: plainChineseError });

/** The message zod gives for `input` against `schema` (the first issue). */
function messageOf(schema: z.ZodType, input: unknown): string {
  const r = schema.safeParse(input);
  if (r.success) throw new Error(`expected ${JSON.stringify(input)} to be refused`);
  return r.error.issues[0]!.message;
}

const latinTypeNames = /\b(string|number|int|boolean|object|array|undefined|null|bigint|date|nan)\b/i;

describe('plain Chinese validation messages', () => {
  it('name the expected kind of value, not the programming type', () => {
    expect(messageOf(z.string(), 1)).toBe('应为文本');
    expect(messageOf(z.number(), 'abc')).toBe('应为数字');
    expect(messageOf(z.coerce.number(), 'abc')).toBe('应为数字');
    expect(messageOf(z.number().int(), 1.5)).toBe('应为整数');
    expect(messageOf(z.boolean(), 'yes')).toBe('应为布尔值（是或否）');
    expect(messageOf(z.array(z.string()), 'x')).toBe('应为数组（列表）');
    expect(messageOf(z.object({}), [])).toBe('应为对象');
    expect(messageOf(z.record(z.string(), z.number()), 1)).toBe('应为对象');
    expect(messageOf(z.date(), 'x')).toBe('应为日期');
  });

  it('say a missing field is required', () => {
    expect(messageOf(z.object({ a: z.string() }), {})).toBe('必填');
    expect(messageOf(z.object({ a: z.enum(['x', 'y']) }), {})).toBe('必填');
  });

  it('give sizes in characters, items and plain bounds', () => {
    expect(messageOf(z.string().max(5), 'abcdefg')).toBe('不能超过 5 个字');
    expect(messageOf(z.string().min(3), 'ab')).toBe('至少 3 个字');
    expect(messageOf(z.string().min(1), '')).toBe('不能为空');
    expect(messageOf(z.number().max(9), 10)).toBe('不能大于 9');
    expect(messageOf(z.number().min(1), 0)).toBe('不能小于 1');
    expect(messageOf(z.number().lt(9), 9)).toBe('应小于 9');
    expect(messageOf(z.array(z.string()).max(2), ['a', 'b', 'c'])).toBe('不能超过 2 项');
    expect(messageOf(z.array(z.string()).min(1), [])).toBe('至少选择一项');
  });

  it('describe formats, choices and unknown fields', () => {
    expect(messageOf(z.uuid(), 'zz')).toBe('编号格式不正确');
    expect(messageOf(z.email(), 'zz')).toBe('邮箱格式不正确');
    expect(messageOf(z.iso.date(), '2026-13-01')).toMatch(/^日期格式不正确/);
    expect(messageOf(z.enum(['draft', 'open']), 'x')).toBe('不在可选范围内（可选：draft、open）');
    expect(messageOf(z.literal('k'), 'q')).toBe('应为 k');
    expect(messageOf(z.strictObject({ a: z.string().optional() }), { b: 1, c: 2 })).toBe('不允许的字段：b、c');
    expect(messageOf(z.number().multipleOf(5), 7)).toBe('应为 5 的倍数');
  });

  it('never name a programming type, for any issue kind', () => {
    const cases: [z.ZodType, unknown][] = [
      [z.string(), null],
      [z.number(), undefined],
      [z.bigint(), 'x'],
      [z.null(), 'x'],
      [z.tuple([z.string()]), 'x'],
      [z.set(z.string()), 'x'],
      [z.map(z.string(), z.string()), 'x'],
      [z.union([z.string(), z.number()]), true],
      [z.discriminatedUnion('kind', [z.object({ kind: z.literal('a') }), z.object({ kind: z.literal('b') })]), { kind: 'c' }],
      [z.record(z.enum(['a']), z.number()), { b: 1 }],
      [z.nan(), 1],
      [z.string().regex(/^x$/), 'y'],
      [z.string().startsWith('a'), 'b'],
      [z.date().min(new Date('2026-01-01')), new Date('2025-01-01')],
    ];
    for (const [schema, input] of cases) expect(messageOf(schema, input)).not.toMatch(latinTypeNames);
  });
});
