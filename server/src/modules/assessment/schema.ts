// Contracts of the 量化考核 core routes (docs/api/assessment.md): schemes and their indicator trees, rounds,
// score sheets. The indicator tree is stored as JSON on the scheme (current) and on each round (snapshot).
import { z } from 'zod';
import { isCalendarDate } from '../../platform/calendar.js';

export const TARGET_TYPES = ['org', 'group', 'member'] as const;
export const PERIOD_TYPES = ['month', 'quarter', 'halfYear', 'year'] as const;
export const ROUND_STATUSES = ['open', 'scoring', 'review', 'published'] as const;

export const TARGET_TYPE_NAMES: Record<(typeof TARGET_TYPES)[number], string> = { org: '党支部', group: '党小组', member: '党员' };
export const PERIOD_TYPE_NAMES: Record<(typeof PERIOD_TYPES)[number], string> = { month: '月度', quarter: '季度', halfYear: '半年', year: '年度' };
export const ROUND_STATUS_NAMES: Record<(typeof ROUND_STATUSES)[number], string> = { open: '已开启', scoring: '评分中', review: '复核中', published: '已发布' };

// ---- the indicator tree ----
export interface LinearRule { type: 'linear'; from: number; to: number }
export interface BandsRule { type: 'bands'; bands: { min: number; score: number }[] }
export type Rule = LinearRule | BandsRule;
export type Scorer = { kind: 'assessor' } | { kind: 'unit'; unitId: string };

export interface Indicator {
  /** Stable within the scheme (sheets, scores and corrections refer to it). */
  id: string;
  name: string;
  /** Leaves: the most a target can get; parents: the sum of their children. */
  maxScore: number;
  /** 评分标准, shown to the scorer. */
  criteria: string;
  children?: Indicator[];
  mode: 'manual' | 'auto';
  /** Manual leaves: the target's assessor (default) or one unit across all targets. */
  scorer?: Scorer;
  /** Auto leaves: the metric (platform/metrics key) and how its value becomes a score. */
  metricKey?: string;
  rule?: Rule;
  /** Manual leaves: an automatic leaf of the same tree whose value is shown beside this one as evidence
   *  (and compared by the anomaly check "high manual score without evidence"). */
  evidenceIndicatorId?: string;
}

const num = (label: string) => z.number().finite().describe(label);
const ruleSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('linear'), from: num('零分值'), to: num('满分值') }),
  z.object({ type: z.literal('bands'), bands: z.array(z.object({ min: num('下限'), score: num('得分') })).min(1, '至少一档').max(20).describe('分档') }),
], '计分规则应为线性或分档').describe('计分规则');
const scorerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('assessor') }),
  z.object({ kind: z.literal('unit'), unitId: z.string().trim().min(1, '请选择责任单位').max(64).describe('责任单位') }),
], '评分人应为考核人或责任单位').describe('评分人');

// Named (`meta({ id })`): a recursive schema enters the OpenAPI document, and the web's types, only as a component.
export const indicatorSchema: z.ZodType<Indicator> = z.lazy(() => z.object({
  // Optional on input: the server gives new indicators an id; existing ones keep theirs (scores refer to it).
  id: z.string().trim().min(1).max(64).optional().describe('指标编号'),
  name: z.string().trim().min(1, '请填写指标名称').max(100, '最多 100 个字').describe('指标名称'),
  maxScore: z.number().finite().min(0, '分值不能为负').max(1000).describe('分值'),
  criteria: z.string().trim().max(2000, '最多 2000 个字').default('').describe('评分标准'),
  children: z.array(indicatorSchema).max(100).optional().describe('下级指标'),
  mode: z.enum(['manual', 'auto'], '方式应为人工或自动').default('manual').describe('评分方式'),
  scorer: scorerSchema.optional(),
  metricKey: z.string().trim().max(80).optional().describe('数据指标'),
  rule: ruleSchema.optional(),
  evidenceIndicatorId: z.string().trim().max(64).optional().describe('佐证指标'),
})).meta({ id: 'Indicator' }) as unknown as z.ZodType<Indicator>;

const schemeFields = {
  name: z.string().trim().min(1, '请填写方案名称').max(100, '最多 100 个字').describe('方案名称'),
  targetType: z.enum(TARGET_TYPES, '考核对象应为党支部、党小组或党员').describe('考核对象'),
  periodType: z.enum(PERIOD_TYPES, '考核周期应为月度、季度、半年或年度').describe('考核周期'),
  description: z.string().trim().max(2000, '最多 2000 个字').optional().describe('说明'),
  indicators: z.array(indicatorSchema).min(1, '至少一项指标').max(100).describe('指标'),
};
export const schemeCreate = z.object(schemeFields);
export type SchemeCreate = z.infer<typeof schemeCreate>;
export const schemePatch = z.object({
  name: schemeFields.name.optional(), targetType: schemeFields.targetType.optional(), periodType: schemeFields.periodType.optional(),
  description: schemeFields.description, indicators: schemeFields.indicators.optional(),
});
export type SchemePatch = z.infer<typeof schemePatch>;

export const idParams = z.object({ id: z.string().min(1).max(64).describe('编号') });

const indicatorView = z.any().describe('指标树（见 Indicator）') as unknown as z.ZodType<Indicator[]>;

export const schemeView = z.object({
  id: z.string(), name: z.string(), targetType: z.enum(TARGET_TYPES), targetTypeName: z.string(), periodType: z.enum(PERIOD_TYPES), periodTypeName: z.string(),
  description: z.string(), version: z.number().int(), totalScore: z.number(), leafCount: z.number().int(), autoCount: z.number().int(),
  roundCount: z.number().int(), createdAt: z.string(), updatedAt: z.string(),
});
export type SchemeView = z.infer<typeof schemeView>;
export const schemeDetail = schemeView.extend({ indicators: indicatorView });
export type SchemeDetail = z.infer<typeof schemeDetail>;

