// Shapes of the 组织生活 API (docs/api/org-life.md, docs/api/org-life-reports.md), aliases of the generated API
// types, and the labels shown for them.
import type { ApiItem, ApiResponse } from '../../api/types';

export const ORG_LIFE_URL = '/api/v1/org-life';
export const ACTIVITIES_URL = `${ORG_LIFE_URL}/activities`;
export const THEMES_URL = `${ORG_LIFE_URL}/themes`;
export const KINDS_URL = `${ORG_LIFE_URL}/kinds`;
export const COMPLIANCE_URL = `${ORG_LIFE_URL}/compliance`;
export const SIGN_IN_URL = `${ORG_LIFE_URL}/sign-in`;
export const LEDGER_URL = `${ORG_LIFE_URL}/ledger.docx`;

export const activityUrl = (id: string, sub?: string) =>
  `${ACTIVITIES_URL}/${encodeURIComponent(id)}${sub ? `/${sub}` : ''}`;

/** GET /kinds: the kind catalogue (setting orgLife.kinds), the activity days a theme may require, the rules. */
export type KindCatalogue = ApiResponse<'/api/v1/org-life/kinds'>;
/** One kind: holder branch = 党支部/联合支部, group = 党小组; frequency theme = an activity day, required when
 *  the month's published theme names it. */
export type OrgLifeKind = KindCatalogue['kinds'][number];

/** An activity as lists send it: `startsOn` is the Shanghai date of startsAt; place and names are '' when not
 *  given; `rate` is present / expected in % (one decimal), null when nobody is expected. */
export type Activity = ApiItem<'/api/v1/org-life/activities'>;
export type ActivityDetail = ApiResponse<'/api/v1/org-life/activities/{id}'>;
export type ActivityStatus = Activity['status'];
export type AttendanceRow = ActivityDetail['attendance'][number];
export type AttendanceStatus = AttendanceRow['status'];
export type OrgLifeFile = ActivityDetail['attachments'][number];
/** 应到 (expected), 实到 (present), reached when present > expected / 2. */
export type Quorum = NonNullable<ActivityDetail['quorum']>;
/** A motion's votes, its entitled voters (expected full members) and whether it passed. */
export type VoteResult = ActivityDetail['votes'][number];
export type Vote = Pick<VoteResult, 'motion' | 'yes' | 'no' | 'abstain'>;

export type IncompleteCode = ActivityDetail['incomplete'][number];
export const INCOMPLETE_LABEL: Record<IncompleteCode, string> = {
  noMinutes: '没有会议记录',
  noPhoto: '主题党日没有照片',
  noSignIn: '没有签到记录',
};

export type Theme = ApiItem<'/api/v1/org-life/themes'>;

export type ComplianceReport = ApiResponse<'/api/v1/org-life/compliance'>;
export type ComplianceOrg = ComplianceReport['orgs'][number];
export type ComplianceProblem = ComplianceReport['problems'][number];
export type Light = ComplianceOrg['light'];

/** GET /activities/{id}/qr: the sign-in code for the projector and the live counts. */
export type QrAnswer = ApiResponse<'/api/v1/org-life/activities/{id}/qr'>;
/** GET /activities/{id}/sign-in-status: the live count and the latest names. */
export type SignInStatus = ApiResponse<'/api/v1/org-life/activities/{id}/sign-in-status'>;
/** What a sign-in token is for, read without signing in (GET /sign-in). */
export type SignInPreview = ApiResponse<'/api/v1/org-life/sign-in', 'get'>;
export type SignedIn = ApiResponse<'/api/v1/org-life/sign-in', 'post'>;

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

