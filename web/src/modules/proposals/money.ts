// Money on screen: the server keeps 分 as integers; pages show 元 with two decimals and read 元 as text,
// both with integer arithmetic only (no binary floats: 0.1 + 0.2 stays 0.30).

/** 1250050 → "12,500.50". */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '-';
  const n = Math.trunc(fen);
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(n);
  const yuan = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}${yuan}.${cents}`;
}

/** 1250050 → "12500.50": the value as typed in a form (no separators). */
export function fenToYuanText(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  return formatFen(fen).replace(/,/g, '');
}

export const YUAN_RE = /^\d{1,12}(\.\d{1,2})?$/;

/** "12500.5" → 1250050; null when the text is not a non-negative amount with at most two decimals. */
export function parseYuan(text: string): number | null {
  const t = text.trim().replace(/,/g, '');
  if (!YUAN_RE.test(t)) return null;
  const [whole, frac = ''] = t.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

/** The Chinese reason an amount typed in 元 is refused, or null when it is fine. */
export function yuanProblem(text: string | undefined): string | null {
  // Thousands separators as people write them (1,000.50) are fine; the server reads them too.
  const t = (text ?? '').trim().replace(/,/g, '');
  if (t === '') return '请填写创效价值';
  if (t.startsWith('-')) return '创效价值不能为负数';
  if (/^\d+\.\d{3,}$/.test(t)) return '创效价值最多两位小数（精确到分）';
  if (!YUAN_RE.test(t)) return '请填写金额，如 12500.50';
  return null;
}