export const metricView = z.object({ key: z.string(), name: z.string(), unit: z.string(), description: z.string(), target: z.enum(['org', 'member']) });

// ---- rounds ----
const date = (label: string) => z.string().trim().refine(isCalendarDate, '日期格式应为 YYYY-MM-DD').describe(label);
const userId = (label: string) => z.string().trim().min(1, '请选择').max(64).describe(label);

export const roundCreate = z.object({
  schemeId: z.string().trim().min(1, '请选择考核方案').max(64).describe('考核方案'),
  name: z.string().trim().max(100, '最多 100 个字').optional().describe('名称'),
  period: z.string().trim().max(10).optional().describe('考核期'),
  periodFrom: date('考核期开始').optional(),
  periodTo: date('考核期结束').optional(),
  periodLabel: z.string().trim().max(40, '最多 40 个字').optional().describe('考核期名称'),
  rootOrgId: z.string().trim().min(1, '请选择考核范围').max(64).describe('考核范围'),
  deadline: date('截止日期'),
  assessorUserId: userId('考核人').optional(),
  assessors: z.array(z.object({ targetId: z.string().trim().min(1).max(64).describe('考核对象'), userId: userId('考核人') })).max(5000).optional().describe('各对象考核人'),
  unitScorers: z.array(z.object({ unitId: z.string().trim().min(1).max(64).describe('责任单位'), userId: userId('评分人') })).max(100).optional().describe('责任单位评分人'),
  selfAssessment: z.boolean().optional().describe('自评'),
});
export type RoundCreate = z.infer<typeof roundCreate>;

export const roundQuery = z.object({
  status: z.enum(ROUND_STATUSES).optional().describe('状态'),
  schemeId: z.string().trim().max(64).optional().describe('考核方案'),
});

export const roundView = z.object({
  id: z.string(), name: z.string(), schemeId: z.string(), schemeName: z.string(), schemeVersion: z.number().int(), targetType: z.enum(TARGET_TYPES),
  periodFrom: z.string(), periodTo: z.string(), periodLabel: z.string(), rootOrgId: z.string(), rootOrgName: z.string(), deadline: z.string(),
  status: z.enum(ROUND_STATUSES), statusName: z.string(), selfAssessment: z.boolean(), targetCount: z.number().int(),
  sheetsTotal: z.number().int(), sheetsSubmitted: z.number().int(), createdAt: z.string(), reviewAt: z.string().nullable(), publishedAt: z.string().nullable(),
});
export type RoundView = z.infer<typeof roundView>;

export const roundTargetView = z.object({
  targetId: z.string(), targetName: z.string(), assessorUserId: z.string().nullable(), assessorName: z.string().nullable(),
  sheetsTotal: z.number().int(), sheetsSubmitted: z.number().int(),
});
export const roundDetail = roundView.extend({
  indicators: indicatorView,
  targets: z.array(roundTargetView),
  can: z.object({ manage: z.boolean(), startReview: z.boolean() }),
});
export type RoundDetail = z.infer<typeof roundDetail>;

// ---- sheets ----
export const sheetView = z.object({
  id: z.string(), roundId: z.string(), roundName: z.string(), periodLabel: z.string(), roundStatus: z.enum(ROUND_STATUSES), deadline: z.string(),
  targetId: z.string(), targetName: z.string(), kind: z.enum(['assessor', 'unit', 'self']), unitId: z.string().nullable(), unitName: z.string().nullable(),
  assessorUserId: z.string().nullable(), assessorName: z.string().nullable(), status: z.enum(['draft', 'submitted']), submittedAt: z.string().nullable(),
  updatedAt: z.string(), leafCount: z.number().int(), scoredCount: z.number().int(), total: z.number(), maxTotal: z.number(),
});
export type SheetView = z.infer<typeof sheetView>;
export const sheetQuery = z.object({
  status: z.enum(['draft', 'submitted']).optional().describe('状态'),
  active: z.enum(['true', 'false']).optional().transform((v) => (v === undefined ? undefined : v === 'true')).describe('仅进行中'),
});

export const evidenceView = z.object({
  metricKey: z.string(), metricName: z.string(), unit: z.string(), value: z.number().nullable(),
  /** auto leaves only */
  score: z.number().nullable(), formula: z.string(), frozen: z.boolean(),
});
export const sheetLine = z.object({
  indicatorId: z.string(), path: z.array(z.string()), name: z.string(), maxScore: z.number(), criteria: z.string(),
  score: z.number().nullable(), note: z.string(), evidence: evidenceView.nullable(),
});
export const sheetDetail = sheetView.extend({
  lines: z.array(sheetLine),
  /** The target's automatic indicators (read-only context for the scorer). */
  autoLines: z.array(sheetLine),
  can: z.object({ edit: z.boolean(), submit: z.boolean(), reopen: z.boolean() }),
});
export type SheetDetail = z.infer<typeof sheetDetail>;

export const sheetPatch = z.object({
  scores: z.array(z.object({
    indicatorId: z.string().trim().min(1).max(64).describe('指标'),
    score: z.number().finite().nullable().describe('得分'),
    note: z.string().trim().max(500, '最多 500 个字').optional().describe('说明'),
  })).max(500).describe('评分'),
});
export type SheetPatch = z.infer<typeof sheetPatch>;
/** Submit may carry the last scores (saved first); an empty body just submits. */
export const sheetSubmit = z.object({ scores: sheetPatch.shape.scores.optional() }).nullish();
