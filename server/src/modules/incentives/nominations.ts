// Nominations (推荐): a branch nominates a member of its subtree (优秀共产党员; 优秀党务工作者 only someone holding a
// post — a current org_posts row in the nominating organisation's subtree) or an organisation of its subtree
// (先进基层党组织) while the selection is open and before its deadline. The nominee's data is snapshotted in the same
// transaction and never rewritten. The 党委 accepts within the quota or rejects; during the 公示 it records
// objections and handles them, and rejects a nomination an objection stands against.
import { todayIn } from '../../platform/calendar.js';
import { forUpdate } from '../../db/dialect.js';
import { newId } from '../../db/ids.js';
import type { Actor } from '../../platform/access/actor.js';
import { userDisplayNames } from '../../platform/accounts/service.js';
import type { AuditContext } from '../../platform/audit/service.js';
import type { Platform } from '../../platform/context.js';
import { conflict, fieldError, forbidden, notFound } from '../../platform/errors.js';
import { memberSummaries, membersUnder } from '../members/index.js';
import { currentPosts, liveOrg, orgNames, orgsUnder, POST_NAMES } from '../org/index.js';
import { categoryName } from './honourSettings.js';
import type { NominationCreate, NominationView, Snapshot } from './honourSchema.js';
import { memberSnapshot, orgSnapshot } from './nominationSnapshot.js';
import { nominatesFor, readsAt, reviewsNomination, runsSelections, visibleNominations } from './policy.js';
import { acceptedCounts, rulesOf, selectionRow } from './selections.js';
import type { HonourCategory, IncentiveNominationTable, IncentiveObjectionTable, IncentiveSelectionTable } from './tables.js';

const auditView = (n: Pick<IncentiveNominationTable, 'selection_id' | 'category' | 'nominee_kind' | 'nominee_id' | 'nominee_name' | 'org_id' | 'deeds' | 'status' | 'review_note'>) => ({
  selectionId: n.selection_id, category: n.category, nomineeKind: n.nominee_kind, nomineeId: n.nominee_id, nomineeName: n.nominee_name,
  orgId: n.org_id, deeds: n.deeds, status: n.status, reviewNote: n.review_note,
});

/** The nomination if the actor sees it, else 404. */
export async function nominationFor(p: Platform, actor: Actor, id: string): Promise<IncentiveNominationTable> {
  const n = await p.db.selectFrom('incentive_nominations as n').selectAll('n').where('n.tenant_id', '=', actor.tenantId).where('n.id', '=', id)
    .where(visibleNominations(actor)).executeTakeFirst();
  if (!n) throw notFound('推荐');
  return n;
}

export async function nominationViews(p: Platform, actor: Actor, s: IncentiveSelectionTable, rows: IncentiveNominationTable[]): Promise<NominationView[]> {
  if (rows.length === 0) return [];
  const rules = await rulesOf(p, actor.tenantId);
  const objections = await p.db.selectFrom('incentive_objections').selectAll().where('tenant_id', '=', actor.tenantId)
    .where('nomination_id', 'in', rows.map((r) => r.id)).orderBy('received_on').orderBy('created_at').execute();
  const [orgs, handlers] = await Promise.all([
    orgNames(p.db, [actor.tenantId], [...new Set(rows.map((r) => r.org_id))]),
    userDisplayNames(p.db, actor.tenantId, [...new Set(objections.flatMap((o) => (o.handled_by ? [o.handled_by] : [])))]),
  ]);
  const now = todayIn(p.clock);
  return rows.map((n) => {
    const allowed: NominationView['allowed'] = [];
    if (n.status === 'nominated' && s.status === 'nominating' && now <= s.nominate_by && nominatesFor(actor, n.org_path)) allowed.push('withdraw');
    if (reviewsNomination(actor, n.org_path) && (s.status === 'reviewing' && n.status !== 'withdrawn' || s.status === 'publicising' && n.status === 'accepted')) allowed.push('review');
    if (runsSelections(actor) && s.status === 'publicising' && n.status === 'accepted') allowed.push('object');
    return {
      id: n.id, selectionId: n.selection_id, category: n.category, categoryName: categoryName(rules, n.category), nomineeKind: n.nominee_kind,
      nomineeId: n.nominee_id, nomineeName: n.nominee_name, orgId: n.org_id, orgName: orgs.get(`${actor.tenantId}/${n.org_id}`) ?? '',
      deeds: n.deeds, snapshot: JSON.parse(n.snapshot) as Snapshot, status: n.status, reviewNote: n.review_note, createdAt: n.created_at,
      objections: objections.filter((o) => o.nomination_id === n.id).map((o) => ({
        id: o.id, nominationId: o.nomination_id, receivedOn: o.received_on, content: o.content, handling: o.handling,
        handledBy: o.handled_by ? handlers.get(o.handled_by) ?? null : null, handledAt: o.handled_at, createdAt: o.created_at,
      })),
      allowed,
    };
  });
}

