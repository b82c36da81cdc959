// What 组织生活 adds to the platform services (once per platform): the records' info sources and 待办
// (core, sources.ts), and the reports' metrics and monthly warning job.
import type { Platform } from '../../platform/context.js';
import { registerOrgLifeCoreServices } from './sources.js';
import { registerOrgLifeMetrics } from './metrics.js';

export function registerOrgLifeServices(p: Platform): void {
  registerOrgLifeCoreServices(p);
  registerOrgLifeMetrics(p);
}
