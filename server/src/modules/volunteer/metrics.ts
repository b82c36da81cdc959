// The numbers 志愿服务 gives assessment and dashboards (platform/metrics), per organisation subtree, each for all
// targets in one pass: residents visited on time and covered by a pairing (of the residents 在册 at the period's
// end, responsible organisation in the subtree), and service hours per member (hours counted where the volunteer was).
import type { Platform } from '../../platform/context.js';
import { subtreeRates, type MetricContext } from '../../platform/metrics/registry.js';
import { readSetting } from '../../platform/settings/service.js';
import { addDays } from '../../platform/calendar.js';
import { inSlices } from '../../db/batch.js';
import { membersUnder } from '../members/index.js';
import { metricTargets } from '../org/index.js';
import { intervalDays, VOLUNTEER_RULES } from './settings.js';

/** Residents 在册 on `on` (registered by then, not moved out or dead by then). */
function residentsOn(ctx: MetricContext, on: string) {
  return ctx.db.selectFrom('volunteer_residents').select(['id', 'org_path', 'risk', 'registered_on'])
    .where('tenant_id', '=', ctx.tenantId).where('deleted_at', 'is', null).where('registered_on', '<=', on)
    .where((eb) => eb.or([eb('status', '=', 'active'), eb('status_on', '>', on)])).execute();
}

export function registerVolunteerMetrics(p: Platform): void {
  p.metrics.register({
    key: 'volunteer.onTimeRate', name: '空巢老人按时走访率', unit: '%', target: 'org',
    description: '责任组织（含下级）在考核期末在册的服务对象中，截至期末未超过其风险等级走访间隔（业务规则）的比例；从未走访的按登记日起算。',
    async compute(ctx) {
      const to = ctx.period.to;
      const [orgs, residents, rules] = await Promise.all([metricTargets(ctx), residentsOn(ctx, to), readSetting(ctx.db, ctx.tenantId, VOLUNTEER_RULES)]);
      const last = await inSlices(residents.map((r) => r.id), (slice) => ctx.db.selectFrom('volunteer_visits')
        .select((eb) => ['resident_id', eb.fn.max('visited_on').as('last')])
        .where('tenant_id', '=', ctx.tenantId).where('resident_id', 'in', slice).where('deleted_at', 'is', null).where('visited_on', '<=', to)
        .groupBy('resident_id').execute());
      const lastOf = new Map(last.map((l) => [l.resident_id, String(l.last)]));
      return subtreeRates(orgs, residents.map((r) => ({ path: r.org_path, hit: addDays(lastOf.get(r.id) ?? r.registered_on, intervalDays(rules, r.risk)) >= to })));
    },
  });
  p.metrics.register({
    key: 'volunteer.coverage', name: '空巢老人结对覆盖率', unit: '%', target: 'org',
    description: '责任组织（含下级）在考核期末在册的服务对象中，期末有结对志愿者的比例。',
    async compute(ctx) {
      const to = ctx.period.to;
      const [orgs, residents] = await Promise.all([metricTargets(ctx), residentsOn(ctx, to)]);
      const paired = new Set((await inSlices(residents.map((r) => r.id), (slice) => ctx.db.selectFrom('volunteer_pairings').select('resident_id')
        .where('tenant_id', '=', ctx.tenantId).where('resident_id', 'in', slice).where('started_on', '<=', to)
        .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>', to)])).execute())).map((r) => r.resident_id));
      return subtreeRates(orgs, residents.map((r) => ({ path: r.org_path, hit: paired.has(r.id) })));
    },
  });
  p.metrics.register({
    key: 'volunteer.hoursPerMember', name: '党员人均志愿服务时长', unit: '小时', target: 'org',
    description: '组织（含下级）在考核期内的志愿服务时长（走访与志愿活动，计入志愿者当日所在组织）合计，除以组织（含下级）现有在册党员人数，保留一位小数。',
    async compute(ctx) {
      const { from, to } = ctx.period;
      const orgs = await metricTargets(ctx);
      const [visits, acts] = await Promise.all([
        ctx.db.selectFrom('volunteer_visits').select((eb) => ['volunteer_org_path as path', eb.fn.sum<number>('minutes').as('m')])
          .where('tenant_id', '=', ctx.tenantId).where('deleted_at', 'is', null).where('visited_on', '>=', from).where('visited_on', '<=', to).groupBy('volunteer_org_path').execute(),
        ctx.db.selectFrom('volunteer_activity_hours').select((eb) => ['volunteer_org_path as path', eb.fn.sum<number>('minutes').as('m')])
          .where('tenant_id', '=', ctx.tenantId).where('deleted_at', 'is', null).where('held_on', '>=', from).where('held_on', '<=', to).groupBy('volunteer_org_path').execute(),
      ]);
      const minutes = [...visits, ...acts].map((r) => ({ path: r.path, m: Number(r.m ?? 0) }));
      // Members of the outermost targets only: the others are inside them.
      const tops = orgs.filter((o) => !orgs.some((x) => x.id !== o.id && o.path.startsWith(x.path) && x.path !== o.path));
      const members = (await Promise.all([...new Set(tops.map((o) => o.path))].map((path) => membersUnder(ctx.db, ctx.tenantId, path, { status: 'active' })))).flat();
      const memberPaths = [...new Map(members.map((m) => [m.id, m.orgPath])).values()];
      const out = new Map<string, number>();
      for (const o of orgs) {
        const n = memberPaths.filter((path) => path.startsWith(o.path)).length;
        if (n === 0) continue;
        const m = minutes.filter((r) => r.path.startsWith(o.path)).reduce((s, r) => s + r.m, 0);
        out.set(o.id, Math.round((10 * m) / 60 / n) / 10);
      }
      return out;
    },
  });
}
