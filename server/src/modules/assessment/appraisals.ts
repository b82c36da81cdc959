// 民主评议党员 (yearly, per branch): the branch's members listed when it opens (预备党员 listed, not graded by
// default), self rating through the member's own account, peer ratings among the branch's members, the
// committee's decision, and publication refused while 优秀 exceeds the quota (setting assessment.appraisal).
import { sql } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import type { Platform } from '../../platform/context.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import type { Db, DbOrTx, Tx } from '../../db/types.js';
import { newId } from '../../db/ids.js';
import { memberOfUser, membersUnder } from '../members/index.js';
import { liveOrg, lockOrgTree, orgInScope, orgNamesOf, orgPathOf, orgsInScope } from '../org/index.js';
import { APPRAISAL_RULES, excellentQuota, quotaProblem } from './bonus.js';
import { GRADE_NAMES, GRADES, type AppraisalGrade, type AppraisalTables } from './appraisalTables.js';
import {
  assertAppraisalManager, assertRater, assertSeesAppraisal, managedAppraisals, managesAppraisal, seesDecisions, seesSelfRating, visibleAppraisals,
} from './policy.js';

/** The appraisal tables on any handle (they are created by migration 0010 through createAppraisalTables). */
export const adb = (db: DbOrTx) => db.withTables<AppraisalTables>();
export const atx = (trx: Tx) => trx.withTables<AppraisalTables>();

export interface AppraisalHead { id: string; branch_id: string; year: number; status: 'open' | 'published'; published_at: string | null; branchName: string; branchPath: string }

/** The branch's current path and name: a moved branch keeps its appraisals under its new place. */
const branchCols = { tenant: sql.ref<string>('a.tenant_id'), branchId: sql.ref<string>('a.branch_id') };
const branchPath = () => orgPathOf({ tenant: branchCols.tenant, orgId: branchCols.branchId });
/** Names of branches from the reader's cached tree, as a lookup. */
export const branchNames = async (db: Db, actor: Actor, ids: string[]) => {
  const names = await orgNamesOf(db, actor, ids);
  return (id: string) => names.get(`${actor.tenantId}/${id}`) ?? '';
};

async function loadAppraisal(db: Db, actor: Actor, id: string): Promise<AppraisalHead | undefined> {
  const row = await adb(db).selectFrom('appraisals as a')
    .select(['a.id', 'a.branch_id', 'a.year', 'a.status', 'a.published_at', branchPath().as('branchPath')])
    .where('a.tenant_id', '=', actor.tenantId).where('a.id', '=', id).where('a.deleted_at', 'is', null)
    .executeTakeFirst();
  return row && { ...row, branchName: (await branchNames(db, actor, [row.branch_id]))(row.branch_id) };
}

/** The member record of the actor's own account if it is listed in this appraisal. */
export async function participant(db: DbOrTx, actor: Actor, appraisalId: string): Promise<{ memberId: string; graded: boolean } | undefined> {
  const me = await memberOfUser(db, actor.tenantId, actor.userId);
  if (!me) return undefined;
  const row = await adb(db).selectFrom('appraisal_members').select(['member_id', 'graded'])
    .where('tenant_id', '=', actor.tenantId).where('appraisal_id', '=', appraisalId).where('member_id', '=', me.id).executeTakeFirst();
  return row && { memberId: row.member_id, graded: row.graded === 1 };
}

/** Visible to managers of the branch and to its participants; anyone else → 404. */
export async function visibleAppraisal(db: Db, actor: Actor, id: string) {
  const a = await loadAppraisal(db, actor, id);
  if (!a) throw notFound('民主评议');
  const manager = managesAppraisal(actor, a);
  const me = await participant(db, actor, id);
  assertSeesAppraisal(manager, me);
  return { a, manager, me };
}

const assertOpen = (a: AppraisalHead) => {
  if (a.status === 'published') throw conflict('APPRAISAL_PUBLISHED', '民主评议已公布，不能再修改');
};

