// Demo data of 宣传: correspondents, manuscripts, quotas and statistics.
import type { DemoContext } from '../../seed/context.js';

export async function seedPublicityDemo(d: DemoContext): Promise<void> {
  void d;
}
