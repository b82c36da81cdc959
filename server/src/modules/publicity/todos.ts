// 宣传's part of everyone's 待办 (platform/notify): manuscripts waiting for this editor (待审稿件), and this
// author's manuscripts sent back for revision (待修改稿件).
import type { Platform } from '../../platform/context.js';
import type { TodoContext, TodoItem } from '../../platform/notify/index.js';
import { orgNamesOf } from '../org/index.js';
import { manuscriptCols, reviewsFor } from './policy.js';

const LIMIT = 200;

async function items(ctx: TodoContext, kind: string, rows: { id: string; org_id: string; title: string; since: string | null }[], link: (id: string) => string): Promise<TodoItem[]> {
  const names = await orgNamesOf(ctx.db, ctx.actor, rows.map((r) => r.org_id));
  return rows.map((r) => ({ kind, title: r.title, link: link(r.id), entityId: r.id, orgName: names.get(`${ctx.actor.tenantId}/${r.org_id}`) ?? '', ...(r.since ? { since: r.since } : {}) }));
}

export function registerPublicityTodos(p: Platform): void {
  p.todos.register({
    kind: 'publicity.review', name: '待审稿件',
    list: async (ctx) => {
      const rows = await ctx.db.selectFrom('publicity_manuscripts').select(['id', 'org_id', 'title', 'submitted_at as since'])
        .where('tenant_id', '=', ctx.actor.tenantId).where('deleted_at', 'is', null).where('status', '=', 'submitted')
        .where(reviewsFor(ctx.actor, manuscriptCols()))
        .orderBy('submitted_at').limit(LIMIT).execute();
      return items(ctx, 'publicity.review', rows, (id) => `/publicity/review?id=${id}`);
    },
  });
  p.todos.register({
    kind: 'publicity.revise', name: '待修改稿件',
    list: async (ctx) => {
      const rows = await ctx.db.selectFrom('publicity_manuscripts').select(['id', 'org_id', 'title', 'updated_at as since'])
        .where('tenant_id', '=', ctx.actor.tenantId).where('deleted_at', 'is', null).where('status', '=', 'revising')
        .where('author_user_id', '=', ctx.actor.userId).orderBy('updated_at', 'desc').limit(LIMIT).execute();
      return items(ctx, 'publicity.revise', rows, (id) => `/publicity/mine?id=${id}`);
    },
  });
}
