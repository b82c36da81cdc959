// The catalogue of 组织生活 kinds and the rules both the records (core) and the compliance/sign-in side
// (reports) use. Frequencies, names and activity days are settings (docs/DOMAIN.md: *configurable*); the
// quorum and vote rules are docs/DOMAIN.md's and live here once.
import { z } from 'zod';
import type { OrgKind } from '../../db/types.js';
import type { Platform } from '../../platform/context.js';
import type { SettingDef } from '../../platform/settings/service.js';
import type { SourceCategory } from '../info/index.js';

/** Who holds a kind: a branch (党支部/联合支部/党总支) or a group (党小组). */
export type KindHolder = 'branch' | 'group';
/** Required at least once per month/quarter/year; `theme` = an activity day, required when the month's published theme names it. */
export type KindFrequency = 'month' | 'quarter' | 'year' | 'theme';

const kindSchema = z.object({
  code: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{1,39}$/, '须为 2–40 位英文字母或数字，以字母开头').describe('代码'),
  name: z.string().min(1).max(20).describe('名称'),
  holder: z.enum(['branch', 'group']).meta({ description: '召开组织', labels: { branch: '支部', group: '党小组' } }),
  frequency: z.enum(['month', 'quarter', 'year', 'theme']).meta({ description: '至少召开', labels: { month: '每月', quarter: '每季度', year: '每年', theme: '按每月主题' } }),
  /** 会议 or 活动 in the information base. */
  category: z.enum(['meeting', 'activity']).meta({ description: '信息类别', labels: { meeting: '会议', activity: '活动' } }),
  /** Needs more than half of the expected attendees present (党员大会, 支委会). */
  quorum: z.boolean().describe('须过半数到会'),
  /** Records votes (党员大会). */
  votes: z.boolean().describe('记录表决'),
  /** Records a lecturer (党课). */
  lecturer: z.boolean().describe('记录授课人'),
  /** A complete record needs an image attachment (主题党日). */
  photos: z.boolean().describe('须附照片'),
  /** Members are expected to sign in (QR or the recorder's sheet). */
  signIn: z.boolean().describe('签到'),
  /** Only branches with a committee (支委会): expected attendees are the committee's members. */
  committeeOnly: z.boolean().describe('仅支委会成员参加'),
  /** A member activity day (“三日一网”), required per theme month. */
  activityDay: z.boolean().describe('党员活动日'),
});
export type KindDef = z.infer<typeof kindSchema>;

const kindsSchema = z.object({ kinds: z.array(kindSchema).min(1).describe('活动类型') });
export type OrgLifeKinds = z.infer<typeof kindsSchema>;

const base = { quorum: false, votes: false, lecturer: false, photos: false, signIn: true, committeeOnly: false, activityDay: false };
const day = (code: string, name: string): KindDef => ({ ...base, code, name, holder: 'branch', frequency: 'theme', category: 'activity', activityDay: true });

export const DEFAULT_KINDS: KindDef[] = [
  { ...base, code: 'partyCongress', name: '党员大会', holder: 'branch', frequency: 'quarter', category: 'meeting', quorum: true, votes: true },
  { ...base, code: 'branchCommittee', name: '支委会', holder: 'branch', frequency: 'month', category: 'meeting', quorum: true, committeeOnly: true },
  { ...base, code: 'groupMeeting', name: '党小组会', holder: 'group', frequency: 'month', category: 'meeting' },
  { ...base, code: 'partyLecture', name: '党课', holder: 'branch', frequency: 'quarter', category: 'activity', lecturer: true },
  { ...base, code: 'themeDay', name: '主题党日', holder: 'branch', frequency: 'month', category: 'activity', photos: true },
  { ...base, code: 'lifeMeeting', name: '组织生活会', holder: 'branch', frequency: 'year', category: 'meeting' },
  { ...base, code: 'democraticReview', name: '民主评议党员', holder: 'branch', frequency: 'year', category: 'meeting' },
  day('studyDay', '学习日'),
  day('labourDay', '义务劳动日'),
  day('discussionDay', '理论研讨日'),
];

