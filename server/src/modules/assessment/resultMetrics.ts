// The metric `assessment.total`: an organisation's own total in its latest published round whose period
// ends inside the asked period (dashboards, or a yearly scheme built on monthly results).
import type { Platform } from '../../platform/context.js';
import { ASSESSMENT_BONUS, ASSESSMENT_STARS } from './bonus.js';
import { computeResults } from './results.js';

export function registerAssessmentMetrics(p: Platform): void {
  p.metrics.register({
    key: 'assessment.total', name: '最近一次考核总分', unit: '分', target: 'org',
    description: '组织本身（不含下级）在考核期内结束的、最近一次已发布考核批次中的总分（含更正）；期内没有已发布结果的组织无数据。',
    async compute(ctx) {
      const rows = await ctx.db.selectFrom('assessment_targets as t')
        .innerJoin('assessment_rounds as r', (j) => j.onRef('r.tenant_id', '=', 't.tenant_id').onRef('r.id', '=', 't.round_id'))
        .selectAll('r').select('t.target_id as targetId')
        .where('t.tenant_id', '=', ctx.tenantId).where('t.target_id', 'in', ctx.targetIds)
        .where('r.status', '=', 'published').where('r.deleted_at', 'is', null)
        .where('r.period_to', '>=', ctx.period.from).where('r.period_to', '<=', ctx.period.to)
        .orderBy('r.period_to').orderBy('r.published_at').orderBy('r.id').execute();
      // Later rows overwrite earlier ones: the last round per target is its latest.
      const latest = new Map(rows.map((r) => [r.targetId, r]));
      const out = new Map<string, number>();
      const byRound = new Map<string, { round: (typeof rows)[number]; targets: string[] }>();
      for (const [targetId, r] of latest) {
        const e = byRound.get(r.id) ?? { round: r, targets: [] };
        e.targets.push(targetId);
        byRound.set(r.id, e);
      }
      // Totals do not depend on the star/bonus settings; the defaults avoid reading settings in a job's transaction.
      for (const { round: { targetId: _t, ...round }, targets } of byRound.values()) {
        const { items } = await computeResults(ctx.db, round, { stars: ASSESSMENT_STARS.defaults, bonus: ASSESSMENT_BONUS.defaults });
        for (const i of items) if (targets.includes(i.targetId)) out.set(i.targetId, i.total);
      }
      return out;
    },
  });
}
