// What other modules may use of 组织关系转接.
export { registerTransferServices } from './services.js';