/** The kind catalogue (editable per tenant). */
export const ORG_LIFE_KINDS: SettingDef<OrgLifeKinds> = { key: 'orgLife.kinds', schema: kindsSchema, defaults: { kinds: DEFAULT_KINDS } };

const rulesSchema = z.object({
  /** QR sign-in opens this many minutes before the start … */
  signInGraceBeforeMinutes: z.number().int().min(0).max(24 * 60).describe('签到提前开放（分钟）'),
  /** … and closes this many minutes after the end. */
  signInGraceAfterMinutes: z.number().int().min(0).max(24 * 60).describe('结束后仍可签到（分钟）'),
  /** Attendance below this percentage is a warning (docs/DOMAIN.md: 85). */
  attendanceWarnPercent: z.number().min(0).max(100).describe('出勤率预警线（%）'),
  /** An organisation with nothing held for this many days is silent (docs/DOMAIN.md: 30). */
  silentDays: z.number().int().min(1).max(366).describe('无活动预警天数'),
});
export type OrgLifeRules = z.infer<typeof rulesSchema>;

export const ORG_LIFE_RULES: SettingDef<OrgLifeRules> = {
  key: 'orgLife.rules',
  schema: rulesSchema,
  defaults: { signInGraceBeforeMinutes: 30, signInGraceAfterMinutes: 30, attendanceWarnPercent: 85, silentDays: 30 },
};

/** Kinds other than the activity days that take the month's theme automatically (theme_id). */
export const THEMED_KIND_CODES = new Set(['themeDay']);

export async function loadKinds(p: Platform, tenantId: string): Promise<KindDef[]> {
  return (await p.settings.get(tenantId, ORG_LIFE_KINDS)).kinds;
}

export function kindOf(kinds: readonly KindDef[], code: string): KindDef | undefined {
  return kinds.find((k) => k.code === code);
}

/** Chinese name of a kind code (the code itself when the catalogue no longer has it). */
export function kindName(kinds: readonly KindDef[], code: string): string {
  return kindOf(kinds, code)?.name ?? code;
}

/** Whether an organisation of this type holds the kind (branch kinds: 党支部/联合支部; group kinds: 党小组). */
export function holderFits(kind: KindDef, orgKind: OrgKind): boolean {
  return kind.holder === 'group' ? orgKind === 'group' : orgKind === 'branch' || orgKind === 'jointBranch';
}

/** Whether an activity of this kind takes the month's theme automatically. */
export function isThemed(kind: KindDef): boolean {
  return kind.activityDay || THEMED_KIND_CODES.has(kind.code);
}

/** info-base category of a kind: 会议 or 活动. */
export function infoCategoryOf(kind: KindDef | undefined): SourceCategory {
  return kind?.category ?? 'activity';
}

// ---- docs/DOMAIN.md: quorum and votes ----

export interface QuorumResult {
  /** 应到: expected (entitled) attendees. */
  expected: number;
  /** 实到 */
  present: number;
  /** present > expected / 2 (exactly half is not a quorum). */
  reached: boolean;
}

export function quorumOf(expected: number, present: number): QuorumResult {
  return { expected, present, reached: expected > 0 && present * 2 > expected };
}

export interface Vote {
  motion: string;
  yes: number;
  no: number;
  abstain: number;
}

export interface VoteResult extends Vote {
  /** Entitled voting members: expected full members (预备党员 have no vote). */
  entitled: number;
  /** yes > entitled / 2: a majority of ALL entitled voting members, not of those present. */
  passed: boolean;
}

export function voteResult(v: Vote, entitledVoters: number): VoteResult {
  return { ...v, entitled: entitledVoters, passed: entitledVoters > 0 && v.yes * 2 > entitledVoters };
}

/** Attendance rate = present / expected (请假 counts as absent; visitors are not expected); null when nobody is expected. */
export function attendanceRate(expected: number, present: number): number | null {
  return expected > 0 ? present / expected : null;
}

// ---- Status names ----
export const ACTIVITY_STATUS_NAMES = { planned: '计划', held: '已召开', archived: '已归档' } as const;
export const ATTENDANCE_STATUS_NAMES = { present: '出席', leave: '请假', absent: '缺席', visitor: '列席', unmarked: '未签到' } as const;
