// Reading the 后备人才库: one talent within the reader's sight (else 404), the scoped list with filters, the views
// with names and figures, and one person's page (history, evaluations, milestones with their 督办 status, every
// nomination of the person, current posts, assessment results and 民主评议 grades over the years).
import { sql } from 'kysely';
import { inSubtree } from '../../db/dialect.js';
import { inSlices } from '../../db/batch.js';
import type { DbOrTx } from '../../db/types.js';
import type { Actor } from '../../platform/access/actor.js';
import { userDisplayNames } from '../../platform/accounts/service.js';
import { shanghaiDate, todayIn } from '../../platform/calendar.js';
import { memberYearHours, requiredTenths } from './hours.js';
import { HOURS_RULES } from './hoursSettings.js';
import { memberExamResults } from './examResults.js';
import type { Platform } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { window } from '../../platform/http/paging.js';
import { appraisalGradesOf, publishedResultsOf } from '../assessment/index.js';
import { memberSummaries } from '../members/index.js';
import { currentPosts, liveOrg, orgNames, orgsUnder, POST_NAMES } from '../org/index.js';
import { lightOf, TASK_RULES, TASK_STATUS_NAMES, taskStatuses } from '../tasks/index.js';
import { decidesTalent, readsAt, seesTalent, visibleTalents, writeScopes } from './policy.js';
import { TALENT_ACTION_NAMES, type TalentAllowed, type TalentDetail, type TalentQuery, type TalentView } from './talentSchema.js';
import { categoryNames, TALENT_RULES } from './talentSettings.js';
import type { TrainingTalentTable } from './tables.js';

/** The talent if the actor sees it, else 404 (out of sight answers like missing). */
export async function talentFor(db: DbOrTx, actor: Actor, id: string): Promise<TrainingTalentTable> {
  const x = await db.selectFrom('training_talents').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', id).executeTakeFirst();
  if (!x || !seesTalent(actor, x)) throw notFound('后备人才');
  return x;
}

/** What the actor may do with the talent now (the web shows exactly these buttons). */
export function allowedOn(actor: Actor, x: TrainingTalentTable): TalentAllowed[] {
  if (!decidesTalent(actor)) return [];
  if (x.status === 'nominated') return ['accept', 'reject'];
  if (x.status === 'active') return ['evaluate', 'plan', 'milestone', 'remove'];
  return [];
}

/** Latest evaluation and milestone counts (done = its 督办 task closed) per talent. */
async function figures(db: DbOrTx, tenantId: string, ids: readonly string[]) {
  const [evals, stones] = await Promise.all([
    inSlices([...ids], (slice) => db.selectFrom('training_talent_evaluations').select(['talent_id', 'year', 'grade'])
      .where('tenant_id', '=', tenantId).where('talent_id', 'in', slice).orderBy('year').execute()),
    inSlices([...ids], (slice) => db.selectFrom('training_talent_milestones').select(['talent_id', 'task_id'])
      .where('tenant_id', '=', tenantId).where('talent_id', 'in', slice).execute()),
  ]);
  const tasks = await taskStatuses(db, tenantId, stones.map((s) => s.task_id));
  const latest = new Map(evals.map((e) => [e.talent_id, e]));
  const counts = new Map<string, { all: number; done: number }>();
  for (const s of stones) {
    const c = counts.get(s.talent_id) ?? { all: 0, done: 0 };
    c.all += 1;
    if (tasks.get(s.task_id)?.status === 'closed') c.done += 1;
    counts.set(s.talent_id, c);
  }
  return { latest, counts };
}

export async function toViews(p: Platform, actor: Actor, rows: TrainingTalentTable[]): Promise<TalentView[]> {
  if (rows.length === 0) return [];
  const t = actor.tenantId;
  const [members, orgs, f] = await Promise.all([
    memberSummaries(p.db, t, rows.map((r) => r.member_id)),
    orgNames(p.db, [t], [...new Set(rows.map((r) => r.org_id))]),
    figures(p.db, t, rows.map((r) => r.id)),
  ]);
  return rows.map((x) => {
    const e = f.latest.get(x.id);
    const c = f.counts.get(x.id);
    return {
      id: x.id, memberId: x.member_id, memberName: members.get(x.member_id)?.name ?? '', orgId: x.org_id, orgName: orgs.get(`${t}/${x.org_id}`) ?? '',
      category: x.category, status: x.status, reason: x.reason, planGoal: x.plan_goal, decisionNote: x.decision_note, decidedOn: x.decided_on,
      removedOn: x.removed_on, removedReason: x.removed_reason, latestGrade: e?.grade ?? null, latestGradeYear: e?.year ?? null,
      milestones: c?.all ?? 0, milestonesDone: c?.done ?? 0, allowed: allowedOn(actor, x),
      nominatedOn: shanghaiDate(new Date(x.created_at)), updatedAt: x.updated_at,
    };
  });
}

