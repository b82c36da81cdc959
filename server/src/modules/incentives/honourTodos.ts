// 表彰's 待办: a branch's nominations due before the deadline; the 党委's nominations to review, objections to
// handle and a 公示 that has ended waiting for the decision.
import { sql } from 'kysely';
import type { TodoContext, TodoItem } from '../../platform/notify/todos.js';
import { liveMemberCounts } from '../members/index.js';
import { runsSelections, writeScopes } from './policy.js';

const link = (id: string) => `/incentives/selections?id=${id}`;

export async function nominationDueTodos(ctx: TodoContext): Promise<TodoItem[]> {
  const scopes = writeScopes(ctx.actor);
  if (scopes.length === 0) return [];
  const rows = await ctx.db.selectFrom('incentive_selections').select(['id', 'title', 'nominate_by', 'created_at'])
    .where('tenant_id', '=', ctx.actor.tenantId).where('status', '=', 'nominating').where('nominate_by', '>=', ctx.today).execute();
  // An organisation with no one in it (a new, empty 党总支) has no one to nominate: no duty.
  if (rows.length === 0) return [];
  const counts = await Promise.all(scopes.map((path) => liveMemberCounts(ctx.db, ctx.actor.tenantId, path)));
  if (counts.every((c) => c.total === 0)) return [];
  return rows.map((s) => ({ kind: 'incentive.nominationDue', title: `推荐表彰对象：${s.title}（${s.nominate_by} 截止）`, link: link(s.id), entityId: s.id, due: s.nominate_by, since: s.created_at }));
}

export async function honourReviewTodos(ctx: TodoContext): Promise<TodoItem[]> {
  if (!runsSelections(ctx.actor)) return [];
  const tenantId = ctx.actor.tenantId;
  const [pending, objections, ended] = await Promise.all([
    ctx.db.selectFrom('incentive_selections as s')
      .innerJoin('incentive_nominations as n', (j) => j.onRef('n.tenant_id', '=', 's.tenant_id').onRef('n.selection_id', '=', 's.id'))
      .select(['s.id', 's.title', 's.updated_at', sql<number>`count(*)`.as('c')])
      .where('s.tenant_id', '=', tenantId).where('s.status', '=', 'reviewing').where('n.status', '=', 'nominated')
      .groupBy(['s.id', 's.title', 's.updated_at']).execute(),
    ctx.db.selectFrom('incentive_objections as o')
      .innerJoin('incentive_nominations as n', (j) => j.onRef('n.tenant_id', '=', 'o.tenant_id').onRef('n.id', '=', 'o.nomination_id'))
      .select(['o.id', 'o.received_on', 'o.created_at', 'n.selection_id', 'n.nominee_name'])
      .where('o.tenant_id', '=', tenantId).where('o.handled_at', 'is', null).orderBy('o.created_at').limit(50).execute(),
    ctx.db.selectFrom('incentive_selections').select(['id', 'title', 'publicity_to', 'updated_at'])
      .where('tenant_id', '=', tenantId).where('status', '=', 'publicising').execute(),
  ]);
  return [
    ...pending.map((s) => ({ kind: 'incentive.honourReview', title: `审核表彰推荐：${s.title}（${Number(s.c)} 条待审核）`, link: link(s.id), entityId: s.id, since: s.updated_at })),
    ...objections.map((o) => ({ kind: 'incentive.honourReview', title: `处理公示异议：${o.nominee_name}（${o.received_on} 收到）`, link: link(o.selection_id), entityId: o.id, since: o.created_at })),
    ...ended.map((s) => ({
      kind: 'incentive.honourReview', title: s.publicity_to! < ctx.today ? `公示期满，作出表彰决定：${s.title}` : `公示中：${s.title}（${s.publicity_to} 结束）`,
      link: link(s.id), entityId: s.id, due: s.publicity_to!, since: s.updated_at,
    })),
  ];
}
