// What other modules may use of 宣传: its services (待办, metrics) and the settings (quotas, level weights, quality criteria).
export { registerPublicityServices } from './services.js';
export { PUBLICITY_QUOTAS, PUBLICITY_LEVEL_WEIGHTS, PUBLICITY_QUALITY_CRITERIA, LEVELS, LEVEL_NAMES } from './settings.js';
