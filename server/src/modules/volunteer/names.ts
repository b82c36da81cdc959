// The Chinese names of 志愿服务's codes (docs/DOMAIN.md glossary): one table each, used by schemas, exports and imports.
import type { LivingSituation, ResidentStatus, RiskLevel, VisitCondition, VisitKind, VolunteerKind } from './tables.js';

export const LIVING_NAMES: Record<LivingSituation, string> = {
  emptyNest: '空巢', alone: '独居', elderly: '高龄', disabledCare: '失能', disability: '残疾', lowIncome: '低保',
};
export const RISK_NAMES: Record<RiskLevel, string> = { high: '高', medium: '中', low: '低' };
export const RESIDENT_STATUS_NAMES: Record<ResidentStatus, string> = { active: '在册', movedOut: '迁出', deceased: '去世' };
export const VISIT_KIND_NAMES: Record<VisitKind, string> = {
  visit: '探访', shopping: '代购', escort: '陪同就医', housework: '家务', chat: '陪伴聊天', meal: '助餐', other: '其他',
};
export const CONDITION_NAMES: Record<VisitCondition, string> = { normal: '正常', attention: '需关注', urgent: '紧急' };
export const VOLUNTEER_KIND_NAMES: Record<VolunteerKind, string> = { member: '党员', staff: '员工' };

export const LIVING_CODES = Object.keys(LIVING_NAMES) as LivingSituation[];
export const RISK_CODES = Object.keys(RISK_NAMES) as RiskLevel[];
export const RESIDENT_STATUS_CODES = Object.keys(RESIDENT_STATUS_NAMES) as ResidentStatus[];
export const VISIT_KIND_CODES = Object.keys(VISIT_KIND_NAMES) as VisitKind[];
export const CONDITION_CODES = Object.keys(CONDITION_NAMES) as VisitCondition[];

/** Web path of a resident's record. */
export const residentLink = (id: string) => `/volunteer/residents?id=${id}`;
/** Web path of a visit (opens its resident with the visit). */
export const visitLink = (residentId: string, visitId: string) => `/volunteer/residents?id=${residentId}&visit=${visitId}`;
