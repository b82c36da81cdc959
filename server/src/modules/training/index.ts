// What other modules may use of 教育培训.
export { registerTrainingServices } from './services.js';
