// Money typed in 元 as a decimal string, turned into integer 分 without floating point ("12500.5" → 1250050).
import { fieldError } from '../../platform/errors.js';

const YUAN = /^(\d{1,12})(?:\.(\d{1,2}))?$/;

/** 分 of a 元 amount; throws a 400 naming `field` for negatives, more than two decimals or non-numbers. */
export function yuanToFen(raw: string, field = 'valueYuan'): number {
  const s = raw.trim().replace(/,/g, '');
  if (s.startsWith('-')) throw fieldError(field, '创效价值不能为负数');
  if (/^\d+\.\d{3,}$/.test(s)) throw fieldError(field, '创效价值最多保留两位小数（精确到分）');
  const m = YUAN.exec(s);
  if (!m) throw fieldError(field, '创效价值应为金额（元），例如 12500.50');
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** "12500.50" from 1250050 (for messages and exports). */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}
