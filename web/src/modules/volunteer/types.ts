// Shapes of the 志愿服务 API (/api/v1/volunteer, docs/api/volunteer.md) and the web's Chinese labels of its codes.
import type { ApiItem, ApiRequest, ApiResponse } from '../../api/types';

export const VOLUNTEER_API = '/api/v1/volunteer';
export const RESIDENTS_URL = `${VOLUNTEER_API}/residents`;
export const VISITS_URL = `${VOLUNTEER_API}/visits`;
export const ACTIVITIES_URL = `${VOLUNTEER_API}/activities`;
export const HOURS_URL = `${VOLUNTEER_API}/hours`;
export const MINE_URL = `${VOLUNTEER_API}/mine`;

/** A resident as the list shows it (sensitive fields masked). */
export type Resident = ApiItem<'/api/v1/volunteer/residents'>;
/** One resident with pairings, recent visits and what this user may do (`allowed`, the server decides). */
export type ResidentDetail = ApiResponse<'/api/v1/volunteer/residents/{id}'>;
export type ResidentInput = ApiRequest<'/api/v1/volunteer/residents', 'post'>;
export type ResidentPatch = ApiRequest<'/api/v1/volunteer/residents/{id}', 'patch'>;
export type Pairing = ResidentDetail['pairings'][number];
export type Candidate = ApiItem<'/api/v1/volunteer/candidates'>;
/** 我的结对老人, with the pairing limit and the volunteer this account acts as (null: no member record). */
export type Mine = ApiResponse<'/api/v1/volunteer/mine'>;
export type MyResident = Mine['items'][number];
/** A visit with its handled state, photos and what this user may do with it (`allowed`). */
export type Visit = ApiItem<'/api/v1/volunteer/visits'>;
export type VisitInput = ApiRequest<'/api/v1/volunteer/visits', 'post'>;
export type Activity = ApiItem<'/api/v1/volunteer/activities'>;
export type ActivityDetail = ApiResponse<'/api/v1/volunteer/activities/{id}'>;
export type ActivityInput = ApiRequest<'/api/v1/volunteer/activities', 'post'>;
export type OrgLifeSource = ApiItem<'/api/v1/volunteer/activities/org-life-sources'>;
export type Hours = ApiResponse<'/api/v1/volunteer/hours'>;
export type MyHours = ApiResponse<'/api/v1/volunteer/hours/mine'>;

export type ResidentStatus = Resident['status'];
export type VolunteerKind = Candidate['kind'];

// Labels of the server's codes (the words of the server's names.ts). Several answers type these codes as plain
// strings, so the maps are keyed by string and read through `label()`, which shows an unknown code as it is.
export const RISK_LABEL: Record<string, string> = { high: '高', medium: '中', low: '低' };
export const RISK_COLOR: Record<string, string> = { high: 'red', medium: 'orange', low: 'green' };
export const LIVING_LABEL: Record<string, string> = {
  emptyNest: '空巢', alone: '独居', elderly: '高龄', disabledCare: '失能', disability: '残疾', lowIncome: '低保',
};
export const STATUS_LABEL: Record<ResidentStatus, string> = { active: '在册', movedOut: '迁出', deceased: '去世' };
export const KIND_LABEL: Record<string, string> = {
  visit: '探访', shopping: '代购', escort: '陪同就医', housework: '家务', chat: '陪伴聊天', meal: '助餐', other: '其他',
};
export const CONDITION_LABEL: Record<string, string> = { normal: '正常', attention: '需关注', urgent: '紧急' };
export const CONDITION_COLOR: Record<string, string> = { normal: 'green', attention: 'orange', urgent: 'red' };
export const VOLUNTEER_KIND_LABEL: Record<VolunteerKind, string> = { member: '党员', staff: '员工' };
