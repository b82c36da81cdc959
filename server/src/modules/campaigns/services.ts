// What 主题实践活动: campaigns, branch measures and progress reports, 精品案例 adds to the platform services (metrics, 待办, jobs), once per platform.
import type { Platform } from '../../platform/context.js';

export function registerCampaignServices(p: Platform): void {
  void p;
}
