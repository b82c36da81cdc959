// No text may carry U+0000: PostgreSQL's text types cannot store it (the statement fails, which answered 500), and
// no clerk types it. Every route's parsed query, path and JSON body is checked before validation, login included.
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';

const PART_NAMES = { body: '请求内容', query: '查询参数', params: '路径参数' } as const;

/** The path of the first string (or key) holding U+0000 inside a parsed value, or null. */
export function nulPath(value: unknown, path: string[] = [], depth = 0): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (depth > 32 || value === null || typeof value !== 'object') return null;
  for (const [k, v] of Object.entries(value)) {
    if (k.includes('\u0000')) return [...path, k];
    const found = nulPath(v, [...path, k], depth + 1);
    if (found) return found;
  }
  return null;
}

export function registerNulGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const part of ['params', 'query', 'body'] as const) {
      const found = nulPath(request[part]);
      if (found) {
        const field = found.join('.') || part;
        const message = `${PART_NAMES[part]}中含有不允许的空字符`;
        throw new AppError(400, 'VALIDATION', message, { [field]: message });
      }
    }
  });
}