/** Inside the writing transaction: touch the appraisal only while open, so a write racing a publish loses (row lock on PostgreSQL). */
async function touchOpen(trx: Tx, tenantId: string, id: string, at: string): Promise<void> {
  const res = await atx(trx).updateTable('appraisals').set({ updated_at: at }).where('tenant_id', '=', tenantId).where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw conflict('APPRAISAL_PUBLISHED', '民主评议已公布，不能再修改');
}

const noBranch = () => badRequest('支部不存在或无权组织民主评议', { branchId: '支部不存在或无权组织民主评议' });

export async function openAppraisal(p: Platform, ctx: AuditContext, actor: Actor, input: { branchId: string; year: number }): Promise<string> {
  const org = await orgInScope(p.db, actor, 'appraisal.manage', input.branchId);
  if (!org) throw noBranch();
  if (org.kind !== 'branch' && org.kind !== 'jointBranch') throw badRequest('民主评议按党支部组织，请选择党支部', { branchId: '请选择党支部' });
  const rules = await p.settings.get(actor.tenantId, APPRAISAL_RULES);
  const at = p.clock.now().toISOString();
  const id = newId(p.clock.now().getTime());
  await p.audit.tx(ctx, async (trx) => {
    // The members are listed by the branch's path: read it again with the tree locked, so a move committed since
    // the check above (or meanwhile) cannot leave the list empty or stale.
    await lockOrgTree(trx, p.data.dialect, actor.tenantId);
    const branch = await liveOrg(trx, actor.tenantId, org.id);
    if (!branch || !managesAppraisal(actor, { branchPath: branch.path })) throw noBranch();
    const t = atx(trx);
    const exists = await t.selectFrom('appraisals').select('id').where('tenant_id', '=', actor.tenantId).where('branch_id', '=', org.id).where('year', '=', input.year).executeTakeFirst();
    if (exists) throw conflict('APPRAISAL_EXISTS', `${org.name} ${input.year} 年的民主评议已存在`);
    // A branch holds no other branch, so its subtree's members are exactly those whose branch it is.
    const members = await membersUnder(trx, actor.tenantId, branch.path, { status: 'active' });
    if (members.length === 0) throw badRequest('该支部没有在册党员', { branchId: '该支部没有在册党员' });
    await t.insertInto('appraisals').values({ tenant_id: actor.tenantId, id, branch_id: org.id, year: input.year, status: 'open', created_by: actor.userId, created_at: at, updated_at: at, published_at: null, published_by: null, deleted_at: null }).execute();
    await t.insertInto('appraisal_members').values(members.map((m, i) => ({
      tenant_id: actor.tenantId, appraisal_id: id, member_id: m.id, member_name: m.name, member_type: m.type,
      graded: (m.type === 'full' || rules.gradeProbationary ? 1 : 0) as 0 | 1, sort_order: i,
      self_grade: null, self_comment: '', self_at: null, decision: null, decision_note: '', decided_by: null, decided_at: null,
    }))).execute();
    await p.audit.record(trx, ctx, { action: 'appraisal.open', entity: 'appraisal', entityId: id, after: { branchId: org.id, year: input.year, members: members.length } });
  });
  return id;
}

