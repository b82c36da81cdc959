// What other modules may use of 主题实践活动: campaigns, branch measures and progress reports, 精品案例.
export { registerCampaignServices } from './services.js';
