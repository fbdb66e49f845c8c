import { z } from 'zod';
import { badTextMessage } from './text-check';

/** Shared zod pieces for route schemas, with Chinese messages and hard length limits. */
export const idParam = z.strictObject({ id: z.uuid('编号格式不正确') });
export const version = z.number().int().min(1);
/**
 * The string every route schema builds on: refuses U+0000 and unpaired
 * surrogates, which PostgreSQL cannot store. The preValidation hook in app.ts
 * already refuses them in every request part; this keeps the rule with the
 * schema for code that parses with these schemas outside a request.
 */
export const str = () =>
  z.string().check((ctx) => {
    const message = badTextMessage(ctx.value);
    if (message) ctx.issues.push({ code: 'custom', message, input: ctx.value });
  });
export const text = (max: number) => str().trim().max(max, `不能超过 ${max} 个字`);
export const requiredText = (max: number, what = '内容') => text(max).min(1, `${what}不能为空`);
export const page = z.coerce.number().int().min(1).max(100_000).default(1);
export const pageSize = z.coerce.number().int().min(1).max(200).default(20);
export const boolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
export const phone = str()
  .trim()
  .max(32)
  .regex(/^[0-9+\- ()]*$/, '电话号码只能包含数字、空格和 + - ( )');
export const email = z.union([z.literal(''), z.email('邮箱格式不正确').max(200)]);
