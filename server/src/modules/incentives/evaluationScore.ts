// The arithmetic of 考评 and 星级评定, kept apart from the database so the rules read in one place:
// - residents' part: the average of the period's ratings (1..5) scaled to 20..100;
// - with fewer ratings than the round's minimum, the residents' weight is shared by the other two parts in
//   proportion to their weights (a handful of ratings should not decide a plaque);
// - the total is the weighted sum, one decimal; while the round is open it exists once self and branch are in,
//   at close a missing part counts 0 (the holder and the branch had the round to give it).
import type { StarRules } from './evaluationSettings.js';

export interface RoundWeights {
  self: number;
  residents: number;
  branch: number;
  /** Ratings the residents' part needs to count. */
  minRatings: number;
}

export const round1 = (n: number): number => Math.round(n * 10) / 10;

/** 1..5 stars on average → 20..100 points. */
export const residentsScoreOf = (average: number | null): number | null => (average === null ? null : round1(average * 20));

/** The weights that apply to an evaluation with `ratingCount` ratings. */
export function effectiveWeights(w: RoundWeights, ratingCount: number): { self: number; residents: number; branch: number } {
  if (ratingCount >= w.minRatings || w.residents === 0) return { self: w.self, residents: w.residents, branch: w.branch };
  const rest = w.self + w.branch;
  if (rest === 0) return { self: 50, residents: 0, branch: 50 };
  return { self: (w.self * 100) / rest, residents: 0, branch: (w.branch * 100) / rest };
}

export interface Parts {
  self: number | null;
  residents: number | null;
  ratingCount: number;
  branch: number | null;
}

/** The weighted total; null while open and self or branch is missing; `final` (at close) counts missing parts as 0. */
export function totalOf(w: RoundWeights, parts: Parts, final: boolean): number | null {
  if (!final && (parts.self === null || parts.branch === null)) return null;
  const e = effectiveWeights(w, parts.ratingCount);
  const sum = e.self * (parts.self ?? 0) + e.residents * (parts.residents ?? 0) + e.branch * (parts.branch ?? 0);
  return round1(sum / 100);
}

/** The stars (stars mode: 1–5) or tier (tiers mode: 0 未达标, 1 达标, 2 星级) of a score; 0 when there is no score. */
export function starsOf(rules: StarRules, score: number | null): number {
  if (score === null) return 0;
  if (rules.mode === 'tiers') return score >= rules.starTier ? 2 : score >= rules.passTier ? 1 : 0;
  return score >= rules.fiveStars ? 5 : score >= rules.fourStars ? 4 : score >= rules.threeStars ? 3 : score >= rules.twoStars ? 2 : 1;
}

/** One source of a star score as shown beside the stars. */
export interface BasisItem {
  /** Chinese name of the source, e.g. 量化考核总分. */
  label: string;
  /** Its value on 0..100, or null when the system holds nothing for it. */
  value: number | null;
  weight: number;
  /** e.g. the raw number behind the value: 评价 12 条，平均 4.6 星. */
  note?: string;
}

/** Weighted average over the sources that have a value (weights renormalised); null when none has. */
export function basisScore(items: readonly BasisItem[]): number | null {
  const known = items.filter((i) => i.value !== null && i.weight > 0);
  const w = known.reduce((s, i) => s + i.weight, 0);
  if (w === 0) return null;
  return round1(known.reduce((s, i) => s + i.weight * Math.min(100, Math.max(0, i.value!)), 0) / w);
}
