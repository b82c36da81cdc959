// What 宣传 adds to the platform services once per platform: its 待办 sources and its metrics.
import type { Platform } from '../../platform/context.js';
import { registerPublicityTodos } from './todos.js';
import { registerPublicityMetrics } from './stats.js';

export function registerPublicityServices(p: Platform): void {
  registerPublicityTodos(p);
  registerPublicityMetrics(p);
}
