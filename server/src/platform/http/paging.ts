// Shared list contracts: page/pageSize query fields and the {items,total,page,pageSize} response.
import { z } from 'zod';

export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1).describe('页码'),
  pageSize: z.coerce.number().int().min(1).max(200).default(20).describe('每页条数'),
  format: z.enum(['json', 'xlsx']).default('json').describe('导出格式'),
};

export function pageResponse<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

/** Rows to fetch: a page for the screen, everything (up to a ceiling) for an export. */
export const EXPORT_LIMIT = 50_000;
export function window(q: { page: number; pageSize: number; format: 'json' | 'xlsx' }): { limit: number; offset: number } {
  return q.format === 'xlsx' ? { limit: EXPORT_LIMIT, offset: 0 } : { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
}
