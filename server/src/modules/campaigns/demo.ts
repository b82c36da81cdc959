// Demo data of 主题实践活动: campaigns, branch measures and progress reports, 精品案例.
import type { DemoContext } from '../../seed/context.js';

export async function seedCampaignDemo(d: DemoContext): Promise<void> {
  void d;
}
