// What 督办 adds to the platform services (once per platform, not per HTTP app): its metrics, its 待办
// sources and the daily reminder job.
import type { Platform } from '../../platform/context.js';
import { registerTaskMetrics } from './metrics.js';
import { registerTaskReminders, registerTaskTodos } from './todos.js';
import { TASK_RULES } from './lights.js';
import { registerTaskCard } from './card.js';
import { registerTaskReport } from './report.js';

export function registerTaskServices(p: Platform): void {
  registerTaskMetrics(p);
  registerTaskCard(p);
  registerTaskReport(p);
  registerTaskTodos(p);
  registerTaskReminders(p);
  p.settings.describe(TASK_RULES, { name: '亮灯与提醒', group: '督办', description: '督办事项到期前几天亮黄灯、几天开始每日提醒承办人', permission: 'task.verify' });
}