export async function appraisalDetail(p: Platform, actor: Actor, id: string) {
  const { a, manager, me } = await visibleAppraisal(p.db, actor, id);
  const db = adb(p.db);
  const [members, ratings, rules] = await Promise.all([
    db.selectFrom('appraisal_members').selectAll().where('tenant_id', '=', actor.tenantId).where('appraisal_id', '=', id).orderBy('sort_order').execute(),
    db.selectFrom('appraisal_ratings').select(['rater_member_id', 'member_id', 'grade']).where('tenant_id', '=', actor.tenantId).where('appraisal_id', '=', id).execute(),
    p.settings.get(actor.tenantId, APPRAISAL_RULES),
  ]);
  const graded = members.filter((m) => m.graded === 1);
  const showDecisions = seesDecisions(manager, a);
  return {
    id: a.id, branchId: a.branch_id, branchName: a.branchName, year: a.year, status: a.status, publishedAt: a.published_at,
    manager,
    gradedCount: graded.length,
    excellentCount: showDecisions ? graded.filter((m) => m.decision === 'excellent').length : 0,
    excellentMax: excellentQuota(graded.length, rules.excellentMaxRatio),
    me: me ? {
      memberId: me.memberId, graded: me.graded,
      selfGrade: members.find((m) => m.member_id === me.memberId)?.self_grade ?? null,
      ratings: Object.fromEntries(ratings.filter((r) => r.rater_member_id === me.memberId).map((r) => [r.member_id, r.grade])),
    } : null,
    members: members.map((m) => {
      const mine = ratings.filter((r) => r.member_id === m.member_id);
      const peer = Object.fromEntries(GRADES.map((g) => [g, manager ? mine.filter((r) => r.grade === g).length : 0])) as Record<AppraisalGrade, number>;
      const self = seesSelfRating(manager, me, m.member_id);
      return {
        memberId: m.member_id, name: m.member_name, type: m.member_type, graded: m.graded === 1,
        selfGrade: self ? m.self_grade : null, selfComment: self ? m.self_comment : '',
        peer, peerCount: manager ? mine.length : 0,
        decision: showDecisions ? m.decision : null, decisionNote: showDecisions ? m.decision_note : '',
      };
    }),
  };
}

export async function rateSelf(p: Platform, ctx: AuditContext, actor: Actor, id: string, body: { grade: AppraisalGrade; comment?: string | undefined }): Promise<void> {
  const { a, me } = await visibleAppraisal(p.db, actor, id);
  assertRater(me, '只有参评党员本人可以自评');
  assertOpen(a);
  const at = p.clock.now().toISOString();
  await p.audit.tx(ctx, async (trx) => {
    await touchOpen(trx, actor.tenantId, id, at);
    const t = atx(trx);
    const before = await t.selectFrom('appraisal_members').select(['self_grade', 'self_comment']).where('tenant_id', '=', actor.tenantId).where('appraisal_id', '=', id).where('member_id', '=', me.memberId).executeTakeFirstOrThrow();
    await t.updateTable('appraisal_members').set({ self_grade: body.grade, self_comment: body.comment ?? '', self_at: at })
      .where('tenant_id', '=', actor.tenantId).where('appraisal_id', '=', id).where('member_id', '=', me.memberId).execute();
    await p.audit.record(trx, ctx, { action: 'appraisal.self', entity: 'appraisal', entityId: id, before: { memberId: me.memberId, ...before }, after: { memberId: me.memberId, self_grade: body.grade, self_comment: body.comment ?? '' } });
  });
}

export async function ratePeers(p: Platform, ctx: AuditContext, actor: Actor, id: string, ratings: { memberId: string; grade: AppraisalGrade }[]): Promise<void> {
  const { a, me } = await visibleAppraisal(p.db, actor, id);
  assertRater(me, '只有本支部参评党员可以互评');
  assertOpen(a);
  const listed = new Map((await adb(p.db).selectFrom('appraisal_members').select(['member_id', 'member_name', 'graded']).where('tenant_id', '=', actor.tenantId).where('appraisal_id', '=', id).execute()).map((m) => [m.member_id, m]));
  const fields = listedMemberProblems(listed, ratings, 'ratings', me.memberId);
  const seen = new Set<string>();
  ratings.forEach((r, i) => { if (seen.has(r.memberId)) fields[`ratings.${i}.memberId`] ??= '同一党员只能评议一次'; seen.add(r.memberId); });
  throwFirst(fields);
  const at = p.clock.now().toISOString();
  await p.audit.tx(ctx, async (trx) => {
    await touchOpen(trx, actor.tenantId, id, at);
    const t = atx(trx);
    for (const r of ratings) {
      await t.insertInto('appraisal_ratings').values({ tenant_id: actor.tenantId, appraisal_id: id, rater_member_id: me.memberId, member_id: r.memberId, grade: r.grade, at })
        .onConflict((oc) => oc.columns(['tenant_id', 'appraisal_id', 'rater_member_id', 'member_id']).doUpdateSet({ grade: r.grade, at })).execute();
    }
    // Who rated whom is secret to the other members, so the audit keeps only the rater and the count.
    await p.audit.record(trx, ctx, { action: 'appraisal.peer', entity: 'appraisal', entityId: id, after: { rater: me.memberId, count: ratings.length } });
  });
}

