// Demo data of 合理化建议 and 创效.
import type { DemoContext } from '../../seed/context.js';

export async function seedProposalDemo(d: DemoContext): Promise<void> {
  void d;
}
