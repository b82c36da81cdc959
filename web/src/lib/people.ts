// People (units, staff, members): the API's codes ↔ 中文 labels, select options, and the client-side
// checks that mirror the server's validation (GB 11643 身份证号, mobile, dates). See docs/api/people.md.
import type { Member, MemberEvent, Staff, Unit } from '../api/types';
import { formatInstantDate } from './time';

type Labels<K extends string> = Record<K, string>;

// The codes are the server's (generated API types); the labels below are the web's.
export type Gender = Staff['gender'];
export type Employment = Staff['employment'];
export type UnitKind = Unit['kind'];
export type MemberType = Member['type'];
export type MemberStatus = Member['status'];
export type MemberEventKind = MemberEvent['kind'];

export const GENDER_LABEL: Labels<Gender> = { male: '男', female: '女' };
export const EMPLOYMENT_LABEL: Labels<Employment> = { active: '在岗', retired: '离退', left: '离职' };
export const UNIT_KIND_LABEL: Labels<UnitKind> = { grassroots: '基层单位', office: '机关部门', section: '科室' };
export const MEMBER_TYPE_LABEL: Labels<MemberType> = { full: '正式党员', probationary: '预备党员' };
export const MEMBER_STATUS_LABEL: Labels<MemberStatus> = {
  active: '正常',
  flowing: '流动',
  lostContact: '失联',
  transferredOut: '转出',
  suspended: '停止党籍',
  expelled: '出党',
  deceased: '去世',
};
export const MEMBER_STATUS_COLOR: Labels<MemberStatus> = {
  active: 'green',
  flowing: 'blue',
  lostContact: 'orange',
  transferredOut: 'default',
  suspended: 'red',
  expelled: 'red',
  deceased: 'default',
};
export const MEMBER_EVENT_LABEL: Labels<MemberEventKind> = {
  admitted: '入党建档',
  transferIn: '转入',
  transferOut: '转出',
  transfer: '组织关系转接',
  moved: '组织调整',
  confirmed: '转正',
  probationExtended: '延长预备期',
  statusChanged: '状态变更',
  edited: '信息修改',
};
export const EDUCATIONS = ['研究生', '大学本科', '大学专科', '中专', '高中', '初中及以下'] as const;
export const AGE_BAND_LABEL: Record<string, string> = {
  '-35': '35岁及以下',
  '36-45': '36-45岁',
  '46-55': '46-55岁',
  '56-60': '56-60岁',
  '61-': '61岁及以上',
};

/** Label of a code, or the code itself when unknown (a newer server). */
export function label(labels: Record<string, string>, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '-';
  return labels[code] ?? code;
}

/** Select options from a labels map, in its order. */
export function options(labels: Record<string, string>): { value: string; label: string }[] {
  return Object.entries(labels).map(([value, text]) => ({ value, label: text }));
}

export const EDUCATION_OPTIONS = EDUCATIONS.map((e) => ({ value: e, label: e }));

// --- 身份证号 (GB 11643-1999): same rule as the server's people/idNumber.ts ---

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

function checkDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** A real calendar date written YYYY-MM-DD. */
export function isValidDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Today in Asia/Shanghai as YYYY-MM-DD (the server judges "future" dates by this day). */
export function todayShanghai(): string {
  return formatInstantDate(new Date());
}

export interface ParsedIdNumber {
  normalised: string;
  birthDate: string;
  gender: Gender;
}

/** Parses a 身份证号, or returns the Chinese reason it is not one. */
export function parseIdNumber(raw: string, today = todayShanghai()): ParsedIdNumber | { error: string } {
  const v = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(v)) return { error: '身份证号应为 18 位，前 17 位为数字，最后一位为数字或 X' };
  if (checkDigit(v.slice(0, 17)) !== v[17]) return { error: '身份证号校验位不正确，请核对' };
  const birthDate = `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`;
  if (!isValidDate(birthDate) || birthDate < '1900-01-01') return { error: '身份证号中的出生日期无效' };
  if (birthDate > today) return { error: '身份证号中的出生日期晚于今天' };
  return { normalised: v, birthDate, gender: Number(v[16]) % 2 === 1 ? 'male' : 'female' };
}

export const MOBILE_RE = /^1[3-9]\d{9}$/;

/** Adds whole months to a YYYY-MM-DD date (clamped to the month's last day). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Whole years between two YYYY-MM-DD dates (age on a day). */
export function yearsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0);
}
