// What the question bank adds to the platform: one metric for assessment (how much an organisation builds its own
// bank). Its other rules live in questionRules.ts, fixed by the product rather than set per tenant.
import type { Platform } from '../../platform/context.js';
import { addDays, shanghaiDateOf } from '../../platform/calendar.js';
import { metricTargets } from '../org/index.js';

export function registerQuestionServices(p: Platform): void {
  p.metrics.register({
    key: 'training.questionsAdded', name: '题库新增题目数', unit: '道', target: 'org',
    description: '组织（含下级）在考核期内新增到本组织题库、至今未删除的题目数（含导入的）。',
    async compute(ctx) {
      // created_at is an instant: read from the day before the period (a Shanghai day starts at 16:00 UTC the day
      // before), then cut by the Shanghai day.
      const [orgs, rows] = await Promise.all([metricTargets(ctx), ctx.db.selectFrom('training_questions').select(['org_path', 'created_at'])
        .where('tenant_id', '=', ctx.tenantId).where('deleted_at', 'is', null)
        .where('created_at', '>=', addDays(ctx.period.from, -1)).execute()]);
      const inPeriod = rows.filter((r) => { const d = shanghaiDateOf(r.created_at); return d >= ctx.period.from && d <= ctx.period.to; });
      return new Map(orgs.map((o) => [o.id, inPeriod.filter((r) => r.org_path.startsWith(o.path)).length]));
    },
  });
}
