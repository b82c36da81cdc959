// 待办 of 考评: a holder's self-report while the round is open, and per open round the plaques the actor's branch
// (incentive.write over their organisation, not the actor's own) still has to evaluate.
import { sql } from 'kysely';
import type { TodoContext, TodoItem } from '../../platform/notify/index.js';
import { memberOfUser } from '../members/index.js';
import { writeScopes } from './policy.js';
import { inSubtree } from '../../db/dialect.js';

export const ROUND_LINK = (roundId: string) => `/incentives/evaluations?round=${roundId}`;
export const MINE_LINK = '/incentives/my-evaluations';

export async function selfReportTodos(ctx: TodoContext): Promise<TodoItem[]> {
  const me = await memberOfUser(ctx.db, ctx.actor.tenantId, ctx.actor.userId);
  if (!me) return [];
  const rows = await ctx.db.selectFrom('incentive_evaluations as ev')
    .innerJoin('incentive_plaques as ip', (j) => j.onRef('ip.tenant_id', '=', 'ev.tenant_id').onRef('ip.id', '=', 'ev.plaque_id'))
    .innerJoin('incentive_evaluation_rounds as er', (j) => j.onRef('er.tenant_id', '=', 'ev.tenant_id').onRef('er.id', '=', 'ev.round_id'))
    .select(['ev.id', 'ip.title', 'er.title as round_title', 'er.period_to', 'er.created_at'])
    .where('ev.tenant_id', '=', ctx.actor.tenantId).where('ip.member_id', '=', me.id).where('ip.deleted_at', 'is', null)
    .where('er.status', '=', 'open').where('ev.self_score', 'is', null).orderBy('er.period_from').limit(50).execute();
  return rows.map((r) => ({
    kind: 'incentive.selfReport', title: `填写自评：${r.title}（${r.round_title}）`, link: MINE_LINK, entityId: r.id, due: r.period_to, since: r.created_at,
  }));
}

export async function branchEvaluationTodos(ctx: TodoContext): Promise<TodoItem[]> {
  const scopes = writeScopes(ctx.actor);
  if (scopes.length === 0) return [];
  const me = await memberOfUser(ctx.db, ctx.actor.tenantId, ctx.actor.userId);
  const rows = await ctx.db.selectFrom('incentive_evaluations as ev')
    .innerJoin('incentive_plaques as ip', (j) => j.onRef('ip.tenant_id', '=', 'ev.tenant_id').onRef('ip.id', '=', 'ev.plaque_id'))
    .innerJoin('incentive_evaluation_rounds as er', (j) => j.onRef('er.tenant_id', '=', 'ev.tenant_id').onRef('er.id', '=', 'ev.round_id'))
    .select((eb) => ['er.id', 'er.title', 'er.period_to', 'er.created_at', eb.fn.countAll<number>().as('n')])
    .where('ev.tenant_id', '=', ctx.actor.tenantId).where('er.status', '=', 'open').where('ev.branch_score', 'is', null)
    .where((eb) => eb.or(scopes.map((path) => inSubtree(sql.ref<string>('ev.org_path'), path))))
    .$if(me !== undefined, (q) => q.where('ip.member_id', '<>', me!.id))
    .groupBy(['er.id', 'er.title', 'er.period_to', 'er.created_at']).execute();
  return rows.map((r) => ({
    kind: 'incentive.branchEvaluation', title: `${r.title}：${Number(r.n)} 个示范岗（责任区）待支部评价`, link: `${ROUND_LINK(r.id)}&pending=branch`,
    entityId: r.id, due: r.period_to, since: r.created_at,
  }));
}
