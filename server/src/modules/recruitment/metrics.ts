// The numbers 发展党员 gives assessment and dashboards (platform/metrics), per organisation subtree:
// - recruit.planCompletion: people admitted as 预备党员 (支部大会 vote, step 15) in the period ÷ the 发展计划 quotas of
//   the period's years, in percent; a subtree without a quota is left out.
// - recruit.overdue: people with a deadline passed at the period's end (谈话 due, 思想汇报 overdue, 转正 due: the
//   待办's own rules, deadlines.ts), counted once each.
import type { Platform } from '../../platform/context.js';
import type { MetricContext } from '../../platform/metrics/registry.js';
import { readSetting } from '../../platform/settings/service.js';
import { addDays, shanghaiDateOf, shanghaiDayStart } from '../../platform/calendar.js';
import { metricTargets, orgPaths } from '../org/index.js';
import { overdueKinds } from './deadlines.js';
import { RECRUIT_RULES } from './settings.js';

/** Sums per target of rows whose path lies in the target's subtree. */
function subtreeSums(targets: readonly { id: string; path: string }[], rows: readonly { path: string; n: number }[]): Map<string, number> {
  return new Map(targets.map((t) => [t.id, rows.reduce((a, r) => a + (r.path.startsWith(t.path) ? r.n : 0), 0)]));
}

export async function planCompletion(ctx: MetricContext): Promise<Map<string, number>> {
  const targets = await metricTargets(ctx);
  const years = [];
  for (let y = Number(ctx.period.from.slice(0, 4)); y <= Number(ctx.period.to.slice(0, 4)); y++) years.push(y);
  const [plans, admitted] = await Promise.all([
    ctx.db.selectFrom('recruit_plans').select(['org_id', 'quota']).where('tenant_id', '=', ctx.tenantId).where('year', 'in', years).execute(),
    ctx.db.selectFrom('recruit_steps as s')
      .innerJoin('recruit_people as r', (j) => j.onRef('r.tenant_id', '=', 's.tenant_id').onRef('r.id', '=', 's.person_id'))
      .select(['r.org_path as path']).where('s.tenant_id', '=', ctx.tenantId).where('r.deleted_at', 'is', null).where('s.step', '=', 15)
      .where('s.done_on', '>=', ctx.period.from).where('s.done_on', '<=', ctx.period.to).execute(),
  ]);
  // A branch's current path: a branch moved since keeps its plan and counts where it sits now.
  const paths = await orgPaths(ctx.db, ctx.tenantId, plans.map((x) => x.org_id));
  const quotas = subtreeSums(targets, plans.flatMap((x) => (paths.has(x.org_id) ? [{ path: paths.get(x.org_id)!, n: Number(x.quota) }] : [])));
  const done = subtreeSums(targets, admitted.map((x) => ({ path: x.path, n: 1 })));
  const out = new Map<string, number>();
  for (const t of targets) {
    const q = quotas.get(t.id)!;
    if (q > 0) out.set(t.id, Math.round((1000 * done.get(t.id)!) / q) / 10);
  }
  return out;
}

export async function overdueCount(ctx: MetricContext): Promise<Map<string, number>> {
  const targets = await metricTargets(ctx);
  const rules = await readSetting(ctx.db, ctx.tenantId, RECRUIT_RULES);
  const asOf = ctx.period.to;
  const people = await ctx.db.selectFrom('recruit_people').select(['id', 'org_path', 'last_step', 'probation_extended_months'])
    .where('tenant_id', '=', ctx.tenantId).where('deleted_at', 'is', null).where('last_step', '>=', 1).where('last_step', '<=', 22).execute();
  if (people.length === 0) return new Map(targets.map((t) => [t.id, 0]));
  const [steps, reports] = await Promise.all([
    ctx.db.selectFrom('recruit_steps').select(['person_id', 'step', 'done_on']).where('tenant_id', '=', ctx.tenantId).where('step', 'in', [1, 3, 15]).execute(),
    ctx.db.selectFrom('recruit_documents').select(['person_id', (eb) => eb.fn.max('created_at').as('last')])
      .where('tenant_id', '=', ctx.tenantId).where('kind', '=', '思想汇报').where('created_at', '<', shanghaiDayStart(addDays(asOf, 1))).groupBy('person_id').execute(),
  ]);
  const done = new Map<string, Map<number, string>>();
  for (const s of steps) done.set(s.person_id, (done.get(s.person_id) ?? new Map()).set(s.step, s.done_on));
  const lastReport = new Map(reports.map((r) => [r.person_id, shanghaiDateOf(String(r.last))]));
  const rows = people
    .filter((x) => overdueKinds({ lastStep: x.last_step, done: done.get(x.id) ?? new Map(), lastReport: lastReport.get(x.id) ?? null, extendedMonths: x.probation_extended_months }, rules, asOf).length > 0)
    .map((x) => ({ path: x.org_path, n: 1 }));
  return subtreeSums(targets, rows);
}

export function registerRecruitMetrics(p: Platform): void {
  p.metrics.register({
    key: 'recruit.planCompletion', name: '发展计划完成率', unit: '%', target: 'org',
    description: '组织（含下级）考核期内支部大会接收的预备党员人数，占考核期所在年度发展计划名额之和的比例；未制定发展计划的组织无数据。',
    compute: planCompletion,
  });
  p.metrics.register({
    key: 'recruit.overdue', name: '发展党员超期事项人数', unit: '人', target: 'org',
    description: '截至考核期末，组织（含下级）发展党员中谈话超期、思想汇报逾期或预备期已满未讨论转正的人数（每人计一次）。',
    compute: overdueCount,
  });
}
