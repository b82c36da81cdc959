// What other modules may use of 组织生活.
export { registerOrgLifeServices } from './services.js';
export { registerOrgLifeCoreServices } from './sources.js';
export {
  ORG_LIFE_KINDS, ORG_LIFE_RULES, DEFAULT_KINDS, loadKinds, kindOf, kindName, holderFits, isThemed, quorumOf, voteResult, attendanceRate,
  type KindDef, type OrgLifeRules, type Vote, type VoteResult, type QuorumResult,
} from './kinds.js';
export { ORG_LIFE_SEARCH_KIND, FILE_OWNER as ORG_LIFE_FILE_OWNER, activityLink } from './queries.js';
export { heldLabourDays, type HeldLabourDay } from './labourDays.js';
export { memberAttendance } from './memberAttendance.js';
export { attendedActivities, type AttendedActivity } from './trainingAttendance.js';
export { sessionActivities, sessionCandidates, type SessionActivity } from './trainingSessions.js';
export { createActivity } from './service.js';
export { activityCreate, type ActivityCreate } from './schema.js';
