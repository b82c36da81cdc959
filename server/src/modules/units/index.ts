// What other modules may use of the units module.
export { findUnit, listUnits, unitNames } from './service.js';
export { UNIT_KIND_NAMES } from './schema.js';
export { liveUnits } from './service.js';
