// 待办 sources of 督办 (platform/notify) and the daily reminder job (platform/jobs).
import { readSetting } from '../../platform/settings/service.js';
import { sql, type SqlBool } from 'kysely';
import type { Platform } from '../../platform/context.js';
import type { TodoContext, TodoItem } from '../../platform/notify/index.js';
import { shanghaiDate } from '../../platform/calendar.js';
import type { DbOrTx } from '../../db/types.js';
import { addDays } from '../../platform/calendar.js';
import { TASK_RULES } from './lights.js';
import { coOwnersOf, mineCondition, taskBase } from './queries.js';
import type { TaskStatus } from './tables.js';

const LIMIT = 200;
const link = (id: string) => `/tasks?id=${id}`;

async function ownerItems(ctx: TodoContext, kind: string, statuses: TaskStatus[]): Promise<TodoItem[]> {
  const rows = await taskBase(ctx.db).where(mineCondition(ctx.actor, 'owner')).where('t.status', 'in', statuses)
    .select(['t.id', 't.title', 't.due_on', 'oo.name as org_name']).orderBy('t.due_on').limit(LIMIT).execute();
  return rows.map((r) => ({ kind, title: r.title, link: link(r.id), entityId: r.id, orgName: r.org_name, due: r.due_on }));
}

export function registerTaskTodos(p: Platform): void {
  p.todos.register({ kind: 'task.accept', name: '待接收', list: (ctx) => ownerItems(ctx, 'task.accept', ['deployed']) });
  p.todos.register({ kind: 'task.handle', name: '待办理', list: (ctx) => ownerItems(ctx, 'task.handle', ['accepted', 'inProgress', 'returned']) });
  p.todos.register({
    kind: 'task.verify', name: '待验收',
    async list(ctx) {
      const a = ctx.actor;
      // The issuer, and the leaders of the issuing organisation itself (a grant at that very organisation);
      // a committee-wide verifier may still verify a branch's own tasks but does not get them all as 待办.
      const leaderOf = [...new Set(a.grants.filter((g) => g.tenantId === a.tenantId && g.permissions.has('task.verify')).map((g) => g.orgId))];
      const issuer = sql<SqlBool>`(t.tenant_id = ${a.tenantId} and t.issuer_id = ${a.userId})`;
      const verifier = leaderOf.length
        ? sql<SqlBool>`(${issuer} or (t.tenant_id = ${a.tenantId} and t.issuing_org_id in (${sql.join(leaderOf)})))`
        : issuer;
      const rows = await taskBase(ctx.db).where('t.status', '=', 'completionReported').where(verifier)
        .where(sql<SqlBool>`not ${mineCondition(a, 'owner')}`)
        .select(['t.id', 't.title', 't.due_on', 'oo.name as org_name']).orderBy('t.due_on').limit(LIMIT).execute();
      return rows.map((r) => ({ kind: 'task.verify', title: r.title, link: link(r.id), entityId: r.id, orgName: r.org_name, due: r.due_on }));
    },
  });
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
  const co = await coOwnersOf(db, tenantId, rows.map((r) => r.id));
  let sent = 0;
  for (const r of rows) {
    const overdue = r.due_on < today;
    sent += await p.notify.send(db, tenantId, [r.owner_id, ...(co.get(r.id) ?? []).map((c) => c.id)], {
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
