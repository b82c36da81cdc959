// Honours on the records: what a decided selection awards (written in the decision's transaction), and local or
// outside honours (区委, 街道, 本单位 …) entered by hand. A member's or organisation's honours are listed where
// the reader holds incentive.read over the subject, and a member always sees their own.
import { sql } from 'kysely';
import { inSubtree } from '../../db/dialect.js';
import { newId } from '../../db/ids.js';
import type { DbOrTx } from '../../db/types.js';
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import type { Platform } from '../../platform/context.js';
import { fieldError, forbidden, notFound } from '../../platform/errors.js';
import { window } from '../../platform/http/paging.js';
import { memberOfUser, memberSummaries } from '../members/index.js';
import { liveOrg, liveOrgsById, orgNames, rootOrgs } from '../org/index.js';
import { categoryName, type HonourRules } from './honourSettings.js';
import type { HonourCreate, HonourQuery, HonourView } from './honourSchema.js';
import { entersHonours, readsAt, visibleHonours } from './policy.js';
import type { IncentiveHonourTable, IncentiveSelectionTable } from './tables.js';

const auditView = (h: IncentiveHonourTable) => ({
  subjectKind: h.subject_kind, subjectId: h.subject_id, subjectName: h.subject_name, title: h.title, year: h.year, awardedOn: h.awarded_on, awardedBy: h.awarded_by, note: h.note,
});

function toView(actor: Actor, h: IncentiveHonourTable): HonourView {
  return {
    id: h.id, subjectKind: h.subject_kind, subjectId: h.subject_id, subjectName: h.subject_name, title: h.title, year: h.year, awardedOn: h.awarded_on,
    awardedBy: h.awarded_by, note: h.note, fromSelection: h.nomination_id !== null, canDelete: h.nomination_id === null && entersHonours(actor, h.org_path),
  };
}

export async function listHonours(p: Platform, actor: Actor, q: HonourQuery): Promise<{ items: HonourView[]; total: number; page: number; pageSize: number; canAdd: boolean }> {
  const me = await memberOfUser(p.db, actor.tenantId, actor.userId);
  let base = p.db.selectFrom('incentive_honours as h').where('h.tenant_id', '=', actor.tenantId).where('h.deleted_at', 'is', null).where(visibleHonours(actor, me?.id));
  if (q.subjectKind) base = base.where('h.subject_kind', '=', q.subjectKind);
  if (q.subjectId) base = base.where('h.subject_id', '=', q.subjectId);
  if (q.year) base = base.where('h.year', '=', q.year);
  if (q.orgId) {
    const org = await liveOrg(p.db, actor.tenantId, q.orgId);
    base = org && readsAt(actor, org.path) ? base.where(inSubtree(sql.ref('h.org_path'), org.path)) : base.where(sql<boolean>`1 = 0`);
  }
  const { limit, offset } = window(q);
  const [rows, total, canAdd] = await Promise.all([
    base.selectAll('h').orderBy('h.year', 'desc').orderBy('h.awarded_on', 'desc').orderBy('h.id').limit(limit).offset(offset).execute(),
    base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    // The drawer of one subject offers 登记荣誉 only when the server would accept it (scope, not just the permission).
    q.subjectKind && q.subjectId ? subjectOf(p, actor, q.subjectKind, q.subjectId).then((s) => entersHonours(actor, s.path), () => false) : false,
  ]);
  return { items: rows.map((h) => toView(actor, h)), total: Number(total.n), page: q.page, pageSize: q.pageSize, canAdd };
}

/** The honoured subject's name and organisation path: a live member or organisation the actor may write for. */
async function subjectOf(p: Platform, actor: Actor, kind: 'member' | 'org', id: string): Promise<{ name: string; path: string }> {
  if (kind === 'member') {
    const m = (await memberSummaries(p.db, actor.tenantId, [id])).get(id);
    if (!m || m.deleted || !readsAt(actor, m.orgPath)) throw notFound('党员');
    return { name: m.name, path: m.orgPath };
  }
  const o = await liveOrg(p.db, actor.tenantId, id);
  if (!o || !readsAt(actor, o.path)) throw notFound('组织');
  return { name: (await orgNames(p.db, [actor.tenantId], [o.id])).get(`${actor.tenantId}/${o.id}`) ?? o.name, path: o.path };
}

