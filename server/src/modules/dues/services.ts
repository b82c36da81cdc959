// What 党费 adds to the platform services, once per platform: its 业务规则, the arrears 待办 and daily reminder, and
// its metrics.
import type { Platform } from '../../platform/context.js';
import { arrearsTodos, sendArrearsReminders, seriousArrearsTodos } from './alerts.js';
import { registerDuesMetrics } from './metrics.js';
import { DUES_RULES } from './settings.js';
import { registerDuesCard } from './card.js';
import { registerDuesReport } from './report.js';
import { registerDuesMine } from './mine.js';

export function registerDuesServices(p: Platform): void {
  registerDuesCard(p);
  registerDuesReport(p);
  registerDuesMine(p);
  p.settings.describe(DUES_RULES, {
    name: '党费标准与提醒', group: '党费',
    description: '在职与离退休党员的分档上限和费率（万分之）、固定党费、取整方式、欠交提醒月数和严重提醒月数，以及年度公示是否姓名脱敏',
    permission: 'dues.write',
  });
  p.todos.register({ kind: 'dues.arrears', name: '欠交党费', list: arrearsTodos });
  p.todos.register({ kind: 'dues.arrearsSerious', name: '连续六个月未交党费', list: seriousArrearsTodos });
  p.jobs.register({
    name: 'dues.arrearsReminders', schedule: { dailyAt: '09:00' },
    run: async ({ db, tenantId, now }) => { await sendArrearsReminders(p, db, tenantId, now); },
  });
  registerDuesMetrics(p);
}
