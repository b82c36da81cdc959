// The numbers 组织生活 gives assessment and dashboards (platform/metrics), per organisation subtree, from the
// same rules as the compliance 问题清单 (one pass for every holding organisation of the tenant).
import type { Platform } from '../../platform/context.js';
import type { MetricContext } from '../../platform/metrics/registry.js';
import { shanghaiDate } from '../../platform/calendar.js';
import { ORG_LIFE_KINDS, ORG_LIFE_RULES } from './kinds.js';
import { allHoldingOrgs, computeCompliance, type OrgCompliance } from './compliance.js';
import { metricTargets } from '../org/index.js';
import { readSetting } from '../../platform/settings/service.js';

/** Compliance of every holding organisation in the targets' subtrees, and the targets' paths. */
async function perOrg(p: Platform, ctx: MetricContext): Promise<{ targets: { id: string; path: string }[]; orgs: OrgCompliance[] }> {
  const targets = await metricTargets(ctx);
  const [kinds, rules] = await Promise.all([readSetting(ctx.db, ctx.tenantId, ORG_LIFE_KINDS), readSetting(ctx.db, ctx.tenantId, ORG_LIFE_RULES)]);
  const holders = (await allHoldingOrgs(ctx.db, ctx.tenantId)).filter((o) => targets.some((t) => o.path.startsWith(t.path)));
  const today = shanghaiDate(p.clock.now());
  const { orgs } = await computeCompliance(ctx.db, ctx.tenantId, holders, ctx.period, today, kinds.kinds, rules);
  return { targets, orgs };
}

/** Sums per target over the organisations in its subtree; targets where `keep` fails are left out. */
function sumUp(targets: { id: string; path: string }[], orgs: OrgCompliance[], value: (o: OrgCompliance) => [number, number], out: (n: number, d: number) => number | null): Map<string, number> {
  const res = new Map<string, number>();
  for (const t of targets) {
    let n = 0;
    let d = 0;
    for (const o of orgs) {
      if (!o.orgPath.startsWith(t.path)) continue;
      const [a, b] = value(o);
      n += a;
      d += b;
    }
    const v = out(n, d);
    if (v !== null) res.set(t.id, v);
  }
  return res;
}

const percent = (n: number, d: number) => (d > 0 ? Math.min(100, Math.round((1000 * n) / d) / 10) : null);

export function registerOrgLifeMetrics(p: Platform): void {
  p.metrics.register({
    key: 'orgLife.requiredHeldRatio', name: '组织生活按规定召开率', unit: '%', target: 'org',
    description: '组织（含下级支部、党小组）在考核期内已结束的各频次周期（月、季、年及主题月活动日）中，按规定召开了相应组织生活的比例，最高 100%。',
    async compute(ctx) {
      const { targets, orgs } = await perOrg(p, ctx);
      return sumUp(targets, orgs, (o) => [o.kinds.reduce((s, k) => s + k.met, 0), o.kinds.reduce((s, k) => s + k.required, 0)], percent);
    },
  });
  p.metrics.register({
    key: 'orgLife.attendanceRate', name: '组织生活出勤率', unit: '%', target: 'org',
    description: '组织（含下级）在考核期内已召开的组织生活中，应到人次里实到（出席）的比例；请假计为未出席，列席不计入。',
    async compute(ctx) {
      const { targets, orgs } = await perOrg(p, ctx);
      return sumUp(targets, orgs, (o) => [o.attendance.present, o.attendance.expected], percent);
    },
  });
  p.metrics.register({
    key: 'orgLife.incompleteRecords', name: '组织生活记录不完整数', unit: '条', target: 'org',
    description: '组织（含下级）在考核期内已召开的组织生活中，缺少会议记录、主题党日照片或签到记录的条数。',
    async compute(ctx) {
      const { targets, orgs } = await perOrg(p, ctx);
      return sumUp(targets, orgs, (o) => [o.incompleteRecords, 0], (n) => n);
    },
  });
}
