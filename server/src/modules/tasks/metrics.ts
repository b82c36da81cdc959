// The numbers 督办 gives assessment and dashboards (platform/metrics), per owning organisation subtree:
// on-time rate over tasks due in the period, first-pass rate over tasks verified in the period.
import type { Platform } from '../../platform/context.js';
import { subtreeRates, type MetricContext } from '../../platform/metrics/registry.js';
import { metricTargets } from '../org/index.js';
import { owningOrgPath } from './policy.js';

/** The tenant's live tasks with their owning organisation's current path. */
function tasksOf(ctx: MetricContext) {
  return ctx.db.selectFrom('tasks as t').select(owningOrgPath().as('path'))
    .where('t.tenant_id', '=', ctx.tenantId).where('t.deleted_at', 'is', null);
}

export function registerTaskMetrics(p: Platform): void {
  p.metrics.register({
    key: 'task.onTimeRate', name: '督办按时完成率', unit: '%', target: 'org',
    description: '责任组织（含下级）截止日期在考核期内的督办任务中，在截止日期当天或之前验收销号的比例。',
    async compute(ctx) {
      const orgs = await metricTargets(ctx);
      const rows = await tasksOf(ctx).select(['t.due_on', 't.closed_on'])
        .where('t.due_on', '>=', ctx.period.from).where('t.due_on', '<=', ctx.period.to).execute();
      return subtreeRates(orgs, rows.map((r) => ({ path: r.path, hit: r.closed_on !== null && r.closed_on <= r.due_on })));
    },
  });
  p.metrics.register({
    key: 'task.firstPassRate', name: '督办一次验收通过率', unit: '%', target: 'org',
    description: '责任组织（含下级）在考核期内验收销号的督办任务中，从未被退回的比例。',
    async compute(ctx) {
      const orgs = await metricTargets(ctx);
      const rows = await tasksOf(ctx).select(['t.return_count'])
        .where('t.status', '=', 'closed').where('t.closed_on', '>=', ctx.period.from).where('t.closed_on', '<=', ctx.period.to).execute();
      return subtreeRates(orgs, rows.map((r) => ({ path: r.path, hit: Number(r.return_count) === 0 })));
    },
  });
}
