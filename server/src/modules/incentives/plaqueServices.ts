// What 示范岗与责任区 adds to the platform services: the public page's 业务规则 and two 待办 sources — plaques waiting
// for the 党委's approval, and residents' comments waiting for a secretary.
import { sql } from 'kysely';
import { inSubtree } from '../../db/dialect.js';
import type { Platform } from '../../platform/context.js';
import type { TodoContext, TodoItem } from '../../platform/notify/index.js';
import { orgNamesOf } from '../org/index.js';
import { decisionScopes, writeScopes } from './policy.js';
import { ownMemberId } from './plaqueQueries.js';
import { PUBLIC_RATING } from './ratingSettings.js';

const LIMIT = 200;
const plaqueLink = (id: string) => `/incentives/plaques?id=${id}`;

/** 待审批示范岗: proposed plaques strictly below a grant where the actor holds incentive.manage. */
async function approvalTodos(ctx: TodoContext): Promise<TodoItem[]> {
  const scopes = decisionScopes(ctx.actor);
  if (scopes.length === 0) return [];
  const rows = await ctx.db.selectFrom('incentive_plaques').select(['id', 'title', 'org_id', 'updated_at'])
    .where('tenant_id', '=', ctx.actor.tenantId).where('status', '=', 'proposed').where('deleted_at', 'is', null)
    .where((eb) => eb.or(scopes.map((s) => eb.and([inSubtree(sql.ref<string>('org_path'), s), eb('org_path', '<>', s)]))))
    .orderBy('updated_at').limit(LIMIT).execute();
  const names = await orgNamesOf(ctx.db, ctx.actor, rows.map((r) => r.org_id));
  return rows.map((r) => ({ kind: 'incentive.plaqueApproval', title: `待审批：${r.title}`, link: plaqueLink(r.id), entityId: r.id, orgName: names.get(`${ctx.actor.tenantId}/${r.org_id}`) ?? '', since: r.updated_at }));
}

/** 待审核留言: one item per plaque of the actor's write scope with residents' comments waiting. */
async function moderationTodos(ctx: TodoContext): Promise<TodoItem[]> {
  const scopes = writeScopes(ctx.actor);
  if (scopes.length === 0) return [];
  // Not the comments on the actor's own plaque: those are someone else's to decide (policy.ts moderatesPlaque).
  const own = await ownMemberId(ctx.db, ctx.actor);
  const rows = await ctx.db.selectFrom('incentive_ratings as r')
    .innerJoin('incentive_plaques as ip', (j) => j.onRef('ip.tenant_id', '=', 'r.tenant_id').onRef('ip.id', '=', 'r.plaque_id'))
    .select(['ip.id', 'ip.title', 'ip.org_id', (eb) => eb.fn.countAll<number | string>().as('n'), sql<string>`min(r.created_at)`.as('since')])
    .where('r.tenant_id', '=', ctx.actor.tenantId).where('r.comment_status', '=', 'pending').where('ip.deleted_at', 'is', null)
    .where((eb) => eb.or(scopes.map((s) => inSubtree(sql.ref<string>('r.org_path'), s))))
    .$if(own !== undefined, (q) => q.where('ip.member_id', '<>', own!))
    .groupBy(['ip.id', 'ip.title', 'ip.org_id']).orderBy('since').limit(LIMIT).execute();
  const names = await orgNamesOf(ctx.db, ctx.actor, rows.map((r) => r.org_id));
  return rows.map((r) => ({
    kind: 'incentive.commentModeration', title: `待审核留言 ${Number(r.n)} 条：${r.title}`, link: `/incentives/comments?plaqueId=${r.id}`, entityId: r.id,
    orgName: names.get(`${ctx.actor.tenantId}/${r.org_id}`) ?? '', since: r.since,
  }));
}

export function registerPlaqueServices(p: Platform): void {
  p.settings.describe(PUBLIC_RATING, {
    name: '示范岗公开页评价限制', group: '激励',
    description: '群众扫码评价示范岗、责任区时，每个网络地址每天最多评价次数（同一设备每个岗位每天限评一次），以及留言最多字数',
    permission: 'incentive.manage',
  });
  p.todos.register({ kind: 'incentive.plaqueApproval', name: '待审批示范岗', list: approvalTodos });
  p.todos.register({ kind: 'incentive.commentModeration', name: '待审核留言', list: moderationTodos });
}
