// What other modules may use of 量化考核.
export { registerAssessmentServices } from './services.js';
