// What other modules may use of the members module.
export { memberSummaries, membersUnder, type MemberSummary } from './summaries.js';
export { registerMemberServices } from './services.js';
export { memberInScope } from './queries.js';
export { liveMemberCounts } from './paths.js';
export { memberOfUser, personOfUser, type AccountMember } from './accounts.js';
export {
  memberForTransfer, recordTransferStep, markTransferring, transferPlace, moveOnTransfer, leaveOnTransfer, checkTransferredPerson, createOnTransfer, carriedPerson, type TransferredPerson,
} from './transfer.js';
export { identityShape } from '../people/validation.js';
export { prepareMember, insertMember, confirmMemberIn, extendProbationIn, type PreparedMember } from './service.js';
export { memberCreate, type MemberCreate, type MemberView } from './schema.js';
export { type MemberRow } from './queries.js';
export { earliestConfirmation } from '../people/validation.js';
export { duesFacts, duesFactsUnder, LEFT_STATUSES, type MemberDuesFacts } from './duesFacts.js';
export { ownMemberPlace, revealOwnMember } from './mine.js';
