// The numbers 激励 gives assessment and dashboards (platform/metrics), per organisation subtree, each for all
// targets in one pass: plaques hanging at the period's end, the residents' average rating in the period, and the
// share of evaluations complete in the rounds of the period.
import type { Platform } from '../../platform/context.js';
import { subtreeRates } from '../../platform/metrics/registry.js';
import { metricTargets } from '../org/index.js';

export function registerIncentiveMetrics(p: Platform): void {
  p.metrics.register({
    key: 'incentive.activePlaques', name: '挂牌党员示范岗（责任区）数', unit: '个', target: 'org',
    description: '组织（含下级）在考核期末处于挂牌状态的党员示范岗与责任区个数（期末前已挂牌、期末时未摘牌且未过期限）。',
    async compute(ctx) {
      const to = ctx.period.to;
      // Counted per organisation in SQL; the subtree sums then run over a row per organisation, not per plaque.
      const [orgs, counts] = await Promise.all([metricTargets(ctx), ctx.db.selectFrom('incentive_plaques')
        .select((eb) => ['org_path', eb.fn.countAll<number>().as('n')])
        .where('tenant_id', '=', ctx.tenantId).where('deleted_at', 'is', null).where('status', 'in', ['active', 'withdrawn'])
        .where('issued_on', '<=', to).where('period_to', '>=', to).where((eb) => eb.or([eb('withdrawn_on', 'is', null), eb('withdrawn_on', '>', to)]))
        .groupBy('org_path').execute()]);
      return new Map(orgs.map((o) => [o.id, counts.reduce((sum, c) => sum + (c.org_path.startsWith(o.path) ? Number(c.n) : 0), 0)]));
    },
  });
  p.metrics.register({
    key: 'incentive.averageRating', name: '群众评价平均星级', unit: '星', target: 'org',
    description: '组织（含下级）的党员示范岗与责任区在考核期内收到的群众评价（1–5 星，不论留言是否审核公开）的平均星数，保留一位小数；期内没有评价的组织无数据。',
    async compute(ctx) {
      const [orgs, rows] = await Promise.all([metricTargets(ctx), ctx.db.selectFrom('incentive_ratings')
        .select((eb) => ['org_path', eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('score').as('s')])
        .where('tenant_id', '=', ctx.tenantId).where('rated_on', '>=', ctx.period.from).where('rated_on', '<=', ctx.period.to).groupBy('org_path').execute()]);
      const out = new Map<string, number>();
      for (const o of orgs) {
        let n = 0;
        let s = 0;
        for (const r of rows) if (r.org_path.startsWith(o.path)) { n += Number(r.n); s += Number(r.s); }
        if (n > 0) out.set(o.id, Math.round((10 * s) / n) / 10);
      }
      return out;
    },
  });
  p.metrics.register({
    key: 'incentive.evaluationsDone', name: '示范岗（责任区）考评完成率', unit: '%', target: 'org',
    description: '考评周期结束于考核期内的考评批次中，组织（含下级）的示范岗与责任区已完成本人自评和支部评价的比例；期内没有考评的组织无数据。',
    async compute(ctx) {
      const [orgs, rows] = await Promise.all([metricTargets(ctx), ctx.db.selectFrom('incentive_evaluations as ev')
        .innerJoin('incentive_evaluation_rounds as er', (j) => j.onRef('er.tenant_id', '=', 'ev.tenant_id').onRef('er.id', '=', 'ev.round_id'))
        .select(['ev.org_path', 'ev.self_score', 'ev.branch_score'])
        .where('ev.tenant_id', '=', ctx.tenantId).where('er.period_to', '>=', ctx.period.from).where('er.period_to', '<=', ctx.period.to).execute()]);
      return subtreeRates(orgs, rows.map((r) => ({ path: r.org_path, hit: r.self_score !== null && r.branch_score !== null })));
    },
  });
}
