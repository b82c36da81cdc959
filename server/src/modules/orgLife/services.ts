// What 组织生活 adds to the platform services (once per platform): the records' info sources and 待办
// (core, sources.ts), and the reports' metrics and monthly warning job.
import type { Platform } from '../../platform/context.js';
import { registerOrgLifeCoreServices } from './sources.js';
import { registerOrgLifeMetrics } from './metrics.js';
import { sendRedWarnings } from './compliance.js';
import { ORG_LIFE_KINDS, ORG_LIFE_RULES } from './kinds.js';
import { registerOrgLifeCard } from './card.js';
import { registerOrgLifeReport } from './report.js';
import { registerOrgLifeMine } from './mine.js';

export function registerOrgLifeServices(p: Platform): void {
  registerOrgLifeCoreServices(p);
  registerOrgLifeMetrics(p);
  registerOrgLifeCard(p);
  registerOrgLifeReport(p);
  registerOrgLifeMine(p);
  p.settings.describe(ORG_LIFE_KINDS, { name: '活动类型与召开频次', group: '组织生活', description: '三会一课等活动的名称、召开组织、至少召开频次及记录要求（默认值依据《中国共产党支部工作条例（试行）》）', permission: 'orgLife.write' });
  p.settings.describe(ORG_LIFE_RULES, { name: '签到与预警', group: '组织生活', description: '扫码签到的开放时间、出勤率预警线和长期无活动的天数', permission: 'orgLife.write' });
  p.jobs.register({ name: 'orgLife.warnings', schedule: { dailyAt: '08:30' }, run: async ({ db, tenantId, now }) => { await sendRedWarnings(p, db, tenantId, now); } });
}
