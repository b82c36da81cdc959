// What 组织生活 adds to the platform services (once per platform): metrics, 待办 sources, info sources.
import type { Platform } from '../../platform/context.js';
import { registerOrgLifeMetrics } from './metrics.js';

export function registerOrgLifeServices(p: Platform): void {
  registerOrgLifeMetrics(p);
}
