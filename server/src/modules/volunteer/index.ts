// What other modules may use of 志愿服务.
export { registerVolunteerServices } from './services.js';
export { volunteerRecords } from './hours.js';
