// 待办 sources of 督办 (platform/notify) and the daily reminder job (platform/jobs).
import { readSetting } from '../../platform/settings/service.js';
import type { Expression, SqlBool } from 'kysely';
import type { Platform } from '../../platform/context.js';
import type { TodoContext, TodoItem } from '../../platform/notify/index.js';
import { shanghaiDate } from '../../platform/calendar.js';
import type { DbOrTx } from '../../db/types.js';
import { addDays } from '../../platform/calendar.js';
import { TASK_RULES } from './lights.js';
import { key, orgNamesFor } from './names.js';
import { myTasks, verifyTodoTasks } from './policy.js';
import { coOwnerIdsOf, taskBase } from './queries.js';
import type { TaskStatus } from './tables.js';

const LIMIT = 200;
const link = (id: string) => `/tasks?id=${id}`;

/** The actor's tasks matching `which`, soonest due first, named by their owning organisation (from the cached tree). */
async function todoItems(ctx: TodoContext, kind: string, which: Expression<SqlBool>, statuses: TaskStatus[]): Promise<TodoItem[]> {
  const rows = await taskBase(ctx.db).where(which).where('t.status', 'in', statuses)
    .select(['t.tenant_id', 't.id', 't.title', 't.due_on', 't.owner_org_id', 't.status', 't.created_at', 't.accepted_at', 't.completion_reported_at', 't.updated_at'])
    .orderBy('t.due_on').limit(LIMIT).execute();
  const orgs = await orgNamesFor(ctx.db, ctx.actor, rows.map((r) => ({ tenant: r.tenant_id, id: r.owner_org_id })));
  return rows.map((r) => ({
    kind, title: r.title, link: link(r.id), entityId: r.id, orgName: orgs.get(key(r.tenant_id, r.owner_org_id)) ?? '', due: r.due_on, since: waitingSince(r),
  }));
}

/** When the task began waiting for this step: deployed, accepted, sent back (its last change) or reported complete. */
function waitingSince(r: { status: TaskStatus; created_at: string; accepted_at: string | null; completion_reported_at: string | null; updated_at: string }): string {
  if (r.status === 'completionReported') return r.completion_reported_at ?? r.updated_at;
  if (r.status === 'returned') return r.updated_at;
  if (r.status === 'deployed') return r.created_at;
  return r.accepted_at ?? r.created_at;
}

export function registerTaskTodos(p: Platform): void {
  p.todos.register({ kind: 'task.accept', name: '待接收', list: (ctx) => todoItems(ctx, 'task.accept', myTasks(ctx.actor, 'owner'), ['deployed']) });
  p.todos.register({ kind: 'task.handle', name: '待办理', list: (ctx) => todoItems(ctx, 'task.handle', myTasks(ctx.actor, 'owner'), ['accepted', 'inProgress', 'returned']) });
  p.todos.register({ kind: 'task.verify', name: '待验收', list: (ctx) => todoItems(ctx, 'task.verify', verifyTodoTasks(ctx.actor), ['completionReported']) });
}

/**
 * Every day at 08:00 Shanghai: owners and co-owners of open tasks (not yet reported complete) due within
 * N days or overdue get one reminder per task per day (dedupe key = task and day, so a re-run sends nothing).
 */
export async function sendReminders(p: Platform, db: DbOrTx, tenantId: string, now: Date): Promise<number> {
  const today = shanghaiDate(now);
  const { reminderDays } = await readSetting(db, tenantId, TASK_RULES);
  const rows = await taskBase(db).where('t.tenant_id', '=', tenantId).where('t.status', 'in', ['deployed', 'accepted', 'inProgress', 'returned'])
    .where('t.due_on', '<=', addDays(today, reminderDays)).select(['t.id', 't.title', 't.due_on', 't.owner_id']).orderBy('t.due_on').execute();
  const co = await coOwnerIdsOf(db, tenantId, rows.map((r) => r.id));
  let sent = 0;
  for (const r of rows) {
    const overdue = r.due_on < today;
    sent += await p.notify.send(db, tenantId, [r.owner_id, ...(co.get(r.id) ?? [])], {
      kind: 'tasks.reminder',
      title: overdue ? `任务已逾期：${r.title}` : `任务即将到期：${r.title}`,
      body: overdue ? `截止日期 ${r.due_on} 已过，请尽快办理并提交完成报告` : `截止日期 ${r.due_on}，请按时完成`,
      link: link(r.id),
      dedupeKey: `tasks.reminder:${r.id}:${today}`,
    });
  }
  return sent;
}

export function registerTaskReminders(p: Platform): void {
  p.jobs.register({ name: 'tasks.reminders', schedule: { dailyAt: '08:00' }, run: async ({ db, tenantId, now }) => { await sendReminders(p, db, tenantId, now); } });
}
