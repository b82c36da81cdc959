// The committee's 待办 of the 后备人才库: nominations waiting for its decision, one item per nomination.
import type { TodoContext, TodoItem } from '../../platform/notify/todos.js';
import { memberSummaries } from '../members/index.js';
import { decidesTalent } from './policy.js';

export async function talentReviewTodos(ctx: TodoContext): Promise<TodoItem[]> {
  if (!decidesTalent(ctx.actor)) return [];
  const rows = await ctx.db.selectFrom('training_talents').select(['id', 'member_id', 'category', 'created_at'])
    .where('tenant_id', '=', ctx.actor.tenantId).where('status', '=', 'nominated').orderBy('created_at').limit(100).execute();
  const names = await memberSummaries(ctx.db, ctx.actor.tenantId, rows.map((r) => r.member_id));
  return rows.map((r) => ({
    kind: 'training.talentReview', title: `审核后备人才推荐：${names.get(r.member_id)?.name ?? ''}（${r.category}）`,
    link: `/training/talents?id=${r.id}`, entityId: r.id, since: r.created_at,
  }));
}
