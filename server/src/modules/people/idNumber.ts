// 公民身份号码 (GB 11643-1999): 18 characters, the last a check digit over the first 17 (ISO 7064
// MOD 11-2), with the birth date in characters 7–14 and the sex in character 17 (odd = male).
import type { Gender } from '../../db/types.js';
import { isCalendarDate } from '../../platform/calendar.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function checkDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

export interface ParsedIdNumber {
  normalised: string;
  birthDate: string;
  gender: Gender;
}

/** Parses a 身份证号, or returns the Chinese reason it is not one. `today` is YYYY-MM-DD. */
export function parseIdNumber(raw: string, today: string): ParsedIdNumber | { error: string } {
  const v = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(v)) return { error: '身份证号应为 18 位，前 17 位为数字，最后一位为数字或 X' };
  if (checkDigit(v.slice(0, 17)) !== v[17]) return { error: '身份证号校验位不正确，请核对' };
  const birthDate = `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`;
  if (!isCalendarDate(birthDate) || birthDate < '1900-01-01') return { error: '身份证号中的出生日期无效' };
  if (birthDate > today) return { error: '身份证号中的出生日期晚于今天' };
  return { normalised: v, birthDate, gender: Number(v[16]) % 2 === 1 ? 'male' : 'female' };
}

/** Builds a valid number from region, birth date and sequence (demo data and tests). */
export function makeIdNumber(region: string, birthDate: string, seq3: number): string {
  const first17 = `${region}${birthDate.replaceAll('-', '')}${String(seq3).padStart(3, '0')}`;
  return first17 + checkDigit(first17);
}
