// What 合理化建议 and 创效 adds to the platform services (metrics, 待办, jobs), once per platform.
import type { Platform } from '../../platform/context.js';

export function registerProposalServices(p: Platform): void {
  void p;
}