/** Field problems of rows naming members: oneself (when rating), not listed in this appraisal, or not graded (预备党员). */
function listedMemberProblems(listed: ReadonlyMap<string, { member_name: string; graded: number }>, rows: readonly { memberId: string }[], list: string, self?: string): Record<string, string> {
  const fields: Record<string, string> = {};
  rows.forEach((r, i) => {
    const m = listed.get(r.memberId);
    if (r.memberId === self) fields[`${list}.${i}.memberId`] = '不能给自己评议';
    else if (!m) fields[`${list}.${i}.memberId`] = '该党员不在本次民主评议中';
    else if (m.graded !== 1) fields[`${list}.${i}.memberId`] = `${m.member_name}为预备党员，不评定等次`;
  });
  return fields;
}

/** A 400 with the first problem as the message and every problem by field, when there are any. */
function throwFirst(fields: Record<string, string>): void {
  const first = Object.values(fields)[0];
  if (first) throw badRequest(first, fields);
}

export async function decide(p: Platform, ctx: AuditContext, actor: Actor, id: string, decisions: { memberId: string; grade: AppraisalGrade; note?: string | undefined }[]): Promise<void> {
  const { a, manager } = await visibleAppraisal(p.db, actor, id);
  assertAppraisalManager(manager, '只有支部委员会可以确定等次');
  assertOpen(a);
  const listed = new Map((await adb(p.db).selectFrom('appraisal_members').select(['member_id', 'member_name', 'graded', 'decision', 'decision_note']).where('tenant_id', '=', actor.tenantId).where('appraisal_id', '=', id).execute()).map((m) => [m.member_id, m]));
  throwFirst(listedMemberProblems(listed, decisions, 'decisions'));
  const at = p.clock.now().toISOString();
  await p.audit.tx(ctx, async (trx) => {
    await touchOpen(trx, actor.tenantId, id, at);
    const t = atx(trx);
    for (const d of decisions) {
      await t.updateTable('appraisal_members').set({ decision: d.grade, decision_note: d.note ?? '', decided_by: actor.userId, decided_at: at })
        .where('tenant_id', '=', actor.tenantId).where('appraisal_id', '=', id).where('member_id', '=', d.memberId).execute();
    }
    await p.audit.record(trx, ctx, {
      action: 'appraisal.decide', entity: 'appraisal', entityId: id,
      before: decisions.map((d) => ({ memberId: d.memberId, grade: listed.get(d.memberId)!.decision, note: listed.get(d.memberId)!.decision_note })),
      after: decisions.map((d) => ({ memberId: d.memberId, grade: d.grade, note: d.note ?? '' })),
    });
  });
}

export async function publishAppraisal(p: Platform, ctx: AuditContext, actor: Actor, id: string): Promise<void> {
  const { a, manager } = await visibleAppraisal(p.db, actor, id);
  assertAppraisalManager(manager, '只有支部委员会可以公布民主评议结果');
  assertOpen(a);
  const rules = await p.settings.get(actor.tenantId, APPRAISAL_RULES);
  const at = p.clock.now().toISOString();
  await p.audit.tx(ctx, async (trx) => {
    const t = atx(trx);
    // Take the row first (status guard, row lock on PostgreSQL), then count: a decision committed meanwhile is seen.
    const res = await t.updateTable('appraisals').set({ status: 'published', published_at: at, published_by: actor.userId, updated_at: at })
      .where('tenant_id', '=', actor.tenantId).where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict('APPRAISAL_PUBLISHED', '民主评议已公布，不能再修改');
    const graded = await t.selectFrom('appraisal_members').select(['decision']).where('tenant_id', '=', actor.tenantId).where('appraisal_id', '=', id).where('graded', '=', 1).execute();
    const undecided = graded.filter((m) => m.decision === null).length;
    if (undecided > 0) throw conflict('APPRAISAL_UNDECIDED', `还有 ${undecided} 名党员未确定等次`);
    const excellent = graded.filter((m) => m.decision === 'excellent').length;
    const problem = quotaProblem(excellent, graded.length, rules.excellentMaxRatio);
    if (problem) throw conflict('APPRAISAL_QUOTA', problem);
    const counts = Object.fromEntries(GRADES.map((g) => [GRADE_NAMES[g], graded.filter((m) => m.decision === g).length]));
    await p.audit.record(trx, ctx, { action: 'appraisal.publish', entity: 'appraisal', entityId: id, before: { status: 'open' }, after: { status: 'published', counts } });
  });
}

