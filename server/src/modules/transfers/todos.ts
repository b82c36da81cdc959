// 组织关系转接's 待办: transfers waiting for the actor to confirm (the receiving branch, or the receiving committee for
// one from another committee), and our letters past their validity without a receipt (a warning for the sender).
import type { TodoContext, TodoItem } from '../../platform/notify/todos.js';
import { confirms, printsLetter } from './policy.js';
import { pendingInSight } from './queries.js';

export async function confirmTodos(ctx: TodoContext): Promise<TodoItem[]> {
  const rows = (await pendingInSight(ctx.db, ctx.actor)).filter((t) => confirms(ctx.actor, t));
  return rows.map((t) => ({
    kind: 'transfer.confirm', title: `确认接收组织关系：${t.member_name}（${t.scope === 'internal' ? '本委党支部间转接' : `来自${t.counterpart}`}）`,
    link: `/transfers?tab=in&id=${t.id}`, entityId: t.id, since: t.created_at,
  }));
}

export async function expiredLetterTodos(ctx: TodoContext): Promise<TodoItem[]> {
  const rows = (await pendingInSight(ctx.db, ctx.actor))
    .filter((t) => t.scope === 'external' && t.direction === 'out' && t.valid_until !== null && t.valid_until < ctx.today && printsLetter(ctx.actor, t));
  return rows.map((t) => ({
    kind: 'transfer.letterExpired', title: `介绍信已过有效期仍未收到回执：${t.member_name}（${t.letter_no}，转往${t.counterpart}）`,
    link: `/transfers?tab=out&id=${t.id}`, entityId: t.id, due: t.valid_until!, since: t.created_at,
  }));
}
