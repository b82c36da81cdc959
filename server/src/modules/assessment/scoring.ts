// Automatic indicator rules as pure functions: a metric value becomes a score (linear between two points, or
// by bands), with the sentence the scorer and the target read beside it. Scores are rounded to 0.1.
import type { BandsRule, LinearRule, Rule } from './schema.js';

export const round1 = (x: number): number => Math.round((x + Math.sign(x) * Number.EPSILON) * 10) / 10;
export const round2 = (x: number): number => Math.round((x + Math.sign(x) * Number.EPSILON) * 100) / 100;

/** Numbers without trailing zeros: 5.5, 10, 82.3. */
export const fmt = (x: number): string => String(round2(x));

/** Score 0 at `from`, `max` at `to`, straight line between, clamped; from > to means "lower is better". */
export function linearScore(rule: LinearRule, max: number, value: number): number {
  if (rule.from === rule.to) return value >= rule.to ? max : 0;
  const t = (value - rule.from) / (rule.to - rule.from);
  return round1(Math.min(max, Math.max(0, max * t)));
}

/** The score of the highest band whose `min` the value reaches (value ≥ min); below every band → 0. */
export function bandsScore(rule: BandsRule, max: number, value: number): number {
  const hit = [...rule.bands].sort((a, b) => b.min - a.min).find((b) => value >= b.min);
  return hit ? round1(Math.min(max, Math.max(0, hit.score))) : 0;
}

export function ruleScore(rule: Rule, max: number, value: number): number {
  return rule.type === 'linear' ? linearScore(rule, max, value) : bandsScore(rule, max, value);
}

/** "组织生活出勤率 82%，线性 60%→0 分、100%→10 分，得 5.5 分". */
export function formulaText(metric: { name: string; unit: string }, rule: Rule, max: number, value: number | null, score: number): string {
  const u = metric.unit === '%' ? '%' : ` ${metric.unit}`;
  const v = (x: number) => `${fmt(x)}${u}`;
  const ruleText = rule.type === 'linear'
    ? `线性 ${v(rule.from)}→0 分、${v(rule.to)}→${fmt(max)} 分`
    : `分档 ${[...rule.bands].sort((a, b) => b.min - a.min).map((b) => `≥${v(b.min)} ${fmt(b.score)} 分`).join('、')}`;
  if (value === null) return `${metric.name}无数据，得 0 分（${ruleText}）`;
  return `${metric.name} ${v(value)}，${ruleText}，得 ${fmt(score)} 分`;
}

/** Score and formula of one automatic leaf for one target; no value → 0. */
export function autoScore(metric: { name: string; unit: string }, rule: Rule, max: number, value: number | null): { score: number; formula: string } {
  const score = value === null ? 0 : ruleScore(rule, max, value);
  return { score, formula: formulaText(metric, rule, max, value, score) };
}
