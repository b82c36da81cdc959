// What other modules may use of the information base: the registration point for records of other modules
// (会议/活动/考核) to appear here.
export { registerInfoSource, infoSources, ENTRY_SEARCH_KIND, type InfoSource, type InfoSourceRow } from './sources.js';
export { CATEGORY_NAMES, type SourceCategory } from './schema.js';
export { registerInfoServices } from './services.js';
