// Contracts shared by every import route: ?dryRun=&format= and the counts-plus-problems answer.
import { z } from 'zod';

export const importQuery = z.object({
  dryRun: z.enum(['true', 'false']).default('true').transform((v) => v === 'true').describe('仅校验'),
  format: z.enum(['json', 'xlsx']).default('json').describe('返回格式（xlsx 为错误报告）'),
});

export const importResult = z.object({
  dryRun: z.boolean(),
  committed: z.boolean(),
  total: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  problems: z.array(z.object({ row: z.number(), column: z.string(), message: z.string() })),
});
