// What 激励 adds to the platform services, once per platform: its 业务规则, 待办 sources, jobs and metrics.
import type { Platform } from '../../platform/context.js';
import { registerPlaqueServices } from './plaqueServices.js';
import { registerEvaluationServices } from './evaluationServices.js';
import { registerHonourServices } from './honourServices.js';

export function registerIncentiveServices(p: Platform): void {
  registerPlaqueServices(p);
  registerEvaluationServices(p);
  registerHonourServices(p);
}
