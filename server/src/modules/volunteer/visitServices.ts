// What pairings and visits add to the platform services: the 待办 sources 需关注老人 and 超期未走访, and the daily
// overdue reminder (alerts.ts).
import type { Platform } from '../../platform/context.js';
import { attentionTodos, overdueTodos, sendOverdueReminders } from './alerts.js';

export function registerVisitServices(p: Platform): void {
  p.todos.register({ kind: 'volunteer.attention', name: '需关注老人', list: attentionTodos });
  p.todos.register({ kind: 'volunteer.overdue', name: '超期未走访', list: overdueTodos });
  p.jobs.register({
    name: 'volunteer.overdueReminders', schedule: { dailyAt: '08:30' },
    run: async ({ db, tenantId, now }) => { await sendOverdueReminders(p, db, tenantId, now); },
  });
}
