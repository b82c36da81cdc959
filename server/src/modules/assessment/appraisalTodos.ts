// 待办 of 民主评议: members who have not finished rating (self, or some graded colleague), and the branch
// committee's decisions still pending (for managers granted at the branch itself, not committee-wide).
import type { Platform } from '../../platform/context.js';
import type { TodoContext } from '../../platform/notify/index.js';
import { memberOfUser } from '../members/index.js';
import { adb, branchNames } from './appraisals.js';
import { appraisalDecidersAt } from './policy.js';

const LIMIT = 50;
const link = (id: string) => `/appraisals?id=${id}`;

async function toRate(ctx: TodoContext) {
  const a = ctx.actor;
  const me = await memberOfUser(ctx.db, a.tenantId, a.userId);
  if (!me) return [];
  const db = adb(ctx.db);
  const rows = await db.selectFrom('appraisal_members as am')
    .innerJoin('appraisals as ap', (j) => j.onRef('ap.tenant_id', '=', 'am.tenant_id').onRef('ap.id', '=', 'am.appraisal_id'))
    .select(['ap.id', 'ap.year', 'ap.branch_id', 'am.self_grade', 'ap.created_at'])
    .where('am.tenant_id', '=', a.tenantId).where('am.member_id', '=', me.id).where('ap.status', '=', 'open').where('ap.deleted_at', 'is', null)
    .limit(LIMIT).execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [graded, mine, nameOf] = await Promise.all([
    db.selectFrom('appraisal_members').select(['appraisal_id', 'member_id']).where('tenant_id', '=', a.tenantId).where('appraisal_id', 'in', ids).where('graded', '=', 1).execute(),
    db.selectFrom('appraisal_ratings').select(['appraisal_id', 'member_id']).where('tenant_id', '=', a.tenantId).where('appraisal_id', 'in', ids).where('rater_member_id', '=', me.id).execute(),
    branchNames(ctx.db, ctx.actor, rows.map((r) => r.branch_id)),
  ]);
  return rows.flatMap((r) => {
    const others = graded.filter((g) => g.appraisal_id === r.id && g.member_id !== me.id).length;
    const rated = mine.filter((m) => m.appraisal_id === r.id).length;
    if (r.self_grade !== null && rated >= others) return [];
    const what = [r.self_grade === null ? '自评' : '', rated < others ? `互评（还有 ${others - rated} 人）` : ''].filter(Boolean).join('、');
    const name = nameOf(r.branch_id);
    return [{ kind: 'appraisal.rate', title: `${name} ${r.year} 年民主评议：请完成${what}`, link: link(r.id), entityId: r.id, orgName: name, since: r.created_at }];
  });
}

async function toDecide(ctx: TodoContext) {
  const a = ctx.actor;
  const at = appraisalDecidersAt(a);
  if (at.length === 0) return [];
  const rows = await adb(ctx.db).selectFrom('appraisals as ap')
    .innerJoin('appraisal_members as am', (j) => j.onRef('am.tenant_id', '=', 'ap.tenant_id').onRef('am.appraisal_id', '=', 'ap.id'))
    .select((eb) => ['ap.id', 'ap.year', 'ap.branch_id', eb.fn.countAll<number>().as('n')])
    .where('ap.tenant_id', '=', a.tenantId).where('ap.branch_id', 'in', at).where('ap.status', '=', 'open').where('ap.deleted_at', 'is', null)
    .where('am.graded', '=', 1).where('am.decision', 'is', null)
    .groupBy(['ap.id', 'ap.year', 'ap.branch_id']).limit(LIMIT).execute();
  const nameOf = await branchNames(ctx.db, ctx.actor, rows.map((r) => r.branch_id));
  return rows.map((r) => ({ kind: 'appraisal.decide', title: `${nameOf(r.branch_id)} ${r.year} 年民主评议：${Number(r.n)} 名党员待确定等次`, link: link(r.id), entityId: r.id, orgName: nameOf(r.branch_id) }));
}

export function registerAppraisalTodos(p: Platform): void {
  p.todos.register({ kind: 'appraisal.rate', name: '待评议', list: toRate });
  p.todos.register({ kind: 'appraisal.decide', name: '待定等次', list: toDecide });
}
