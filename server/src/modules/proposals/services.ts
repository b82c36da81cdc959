// What 合理化建议 adds to the platform services, once per platform: its metrics (adopted proposals and value
// created per organisation subtree) and the 待处理建议 待办 for those who decide.
import type { Platform } from '../../platform/context.js';
import type { MetricContext } from '../../platform/metrics/registry.js';
import { nextDay, shanghaiDayStart } from '../../platform/calendar.js';
import { orgNamesOf, orgPaths } from '../org/index.js';
import { decidableProposals, decidesAnywhere } from './policy.js';
import { proposalLink } from './service.js';
import { registerProposalMine } from './mine.js';

/** Per target organisation (deleted ones included, as a target may be), the sum over rows in its subtree. */
async function sumByTarget(ctx: MetricContext, rows: { org_path: string; n: number }[]): Promise<Map<string, number>> {
  const paths = await orgPaths(ctx.db, ctx.tenantId, ctx.targetIds);
  return new Map([...paths].map(([id, path]) => [id, rows.filter((r) => r.org_path.startsWith(path)).reduce((s, r) => s + r.n, 0)]));
}

export function registerProposalServices(p: Platform): void {
  registerProposalMine(p);
  p.metrics.register({
    key: 'proposal.adopted', name: '合理化建议采纳数', unit: '条', target: 'org',
    description: '组织（含下级）党员提出、在考核期内被采纳（含其后已实施）的合理化建议条数。',
    async compute(ctx) {
      const rows = await ctx.db.selectFrom('proposals').select('org_path').where('tenant_id', '=', ctx.tenantId).where('deleted_at', 'is', null)
        .where('status', 'in', ['adopted', 'implemented']).where('decided_at', '>=', shanghaiDayStart(ctx.period.from)).where('decided_at', '<', shanghaiDayStart(nextDay(ctx.period.to)))
        .execute();
      return sumByTarget(ctx, rows.map((r) => ({ org_path: r.org_path, n: 1 })));
    },
  });
  p.metrics.register({
    key: 'proposal.valueFen', name: '合理化建议创效价值', unit: '分', target: 'org',
    description: '组织（含下级）党员提出、在考核期内实施的合理化建议所记录的创效价值合计（以分计，界面按元显示）。',
    async compute(ctx) {
      const rows = await ctx.db.selectFrom('proposals').select(['org_path', 'value_fen']).where('tenant_id', '=', ctx.tenantId).where('deleted_at', 'is', null)
        .where('status', '=', 'implemented').where('implemented_on', '>=', ctx.period.from).where('implemented_on', '<=', ctx.period.to).execute();
      return sumByTarget(ctx, rows.map((r) => ({ org_path: r.org_path, n: Number(r.value_fen ?? 0) })));
    },
  });
  p.todos.register({
    kind: 'proposal.decide', name: '待处理建议',
    async list(ctx) {
      if (!decidesAnywhere(ctx.actor)) return [];
      const rows = await ctx.db.selectFrom('proposals as pr')
        .select(['pr.id', 'pr.title', 'pr.tenant_id', 'pr.org_id', 'pr.created_at']).where('pr.deleted_at', 'is', null).where('pr.status', '=', 'submitted')
        .where(decidableProposals(ctx.actor))
        .orderBy('pr.created_at').limit(200).execute();
      const names = await orgNamesOf(ctx.db, ctx.actor, rows.map((r) => r.org_id));
      return rows.map((r) => ({ kind: 'proposal.decide', title: r.title, link: proposalLink(r.id), entityId: r.id, orgName: names.get(`${r.tenant_id}/${r.org_id}`) ?? '', since: r.created_at }));
    },
  });
}
