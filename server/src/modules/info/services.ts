// What the information base adds to the platform services (once per platform, not per HTTP app): its
// metrics and its 待办 sources.
import type { Platform } from '../../platform/context.js';
import { registerInfoMetrics } from './stats.js';
import { registerInfoTodos } from './todos.js';
import { registerInfoCard } from './card.js';
import { registerInfoReport } from './report.js';

export function registerInfoServices(p: Platform): void {
  registerInfoMetrics(p);
  registerInfoCard(p);
  registerInfoReport(p);
  registerInfoTodos(p);
}