export async function createHonour(p: Platform, ctx: AuditContext, actor: Actor, body: HonourCreate): Promise<HonourView> {
  const subject = await subjectOf(p, actor, body.subjectKind, body.subjectId);
  if (!entersHonours(actor, subject.path)) throw forbidden('没有为该对象登记荣誉的权限');
  const awardedOn = body.awardedOn ?? `${body.year}-12-31`;
  if (Number(awardedOn.slice(0, 4)) !== body.year) throw fieldError('awardedOn', '授予日期应在所填年度内');
  const row: IncentiveHonourTable = {
    tenant_id: actor.tenantId, id: newId(), subject_kind: body.subjectKind, subject_id: body.subjectId, subject_name: subject.name, org_path: subject.path,
    title: body.title, year: body.year, awarded_on: awardedOn, awarded_by: body.awardedBy, nomination_id: null, note: body.note || null,
    created_by: actor.userId, created_at: p.clock.now().toISOString(), deleted_at: null,
  };
  await p.audit.tx(ctx, async (trx) => {
    await trx.insertInto('incentive_honours').values(row).execute();
    await p.audit.record(trx, ctx, { action: 'incentive.honour.create', entity: 'incentiveHonour', entityId: row.id, after: auditView(row) });
  });
  return toView(actor, row);
}

/** Removes an honour entered by hand (one from a decision stays: the decision is the record). */
export async function deleteHonour(p: Platform, ctx: AuditContext, actor: Actor, id: string): Promise<void> {
  const me = await memberOfUser(p.db, actor.tenantId, actor.userId);
  const h = await p.db.selectFrom('incentive_honours as h').selectAll('h').where('h.tenant_id', '=', actor.tenantId).where('h.id', '=', id)
    .where('h.deleted_at', 'is', null).where(visibleHonours(actor, me?.id)).executeTakeFirst();
  if (!h) throw notFound('荣誉记录');
  if (!entersHonours(actor, h.org_path)) throw forbidden('没有删除该荣誉记录的权限');
  if (h.nomination_id) throw forbidden('评选表彰决定授予的荣誉不能删除');
  await p.audit.tx(ctx, async (trx) => {
    const done = await trx.updateTable('incentive_honours').set({ deleted_at: p.clock.now().toISOString() })
      .where('tenant_id', '=', h.tenant_id).where('id', '=', h.id).where('deleted_at', 'is', null).executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) throw notFound('荣誉记录');
    await p.audit.record(trx, ctx, { action: 'incentive.honour.delete', entity: 'incentiveHonour', entityId: h.id, before: auditView(h) });
  });
}

/** In the decision's transaction: every accepted nomination becomes an honour on the nominee's record. */
export async function writeHonoursOfDecision(p: Platform, trx: DbOrTx, actor: Actor, s: IncentiveSelectionTable, rules: HonourRules): Promise<void> {
  const accepted = await trx.selectFrom('incentive_nominations').selectAll().where('tenant_id', '=', s.tenant_id).where('selection_id', '=', s.id)
    .where('status', '=', 'accepted').execute();
  if (accepted.length === 0) return;
  const memberIds = accepted.filter((n) => n.nominee_kind === 'member').map((n) => n.nominee_id);
  const orgIds = accepted.filter((n) => n.nominee_kind === 'org').map((n) => n.nominee_id);
  const [members, orgs, roots] = await Promise.all([
    memberSummaries(trx, s.tenant_id, memberIds), liveOrgsById(trx, s.tenant_id, orgIds), rootOrgs(trx, s.tenant_id),
  ]);
  const pathOf = new Map<string, string>([...[...members.values()].map((m) => [m.id, m.orgPath] as const), ...[...orgs.values()].map((o) => [o.id, o.path] as const)]);
  const at = p.clock.now().toISOString();
  await trx.insertInto('incentive_honours').values(accepted.map((n) => ({
    tenant_id: s.tenant_id, id: newId(), subject_kind: n.nominee_kind, subject_id: n.nominee_id, subject_name: n.nominee_name,
    org_path: pathOf.get(n.nominee_id) ?? n.org_path, title: categoryName(rules, n.category), year: s.year, awarded_on: s.decided_on!,
    awarded_by: roots[0]?.name ?? '本党委', nomination_id: n.id, note: s.decision_no, created_by: actor.userId, created_at: at, deleted_at: null,
  }))).execute();
  await trx.updateTable('incentive_nominations').set({ status: 'honoured', updated_at: at })
    .where('tenant_id', '=', s.tenant_id).where('selection_id', '=', s.id).where('status', '=', 'accepted').execute();
}
