// One convention for time on screen: instants arrive as ISO-8601 UTC and are shown in Asia/Shanghai.

export const DISPLAY_TIME_ZONE = 'Asia/Shanghai';

const instantFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: DISPLAY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function parts(value: string | number | Date): Record<string, string> | undefined {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return undefined;
  const out: Record<string, string> = {};
  for (const p of instantFormat.formatToParts(date)) out[p.type] = p.value;
  return out;
}

/** `YYYY-MM-DD HH:mm:ss` in Asia/Shanghai; empty input gives '-'. */
export function formatInstant(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '-';
  const p = parts(value);
  if (!p) return String(value);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** `YYYY-MM-DD HH:mm` in Asia/Shanghai: times of meetings and sign-ins, where seconds are noise. */
export function formatInstantMinute(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '-';
  const p = parts(value);
  if (!p) return String(value);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** `YYYY-MM-DD HH:mm — HH:mm` (the end's date only when it is another day) in Asia/Shanghai. */
export function formatInstantRange(from: string, to: string): string {
  const s = formatInstantMinute(from);
  const e = formatInstantMinute(to);
  return `${s} — ${e.slice(0, 10) === s.slice(0, 10) ? e.slice(11) : e}`;
}

/** `YYYY-MM-DD` in Asia/Shanghai. */
export function formatInstantDate(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '-';
  const p = parts(value);
  if (!p) return String(value);
  return `${p.year}-${p.month}-${p.day}`;
}

/**
 * The instant a calendar day (YYYY-MM-DD) starts in Asia/Shanghai, as ISO UTC.
 * China has kept UTC+8 without daylight saving since 1991, so the offset is fixed.
 */
export function shanghaiDayStart(day: string): string {
  return new Date(`${day}T00:00:00+08:00`).toISOString();
}

/** The last millisecond of a calendar day in Asia/Shanghai, as ISO UTC (inclusive range end). */
export function shanghaiDayEnd(day: string): string {
  return new Date(`${day}T23:59:59.999+08:00`).toISOString();
}

/** Whole calendar days from `from` to `to` (both YYYY-MM-DD; negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
