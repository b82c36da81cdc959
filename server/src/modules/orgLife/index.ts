// What other modules may use of 组织生活.
export { registerOrgLifeServices } from './services.js';
