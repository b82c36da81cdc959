// The rules of 合理化建议 and 创效: a member files a proposal for their organisation; the committee adopts it
// or not (with a reason), records its implementation with the value created (元 typed, 分 stored), and may
// correct that value later (audited). Each change is one transaction with its audit entry and search index.
import { sql } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { permissionHolders } from '../../platform/access/holders.js';
import type { AuditContext } from '../../platform/audit/service.js';
import type { Platform } from '../../platform/context.js';
import { nextDay, shanghaiDate, shanghaiDayStart } from '../../platform/calendar.js';
import { conflict, fieldError, forbidden, notFound } from '../../platform/errors.js';
import { window } from '../../platform/http/paging.js';
import { userDisplayNames } from '../../platform/accounts/service.js';
import { indexDocuments, searchHits } from '../../platform/search/index.js';
import { forUpdate, inSubtree } from '../../db/dialect.js';
import { newId } from '../../db/ids.js';
import type { Db } from '../../db/types.js';
import { memberOfUser } from '../members/index.js';
import { orgNamesOf, tenantTree } from '../org/index.js';
import { fenToYuan, yuanToFen } from './money.js';
import { allowed, decides, defaultFilingOrg, filesFor, visibleInStats, visibleProposals } from './policy.js';
import type { ListItem, ListQuery, ProposalCreate, ProposalView } from './schema.js';
import type { ProposalTable } from './tables.js';

export const PROPOSAL_SEARCH_KIND = 'proposal';
export const proposalLink = (id: string) => `/proposals?id=${id}`;
export const fenOf = (v: number | string | null): number | null => (v === null ? null : Number(v));

/** A live organisation of the reader's tenant by id, from the cached tree (no statement on a read). */
const liveOrgOf = async (db: Db, actor: Actor, id: string) => (await tenantTree(db, actor.tenantId, actor.treeVersion)).find((o) => o.id === id);

/** The subtree filter of `?orgId=`: 400 when the organisation does not exist. */
async function orgPathFilter(db: Db, actor: Actor, orgId: string) {
  const org = await liveOrgOf(db, actor, orgId);
  if (!org) throw fieldError('orgId', '组织不存在');
  return inSubtree(sql.ref<string>('pr.org_path'), org.path);
}

export async function listItems(db: Db, actor: Actor, rows: ProposalTable[]): Promise<ListItem[]> {
  const names = await orgNamesOf(db, actor, rows.map((r) => r.org_id));
  return rows.map((r) => ({
    id: r.id, title: r.title, category: r.category, status: r.status, orgId: r.org_id, orgName: names.get(`${r.tenant_id}/${r.org_id}`) ?? '',
    proposerUserId: r.proposer_user_id, proposerName: r.proposer_name, createdAt: r.created_at, decidedAt: r.decided_at, implementedOn: r.implemented_on,
    valueFen: fenOf(r.value_fen),
  }));
}

export async function proposalView(db: Db, actor: Actor, r: ProposalTable): Promise<ProposalView> {
  const [[item], names] = await Promise.all([listItems(db, actor, [r]), userDisplayNames(db, r.tenant_id, r.decided_by ? [r.decided_by] : [])]);
  return {
    ...item!, content: r.content, expectedBenefit: r.expected_benefit, decisionNote: r.decision_note,
    decidedByName: (r.decided_by && names.get(r.decided_by)) || null, valueNote: r.value_note, updatedAt: r.updated_at, allowed: allowed(actor, r),
  };
}

const snapshot = (r: ProposalTable) => ({
  title: r.title, category: r.category, status: r.status, orgId: r.org_id, decisionNote: r.decision_note, implementedOn: r.implemented_on,
  valueFen: fenOf(r.value_fen), valueNote: r.value_note,
});
const searchDoc = (r: Pick<ProposalTable, 'id' | 'title' | 'content' | 'expected_benefit' | 'proposer_name'>) =>
  ({ kind: PROPOSAL_SEARCH_KIND, entityId: r.id, title: r.title, body: `${r.content}\n${r.expected_benefit}\n${r.proposer_name}` });

