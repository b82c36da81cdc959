// The 待办 of 发展党员, for those who keep the person's branch: the 谈话 due within a month of the application, a
// 思想汇报 overdue (none uploaded for the 业务规则's interval, from 积极分子 on until 转正 is discussed), and 转正
// due (from 30 days before the 预备期 ends).
import type { Platform } from '../../platform/context.js';
import { addDays, shanghaiDateOf } from '../../platform/calendar.js';
import { reportDue, talkDue } from './deadlines.js';
import type { TodoContext, TodoItem } from '../../platform/notify/todos.js';
import { writableAt } from './policy.js';
import { probationEnds } from './rules.js';
import { RECRUIT_RULES } from './settings.js';

const link = (id: string) => `/recruitment/people/${id}`;

/** People the actor keeps, in the given step range, with the dates of the steps the reminders count from. */
async function keptPeople(ctx: TodoContext, from: number, to: number) {
  const people = await ctx.db.selectFrom('recruit_people as r').select(['r.id', 'r.name', 'r.last_step', 'r.probation_extended_months'])
    .where('r.tenant_id', '=', ctx.actor.tenantId).where('r.deleted_at', 'is', null).where('r.last_step', '>=', from).where('r.last_step', '<=', to)
    .where(writableAt(ctx.actor, 'r')).orderBy('r.name').limit(500).execute();
  if (people.length === 0) return { people, steps: new Map<string, Map<number, string>>() };
  const rows = await ctx.db.selectFrom('recruit_steps').select(['person_id', 'step', 'done_on']).where('tenant_id', '=', ctx.actor.tenantId)
    .where('person_id', 'in', people.map((x) => x.id)).where('step', 'in', [1, 3, 15]).execute();
  const steps = new Map<string, Map<number, string>>();
  for (const r of rows) steps.set(r.person_id, (steps.get(r.person_id) ?? new Map()).set(r.step, r.done_on));
  return { people, steps };
}

export async function talkTodos(p: Platform, ctx: TodoContext): Promise<TodoItem[]> {
  const rules = await p.settings.get(ctx.actor.tenantId, RECRUIT_RULES);
  const { people, steps } = await keptPeople(ctx, 1, 1);
  return people.map((x) => {
    const due = talkDue(steps.get(x.id)?.get(1) ?? ctx.today, rules);
    return { kind: 'recruit.talk', title: `发展党员：与入党申请人${x.name}谈话（收到申请书后 ${rules.talkWithinMonths} 个月内）`, link: link(x.id), entityId: x.id, due };
  });
}

export async function reportTodos(p: Platform, ctx: TodoContext): Promise<TodoItem[]> {
  const rules = await p.settings.get(ctx.actor.tenantId, RECRUIT_RULES);
  const { people, steps } = await keptPeople(ctx, 3, 22);
  if (people.length === 0) return [];
  // The latest 思想汇报 of each person (documents are never removed, so their kinds' rows are the record).
  const reports = await ctx.db.selectFrom('recruit_documents as d')
    .select(['d.person_id', (eb) => eb.fn.max('d.created_at').as('last')])
    .where('d.tenant_id', '=', ctx.actor.tenantId).where('d.kind', '=', '思想汇报')
    .where('d.person_id', 'in', people.map((x) => x.id)).groupBy('d.person_id').execute();
  const last = new Map(reports.map((r) => [r.person_id, shanghaiDateOf(String(r.last))]));
  const out: TodoItem[] = [];
  for (const x of people) {
    const since = last.get(x.id) ?? steps.get(x.id)?.get(3);
    if (!since) continue;
    const due = reportDue(since, rules);
    if (due >= ctx.today) continue;
    out.push({ kind: 'recruit.report', title: `发展党员：${x.name}已超过 ${rules.reportEveryMonths} 个月未交思想汇报`, link: link(x.id), entityId: x.id, due, overdue: true });
  }
  return out;
}

export async function confirmTodos(ctx: TodoContext): Promise<TodoItem[]> {
  const { people, steps } = await keptPeople(ctx, 15, 22);
  const out: TodoItem[] = [];
  for (const x of people) {
    const voted = steps.get(x.id)?.get(15);
    if (!voted) continue;
    const due = probationEnds(voted, x.probation_extended_months);
    if (addDays(due, -30) > ctx.today) continue;
    out.push({ kind: 'recruit.confirm', title: `发展党员：预备党员${x.name}预备期 ${due} 期满，应讨论转正`, link: link(x.id), entityId: x.id, due });
  }
  return out;
}

export function registerRecruitTodos(p: Platform): void {
  p.todos.register({ kind: 'recruit.talk', name: '入党谈话', list: (ctx) => talkTodos(p, ctx) });
  p.todos.register({ kind: 'recruit.report', name: '思想汇报逾期', list: (ctx) => reportTodos(p, ctx) });
  p.todos.register({ kind: 'recruit.confirm', name: '预备党员转正', list: (ctx) => confirmTodos(ctx) });
}
