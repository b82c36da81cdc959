// Shapes of the 组织生活 API (docs/api/org-life.md, docs/api/org-life-reports.md) and the labels shown for them.
import type { Instant } from '../../api/types';

export const ORG_LIFE_URL = '/api/v1/org-life';
export const ACTIVITIES_URL = `${ORG_LIFE_URL}/activities`;
export const THEMES_URL = `${ORG_LIFE_URL}/themes`;
export const KINDS_URL = `${ORG_LIFE_URL}/kinds`;
export const COMPLIANCE_URL = `${ORG_LIFE_URL}/compliance`;
export const SIGN_IN_URL = `${ORG_LIFE_URL}/sign-in`;
export const LEDGER_URL = `${ORG_LIFE_URL}/ledger.docx`;

export const activityUrl = (id: string, sub?: string) =>
  `${ACTIVITIES_URL}/${encodeURIComponent(id)}${sub ? `/${sub}` : ''}`;

export type ActivityStatus = 'planned' | 'held' | 'archived';
export type AttendanceStatus = 'present' | 'leave' | 'absent' | 'visitor' | 'unmarked';

/** One kind of the catalogue (GET /kinds; setting orgLife.kinds). */
export interface OrgLifeKind {
  code: string;
  name: string;
  /** branch = 党支部/联合支部; group = 党小组. */
  holder: 'branch' | 'group';
  /** theme = an activity day, required when the month's published theme names it. */
  frequency: 'month' | 'quarter' | 'year' | 'theme';
  quorum: boolean;
  votes: boolean;
  lecturer: boolean;
  photos: boolean;
  signIn: boolean;
  committeeOnly: boolean;
  activityDay: boolean;
}

export interface KindCatalogue {
  kinds: OrgLifeKind[];
  /** The activity days a theme may require. */
  dayKinds: { code: string; name: string }[];
  rules: { signInGraceBeforeMinutes: number; signInGraceAfterMinutes: number; attendanceWarnPercent: number; silentDays: number };
}

export interface Vote {
  motion: string;
  yes: number;
  no: number;
  abstain: number;
}

export interface VoteResult extends Vote {
  /** Entitled voters (expected full members). */
  entitled: number;
  passed: boolean;
}

export interface Quorum {
  /** 应到 */
  expected: number;
  /** 实到 */
  present: number;
  /** present > expected / 2 */
  reached: boolean;
}

export interface Activity {
  id: string;
  orgId: string;
  orgName: string;
  orgKind: string;
  kind: string;
  kindName: string;
  category: 'meeting' | 'activity';
  title: string;
  themeId: string | null;
  themeTitle: string | null;
  status: ActivityStatus;
  statusName: string;
  startsAt: Instant;
  endsAt: Instant;
  /** Shanghai date of startsAt. */
  startsOn: string;
  /** Empty when not given. */
  place: string;
  /** Empty when not given. */
  hostName: string;
  /** Empty when not given. */
  recorderName: string;
  /** Empty when not given. */
  lecturerName: string;
  allowVisitors: boolean;
  expected: number;
  present: number;
  leave: number;
  absent: number;
  unmarked: number;
  visitors: number;
  /** present / expected in %, one decimal; null when nobody is expected. */
  rate: number | null;
  createdAt: Instant;
  updatedAt: Instant;
  heldAt: Instant | null;
  archivedAt: Instant | null;
}

export interface OrgLifeFile {
  id: string;
  name: string;
  mime: string;
  size: number;
  sha256?: string;
  createdAt: Instant;
  createdBy: string | null;
  createdByName: string | null;
  isImage: boolean;
}

export interface AttendanceRow {
  memberId: string;
  name: string;
  memberType: 'full' | 'probationary';
  /** The member's group or branch. */
  orgName: string;
  expected: boolean;
  status: AttendanceStatus;
  statusName?: string;
  reason: string | null;
  signedInAt: Instant | null;
  method: 'recorder' | 'qr' | null;
  makeupOn: string | null;
  makeupNote: string | null;
}

export type IncompleteCode = 'noMinutes' | 'noPhoto' | 'noSignIn';
export const INCOMPLETE_LABEL: Record<IncompleteCode, string> = {
  noMinutes: '没有会议记录',
  noPhoto: '主题党日没有照片',
  noSignIn: '没有签到记录',
};

