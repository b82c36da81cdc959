// What 宣传: correspondents, manuscripts, quotas and statistics adds to the platform services (metrics, 待办, jobs), once per platform.
import type { Platform } from '../../platform/context.js';

export function registerPublicityServices(p: Platform): void {
  void p;
}
