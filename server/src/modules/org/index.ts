// What other modules may use of the organisation module.
export { insertOrg, lockOrgTree, toView, nestingProblem } from './service.js';
export { orgInScope, orgNames, orgNamesOf, orgsInScope, orgPaths } from './queries.js';
export { ORG_KIND_NAMES, POST_NAMES } from './schema.js';
export { ORG_RULES } from './settings.js';
export { registerOrgServices } from './services.js';
