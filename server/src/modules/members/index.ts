// What other modules may use of the members module.
export { memberSummaries, type MemberSummary } from './summaries.js';
export { memberInScope } from './queries.js';
export { liveMemberCounts } from './paths.js';
export { memberOfUser, type AccountMember } from './accounts.js';
