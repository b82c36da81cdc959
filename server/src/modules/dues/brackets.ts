// The monthly amount of 党费 from a member's base (docs/DOMAIN.md §党费): pure functions over integer 分, never
// floating point. The rate applies to the whole base (3200 → 32.00, 5400 → 81.00), not in slices like a tax.
import type { DuesRules, Rounding } from './settings.js';
import type { DuesCategory } from './tables.js';

export type { DuesCategory } from './tables.js';
export const CATEGORY_NAMES: Record<DuesCategory, string> = { employed: '在职（税后月收入）', retired: '离退休（月养老金）', fixed: '学生、无固定收入、领取救济' };

/** numerator / denominator rounded to an integer the way the rule says (both non-negative integers). */
export function divideRounded(numerator: number, denominator: number, rounding: Rounding): number {
  const q = Math.floor(numerator / denominator);
  const r = numerator - q * denominator;
  if (r === 0) return q;
  if (rounding === 'down') return q;
  if (rounding === 'up') return q + 1;
  return 2 * r >= denominator ? q + 1 : q;
}

/** The rate (万分之) for a base in 分: the bracket includes its upper limit (3000 is ≤ 3000). */
export function rateFor(category: DuesCategory, baseFen: number, rules: DuesRules): number {
  if (category === 'retired') return baseFen <= rules.retiredLimit * 100 ? rules.retiredRate1 : rules.retiredRate2;
  if (baseFen <= rules.employedLimit1 * 100) return rules.employedRate1;
  if (baseFen <= rules.employedLimit2 * 100) return rules.employedRate2;
  if (baseFen <= rules.employedLimit3 * 100) return rules.employedRate3;
  return rules.employedRate4;
}

/** The monthly amount in 分. The fixed category ignores the base. */
export function monthlyFen(category: DuesCategory, baseFen: number | null, rules: DuesRules): number {
  if (category === 'fixed') return rules.fixedFen;
  if (baseFen === null || !Number.isSafeInteger(baseFen) || baseFen < 0) throw new RangeError('base must be a non-negative integer of 分');
  // baseFen × rate stays far below 2^53 for any real income (10^12 分 × 10^4).
  return divideRounded(baseFen * rateFor(category, baseFen, rules), 10_000, rules.rounding);
}

const YUAN = /^(\d{1,10})(?:\.(\d{1,2}))?$/;

/** 分 of a 元 amount typed as text ("5400", "3000.01", "1,234.5"); a reason in Chinese when it is not one. */
export function parseYuan(raw: string, label: string): number | string {
  const s = raw.trim().replace(/[,，\s]/g, '').replace(/元$/, '');
  if (s === '') return `请填写${label}`;
  if (s.startsWith('-')) return `${label}不能为负数`;
  if (/^\d+\.\d{3,}$/.test(s)) return `${label}最多保留两位小数（精确到分）`;
  const m = YUAN.exec(s);
  if (!m) return `${label}应为金额（元），例如 5400.00`;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** "5400.00" from 540000. */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}
