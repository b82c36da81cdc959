// Contracts of the reports routes (docs/api/reports.md): the monthly report's view and the secretary's words, and
// the 党内统计年报's tables.
import { z } from 'zod';
import type { WORD_PARTS } from './tables.js';

export const WORD_LIMIT = 5000;
export const PART_NAMES: Record<(typeof WORD_PARTS)[number], string> = { overview: '总体情况', problems: '存在问题', plans: '下月工作计划' };

const orgId = z.string().trim().min(1, '请选择组织').max(64).describe('组织（含下级；默认本人可查看的最高组织）');
const month = z.string().trim().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM').describe('月份 YYYY-MM（默认本月）');
const words = (part: (typeof WORD_PARTS)[number]) =>
  z.string({ message: `${PART_NAMES[part]}应为文字` }).max(WORD_LIMIT, `${PART_NAMES[part]}最多 ${WORD_LIMIT} 个字`).optional().describe(PART_NAMES[part]);

export const monthQuery = z.object({ orgId: orgId.optional(), month: month.optional() });
export type MonthQuery = z.infer<typeof monthQuery>;

export const wordsBody = z.object({
  orgId, month,
  overview: words('overview'), problems: words('problems'), plans: words('plans'),
});
export type WordsBody = z.infer<typeof wordsBody>;

const cellValue = z.union([z.string(), z.number()]);
const table = z.object({ title: z.string(), headers: z.array(z.string()), rows: z.array(z.array(cellValue)) });

export const wordsView = z.object({
  overview: z.string(), problems: z.string(), plans: z.string(),
  updatedAt: z.string().nullable(), updatedByName: z.string().nullable(),
});
export type WordsView = z.infer<typeof wordsView>;

export const monthlyView = z.object({
  org: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  month: z.string(), label: z.string().describe('如 2026年12月'),
  words: wordsView,
  canWrite: z.boolean().describe('可填写书记的话'),
  sections: z.array(z.object({
    key: z.string(), title: z.string(),
    figures: z.array(z.object({ label: z.string(), value: z.number(), unit: z.string() })),
    sentences: z.array(z.string()), tables: z.array(table),
    /** The section's module failed to answer: the others still show. */
    unavailable: z.boolean(),
  })),
});
export type MonthlyView = z.infer<typeof monthlyView>;

export const yearQuery = z.object({
  orgId: orgId.optional(),
  year: z.coerce.number({ message: '年度应为数字' }).int('年度应为整数').min(2000, '年度应为 2000 至 2100 年').max(2100, '年度应为 2000 至 2100 年').optional().describe('年度（默认今年）'),
});
export type YearQuery = z.infer<typeof yearQuery>;

export const yearlyView = z.object({
  org: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  year: z.number().int(), asOf: z.string().describe('统计截止日'),
  tables: z.array(table.extend({ key: z.string(), definitions: z.array(z.object({ name: z.string(), definition: z.string() })) })),
});
export type YearlyView = z.infer<typeof yearlyView>;
