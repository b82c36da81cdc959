// What 考试 adds to the platform: the 待办 '待参加考试' of a learner, the job that grades attempts left open past their
// deadline, and the metrics exam participation rate and pass rate per organisation.
import { addDays, shanghaiDateOf, shanghaiDayStart } from '../../platform/calendar.js';
import type { Platform } from '../../platform/context.js';
import { subtreeRates, type MetricContext } from '../../platform/metrics/registry.js';
import type { TodoContext, TodoItem } from '../../platform/notify/index.js';
import { inSlices } from '../../db/batch.js';
import { memberOfUser, membersUnder } from '../members/index.js';
import { metricTargets } from '../org/index.js';
import { closeExpired } from './attempts.js';
import { learns, offeredTo, selfAndAncestors } from './policy.js';

/** Published exams open now and offered to the learner, not yet submitted by them and with attempts left. */
async function examTodos(p: Platform, ctx: TodoContext): Promise<TodoItem[]> {
  if (!learns(ctx.actor)) return [];
  const me = await memberOfUser(ctx.db, ctx.actor.tenantId, ctx.actor.userId);
  if (!me) return [];
  const now = p.clock.now().toISOString();
  const rows = await ctx.db.selectFrom('training_exams as e')
    .select(['e.id', 'e.title', 'e.closes_at', 'e.opens_at', 'e.max_attempts'])
    .select((eb) => [
      eb.selectFrom('training_attempts as a').select(eb.fn.countAll<number>().as('n')).whereRef('a.tenant_id', '=', 'e.tenant_id').whereRef('a.exam_id', '=', 'e.id').where('a.member_id', '=', me.id).as('used'),
      eb.selectFrom('training_attempts as a').select(eb.fn.countAll<number>().as('n')).whereRef('a.tenant_id', '=', 'e.tenant_id').whereRef('a.exam_id', '=', 'e.id').where('a.member_id', '=', me.id).where('a.status', '=', 'submitted').as('done'),
    ])
    .where('e.tenant_id', '=', ctx.actor.tenantId).where('e.deleted_at', 'is', null).where('e.status', '=', 'published')
    .where('e.opens_at', '<=', now).where('e.closes_at', '>', now).where(offeredTo(me.orgPath, 'e')).orderBy('e.closes_at').limit(50).execute();
  return rows.filter((r) => Number(r.done ?? 0) === 0 && Number(r.used ?? 0) < r.max_attempts).map((r) => ({
    kind: 'training.exam', title: `待参加考试：${r.title}`, link: '/training/my-exams', entityId: r.id, due: shanghaiDateOf(r.closes_at), since: r.opens_at,
  }));
}

/** (member, exam) pairs of the period: exams published and closing in it, offered to the member's organisation. */
async function takerPairs(ctx: MetricContext) {
  const { from, to } = ctx.period;
  const orgs = await metricTargets(ctx);
  const exams = await ctx.db.selectFrom('training_exams').select(['id', 'org_path'])
    .where('tenant_id', '=', ctx.tenantId).where('deleted_at', 'is', null).where('status', '=', 'published')
    .where('closes_at', '>=', shanghaiDayStart(from)).where('closes_at', '<', shanghaiDayStart(addDays(to, 1))).execute();
  const tops = orgs.filter((o) => !orgs.some((x) => x.id !== o.id && o.path.startsWith(x.path) && x.path !== o.path));
  const members = [...new Map((await Promise.all([...new Set(tops.map((o) => o.path))].map((path) => membersUnder(ctx.db, ctx.tenantId, path, { status: 'active' }))))
    .flat().map((m) => [m.id, m])).values()];
  const attempts = exams.length ? await inSlices(exams.map((e) => e.id), (slice) => ctx.db.selectFrom('training_attempts').select(['exam_id', 'member_id', 'passed'])
    .where('tenant_id', '=', ctx.tenantId).where('exam_id', 'in', slice).where('status', '=', 'submitted').execute()) : [];
  const took = new Set(attempts.map((a) => `${a.member_id}/${a.exam_id}`));
  const passed = new Set(attempts.filter((a) => a.passed === 1).map((a) => `${a.member_id}/${a.exam_id}`));
  const pairs = members.flatMap((m) => {
    const above = new Set(selfAndAncestors(m.orgPath));
    return exams.filter((e) => above.has(e.org_path)).map((e) => ({ path: m.orgPath, key: `${m.id}/${e.id}` }));
  });
  return { orgs, pairs, took, passed };
}

export function registerExamServices(p: Platform): void {
  p.todos.register({ kind: 'training.exam', name: '待参加考试', list: (ctx) => examTodos(p, ctx) });
  p.jobs.register({
    name: 'training.closeAttempts', schedule: { everyMinutes: 10 },
    run: async ({ db, tenantId, now }) => { await closeExpired(p, db, tenantId, now.toISOString()); },
  });
  p.metrics.register({
    key: 'training.examParticipation', name: '考试参考率', unit: '%', target: 'org',
    description: '考核期内结束的已发布考试中，组织（含下级）现有在册党员应参加的人次里已交卷的比例（考试由本组织或上级组织发布）。',
    async compute(ctx) {
      const { orgs, pairs, took } = await takerPairs(ctx);
      return subtreeRates(orgs, pairs.map((x) => ({ path: x.path, hit: took.has(x.key) })));
    },
  });
  p.metrics.register({
    key: 'training.examPassRate', name: '考试及格率', unit: '%', target: 'org',
    description: '考核期内结束的已发布考试中，组织（含下级）现有在册党员已交卷的人次里，至少一次及格的比例。',
    async compute(ctx) {
      const { orgs, pairs, took, passed } = await takerPairs(ctx);
      return subtreeRates(orgs, pairs.filter((x) => took.has(x.key)).map((x) => ({ path: x.path, hit: passed.has(x.key) })));
    },
  });
}
