// Calendar arithmetic of 宣传 statistics on Asia/Shanghai days: the instant a day starts (to compare ISO
// instants as text), the current quarter, and how many quota periods a date range touches.
import { HOUR } from '../../platform/clock.js';

/** ISO instant (UTC) at which the Asia/Shanghai calendar day `date` begins. */
export function shanghaiDayStart(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - 8 * HOUR).toISOString();
}

/** The day after `date`. */
export function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + 24 * HOUR).toISOString().slice(0, 10);
}

/** First and last day of the quarter holding `date`. */
export function quarterOf(date: string): { from: string; to: string } {
  const y = Number(date.slice(0, 4));
  const q = Math.floor((Number(date.slice(5, 7)) - 1) / 3);
  const from = `${y}-${String(q * 3 + 1).padStart(2, '0')}-01`;
  const end = new Date(Date.UTC(y, q * 3 + 3, 0)).toISOString().slice(0, 10);
  return { from, to: end };
}

/** How many calendar months, quarters or years the inclusive range [from, to] touches. */
export function periodsIn(period: 'month' | 'quarter' | 'year', from: string, to: string): number {
  if (to < from) return 0;
  const months = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
  if (period === 'month') return months + 1;
  if (period === 'year') return Number(to.slice(0, 4)) - Number(from.slice(0, 4)) + 1;
  const qa = Number(from.slice(0, 4)) * 4 + Math.floor((Number(from.slice(5, 7)) - 1) / 3);
  const qb = Number(to.slice(0, 4)) * 4 + Math.floor((Number(to.slice(5, 7)) - 1) / 3);
  return qb - qa + 1;
}