/**
 * The appraisals the actor sees (managed branches and their own), and, for one year, the branches they manage
 * that have not started theirs: the committee sees who has not begun, a secretary may start from there.
 */
export async function listAppraisals(p: Platform, actor: Actor, q: { year?: number | undefined; branchId?: string | undefined }) {
  const me = await memberOfUser(p.db, actor.tenantId, actor.userId);
  let query = adb(p.db).selectFrom('appraisals as a')
    .select(['a.id', 'a.branch_id', 'a.year', 'a.status', 'a.published_at', sql<number>`case when ${managedAppraisals(actor, branchCols)} then 1 else 0 end`.as('manager')])
    .where('a.tenant_id', '=', actor.tenantId).where('a.deleted_at', 'is', null).where(visibleAppraisals(actor, branchCols, me?.branchId ?? null));
  if (q.year !== undefined) query = query.where('a.year', '=', q.year);
  if (q.branchId !== undefined) query = query.where('a.branch_id', '=', q.branchId);
  const [rows, notStarted] = await Promise.all([query.orderBy('a.year', 'desc').orderBy(branchPath()).execute(), q.year === undefined ? [] : unstartedBranches(p, actor, q.year, q.branchId)]);
  if (rows.length === 0) return { items: [], notStarted };
  const [members, branchName] = await Promise.all([
    adb(p.db).selectFrom('appraisal_members').select(['appraisal_id', 'graded', 'decision', 'self_grade'])
      .where('tenant_id', '=', actor.tenantId).where('appraisal_id', 'in', rows.map((r) => r.id)).execute(),
    branchNames(p.db, actor, rows.map((r) => r.branch_id)),
  ]);
  const items = rows.map((r) => {
    const ms = members.filter((m) => m.appraisal_id === r.id);
    const manager = Number(r.manager) === 1;
    return {
      id: r.id, branchId: r.branch_id, branchName: branchName(r.branch_id), year: r.year, status: r.status, publishedAt: r.published_at,
      memberCount: ms.length, gradedCount: ms.filter((m) => m.graded === 1).length,
      excellentCount: seesDecisions(manager, r) ? ms.filter((m) => m.graded === 1 && m.decision === 'excellent').length : 0,
      // Progress is the committee's to follow, like the self ratings it counts.
      selfRatedCount: manager ? ms.filter((m) => m.self_grade !== null).length : null,
    };
  });
  return { items, notStarted };
}

/** Branches (of the actor's own tenant) under their appraisal.manage with no appraisal for the year, in tree order. */
async function unstartedBranches(p: Platform, actor: Actor, year: number, branchId: string | undefined) {
  const branches = (await orgsInScope(p.db, actor, 'appraisal.manage'))
    .filter((o) => o.tenant_id === actor.tenantId && (o.kind === 'branch' || o.kind === 'jointBranch') && (branchId === undefined || o.id === branchId));
  if (branches.length === 0) return [];
  // Any row, deleted or not, blocks opening another for the year (openAppraisal), so it is not offered here either.
  const started = new Set((await adb(p.db).selectFrom('appraisals').select('branch_id')
    .where('tenant_id', '=', actor.tenantId).where('year', '=', year).where('branch_id', 'in', branches.map((b) => b.id)).execute()).map((r) => r.branch_id));
  return branches.filter((b) => !started.has(b.id)).map((b) => ({ branchId: b.id, branchName: b.name, year }));
}
