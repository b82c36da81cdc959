// What other modules may use of the organisation module.
export { insertOrg, toView } from './service.js';
export { orgInScope, orgsInScope } from './queries.js';
export { ORG_KIND_NAMES } from './schema.js';