export interface ActivityDetail extends Activity {
  agenda: string;
  minutes: string;
  decisions: string;
  theme: { id: string; month: string; title: string; content: string } | null;
  quorum: Quorum | null;
  votes: VoteResult[];
  entitledVoters?: number;
  attendance: AttendanceRow[];
  attachments: OrgLifeFile[];
  incomplete?: IncompleteCode[];
  can?: { edit?: boolean; hold?: boolean; archive?: boolean; delete?: boolean; attendance?: boolean; attach?: boolean; qr?: boolean };
}

export interface Theme {
  id: string;
  month: string;
  title: string;
  content: string | null;
  dayKinds: string[];
  dayKindNames: string[];
  status: 'draft' | 'published';
  publishedAt: Instant | null;
  createdAt: Instant;
  updatedAt: Instant;
}

export type Light = 'red' | 'yellow' | 'green';

export interface ComplianceKindCount {
  kind: string;
  name: string;
  frequency: 'month' | 'quarter' | 'year' | 'theme';
  required: number;
  met: number;
  held: number;
  missing: number;
  inProgress: boolean;
}

export interface ComplianceOrg {
  orgId: string;
  orgName: string;
  orgKind: string;
  light: Light;
  kinds: ComplianceKindCount[];
  attendance: { expected: number; present: number; rate: number | null; belowThreshold: boolean };
  incomplete: number;
  absenteeProblems: number;
  lastHeldOn: string | null;
  silent: boolean;
}

export interface ComplianceProblem {
  orgId: string;
  orgName: string;
  light: 'red' | 'yellow';
  kind: string | null;
  kindName: string | null;
  type: string;
  message: string;
  activityId: string | null;
  link: string | null;
}

export interface ComplianceReport {
  org: { id: string; name: string };
  period: { code: string; label: string; from: string; to: string };
  today: string;
  settings: { attendanceWarnPercent: number; silentDays: number };
  orgs: ComplianceOrg[];
  problems: ComplianceProblem[];
  summary: { red: number; yellow: number; green: number; problems: number };
}

export const STATUS_LABEL: Record<ActivityStatus, string> = { planned: '计划', held: '已召开', archived: '已归档' };
export const STATUS_COLOR: Record<ActivityStatus, string> = { planned: 'blue', held: 'green', archived: 'default' };

export const ATTENDANCE_LABEL: Record<AttendanceStatus, string> = {
  present: '出席',
  leave: '请假',
  absent: '缺席',
  visitor: '列席',
  unmarked: '未签到',
};
export const ATTENDANCE_COLOR: Record<AttendanceStatus, string> = {
  present: 'green',
  leave: 'orange',
  absent: 'red',
  visitor: 'blue',
  unmarked: 'default',
};

export const LIGHT_COLOR: Record<Light, string> = { red: '#f5222d', yellow: '#faad14', green: '#52c41a' };
export const LIGHT_LABEL: Record<Light, string> = { red: '红灯', yellow: '黄灯', green: '绿灯' };

/** Default names, used until the catalogue has loaded (the catalogue's names win). */
export const KIND_NAME: Record<string, string> = {
  partyCongress: '党员大会',
  branchCommittee: '支委会',
  groupMeeting: '党小组会',
  partyLecture: '党课',
  themeDay: '主题党日',
  lifeMeeting: '组织生活会',
  democraticReview: '民主评议党员',
  studyDay: '学习日',
  labourDay: '义务劳动日',
  discussionDay: '理论研讨日',
};

/** Calendar colours by kind; the activity days share green shades. */
export const KIND_COLOR: Record<string, string> = {
  partyCongress: '#c8161d',
  branchCommittee: '#fa8c16',
  groupMeeting: '#1677ff',
  partyLecture: '#722ed1',
  themeDay: '#eb2f96',
  lifeMeeting: '#13c2c2',
  democraticReview: '#faad14',
  studyDay: '#52c41a',
  labourDay: '#389e0d',
  discussionDay: '#237804',
};

export const kindColor = (code: string) => KIND_COLOR[code] ?? '#8c8c8c';

export function labelOf(map: Record<string, string>, key: string | null | undefined): string {
  if (!key) return '-';
  return map[key] ?? key;
}

export function options(map: Record<string, string>): { value: string; label: string }[] {
  return Object.entries(map).map(([value, label]) => ({ value, label }));
}

/** A rate the server sends in % (one decimal). */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '-';
  return `${rate}%`;
}