export async function listNominations(p: Platform, actor: Actor, s: IncentiveSelectionTable, q: { category?: HonourCategory | undefined; status?: IncentiveNominationTable['status'] | undefined }) {
  let query = p.db.selectFrom('incentive_nominations as n').selectAll('n').where('n.tenant_id', '=', actor.tenantId).where('n.selection_id', '=', s.id).where(visibleNominations(actor));
  if (q.category) query = query.where('n.category', '=', q.category);
  query = q.status ? query.where('n.status', '=', q.status) : query.where('n.status', '!=', 'withdrawn');
  return nominationViews(p, actor, s, await query.orderBy('n.category').orderBy('n.org_path').orderBy('n.created_at').execute());
}

/** The nominating organisation: out of read scope answers 404, readable without incentive.write 403. */
async function nominatingOrg(p: Platform, actor: Actor, orgId: string) {
  const org = await liveOrg(p.db, actor.tenantId, orgId);
  if (!org || !readsAt(actor, org.path)) throw notFound('推荐组织');
  if (!nominatesFor(actor, org.path)) throw forbidden('没有以该组织名义推荐的权限');
  return org;
}

/** Members of the nominating organisation's subtree who may be nominated in the category (with their posts). */
export async function nomineeCandidates(p: Platform, actor: Actor, q: { orgId: string; category: HonourCategory; keyword?: string | undefined }) {
  const org = await nominatingOrg(p, actor, q.orgId);
  const match = (name: string) => !q.keyword || name.includes(q.keyword);
  if (q.category === 'advancedOrg') {
    const rows = await orgsUnder(p.db, actor.tenantId, org.path, ORG_KINDS);
    const names = await orgNames(p.db, [actor.tenantId], rows.map((r) => r.id));
    return rows.map((r) => ({ id: r.id, name: names.get(`${actor.tenantId}/${r.id}`) ?? r.name, orgName: '', posts: [] as string[] })).filter((r) => match(r.name)).slice(0, 200);
  }
  const [members, posts] = await Promise.all([membersUnder(p.db, actor.tenantId, org.path, { status: 'active' }), postsUnder(p, actor.tenantId, org.path)]);
  const rows = members.filter((m) => match(m.name) && (q.category === 'outstandingMember' || posts.has(m.id))).slice(0, 200);
  const names = await orgNames(p.db, [actor.tenantId], [...new Set(rows.map((r) => r.branchId))]);
  return rows.map((r) => ({ id: r.id, name: r.name, orgName: names.get(`${actor.tenantId}/${r.branchId}`) ?? '', posts: posts.get(r.id) ?? [] }));
}

const ORG_KINDS = ['committee', 'generalBranch', 'branch', 'jointBranch'] as const;

/** Current committee posts (书记, 委员 …) held in the subtree, by member id: who counts as a 党务工作者 there. */
async function postsUnder(p: Platform, tenantId: string, path: string): Promise<Map<string, string[]>> {
  const orgs = await orgsUnder(p.db, tenantId, path);
  const byOrg = await currentPosts(p.db, tenantId, orgs.map((o) => o.id));
  const out = new Map<string, string[]>();
  for (const r of [...byOrg.values()].flat()) out.set(r.member_id, [...(out.get(r.member_id) ?? []), (POST_NAMES as Record<string, string>)[r.post] ?? r.post]);
  return out;
}

