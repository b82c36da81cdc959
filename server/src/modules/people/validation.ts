// Validation a clerk can trust, shared by staff and members: field formats (zod, with Chinese labels)
// and the rules across fields (身份证号 against birth date and gender, dates not in the future, age on
// joining, the probation year). Every problem names its field in Chinese and is returned in `fields`.
import { z } from 'zod';
import { conflict, type Problems } from '../../platform/errors.js';
import { dateField } from '../../platform/http/fields.js';
import type { Gender } from '../../db/types.js';
import { parseIdNumber } from './idNumber.js';
import { addMonths, yearsBetween } from '../../platform/calendar.js';

export const GENDER_NAMES = { male: '男', female: '女' } as const;
export const EMPLOYMENT_NAMES = { active: '在岗', retired: '离退', left: '离职' } as const;
export const EDUCATIONS = ['研究生', '大学本科', '大学专科', '中专', '高中', '初中及以下'] as const;
export const AGE_BANDS = ['-35', '36-45', '46-55', '56-60', '61-'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const MOBILE = /^1[3-9]\d{9}$/;

const text = (label: string, max: number) => z.string().trim().max(max, `最多 ${max} 个字`).describe(label);

/** Identity and work facts of a person (员工), as typed in a form; the cross-field rules follow in checkIdentity. */
export const identityShape = {
  name: z.string().trim().min(1, '请填写姓名').max(30, '最多 30 个字').describe('姓名'),
  gender: z.enum(['male', 'female']).describe('性别'),
  birthDate: dateField('出生日期'),
  idNumber: z.string().trim().min(1, '请填写身份证号').max(32, '最多 32 个字符').describe('身份证号'),
  phone: z.string().trim().max(20, '最多 20 个字符').nullable().optional().describe('手机号码'),
  ethnicity: text('民族', 20).optional(),
  education: z.enum(EDUCATIONS).nullable().optional().describe('学历'),
  nativePlace: text('籍贯', 50).nullable().optional(),
  address: text('住址', 100).nullable().optional(),
  post: text('岗位', 50).nullable().optional(),
  employment: z.enum(['active', 'retired', 'left']).describe('在岗状态'),
  workStartedOn: dateField('参加工作日期').nullable().optional(),
  unitId: z.string().trim().min(1, '请选择所在单位').max(64).describe('所在单位'),
};

export interface Identity {
  name: string;
  gender: Gender;
  birthDate: string;
  idNumber: string;
  phone?: string | null | undefined;
  address?: string | null | undefined;
  workStartedOn?: string | null | undefined;
}

export function notInFuture(problems: Problems, field: string, label: string, value: string | null | undefined, today: string): void {
  if (value && value > today) problems.add(field, `${label}不能晚于今天（${today}）`);
}

/**
 * Checks a person's identity: a valid 18-character 身份证号 whose birth date and gender agree with the
 * ones typed, a mobile number, an address that is not a mask, no date in the future. Returns the normalised 身份证号 and phone.
 */
export function checkIdentity(v: Identity, today: string, problems: Problems): { idNumber: string; phone: string | null } {
  const parsed = parseIdNumber(v.idNumber, today);
  let idNumber = v.idNumber.trim().toUpperCase();
  if ('error' in parsed) {
    problems.add('idNumber', parsed.error);
  } else {
    idNumber = parsed.normalised;
    if (parsed.birthDate !== v.birthDate) problems.add('birthDate', `出生日期与身份证号不一致（身份证号中为 ${parsed.birthDate}）`);
    if (parsed.gender !== v.gender) problems.add('gender', `性别与身份证号不一致（身份证号中为${GENDER_NAMES[parsed.gender]}）`);
  }
  notInFuture(problems, 'birthDate', '出生日期', v.birthDate, today);
  notInFuture(problems, 'workStartedOn', '参加工作日期', v.workStartedOn, today);
  const phone = v.phone?.trim() ? v.phone.trim() : null;
  if (phone !== null && !MOBILE.test(phone)) problems.add('phone', '手机号码应为 11 位数字，以 13–19 开头');
  // A masked address pasted or sent back would replace the real one with its mask.
  if (v.address && /[*＊]/.test(v.address)) problems.add('address', '住址不能含“＊”（是否填入了脱敏后的住址？），请填写完整住址');
  return { idNumber, phone };
}

export interface PartyFacts {
  birthDate: string;
  type: 'full' | 'probationary';
  joinedOn: string;
  confirmedOn: string | null;
  probationExtendedMonths: number;
}

/** Full years from `from` to `on`, never negative (a date still ahead counts 0). */
export const fullYears = (from: string, on: string): number => Math.max(0, yearsBetween(from, on));

/** Earliest 转正 date: one year after joining plus any extension of the probation. */
export const earliestConfirmation = (joinedOn: string, extendedMonths: number) => addMonths(joinedOn, 12 + extendedMonths);

/** Rules of a membership record: age on joining, the probation year, 转正 date only for full members. */
export function checkPartyFacts(v: PartyFacts, today: string, problems: Problems): void {
  notInFuture(problems, 'joinedOn', '入党日期', v.joinedOn, today);
  if (v.birthDate && addMonths(v.birthDate, 18 * 12) > v.joinedOn) problems.add('joinedOn', '入党日期时未满 18 周岁，入党须年满 18 岁');
  if (v.probationExtendedMonths !== 0 && (v.probationExtendedMonths < 6 || v.probationExtendedMonths > 12)) {
    problems.add('probationExtendedMonths', '延长预备期应为 6 至 12 个月');
  }
  if (v.type === 'probationary') {
    if (v.confirmedOn) problems.add('confirmedOn', '预备党员不应填写转正日期');
    return;
  }
  if (!v.confirmedOn) {
    problems.add('confirmedOn', '请填写转正日期');
    return;
  }
  notInFuture(problems, 'confirmedOn', '转正日期', v.confirmedOn, today);
  const earliest = earliestConfirmation(v.joinedOn, v.probationExtendedMonths);
  if (v.confirmedOn < earliest) {
    const ext = v.probationExtendedMonths ? `并延长预备期 ${v.probationExtendedMonths} 个月` : '';
    problems.add('confirmedOn', `转正日期不能早于 ${earliest}（入党满一年${ext}）`);
  }
}

export const duplicateIdNumber = () => conflict('DUPLICATE_ID_NUMBER', '身份证号已登记，不能重复登记同一人', { idNumber: '身份证号已登记，不能重复登记同一人' });

/** Age in full years on `today`. */
export const ageOn = (birthDate: string, today: string) => fullYears(birthDate, today);

/**
 * Birth-date bounds of an age band on `today`: age ≤ N ⇔ born after today − (N+1) years;
 * age ≥ N ⇔ born on or before today − N years. Returns [after (exclusive), onOrBefore (inclusive)].
 */
export function ageBandBirthBounds(band: AgeBand, today: string): { after?: string; onOrBefore?: string } {
  const yearsAgo = (n: number) => addMonths(today, -12 * n);
  switch (band) {
    case '-35': return { after: yearsAgo(36) };
    case '36-45': return { after: yearsAgo(46), onOrBefore: yearsAgo(36) };
    case '46-55': return { after: yearsAgo(56), onOrBefore: yearsAgo(46) };
    case '56-60': return { after: yearsAgo(61), onOrBefore: yearsAgo(56) };
    case '61-': return { onOrBefore: yearsAgo(61) };
  }
}

export function ageBandOf(age: number): AgeBand {
  if (age <= 35) return '-35';
  if (age <= 45) return '36-45';
  if (age <= 55) return '46-55';
  if (age <= 60) return '56-60';
  return '61-';
}