/** The talents the actor sees (training.read over the nominating branch), filtered and paged; waiting ones first. */
export async function listTalents(p: Platform, actor: Actor, q: TalentQuery) {
  let base = p.db.selectFrom('training_talents as tt').where('tt.tenant_id', '=', actor.tenantId).where(visibleTalents(actor, 'tt'));
  if (q.status) base = base.where('tt.status', '=', q.status);
  if (q.category) base = base.where('tt.category', '=', q.category);
  if (q.orgId) {
    const org = await liveOrg(p.db, actor.tenantId, q.orgId);
    if (!org || !readsAt(actor, org.path)) throw notFound('组织');
    base = base.where(inSubtree(sql.ref<string>('tt.org_path'), org.path));
  }
  const keyword = q.keyword?.trim();
  if (keyword) {
    const all = await p.db.selectFrom('training_talents').select('member_id').distinct().where('tenant_id', '=', actor.tenantId).execute();
    const named = [...(await memberSummaries(p.db, actor.tenantId, all.map((h) => h.member_id))).values()].filter((m) => m.name.includes(keyword)).map((m) => m.id);
    if (named.length === 0) base = base.where(sql<boolean>`1 = 0`);
    else base = base.where('tt.member_id', 'in', named);
  }
  const total = Number((await base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
  const win = window(q);
  const rows = await base.selectAll('tt')
    .orderBy(sql`case tt.status when 'nominated' then 0 when 'active' then 1 when 'rejected' then 2 else 3 end`)
    .orderBy('tt.org_path').orderBy('tt.created_at', 'desc').orderBy('tt.id').limit(win.limit).offset(win.offset).execute();
  const rules = await p.settings.get(actor.tenantId, TALENT_RULES);
  const canNominate = writeScopes(actor).length > 0;
  return { items: await toViews(p, actor, rows), total, page: q.page, pageSize: q.pageSize, categories: categoryNames(rules), canNominate };
}

/** One person's page around the talent record `x`. */
export async function talentDetail(p: Platform, actor: Actor, x: TrainingTalentTable): Promise<TalentDetail> {
  const t = actor.tenantId;
  const [view] = await toViews(p, actor, [x]);
  const [events, evals, stones, siblings] = await Promise.all([
    p.db.selectFrom('training_talent_events').selectAll().where('tenant_id', '=', t).where('talent_id', '=', x.id).orderBy('at').orderBy('id').execute(),
    p.db.selectFrom('training_talent_evaluations').selectAll().where('tenant_id', '=', t).where('talent_id', '=', x.id).orderBy('year', 'desc').execute(),
    p.db.selectFrom('training_talent_milestones').selectAll().where('tenant_id', '=', t).where('talent_id', '=', x.id).orderBy('due_on').orderBy('id').execute(),
    p.db.selectFrom('training_talents as tt').selectAll('tt').where('tt.tenant_id', '=', t).where('tt.member_id', '=', x.member_id).where(visibleTalents(actor, 'tt')).orderBy('tt.created_at', 'desc').orderBy('tt.id', 'desc').execute(),
  ]);
  const names = await userDisplayNames(p.db, t, [...events.flatMap((e) => (e.actor_id ? [e.actor_id] : [])), ...evals.flatMap((e) => (e.evaluated_by ? [e.evaluated_by] : []))]);
  const tasks = await taskStatuses(p.db, t, stones.map((s) => s.task_id));
  const today = todayIn(p.clock);
  const { yellowDays } = await p.settings.get(t, TASK_RULES);
  // The person's posts anywhere in the tree, as the register shows them.
  const root = `/${x.org_path.split('/').filter(Boolean)[0]}/`;
  const orgs = await orgsUnder(p.db, t, root);
  const posts = [...(await currentPosts(p.db, t, orgs.map((o) => o.id))).values()].flat().filter((r) => r.member_id === x.member_id);
  const postOrgNames = await orgNames(p.db, [t], [...new Set([...posts.map((r) => r.org_id), ...siblings.map((s) => s.org_id)])]);
  const year = Number(today.slice(0, 4));
  const years = [year, year - 1, year - 2];
  const [assessments, appraisals, yearly, exams, hoursRules] = await Promise.all([
    publishedResultsOf(p.db, t, x.member_id), appraisalGradesOf(p.db, t, x.member_id),
    Promise.all(years.map((y) => memberYearHours(p.db, t, [x.member_id], y))), memberExamResults(p.db, t, [x.member_id]), p.settings.get(t, HOURS_RULES),
  ]);
  // The requirement as it stands now: a cadre (any committee post) owes the cadres' hours.
  const required = requiredTenths(hoursRules, posts.some((r) => r.post !== 'groupLeader'));
  return {
    ...view!,
    events: events.map((e) => ({ id: e.id, action: e.action, actionName: TALENT_ACTION_NAMES[e.action] ?? e.action, note: e.note, actorName: e.actor_id ? (names.get(e.actor_id) ?? null) : null, at: e.at })),
    evaluations: evals.map((e) => ({ id: e.id, year: e.year, grade: e.grade, comment: e.comment, evaluatorName: e.evaluated_by ? (names.get(e.evaluated_by) ?? null) : null, evaluatedAt: e.evaluated_at })),
    milestoneItems: stones.map((s) => {
      const k = tasks.get(s.task_id);
      return {
        id: s.id, title: s.title, dueOn: s.due_on, taskId: s.task_id, taskStatus: k?.status ?? null, taskStatusName: k ? TASK_STATUS_NAMES[k.status] : '任务已删除',
        light: k ? lightOf(k.status, k.dueOn, today, yellowDays) : null, percent: k?.percent ?? 0, closedOn: k?.closedOn ?? null,
      };
    }),
    nominations: siblings.map((s) => ({
      id: s.id, category: s.category, status: s.status, reason: s.reason, orgName: postOrgNames.get(`${t}/${s.org_id}`) ?? '', nominatedOn: shanghaiDate(new Date(s.created_at)),
      decidedOn: s.decided_on, decisionNote: s.decision_note, removedOn: s.removed_on, removedReason: s.removed_reason,
    })),
    posts: posts.map((r) => ({ orgName: postOrgNames.get(`${t}/${r.org_id}`) ?? '', postName: (POST_NAMES as Record<string, string>)[r.post] ?? r.post, since: r.started_on })),
    assessments,
    appraisals,
    hours: years.map((y, i) => ({ year: y, totalTenths: yearly[i]!.get(x.member_id)?.total ?? 0, requiredTenths: required })),
    exams: exams.get(x.member_id) ?? [],
  };
}
