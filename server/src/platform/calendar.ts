// The one calendar of the system. Every user lives in Asia/Shanghai (UTC+8 all year, no daylight saving), so
// days, months, quarters, half-years and years are Shanghai ones; dates are `YYYY-MM-DD`, months `YYYY-MM`,
// instants ISO-8601 UTC text. Periods have one code form (`2026`, `2026-H2`, `2026-Q4`, `2026-11`) and one
// Chinese label each, whatever module shows them.
import { sql, type Expression, type RawBuilder } from 'kysely';

const DAY_MS = 86_400_000;
/** Asia/Shanghai is UTC+8 without daylight saving, so a fixed offset is exact. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

const pad2 = (n: number) => String(n).padStart(2, '0');
const pad4 = (n: number) => String(n).padStart(4, '0');
const utcMidnight = (date: string) => Date.parse(`${date}T00:00:00Z`);
const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);

// ---------- instants and Shanghai days ----------

/** The calendar date (YYYY-MM-DD) of an instant in Asia/Shanghai. */
export function shanghaiDate(d: Date): string {
  return ymd(d.getTime() + SHANGHAI_OFFSET_MS);
}

/** Today's Shanghai date by the platform's clock (`todayIn(p.clock)`): what every "not before today" rule compares with. */
export const todayIn = (clock: { now(): Date }): string => shanghaiDate(clock.now());

/** The Shanghai date of an ISO instant (text). */
export const shanghaiDateOf = (iso: string): string => shanghaiDate(new Date(iso));

/** The Shanghai month (YYYY-MM) of an instant. */
export const shanghaiMonth = (d: Date): string => shanghaiDate(d).slice(0, 7);

/** The ISO instant (UTC) at which the Shanghai day `date` begins: compare stored instants as text against it. */
export function shanghaiDayStart(date: string): string {
  return new Date(utcMidnight(date) - SHANGHAI_OFFSET_MS).toISOString();
}

/** The ISO instant of `date` at `hour` o'clock Shanghai time. */
export function shanghaiInstant(date: string, hour = 0, minute = 0): string {
  return new Date(utcMidnight(date) - SHANGHAI_OFFSET_MS + hour * 3_600_000 + minute * 60_000).toISOString();
}

/** Shanghai wall-clock time of an instant as `YYYY-MM-DDTHH:mm:ss.sss` (no zone). */
export function shanghaiWallClock(d: Date): string {
  return new Date(d.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 23);
}

/**
 * SQL: the Asia/Shanghai month (YYYY-MM) of an ISO-8601 UTC instant kept as text, the month statistics count a
 * publication in. Portable on both dialects: Shanghai is UTC+8 all year, so the month moves on only from 16:00
 * UTC on the last day of a month.
 */
export function shanghaiMonthSql(instant: Expression<string>): RawBuilder<string> {
  const year = sql`cast(substr(${instant}, 1, 4) as integer)`;
  const month = sql`substr(${instant}, 6, 2)`;
  const leap = sql`((${year} % 4 = 0 and ${year} % 100 <> 0) or ${year} % 400 = 0)`;
  const lastDay = sql`case ${month} when '02' then (case when ${leap} then '29' else '28' end) when '04' then '30' when '06' then '30' when '09' then '30' when '11' then '30' else '31' end`;
  const nextMonth = sql`substr(cast(101 + cast(${month} as integer) as text), 2, 2)`;
  return sql<string>`(case
    when cast(substr(${instant}, 12, 2) as integer) < 16 or substr(${instant}, 9, 2) <> ${lastDay} then substr(${instant}, 1, 7)
    when ${month} = '12' then cast(${year} + 1 as text) || '-01'
    else substr(${instant}, 1, 5) || ${nextMonth} end)`;
}

// ---------- dates ----------

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = utcMidnight(s);
  return !Number.isNaN(t) && ymd(t) === s;
}

/** Days in a month (month 1..12). */
export const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** `date` plus (or minus) whole days. */
export function addDays(date: string, days: number): string {
  return ymd(utcMidnight(date) + days * DAY_MS);
}

/** Monday to Friday. Public holidays and 调休 workdays are not known to the system: callers say so. */
export function isWorkingDay(date: string): boolean {
  const wd = new Date(utcMidnight(date)).getUTCDay();
  return wd !== 0 && wd !== 6;
}

/** The `n`-th working day (Mon–Fri) after `date` (n ≥ 0; n = 0 gives `date` itself). */
export function addWorkingDays(date: string, n: number): string {
  let d = date;
  for (let left = n; left > 0;) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) left -= 1;
  }
  return d;
}

/** Working days (Mon–Fri) from `from` to `to`, both included; 0 when `to` is earlier. */
export function workingDaysBetween(from: string, to: string): number {
  let count = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) if (isWorkingDay(d)) count += 1;
  return count;
}

/** The day after `date`. */
export const nextDay = (date: string): string => addDays(date, 1);

/** Whole days from `from` to `to`; negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
}

/** The same day `months` later; the month's last day when that day does not exist (31 Jan + 1 month → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return `${pad4(ny)}-${pad2(nm)}-${pad2(Math.min(d, daysInMonth(ny, nm)))}`;
}

/** The same day `years` later; 29 February falls back to 28 February in a common year. */
export const addYears = (date: string, years: number): string => addMonths(date, years * 12);