export async function createNomination(p: Platform, ctx: AuditContext, actor: Actor, selectionId: string, body: NominationCreate): Promise<NominationView> {
  const s = await selectionRow(p.db, actor.tenantId, selectionId);
  const org = await nominatingOrg(p, actor, body.orgId);
  const now = todayIn(p.clock);
  if (s.status !== 'nominating') throw conflict('NOMINATION_CLOSED', '推荐已结束，不能再推荐');
  if (now > s.nominate_by) throw conflict('NOMINATION_CLOSED', `推荐截止日期（${s.nominate_by}）已过，不能再推荐`);
  const kind = body.category === 'advancedOrg' ? 'org' : 'member';
  let name: string;
  if (kind === 'member') {
    const m = (await memberSummaries(p.db, actor.tenantId, [body.nomineeId])).get(body.nomineeId);
    if (!m || m.deleted || m.status !== 'active' || !m.orgPath.startsWith(org.path)) throw notFound('党员');
    if (body.category === 'outstandingWorker' && !(await postsUnder(p, actor.tenantId, org.path)).has(m.id)) {
      throw fieldError('nomineeId', '优秀党务工作者应为在推荐组织担任党内职务（书记、委员等）的党员');
    }
    name = m.name;
  } else {
    const o = await liveOrg(p.db, actor.tenantId, body.nomineeId);
    if (!o || !o.path.startsWith(org.path)) throw notFound('组织');
    if (o.kind === 'group') throw fieldError('nomineeId', '先进基层党组织应为党委、党总支或党支部，党小组不能推荐');
    name = (await orgNames(p.db, [actor.tenantId], [o.id])).get(`${actor.tenantId}/${o.id}`) ?? o.name;
  }
  const rules = await rulesOf(p, actor.tenantId);
  const at = p.clock.now().toISOString();
  const id = newId();
  await p.audit.tx(ctx, async (trx) => {
    const dup = await trx.selectFrom('incentive_nominations').select('id').where('tenant_id', '=', actor.tenantId).where('selection_id', '=', s.id)
      .where('category', '=', body.category).where('nominee_id', '=', body.nomineeId).where('status', '!=', 'withdrawn').executeTakeFirst();
    if (dup) throw conflict('NOMINEE_EXISTS', `${name}已被推荐为${categoryName(rules, body.category)}`);
    // The snapshot reads inside the transaction: it is the data as it stood when the nomination was written.
    const snapshot = kind === 'member'
      ? await memberSnapshot(trx, actor.tenantId, body.nomineeId, s.year, now, at)
      : await orgSnapshot(p, trx, p.data.dialect, actor.tenantId, { id: body.nomineeId, path: (await liveOrg(trx, actor.tenantId, body.nomineeId))!.path }, s.year, now, at);
    const row: IncentiveNominationTable = {
      tenant_id: actor.tenantId, id, selection_id: s.id, category: body.category, nominee_kind: kind, nominee_id: body.nomineeId, nominee_name: name,
      org_id: org.id, org_path: org.path, deeds: body.deeds, snapshot: JSON.stringify(snapshot), status: 'nominated', review_note: null,
      created_by: actor.userId, created_at: at, updated_at: at,
    };
    await trx.insertInto('incentive_nominations').values(row).execute();
    await p.audit.record(trx, ctx, { action: 'incentive.nomination.create', entity: 'incentiveNomination', entityId: id, after: auditView(row) });
  });
  return nominationView(p, actor, id);
}

export async function nominationView(p: Platform, actor: Actor, id: string): Promise<NominationView> {
  const n = await nominationFor(p, actor, id);
  return (await nominationViews(p, actor, await selectionRow(p.db, actor.tenantId, n.selection_id), [n]))[0]!;
}

export async function withdrawNomination(p: Platform, ctx: AuditContext, actor: Actor, id: string): Promise<NominationView> {
  const n = await nominationFor(p, actor, id);
  if (!nominatesFor(actor, n.org_path)) throw forbidden('只有推荐组织可以撤回推荐');
  const s = await selectionRow(p.db, actor.tenantId, n.selection_id);
  if (s.status !== 'nominating' || n.status !== 'nominated') throw conflict('NOMINATION_STATUS', '推荐已进入审核，不能撤回');
  await p.audit.tx(ctx, async (trx) => {
    const done = await trx.updateTable('incentive_nominations').set({ status: 'withdrawn', updated_at: p.clock.now().toISOString() })
      .where('tenant_id', '=', n.tenant_id).where('id', '=', n.id).where('status', '=', 'nominated').executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) throw conflict('NOMINATION_STATUS', '推荐状态已变化，请刷新后再试');
    await p.audit.record(trx, ctx, { action: 'incentive.nomination.withdraw', entity: 'incentiveNomination', entityId: n.id, before: auditView(n), after: auditView({ ...n, status: 'withdrawn' }) });
  });
  return nominationView(p, actor, id);
}

