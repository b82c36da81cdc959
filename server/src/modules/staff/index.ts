// What other modules may use of the staff module.
export { checkStaffInput, findStaff, insertStaff, staffAsInput, stripUndefined, toStaffView, writeStaff, type StaffInput } from './service.js';
export { keywordCondition, ageBandCondition } from './queries.js';
export { staffSummaries, staffOfUser, nonMemberStaff, type StaffSummary } from './people.js';
