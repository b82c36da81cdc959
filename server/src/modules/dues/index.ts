// What other modules may use of 党费.
export { registerDuesServices } from './services.js';
