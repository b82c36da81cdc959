// What other modules may use of the organisation module.
export { insertOrg, lockOrgTree, toView, nestingProblem } from './service.js';
export {
  orgNames, orgNamesOf, orgRowsOf, orgPaths, metricTargets, liveOrg, liveOrgOf, liveOrgsById, orgsUnder, rootOrgs, orgPathOf, liveOrgFilter, currentPosts,
} from './queries.js';
export { orgInScope, orgsInScope, orgScopeFilter, topOrgInScope, orgOrTopInScope, orgsInScopeUnder } from './policy.js';
export { tenantTree } from './treeCache.js';
export { orgDisplayName, displayNamed, withDisplayNames, nameBeside } from './displayNames.js';
export type { OrgKind, OrganisationTable, OrgPostTable } from './tables.js';
export { COMMITTEE_POSTS, ORG_KIND_NAMES, POST_NAMES } from './schema.js';
export { ORG_RULES } from './settings.js';
export { registerOrgServices } from './services.js';
export { registerOrgPeople, type OrgPeople } from './people.js';
