// No text may carry U+0000: PostgreSQL's text types cannot store it (the statement fails, which answered 500), and
// no clerk types it. Every route's parsed query, path and JSON body is checked before validation, login included.
// The same walk refuses a body nested deeper than any form sends, before validation or a handler recurses into it.
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';

const PART_NAMES = { body: '请求内容', query: '查询参数', params: '路径参数' } as const;

/** Deepest nesting of objects and arrays a request may carry: no form of the product comes near it. */
export const MAX_DEPTH = 32;

/** What the walk found: the path of the first string (or key) holding U+0000, or the path where nesting got too deep. */
export type InputProblem = { kind: 'nul' | 'depth'; path: string[] } | null;

/** Walks a parsed value once; `depth` is the nesting level of `value` (the top-level object is 1). */
export function inputProblem(value: unknown, path: string[] = [], depth = 1): InputProblem {
  if (typeof value === 'string') return value.includes('\u0000') ? { kind: 'nul', path } : null;
  if (value === null || typeof value !== 'object') return null;
  if (depth > MAX_DEPTH) return { kind: 'depth', path };
  for (const [k, v] of Object.entries(value)) {
    if (k.includes('\u0000')) return { kind: 'nul', path: [...path, k] };
    const found = inputProblem(v, [...path, k], depth + 1);
    if (found) return found;
  }
  return null;
}

export function registerNulGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const part of ['params', 'query', 'body'] as const) {
      const found = inputProblem(request[part]);
      if (!found) continue;
      if (found.kind === 'depth') throw new AppError(400, 'VALIDATION', `${PART_NAMES[part]}层级过深`);
      const field = found.path.join('.') || part;
      const message = `${PART_NAMES[part]}中含有不允许的空字符`;
      throw new AppError(400, 'VALIDATION', message, { [field]: message });
    }
  });
}