/** Accept (within the category's quota) or reject while reviewing; during the 公示 only reject (an objection stood). */
export async function reviewNomination(p: Platform, ctx: AuditContext, actor: Actor, id: string, body: { decision: 'accept' | 'reject'; note?: string | undefined }): Promise<NominationView> {
  const n = await nominationFor(p, actor, id);
  if (!reviewsNomination(actor, n.org_path)) throw forbidden('推荐由上级党组织审核，不能审核本组织的推荐');
  const s = await selectionRow(p.db, actor.tenantId, n.selection_id);
  const from: IncentiveNominationTable['status'][] = s.status === 'reviewing' ? ['nominated', 'accepted', 'rejected'] : s.status === 'publicising' && body.decision === 'reject' ? ['accepted'] : [];
  if (!from.includes(n.status)) throw conflict('NOMINATION_STATUS', s.status === 'publicising' ? '公示期间只能取消已通过的推荐' : '当前阶段不能审核推荐');
  if (body.decision === 'reject' && !body.note) throw fieldError('note', '请填写退回或取消的理由');
  const status = body.decision === 'accept' ? 'accepted' : 'rejected';
  const rules = await rulesOf(p, actor.tenantId);
  await p.audit.tx(ctx, async (trx) => {
    // Reviews of one selection queue on its row, so the quota count below sees every accept committed before it.
    await trx.selectFrom('incentive_selections').select('id').where('tenant_id', '=', s.tenant_id).where('id', '=', s.id).modifyEnd(forUpdate(p.data.dialect)).execute();
    const done = await trx.updateTable('incentive_nominations').set({ status, review_note: body.note || null, updated_at: p.clock.now().toISOString() })
      .where('tenant_id', '=', n.tenant_id).where('id', '=', n.id).where('status', '=', n.status).executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) throw conflict('NOMINATION_STATUS', '推荐状态已变化，请刷新后再试');
    if (status === 'accepted') {
      // Counted after the write, under the selection's lock: two accepts at once cannot both pass the quota.
      const quota = (JSON.parse(s.quotas) as Record<HonourCategory, number>)[n.category];
      const accepted = (await acceptedCounts(trx, n.tenant_id, s.id))[n.category];
      if (accepted > quota) throw conflict('OVER_QUOTA', `${categoryName(rules, n.category)}名额为 ${quota} 名，已满，不能再通过`);
    }
    await p.audit.record(trx, ctx, { action: 'incentive.nomination.review', entity: 'incentiveNomination', entityId: n.id, before: auditView(n), after: auditView({ ...n, status, review_note: body.note || null }) });
  });
  return nominationView(p, actor, id);
}

export async function addObjection(p: Platform, ctx: AuditContext, actor: Actor, nominationId: string, body: { receivedOn: string; content: string }): Promise<NominationView> {
  const n = await nominationFor(p, actor, nominationId);
  if (!runsSelections(actor)) throw forbidden('异议由党委登记');
  const s = await selectionRow(p.db, actor.tenantId, n.selection_id);
  if (s.status !== 'publicising' || n.status !== 'accepted') throw conflict('NOT_PUBLICISING', '只能对公示中的推荐对象登记异议');
  if (body.receivedOn < s.publicity_from! || body.receivedOn > todayIn(p.clock)) throw fieldError('receivedOn', `收到日期应在公示开始（${s.publicity_from}）至今天之间`);
  const row: IncentiveObjectionTable = {
    tenant_id: actor.tenantId, id: newId(), nomination_id: n.id, received_on: body.receivedOn, content: body.content, handling: null,
    handled_by: null, handled_at: null, created_by: actor.userId, created_at: p.clock.now().toISOString(),
  };
  await p.audit.tx(ctx, async (trx) => {
    // Queued on the selection's row like the decision: an objection cannot slip in after the decision counted none.
    const live = await trx.selectFrom('incentive_selections').select('status').where('tenant_id', '=', s.tenant_id).where('id', '=', s.id)
      .modifyEnd(forUpdate(p.data.dialect)).executeTakeFirst();
    if (live?.status !== 'publicising') throw conflict('NOT_PUBLICISING', '公示已结束，不能再登记异议');
    await trx.insertInto('incentive_objections').values(row).execute();
    await p.audit.record(trx, ctx, { action: 'incentive.objection.create', entity: 'incentiveObjection', entityId: row.id, after: { nominationId: n.id, receivedOn: row.received_on, content: row.content } });
  });
  return nominationView(p, actor, n.id);
}

export async function handleObjection(p: Platform, ctx: AuditContext, actor: Actor, id: string, body: { handling: string }): Promise<NominationView> {
  const o = await p.db.selectFrom('incentive_objections').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', id).executeTakeFirst();
  if (!o) throw notFound('异议');
  const n = await nominationFor(p, actor, o.nomination_id).catch(() => { throw notFound('异议'); });
  if (!runsSelections(actor)) throw forbidden('异议由党委处理');
  await p.audit.tx(ctx, async (trx) => {
    const done = await trx.updateTable('incentive_objections').set({ handling: body.handling, handled_by: actor.userId, handled_at: p.clock.now().toISOString() })
      .where('tenant_id', '=', o.tenant_id).where('id', '=', o.id).where('handled_at', 'is', null).executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) throw conflict('OBJECTION_HANDLED', '该异议已处理');
    await p.audit.record(trx, ctx, { action: 'incentive.objection.handle', entity: 'incentiveObjection', entityId: o.id, after: { handling: body.handling } });
  });
  return nominationView(p, actor, n.id);
}
