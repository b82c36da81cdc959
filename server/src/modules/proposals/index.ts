// What other modules may use of 合理化建议 and 创效.
export { registerProposalServices } from './services.js';