export async function createProposal(p: Platform, ctx: AuditContext, actor: Actor, input: ProposalCreate): Promise<ProposalTable> {
  const member = await memberOfUser(p.db, actor.tenantId, actor.userId);
  let org: { id: string; path: string } | undefined;
  if (input.orgId) {
    const o = await liveOrgOf(p.db, actor, input.orgId);
    if (o && filesFor(actor, o, member?.branchId)) org = o;
    if (!org) throw fieldError('orgId', '所属组织不存在或不在您的范围内');
  } else if (member) {
    // A branch with live members cannot be deleted, so the member's branch is in the tree.
    org = await liveOrgOf(p.db, actor, member.branchId);
  } else {
    org = defaultFilingOrg(actor);
  }
  if (!org) throw fieldError('orgId', '请选择所属组织');
  const names = await userDisplayNames(p.db, actor.tenantId, [actor.userId]);
  const now = p.clock.now();
  const at = now.toISOString();
  const row: ProposalTable = {
    tenant_id: actor.tenantId, id: newId(now.getTime()), org_id: org.id, org_path: org.path, proposer_user_id: actor.userId, proposer_member_id: member?.id ?? null,
    proposer_name: member?.name ?? names.get(actor.userId) ?? '', title: input.title, content: input.content, expected_benefit: input.expectedBenefit,
    category: input.category, status: 'submitted', decision_note: null, decided_by: null, decided_at: null, implemented_on: null, value_fen: null, value_note: null,
    created_at: at, updated_at: at, deleted_at: null,
  };
  return p.audit.tx(ctx, async (trx) => {
    await trx.insertInto('proposals').values(row).execute();
    await indexDocuments(trx, p.data.dialect, row.tenant_id, [searchDoc(row)]);
    await p.audit.record(trx, ctx, { action: 'proposal.create', entity: 'proposal', entityId: row.id, after: snapshot(row) });
    const managers = (await permissionHolders(trx, row.tenant_id, row.org_path, (x) => x === 'proposal.manage')).map((h) => h.id).filter((u) => u !== actor.userId);
    if (managers.length) await p.notify.send(trx, row.tenant_id, managers, { kind: 'proposal.submitted', title: `新的合理化建议：${row.title}`, body: `${row.proposer_name}提出`, link: proposalLink(row.id) });
    return row;
  });
}

type Action = 'adopt' | 'reject' | 'implement' | 'value';
const FROM: Record<Action, { from: ProposalTable['status']; refusal: string }> = {
  adopt: { from: 'submitted', refusal: '只有待处理的建议可以采纳' },
  reject: { from: 'submitted', refusal: '只有待处理的建议可以不采纳' },
  implement: { from: 'adopted', refusal: '只有已采纳的建议可以登记实施' },
  value: { from: 'implemented', refusal: '只有已实施的建议可以更正创效价值' },
};

/** One decision step: proposal.manage over the organisation (403), the state (409), then the change. */
export async function decide(p: Platform, ctx: AuditContext, actor: Actor, r: ProposalTable, action: Action, body: { note?: string | undefined; implementedOn?: string; valueYuan?: string; valueNote?: string }): Promise<ProposalTable> {
  if (!decides(actor, r)) throw forbidden('只有党委管理人员可以处理合理化建议');
  const today = shanghaiDate(p.clock.now());
  const set: Partial<ProposalTable> = {};
  if (action === 'reject' && !body.note) throw fieldError('note', '请填写不采纳理由');
  if (action === 'implement' && body.implementedOn! > today) throw fieldError('implementedOn', `实施日期不能晚于今天（${today}）`);
  if (action === 'value' && !body.note) throw fieldError('note', '请填写更正说明');
  const fen = body.valueYuan !== undefined ? yuanToFen(body.valueYuan) : null;
  return p.audit.tx(ctx, async (trx) => {
    const cur = await trx.selectFrom('proposals').selectAll().where('tenant_id', '=', r.tenant_id).where('id', '=', r.id).where('deleted_at', 'is', null)
      .modifyEnd(forUpdate(p.data.dialect)).executeTakeFirst();
    if (!cur) throw notFound('合理化建议');
    if (cur.status !== FROM[action].from) throw conflict('PROPOSAL_STATE', FROM[action].refusal);
    const at = p.clock.now().toISOString();
    if (action === 'adopt' || action === 'reject') {
      Object.assign(set, { status: action === 'adopt' ? 'adopted' : 'notAdopted', decision_note: body.note || null, decided_by: actor.userId, decided_at: at });
    } else if (action === 'implement') {
      Object.assign(set, { status: 'implemented', implemented_on: body.implementedOn, value_fen: fen, value_note: body.valueNote ?? '' });
    } else {
      Object.assign(set, { value_fen: fen });
    }
    set.updated_at = at;
    await trx.updateTable('proposals').set(set).where('tenant_id', '=', cur.tenant_id).where('id', '=', cur.id).execute();
    const next = { ...cur, ...set } as ProposalTable;
    await p.audit.record(trx, ctx, {
      action: `proposal.${action}`, entity: 'proposal', entityId: cur.id, before: snapshot(cur),
      after: action === 'value' ? { ...snapshot(next), correctionNote: body.note } : snapshot(next),
    });
    if (cur.proposer_user_id !== actor.userId) {
      const title = action === 'adopt' ? `建议已采纳：${cur.title}` : action === 'reject' ? `建议未采纳：${cur.title}`
        : action === 'implement' ? `建议已实施：${cur.title}` : `建议创效价值已更正：${cur.title}`;
      const bodyText = action === 'reject' ? `理由：${body.note}` : fen !== null ? `创效价值 ${fenToYuan(fen)} 元` : body.note || undefined;
      await p.notify.send(trx, cur.tenant_id, [cur.proposer_user_id], { kind: `proposal.${action}`, title, ...(bodyText ? { body: bodyText } : {}), link: proposalLink(cur.id) });
    }
    return next;
  });
}

// ---------- list and statistics ----------

