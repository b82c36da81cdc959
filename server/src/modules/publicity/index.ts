// What other modules may use of 宣传: correspondents, manuscripts, quotas and statistics.
export { registerPublicityServices } from './services.js';
