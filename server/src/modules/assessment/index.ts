// What other modules may use of 量化考核.
export { registerAssessmentServices } from './services.js';
export { registerAssessmentCoreServices, sheetLeaves } from './sheets.js';
export { leavesOf, parseTree, treeTotal, type Leaf } from './schemes.js';
export { computeAuto, visibleRound, roundById } from './rounds.js';
export type { Indicator, Rule, Scorer } from './schema.js';
export { latestPublishedResult, latestAppraisalGrade, publishedResultsOf, appraisalGradesOf } from './subjectRecord.js';