/** A page of the proposals the actor sees, filtered, newest first (or best search match first), with the total. */
export async function listProposals(p: Platform, actor: Actor, q: ListQuery): Promise<{ items: ListItem[]; total: number }> {
  let base = p.db.selectFrom('proposals as pr').where('pr.tenant_id', '=', actor.tenantId).where('pr.deleted_at', 'is', null).where(visibleProposals(actor));
  if (q.mine) base = base.where('pr.proposer_user_id', '=', actor.userId);
  if (q.status) base = base.where('pr.status', '=', q.status);
  if (q.orgId) base = base.where(await orgPathFilter(p.db, actor, q.orgId));
  const { limit, offset } = window(q);
  if (q.q) {
    const hits = searchHits(p.data.dialect, actor.tenantId, [PROPOSAL_SEARCH_KIND], q.q);
    if (!hits) return { items: [], total: 0 };
    const joined = base.innerJoin(hits, (j) => j.onRef('h.entity_id', '=', 'pr.id'));
    const [rows, n] = await Promise.all([
      joined.selectAll('pr').orderBy('h.rank', 'desc').orderBy('pr.created_at', 'desc').orderBy('pr.id', 'desc').limit(limit).offset(offset).execute(),
      joined.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: await listItems(p.db, actor, rows), total: Number(n.n) };
  }
  const [rows, n] = await Promise.all([
    base.selectAll('pr').orderBy('pr.created_at', 'desc').orderBy('pr.id', 'desc').limit(limit).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: await listItems(p.db, actor, rows), total: Number(n.n) };
}

export interface Counts { submitted: number; adopted: number; implemented: number; valueFen: number }

/**
 * Per organisation (its own proposals) and per proposer, over the proposals in the actor's read scope under
 * `rootPath`: submitted = filed in the range, adopted = adopted (incl. later implemented) with the decision in
 * the range, implemented and valueFen = implemented on a day in the range.
 */
export async function proposalStats(p: Platform, actor: Actor, q: { orgId?: string | undefined; from?: string | undefined; to?: string | undefined }) {
  const year = shanghaiDate(p.clock.now()).slice(0, 4);
  const from = q.from ?? `${year}-01-01`;
  const to = q.to ?? `${year}-12-31`;
  if (to < from) throw fieldError('to', '结束日期不能早于开始日期');
  let base = p.db.selectFrom('proposals as pr').selectAll('pr').where('pr.tenant_id', '=', actor.tenantId).where('pr.deleted_at', 'is', null).where(visibleInStats(actor));
  if (q.orgId) base = base.where(await orgPathFilter(p.db, actor, q.orgId));
  const lo = shanghaiDayStart(from);
  const hi = shanghaiDayStart(nextDay(to));
  const rows = await base.where((eb) => eb.or([
    eb.and([eb('pr.created_at', '>=', lo), eb('pr.created_at', '<', hi)]),
    eb.and([eb('pr.decided_at', '>=', lo), eb('pr.decided_at', '<', hi)]),
    eb.and([eb('pr.implemented_on', '>=', from), eb('pr.implemented_on', '<=', to)]),
  ])).execute();
  const zero = (): Counts => ({ submitted: 0, adopted: 0, implemented: 0, valueFen: 0 });
  const byOrg = new Map<string, Counts>();
  const byMember = new Map<string, Counts & { name: string; orgId: string }>();
  const total = zero();
  for (const r of rows) {
    const add = (c: Counts) => {
      if (r.created_at >= lo && r.created_at < hi) c.submitted++;
      if ((r.status === 'adopted' || r.status === 'implemented') && r.decided_at && r.decided_at >= lo && r.decided_at < hi) c.adopted++;
      if (r.status === 'implemented' && r.implemented_on && r.implemented_on >= from && r.implemented_on <= to) {
        c.implemented++;
        c.valueFen += Number(r.value_fen ?? 0);
      }
    };
    if (!byOrg.has(r.org_id)) byOrg.set(r.org_id, zero());
    if (!byMember.has(r.proposer_user_id)) byMember.set(r.proposer_user_id, { ...zero(), name: r.proposer_name, orgId: r.org_id });
    add(byOrg.get(r.org_id)!);
    add(byMember.get(r.proposer_user_id)!);
    add(total);
  }
  const names = await orgNamesOf(p.db, actor, [...byOrg.keys(), ...[...byMember.values()].map((m) => m.orgId)]);
  const name = (id: string) => names.get(`${actor.tenantId}/${id}`) ?? '';
  const order = (a: Counts, b: Counts) => b.valueFen - a.valueFen || b.implemented - a.implemented || b.adopted - a.adopted || b.submitted - a.submitted;
  return {
    from, to,
    byOrg: [...byOrg.entries()].map(([orgId, c]) => ({ orgId, orgName: name(orgId), ...c })).sort((a, b) => order(a, b) || a.orgName.localeCompare(b.orgName)),
    byMember: [...byMember.entries()].map(([userId, m]) => ({ userId, name: m.name, orgName: name(m.orgId), submitted: m.submitted, adopted: m.adopted, implemented: m.implemented, valueFen: m.valueFen }))
      .sort((a, b) => order(a, b) || a.name.localeCompare(b.name)),
    total,
  };
}
