// The configurable scoring conventions of results: star bands (docs/DOMAIN.md), the bonus table (奖金挂钩), the
// anomaly thresholds and the 民主评议 quota. Settings, never constants; the mappings are pure functions.
import { z } from 'zod';
import type { SettingDef } from '../../platform/settings/service.js';

const bandSchema = z.object({ min: z.number().describe('下限（含）'), stars: z.number().int().min(0).max(5).describe('星级') });
export interface StarSetting { bands: { min: number; stars: number }[] }
export const ASSESSMENT_STARS: SettingDef<StarSetting> = {
  key: 'assessment.stars',
  schema: z.object({ bands: z.array(bandSchema).describe('星级分档') }),
  // docs/DOMAIN.md: ≥ 90 five stars, 80–89 four, 70–79 three, ≥ 60 two; below 60 none.
  defaults: { bands: [{ min: 90, stars: 5 }, { min: 80, stars: 4 }, { min: 70, stars: 3 }, { min: 60, stars: 2 }] },
};

export interface BonusSetting { ranges: { min: number; coefficient: number }[] }
export const ASSESSMENT_BONUS: SettingDef<BonusSetting> = {
  key: 'assessment.bonus',
  schema: z.object({ ranges: z.array(z.object({ min: z.number().describe('分数下限（含）'), coefficient: z.number().min(0).describe('奖金系数') })).describe('奖金系数分档') }),
  defaults: { ranges: [{ min: 90, coefficient: 1.2 }, { min: 80, coefficient: 1.0 }, { min: 60, coefficient: 0.8 }, { min: 0, coefficient: 0.5 }] },
};

export interface AnomalySetting {
  /** A manual score at or above this share of the maximum … */
  highManualRatio: number;
  /** … on an indicator whose automatic evidence for the target is below this share of its maximum. */
  lowEvidenceRatio: number;
  /** An assessor's scores must vary across at least this many targets. */
  minTargetsForVariation: number;
}
export const ASSESSMENT_ANOMALIES: SettingDef<AnomalySetting> = {
  key: 'assessment.anomalies',
  schema: z.object({
    highManualRatio: z.number().min(0).max(1).describe('人工高分比例'),
    lowEvidenceRatio: z.number().min(0).max(1).describe('自动佐证偏低比例'),
    minTargetsForVariation: z.number().int().min(2).describe('评分无差异的最少对象数'),
  }),
  defaults: { highManualRatio: 0.9, lowEvidenceRatio: 0.6, minTargetsForVariation: 3 },
};

export interface AppraisalSetting { excellentMaxRatio: number; gradeProbationary: boolean }
export const APPRAISAL_RULES: SettingDef<AppraisalSetting> = {
  key: 'assessment.appraisal',
  schema: z.object({
    excellentMaxRatio: z.number().min(0).max(1).describe('优秀比例上限'),
    gradeProbationary: z.boolean().describe('预备党员是否评定等次'),
  }),
  // docs/DOMAIN.md: 优秀 at most one third of those graded; 预备党员 take part but are not graded.
  defaults: { excellentMaxRatio: 1 / 3, gradeProbationary: false },
};

/** Scores compare after rounding to 0.01 so that 89.999999 from float sums does not fall a band. */
const norm = (n: number) => Math.round(n * 100) / 100;

/** Stars for a total: the first band (highest minimum first) whose minimum the total reaches; 0 below all. */
export function starsFor(total: number, s: StarSetting): number {
  const t = norm(total);
  const bands = [...s.bands].sort((a, b) => b.min - a.min);
  return bands.find((b) => t >= b.min)?.stars ?? 0;
}

/** Bonus coefficient for a total: lower bound inclusive; below every range → 0. */
export function bonusFor(total: number, s: BonusSetting): number {
  const t = norm(total);
  const ranges = [...s.ranges].sort((a, b) => b.min - a.min);
  return ranges.find((r) => t >= r.min)?.coefficient ?? 0;
}

/** Standard competition ranking: ties share a rank, the next rank skips (100, 95, 95, 90 → 1, 2, 2, 4). */
export function rankTotals<T extends { total: number }>(rows: T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => b.total - a.total);
  let prev: number | undefined;
  let prevRank = 0;
  return sorted.map((r, i) => {
    const rank = prev !== undefined && norm(r.total) === norm(prev) ? prevRank : i + 1;
    prev = r.total;
    prevRank = rank;
    return { ...r, rank };
  });
}

/** The most 优秀 a 民主评议 may publish: floor(ratio × graded), with a small tolerance for 1/3 in floats. */
export function excellentQuota(graded: number, ratio: number): number {
  return Math.floor(graded * ratio + 1e-9);
}

const RATIO_NAMES: [number, string][] = [[1 / 3, '三分之一'], [1 / 4, '四分之一'], [1 / 2, '二分之一'], [1 / 5, '五分之一']];
export function ratioName(ratio: number): string {
  const known = RATIO_NAMES.find(([r]) => Math.abs(r - ratio) < 1e-6);
  return known ? known[1] : `${Math.round(ratio * 1000) / 10}%`;
}

/** null when publishing is allowed, else the Chinese refusal with the numbers. */
export function quotaProblem(excellent: number, graded: number, ratio: number): string | null {
  const max = excellentQuota(graded, ratio);
  if (excellent <= max) return null;
  return `优秀 ${excellent} 人，超过参评 ${graded} 人的${ratioName(ratio)}（最多 ${max} 人）`;
}
