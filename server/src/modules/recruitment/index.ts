// What other modules may use of 发展党员.
export { registerRecruitmentServices } from './services.js';
