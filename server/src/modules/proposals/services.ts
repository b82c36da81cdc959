// What 合理化建议 adds to the platform services, once per platform: its metrics (adopted proposals and value
// created per organisation subtree) and the 待处理建议 待办 for those who decide.
import { sql } from 'kysely';
import type { Platform } from '../../platform/context.js';
import type { MetricContext } from '../../platform/metrics/registry.js';
import { can, scopeFilter } from '../../platform/access/can.js';
import { proposalLink } from './service.js';
import { nextDay, shanghaiDayStart } from '../../platform/calendar.js';


async function sumByTarget(ctx: MetricContext, rows: { org_path: string; n: number }[]): Promise<Map<string, number>> {
  const orgs = await ctx.db.selectFrom('organisations').select(['id', 'path']).where('tenant_id', '=', ctx.tenantId).where('id', 'in', ctx.targetIds).execute();
  return new Map(orgs.map((o) => [o.id, rows.filter((r) => r.org_path.startsWith(o.path)).reduce((s, r) => s + r.n, 0)]));
}

export function registerProposalServices(p: Platform): void {
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
      if (!can(ctx.actor, 'proposal.manage')) return [];
      const rows = await ctx.db.selectFrom('proposals as pr')
        .innerJoin('organisations as o', (j) => j.onRef('o.tenant_id', '=', 'pr.tenant_id').onRef('o.id', '=', 'pr.org_id'))
        .select(['pr.id', 'pr.title', 'o.name as org_name']).where('pr.deleted_at', 'is', null).where('pr.status', '=', 'submitted')
        .where(scopeFilter(ctx.actor, 'proposal.manage', { tenant: sql.ref('pr.tenant_id'), path: sql.ref('pr.org_path') }))
        .orderBy('pr.created_at').limit(200).execute();
      return rows.map((r) => ({ kind: 'proposal.decide', title: r.title, link: proposalLink(r.id), entityId: r.id, orgName: r.org_name }));
    },
  });
}
