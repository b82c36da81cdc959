// The information base's part of everyone's 待办 (platform/notify): entries waiting for this user's review,
// and this user's entries that were returned to them.
import { sql } from 'kysely';
import type { Platform } from '../../platform/context.js';
import type { TodoContext, TodoItem } from '../../platform/notify/index.js';
import { orgNamesOf } from '../org/index.js';
import { reviewableEntries, writableEntries } from './policy.js';

const LIMIT = 200;
const COLS = { tenant: sql.ref<string>('tenant_id'), path: sql.ref<string>('org_path') };

async function items(ctx: TodoContext, kind: string, rows: { id: string; org_id: string; title: string; since: string | null }[], link: (id: string) => string): Promise<TodoItem[]> {
  const names = await orgNamesOf(ctx.db, ctx.actor, rows.map((r) => r.org_id));
  return rows.map((r) => ({ kind, title: r.title, link: link(r.id), entityId: r.id, orgName: names.get(`${ctx.actor.tenantId}/${r.org_id}`) ?? '', ...(r.since ? { since: r.since } : {}) }));
}

export function registerInfoTodos(p: Platform): void {
  p.todos.register({
    kind: 'info.review', name: '待审核信息',
    list: async (ctx) => {
      const rows = await ctx.db.selectFrom('info_entries').select(['id', 'org_id', 'title', 'submitted_at as since'])
        .where('tenant_id', '=', ctx.actor.tenantId).where('deleted_at', 'is', null).where('status', '=', 'submitted')
        .where(reviewableEntries(ctx.actor, COLS))
        .orderBy('submitted_at').limit(LIMIT).execute();
      return items(ctx, 'info.review', rows, (id) => `/info/review?id=${id}`);
    },
  });
  p.todos.register({
    kind: 'info.returned', name: '被退回的信息',
    list: async (ctx) => {
      const rows = await ctx.db.selectFrom('info_entries').select(['id', 'org_id', 'title', 'updated_at as since'])
        .where('tenant_id', '=', ctx.actor.tenantId).where('deleted_at', 'is', null).where('status', '=', 'returned')
        .where((eb) => eb.or([eb('submitted_by', '=', ctx.actor.userId), eb('created_by', '=', ctx.actor.userId)]))
        .where(writableEntries(ctx.actor, COLS))
        .orderBy('updated_at', 'desc').limit(LIMIT).execute();
      return items(ctx, 'info.returned', rows, (id) => `/info?id=${id}`);
    },
  });
}
