// The 业务规则 of 考评 and 星级评定: how often plaques are evaluated, the weights of the three parts (summing to
// 100), the threshold under which a plaque is flagged for 摘牌, how many residents' ratings make their part count,
// and how a 0..100 score becomes stars (1–5 by bands) or tiers (未达标 / 达标 / 星级).
import { z } from 'zod';
import type { SettingDef } from '../../platform/settings/service.js';

const weight = (label: string) => z.number().int().min(0).max(100).describe(label);

const evaluationSchema = z.object({
  periodKind: z.enum(['half', 'quarter', 'year']).describe('考评周期（half 半年，quarter 季度，year 年度）'),
  selfWeight: weight('本人自评权重（%）'),
  residentsWeight: weight('群众评价权重（%）'),
  branchWeight: weight('支部评价权重（%）'),
  threshold: z.number().int().min(0).max(100).describe('建议摘牌分数线（总分低于此分）'),
  minRatings: z.number().int().min(1).max(100).describe('群众评价计分所需最少评价数（不足时其权重按比例分给自评与支部评价）'),
}).superRefine((v, ctx) => {
  if (v.selfWeight + v.residentsWeight + v.branchWeight !== 100) {
    ctx.addIssue({ code: 'custom', path: ['selfWeight'], message: `三项权重之和应为 100，现为 ${v.selfWeight + v.residentsWeight + v.branchWeight}` });
  }
});
export type EvaluationRules = z.infer<typeof evaluationSchema>;

export const EVALUATION_RULES: SettingDef<EvaluationRules> = {
  key: 'incentive.evaluation', schema: evaluationSchema,
  defaults: { periodKind: 'half', selfWeight: 20, residentsWeight: 40, branchWeight: 40, threshold: 60, minRatings: 3 },
};

const band = (label: string) => z.number().int().min(0).max(100).describe(label);
const starSchema = z.object({
  mode: z.enum(['stars', 'tiers']).describe('评定方式（stars 一至五星，tiers 未达标/达标/星级）'),
  fiveStars: band('五星分数线'),
  fourStars: band('四星分数线'),
  threeStars: band('三星分数线'),
  twoStars: band('二星分数线（低于此为一星）'),
  passTier: band('达标分数线（低于此为未达标）'),
  starTier: band('星级分数线'),
}).superRefine((v, ctx) => {
  if (!(v.fiveStars > v.fourStars && v.fourStars > v.threeStars && v.threeStars > v.twoStars)) {
    ctx.addIssue({ code: 'custom', path: ['fiveStars'], message: '星级分数线应从五星到二星依次降低' });
  }
  if (v.starTier <= v.passTier) ctx.addIssue({ code: 'custom', path: ['starTier'], message: '星级分数线应高于达标分数线' });
});
export type StarRules = z.infer<typeof starSchema>;

export const STAR_RULES: SettingDef<StarRules> = {
  key: 'incentive.stars', schema: starSchema,
  defaults: { mode: 'stars', fiveStars: 90, fourStars: 80, threeStars: 70, twoStars: 60, passTier: 60, starTier: 85 },
};
