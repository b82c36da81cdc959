// The configurable numbers of 宣传 (settings, docs/DOMAIN.md: *configurable*): quotas per organisation per period,
// the weight of each publication level, and the descriptions of the 1–5 quality scores shown next to the rating.
import { z } from 'zod';
import type { SettingDef } from '../../platform/settings/service.js';
import type { Platform } from '../../platform/context.js';

export const LEVELS = ['community', 'group', 'city', 'province', 'central'] as const;
export const LEVEL_NAMES: Record<(typeof LEVELS)[number], string> = { community: '社区', group: '集团', city: '市', province: '省', central: '中央' };

const count = z.number().int('应为整数').min(0, '不能为负数').max(1000, '不能超过 1000');

export const quotasSchema = z.object({
  period: z.enum(['month', 'quarter', 'year'], '周期应为月、季度或年').describe('考核周期'),
  byKind: z.object({
    committee: count.describe('党委定额'), generalBranch: count.describe('党总支定额'), branch: count.describe('党支部定额'),
    jointBranch: count.describe('联合支部定额'), group: count.describe('党小组定额'),
  }).describe('按组织类型的定额'),
  byOrg: z.record(z.string().min(1).max(64), count).describe('按组织单独设定的定额'),
  counts: z.enum(['submitted', 'adopted', 'published'], '计数口径应为投稿、采用或刊发').describe('计数口径'),
});
export type Quotas = z.infer<typeof quotasSchema>;

export const PUBLICITY_QUOTAS: SettingDef<Quotas> = {
  key: 'publicity.quotas',
  schema: quotasSchema,
  defaults: { period: 'quarter', byKind: { committee: 0, generalBranch: 2, branch: 3, jointBranch: 2, group: 0 }, byOrg: {}, counts: 'adopted' },
};

const weight = z.number().min(0, '不能为负数').max(1000, '不能超过 1000');
export const levelWeightsSchema = z.object({
  community: weight.describe('社区级权重'), group: weight.describe('集团级权重'), city: weight.describe('市级权重'),
  province: weight.describe('省级权重'), central: weight.describe('中央级权重'),
});
export type LevelWeights = z.infer<typeof levelWeightsSchema>;

export const PUBLICITY_LEVEL_WEIGHTS: SettingDef<LevelWeights> = {
  key: 'publicity.levelWeights',
  schema: levelWeightsSchema,
  defaults: { community: 1, group: 2, city: 4, province: 8, central: 16 },
};

export const qualityCriteriaSchema = z.object({
  criteria: z.array(z.object({
    score: z.number().int().min(1).max(5).describe('分值'),
    text: z.string().trim().min(1, '不能为空').max(200, '最多 200 个字').describe('评定标准'),
  })).length(5, '应为 1–5 分各一条').describe('质量评定标准'),
});
export type QualityCriteria = z.infer<typeof qualityCriteriaSchema>;

export const PUBLICITY_QUALITY_CRITERIA: SettingDef<QualityCriteria> = {
  key: 'publicity.qualityCriteria',
  schema: qualityCriteriaSchema,
  defaults: {
    criteria: [
      { score: 5, text: '主题鲜明、事实准确、文字精炼、图文规范，可直接采用' },
      { score: 4, text: '主题明确、事实准确，文字稍加修改即可采用' },
      { score: 3, text: '内容基本完整，需较多修改或补充图片后采用' },
      { score: 2, text: '主题不够突出或要素欠缺，需大幅修改' },
      { score: 1, text: '不符合要求' },
    ],
  },
};

/** The settings a form shows: quotas, level weights and the quality criteria from the best score down. */
export async function formSettings(p: Platform, tenantId: string): Promise<{ quotas: Quotas; levelWeights: LevelWeights; qualityCriteria: QualityCriteria['criteria'] }> {
  const [quotas, levelWeights, criteria] = await Promise.all([
    p.settings.get(tenantId, PUBLICITY_QUOTAS), p.settings.get(tenantId, PUBLICITY_LEVEL_WEIGHTS), p.settings.get(tenantId, PUBLICITY_QUALITY_CRITERIA),
  ]);
  return { quotas, levelWeights, qualityCriteria: [...criteria.criteria].sort((a, b) => b.score - a.score) };
}
