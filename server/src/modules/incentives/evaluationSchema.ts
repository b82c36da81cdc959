// Contracts of the 考评 and 星级评定 routes (docs/api/incentives-evaluations.md).
import { z } from 'zod';
import { pageQuery, pageResponse } from '../../platform/http/paging.js';

const id = z.string().trim().min(1).max(64);
const score = (label: string) => z.number({ error: `请填写${label}（0–100 分）` }).min(0, `${label}不能低于 0 分`).max(100, `${label}不能超过 100 分`)
  .refine((n) => Math.round(n * 10) === n * 10, `${label}最多保留一位小数`).describe(`${label}（0–100，一位小数）`);
const year = z.coerce.number({ error: '年份格式应为 YYYY' }).int('年份格式应为 YYYY').min(2000, '年份格式应为 YYYY').max(2100, '年份格式应为 YYYY');

export const roundParams = z.object({ id: id.describe('考评批次编号') });
export const evaluationParams = z.object({ id: id.describe('考评记录编号') });
export const starParams = z.object({ id: id.describe('星级评定记录编号') });

export const roundCreate = z.object({ period: z.string().trim().min(1, '请填写考评周期').max(16).describe('考评周期，如 2026-H1（半年）、2026-Q1（季度）、2026（年度），须与业务规则的考评周期一致') });

const weights = z.object({ self: z.number(), residents: z.number(), branch: z.number(), minRatings: z.number().int() });
export const roundView = z.object({
  id: z.string(), period: z.string(), title: z.string(), periodFrom: z.string(), periodTo: z.string(), weights, threshold: z.number(),
  status: z.enum(['open', 'closed']), createdAt: z.string(), closedAt: z.string().nullable(),
  count: z.number().int().describe('可见的考评记录数'), done: z.number().int().describe('自评与支部评价均已完成'), flagged: z.number().int().describe('低于分数线（建议摘牌）'),
});
export type RoundView = z.infer<typeof roundView>;
export const roundList = z.object({ items: z.array(roundView) });

export const evaluationListQuery = z.object({
  orgId: id.optional().describe('组织（含下级）'),
  flagged: z.enum(['true', 'false']).optional().describe('只看低于分数线的'),
  pending: z.enum(['self', 'branch']).optional().describe('只看未自评或未经支部评价的'),
  ...pageQuery,
});
export type EvaluationListQuery = z.infer<typeof evaluationListQuery>;

export const evaluationItem = z.object({
  id: z.string(), roundId: z.string(), period: z.string(), roundStatus: z.enum(['open', 'closed']),
  plaqueId: z.string(), plaqueTitle: z.string(), kind: z.enum(['post', 'area']), place: z.string().describe('岗位或责任区'),
  orgId: z.string(), orgName: z.string(), memberId: z.string(), memberName: z.string(),
  selfScore: z.number().nullable(), selfReport: z.string().nullable(), selfAt: z.string().nullable(),
  residentsScore: z.number().nullable().describe('群众评价得分（评价平均星数×20）'), ratingCount: z.number().int(),
  residentsCounted: z.boolean().describe('评价数达到最少条数，群众评价计入总分'),
  branchScore: z.number().nullable(), branchComment: z.string().nullable(), branchAt: z.string().nullable(),
  total: z.number().nullable(), flagged: z.boolean(), plaqueFlagged: z.boolean(),
  allowed: z.array(z.enum(['self', 'branch'])),
});
export type EvaluationItem = z.infer<typeof evaluationItem>;
export const evaluationList = pageResponse(evaluationItem).extend({ round: roundView });
export const mineList = z.object({ items: z.array(evaluationItem) });

export const selfBody = z.object({
  score: score('自评分'),
  report: z.string().trim().min(10, '述职内容至少 10 个字').max(2000, '述职内容最多 2000 个字').describe('履职情况（述职）'),
});
export const branchBody = z.object({
  score: score('支部评价分'),
  comment: z.string().trim().max(500, '评价意见最多 500 个字').default('').describe('评价意见'),
});

// ---------- 星级评定 ----------

export const STAR_KINDS = ['branch', 'community', 'unit', 'member'] as const;
export const starListQuery = z.object({
  year: year.describe('年度'),
  kind: z.enum(STAR_KINDS).default('branch').describe('对象：branch 党支部，community 小区，unit 单位，member 党员'),
  orgId: id.optional().describe('组织（含下级）'),
  stars: z.coerce.number().int().min(0).max(5).optional().describe('只看该星级（tiers 方式：0 未达标，1 达标，2 星级）'),
  keyword: z.string().trim().max(50).optional().describe('名称包含'),
  ...pageQuery,
});
export type StarListQuery = z.infer<typeof starListQuery>;

const basisItem = z.object({ label: z.string(), value: z.number().nullable(), weight: z.number(), note: z.string().optional() });
export const starItem = z.object({
  id: z.string(), year: z.number().int(), kind: z.enum(STAR_KINDS), subjectKey: z.string(), subjectName: z.string(), orgName: z.string(),
  computedScore: z.number().nullable(), basis: z.array(basisItem), computedStars: z.number().int(), stars: z.number().int(),
  adjusted: z.boolean(), adjustReason: z.string().nullable(), adjustedAt: z.string().nullable(), published: z.boolean(),
});
export type StarItem = z.infer<typeof starItem>;
export const starList = pageResponse(starItem).extend({
  mode: z.enum(['stars', 'tiers']).describe('评定方式'),
  published: z.boolean().describe('该年度已发布'),
  computed: z.boolean().describe('该年度已计算'),
  counts: z.array(z.object({ stars: z.number().int(), count: z.number().int() })).describe('本类对象各星级人数（不受筛选影响）'),
});
export const starYearBody = z.object({ year: z.number({ error: '请填写年度' }).int().min(2000, '年份格式应为 YYYY').max(2100, '年份格式应为 YYYY').describe('年度') });
export const starComputed = z.object({ year: z.number().int(), created: z.number().int(), updated: z.number().int(), keptAdjusted: z.number().int() });
export const starAdjustBody = z.object({
  stars: z.number({ error: '请选择星级' }).int('星级应为整数').min(0, '星级应在 0–5 之间').max(5, '星级应在 0–5 之间').describe('调整后的星级（tiers 方式：0 未达标，1 达标，2 星级）'),
  reason: z.string().trim().min(5, '调整理由至少 5 个字').max(500, '调整理由最多 500 个字').describe('调整理由'),
});
