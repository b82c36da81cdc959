// What other modules may use of 激励.
export { registerIncentiveServices } from './services.js';
