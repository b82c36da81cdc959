// What other modules may use of the staff module.
export { checkStaffInput, findStaff, insertStaff, staffAsInput, stripUndefined, toStaffView, writeStaff, type StaffInput } from './service.js';
export { keywordCondition, ageBandCondition } from './queries.js';
export { staffSummaries, nonMemberStaff, type StaffSummary } from './people.js';
// The person rules other registers of people reuse (志愿服务's residents): 身份证号 check digit, mobile format, age.
export { parseIdNumber, makeIdNumber } from '../people/idNumber.js';
export { ageOn, GENDER_NAMES } from '../people/validation.js';
export { currentPartyWorkers, PARTY_WORK_NAMES, type PartyWorker } from './partyWork.js';