/** Full years from `from` to `on` (an age, a length of service). */
export function yearsBetween(from: string, on: string): number {
  let years = Number(on.slice(0, 4)) - Number(from.slice(0, 4));
  if (on.slice(5) < from.slice(5)) years--;
  return years;
}

// ---------- months ----------

/** A month (YYYY-MM) plus (or minus) whole months. */
export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const k = y * 12 + (m - 1) + n;
  return `${pad4(Math.floor(k / 12))}-${pad2((k % 12) + 1)}`;
}

/** Every month from `from` to `to` inclusive (YYYY-MM), in order. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = shiftMonth(m, 1)) out.push(m);
  return out;
}

/** The month before the one holding `date` (YYYY-MM-DD or YYYY-MM), as YYYY-MM. */
export const previousMonth = (date: string): string => shiftMonth(date.slice(0, 7), -1);

/** First and last day of a month (YYYY-MM). */
export function monthDays(month: string): { from: string; to: string } {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return { from: `${month}-01`, to: `${month}-${pad2(daysInMonth(y, m))}` };
}

// ---------- periods ----------

export type PeriodKind = 'month' | 'quarter' | 'half' | 'year';

/** A calendar period: its code, Chinese label and inclusive first and last days. */
export interface Period {
  /** `2026-11`, `2026-Q4`, `2026-H2` or `2026`. */
  code: string;
  kind: PeriodKind;
  /** 2026年11月 · 2026年第4季度 · 2026年下半年 · 2026年度 */
  label: string;
  /** The label inside its year: 11月 · 第四季度 · 下半年 · 2026年度 */
  shortLabel: string;
  from: string;
  to: string;
}

/** The Chinese message for a period code that does not parse; shown beside the field. */
export const PERIOD_MESSAGE = '周期格式应为 YYYY、YYYY-H1、YYYY-Q1 或 YYYY-MM';

const span = (y: number, m1: number, m2: number) => ({ from: `${pad4(y)}-${pad2(m1)}-01`, to: `${pad4(y)}-${pad2(m2)}-${pad2(daysInMonth(y, m2))}` });

const QUARTER_NUMERALS = ['一', '二', '三', '四'];

function makePeriod(kind: PeriodKind, y: number, n: number): Period {
  switch (kind) {
    case 'year': return { code: `${y}`, kind, label: `${y}年度`, shortLabel: `${y}年度`, ...span(y, 1, 12) };
    case 'half': {
      const half = `${n === 1 ? '上' : '下'}半年`;
      return { code: `${y}-H${n}`, kind, label: `${y}年${half}`, shortLabel: half, ...span(y, n * 6 - 5, n * 6) };
    }
    case 'quarter': return { code: `${y}-Q${n}`, kind, label: `${y}年第${n}季度`, shortLabel: `第${QUARTER_NUMERALS[n - 1]}季度`, ...span(y, n * 3 - 2, n * 3) };
    case 'month': return { code: `${y}-${pad2(n)}`, kind, label: `${y}年${n}月`, shortLabel: `${n}月`, ...span(y, n, n) };
  }
}

const PER_YEAR: Record<PeriodKind, number> = { year: 1, half: 2, quarter: 4, month: 12 };

/** Every period of a kind in a year, in order. */
export function periodsOfYear(kind: PeriodKind, year: number): Period[] {
  return Array.from({ length: PER_YEAR[kind] }, (_, i) => makePeriod(kind, year, i + 1));
}

/** A period code as a period, or null when it is not one. */
export function parsePeriod(code: string): Period | null {
  let m = /^(\d{4})$/.exec(code);
  if (m) return makePeriod('year', Number(m[1]), 1);
  m = /^(\d{4})-H([12])$/.exec(code);
  if (m) return makePeriod('half', Number(m[1]), Number(m[2]));
  m = /^(\d{4})-Q([1-4])$/.exec(code);
  if (m) return makePeriod('quarter', Number(m[1]), Number(m[2]));
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(code);
  if (m) return makePeriod('month', Number(m[1]), Number(m[2]));
  return null;
}

/** The period of a kind that holds `date` (YYYY-MM-DD). */
export function periodOf(kind: PeriodKind, date: string): Period {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const n = kind === 'month' ? m : kind === 'quarter' ? Math.ceil(m / 3) : kind === 'half' ? Math.ceil(m / 6) : 1;
  return makePeriod(kind, y, n);
}

/** The quarter holding `date`. */
export const quarterOf = (date: string): Period => periodOf('quarter', date);

/** Every period of a kind whose last day lies inside [from, to], in order. */
export function periodsEndingIn(kind: PeriodKind, from: string, to: string): Period[] {
  const out: Period[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
    for (const p of periodsOfYear(kind, y)) if (p.to >= from && p.to <= to) out.push(p);
  }
  return out;
}

/** How many periods of a kind the inclusive range [from, to] touches. */
export function periodsTouched(kind: PeriodKind, from: string, to: string): number {
  if (to < from) return 0;
  const index = (d: string) => {
    const y = Number(d.slice(0, 4));
    const m = Number(d.slice(5, 7)) - 1;
    return kind === 'month' ? y * 12 + m : kind === 'quarter' ? y * 4 + Math.floor(m / 3) : kind === 'half' ? y * 2 + Math.floor(m / 6) : y;
  };
  return index(to) - index(from) + 1;
}
