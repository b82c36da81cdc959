// What other modules may use of the organisation module.
export { insertOrg, lockOrgTree, toView, nestingProblem } from './service.js';
export {
  orgInScope, orgNames, orgNamesOf, orgsInScope, orgPaths, liveOrg, liveOrgsById, orgsUnder, rootOrgs, orgScopeFilter, orgPathOf, currentPosts,
} from './queries.js';
export { liveOrgFilter } from './queries.js';
export { tenantTree } from './treeCache.js';
export type { OrgKind, OrganisationTable, OrgPostTable } from './tables.js';
export { ORG_KIND_NAMES, POST_NAMES } from './schema.js';
export { ORG_RULES } from './settings.js';
export { registerOrgServices } from './services.js';
export { registerOrgPeople, type OrgPeople } from './people.js';
export { orgRowsOf, topOrgInScope } from './queries.js';
