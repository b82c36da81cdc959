// The numbers 党费 gives assessment and dashboards (platform/metrics), per organisation subtree, all targets in one
// pass: the collection rate (bills of the period's months paid) and the members in arrears at the period's end.
import type { Platform } from '../../platform/context.js';
import { subtreeRates } from '../../platform/metrics/registry.js';
import { readSetting } from '../../platform/settings/service.js';
import { metricTargets } from '../org/index.js';
import { DUES_RULES } from './settings.js';

export function registerDuesMetrics(p: Platform): void {
  p.metrics.register({
    key: 'dues.collectionRate', name: '党费收缴率', unit: '%', target: 'org',
    description: '组织（含下级）考核期内各月的党费账单中，已交纳的比例（按人·月计）。',
    async compute(ctx) {
      const [orgs, bills] = await Promise.all([
        metricTargets(ctx),
        ctx.db.selectFrom('dues_bills').select(['org_path', 'payment_id']).where('tenant_id', '=', ctx.tenantId)
          .where('month', '>=', ctx.period.from.slice(0, 7)).where('month', '<=', ctx.period.to.slice(0, 7)).execute(),
      ]);
      return subtreeRates(orgs, bills.map((b) => ({ path: b.org_path, hit: b.payment_id !== null })));
    },
  });
  p.metrics.register({
    key: 'dues.membersInArrears', name: '欠交党费党员人数', unit: '人', target: 'org',
    description: '组织（含下级）截至考核期末所在月，未交党费月数达到提醒月数（业务规则，默认 3 个月）的党员人数。',
    async compute(ctx) {
      const [orgs, rules] = await Promise.all([metricTargets(ctx), readSetting(ctx.db, ctx.tenantId, DUES_RULES)]);
      const rows = await ctx.db.selectFrom('dues_bills').select((eb) => ['member_id', eb.fn.max('org_path').as('path')])
        .where('tenant_id', '=', ctx.tenantId).where('payment_id', 'is', null).where('month', '<=', ctx.period.to.slice(0, 7))
        .groupBy('member_id').having((eb) => eb.fn.countAll(), '>=', rules.warnMonths).execute();
      return new Map(orgs.map((o) => [o.id, rows.filter((r) => String(r.path).startsWith(o.path)).length]));
    },
  });
}
