// What 组织生活 adds to the platform services (once per platform): the records' info sources and 待办
// (core, sources.ts), and the reports' metrics and monthly warning job.
import type { Platform } from '../../platform/context.js';
import { registerOrgLifeCoreServices } from './sources.js';
import { registerOrgLifeMetrics } from './metrics.js';
import { sendRedWarnings } from './compliance.js';

export function registerOrgLifeServices(p: Platform): void {
  registerOrgLifeCoreServices(p);
  registerOrgLifeMetrics(p);
  p.jobs.register({ name: 'orgLife.warnings', schedule: { dailyAt: '08:30' }, run: async ({ db, tenantId, now }) => { await sendRedWarnings(p, db, tenantId, now); } });
}
