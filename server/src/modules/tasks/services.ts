// What 督办 adds to the platform services (once per platform, not per HTTP app): its metrics, its 待办
// sources and the daily reminder job.
import type { Platform } from '../../platform/context.js';
import { registerTaskMetrics } from './metrics.js';
import { registerTaskReminders, registerTaskTodos } from './todos.js';

export function registerTaskServices(p: Platform): void {
  registerTaskMetrics(p);
  registerTaskTodos(p);
  registerTaskReminders(p);
}
