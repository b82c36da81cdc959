// Shapes of the 志愿服务 API (/api/v1/volunteer, docs/api/volunteer.md) and the web's Chinese labels of its codes.

export const VOLUNTEER_API = '/api/v1/volunteer';
export const RESIDENTS_URL = `${VOLUNTEER_API}/residents`;
export const VISITS_URL = `${VOLUNTEER_API}/visits`;
export const ACTIVITIES_URL = `${VOLUNTEER_API}/activities`;
export const HOURS_URL = `${VOLUNTEER_API}/hours`;
export const MINE_URL = `${VOLUNTEER_API}/mine`;

// DRAFT (replaced by generated aliases after the merge)
type VK = 'member' | 'staff';
export interface Resident { id: string; name: string; gender: 'male' | 'female'; age: number; community: string; address: string; phone: string | null; risk: 'high' | 'medium' | 'low'; status: 'active' | 'movedOut' | 'deceased'; statusOn: string | null; living: string[]; orgId: string; orgName: string; lastVisitOn: string | null; nextDueOn: string | null; overdueDays: number; volunteers: { kind: VK; id: string; name: string }[]; masked: boolean }
export interface ResidentDetail extends Resident { birthDate: string; idNumber: string | null; health: string | null; needs: string; emergency: { name: string; relation: string; phone: string }[]; registeredOn: string; pairings: { id: string; volunteerKind: VK; volunteerId: string; volunteerName: string; startedOn: string; endedOn: string | null; endReason: string | null }[]; recentVisits: { id: string; visitedOn: string; kind: string; minutes: number; condition: string; volunteerName: string; notes: string }[]; allowed: ('edit' | 'status' | 'pair' | 'reveal' | 'recordVisit')[] }
export interface ResidentInput { orgId: string; name: string; gender: 'male' | 'female'; birthDate: string; community: string; address: string; phone?: string | null; idNumber?: string | null; living?: string[]; health?: string | null; needs?: string; emergency?: { name: string; relation: string; phone: string }[]; risk: 'high' | 'medium' | 'low' }
export type Pairing = ResidentDetail['pairings'][number];
export type RecentVisit = ResidentDetail['recentVisits'][number];
export interface Candidate { kind: VK; id: string; name: string; orgName: string; openPairings: number; limit: number }
export interface Mine { items: { residentId: string; name: string; age: number; community: string; risk: string; living: string[]; lastVisitOn: string | null; nextDueOn: string | null; overdueDays: number; lastCondition: string | null; phone: string | null }[]; limit: number; volunteer: { kind: VK; id: string; name: string } | null }
export type MyResident = Mine['items'][number];
export interface Visit { id: string; residentId: string; residentName: string; community: string; orgId: string; orgName: string; visitedOn: string; kind: string; minutes: number; condition: string; notes: string; volunteerKind: VK; volunteerId: string; volunteerName: string; handledAt: string | null; handledByName: string | null; handledNote: string | null; taskId: string | null; photos: { id: string; name: string; size: number; createdAt: string; isImage: boolean }[]; allowed: ('handle' | 'task' | 'photo')[]; createdAt: string }
export interface VisitInput { residentId: string; visitedOn: string; kind: string; minutes: number; notes?: string; condition: string; volunteerKind?: VK; volunteerId?: string }
export interface Activity { id: string; orgId: string; orgName: string; title: string; heldOn: string; place: string; participants: number; minutes: number; fromOrgLife: boolean }
export interface ActivityDetail extends Activity { description: string; orgLifeActivityId: string | null; participantList: { kind: VK; id: string; name: string; orgName: string; minutes: number }[]; allowed: ('edit' | 'delete')[]; createdAt: string; updatedAt: string }
export interface ActivityInput { orgId: string; title: string; heldOn: string; place: string; description: string; participants: { kind: VK; id: string; minutes: number }[] }
export interface OrgLifeSource { id: string; orgId: string; orgName: string; title: string; heldOn: string; place: string; suggestedMinutes: number; attendees: { id: string; name: string }[] }
export interface Hours { orgId: string; orgName: string; year: string; months: { month: string; visitMinutes: number; activityMinutes: number; visits: number }[]; orgs: { orgId: string; orgName: string; minutes: number; volunteers: number; monthMinutes: number[] }[]; volunteers: { kind: VK; id: string; name: string; orgName: string; visitMinutes: number; activityMinutes: number; visits: number }[]; total: { visitMinutes: number; activityMinutes: number; visits: number; volunteers: number } }
export interface MyHours { year: string; volunteer: { kind: VK; id: string; name: string } | null; months: Hours['months']; total: { visitMinutes: number; activityMinutes: number; visits: number }; records: { date: string; source: 'visit' | 'activity'; title: string; minutes: number; orgName: string }[] }

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
