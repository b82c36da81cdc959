// 主题实践活动 themselves and their branches: the list and the card, deploying a campaign to the branches
// (expanded once and stored), editing it and its report deadlines, its life cycle (draft → active → closed) and
// adding or removing branches. Each change is one transaction with its audit entry; a refusal changes nothing.
import { sql } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { permissionHolders } from '../../platform/access/holders.js';
import type { AuditContext } from '../../platform/audit/service.js';
import type { Platform } from '../../platform/context.js';
import { shanghaiDate } from '../../platform/calendar.js';
import { conflict, fieldError, forbidden, notFound, Problems } from '../../platform/errors.js';
import { sanitizeRichText } from '../../platform/richtext/index.js';
import { likeLiteral } from '../../db/dialect.js';
import { newId } from '../../db/ids.js';
import type { Db, DbOrTx, OrgKind, Tx } from '../../db/types.js';
import { liveOrgFilter, liveOrgsById, orgNamesOf, orgsUnder } from '../org/index.js';
import { allowedOn, issuingOrg, managesCampaign, visibleBranchRows, visibleCampaigns } from './policy.js';
import { appliedOrgs, branchesSeen, duesOf, lockedCampaign, type SeenBranch } from './queries.js';
import type { CampaignCreate, CampaignPatch, CampaignView, ListItem } from './schema.js';
import type { CampaignReportDueTable, CampaignStatus, CampaignTable } from './tables.js';

export const campaignLink = (id: string) => `/campaigns?id=${id}`;
/** The Shanghai calendar day of an instant stored as ISO text. */
export const dayOf = (iso: string) => shanghaiDate(new Date(iso));
export const html = (s: string) => sanitizeRichText(s);

const snapshot = (c: CampaignTable) => ({
  name: c.name, kind: c.kind, startOn: c.start_on, endOn: c.end_on, measuresDue: c.measures_due, rootOrgId: c.root_org_id, status: c.status,
  callsCases: c.calls_cases === 1, caseTheme: c.case_theme, caseDesignDue: c.case_design_due, caseResultDue: c.case_result_due,
});

// ---------- views ----------

/**
 * Branches, submitted measures and cases per campaign, counting only the live branches the actor sees (in SQL): a
 * branch secretary's card speaks of their own branch, as their board does, not of branches hidden from them.
 */
export async function campaignCounts(db: DbOrTx, actor: Actor, campaigns: CampaignTable[]) {
  const out = new Map<string, { orgCount: number; measuresSubmitted: number; caseCount: number }>();
  for (const c of campaigns) out.set(c.id, { orgCount: 0, measuresSubmitted: 0, caseCount: 0 });
  if (campaigns.length === 0) return out;
  const tenantId = campaigns[0]!.tenant_id;
  const ids = campaigns.map((c) => c.id);
  const [orgs, cases] = await Promise.all([
    db.selectFrom('campaign_orgs as co')
      .innerJoin('campaigns as c', (j) => j.onRef('c.tenant_id', '=', 'co.tenant_id').onRef('c.id', '=', 'co.campaign_id'))
      .leftJoin('campaign_submissions as s', (j) => j.onRef('s.tenant_id', '=', 'co.tenant_id').onRef('s.campaign_id', '=', 'co.campaign_id')
        .onRef('s.org_id', '=', 'co.org_id').on('s.kind', '=', 'measures'))
      .select(['co.campaign_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.count<number>('s.id').as('submitted')])
      .where('co.tenant_id', '=', tenantId).where('co.campaign_id', 'in', ids)
      .where(liveOrgFilter({ tenant: sql.ref<string>('co.tenant_id'), orgId: sql.ref<string>('co.org_id') }))
      .where(visibleBranchRows(actor, sql.ref<string>('co.org_path'))).groupBy('co.campaign_id').execute(),
    db.selectFrom('campaign_cases as k')
      .innerJoin('campaigns as c', (j) => j.onRef('c.tenant_id', '=', 'k.tenant_id').onRef('c.id', '=', 'k.campaign_id'))
      .select(['k.campaign_id', (eb) => eb.fn.countAll<number>().as('n')]).where('k.tenant_id', '=', tenantId)
      .where('k.campaign_id', 'in', ids).where('k.deleted_at', 'is', null)
      .where(visibleBranchRows(actor, sql.ref<string>('k.org_path'))).groupBy('k.campaign_id').execute(),
  ]);
  for (const r of orgs) Object.assign(out.get(r.campaign_id)!, { orgCount: Number(r.n), measuresSubmitted: Number(r.submitted) });
  for (const r of cases) out.get(r.campaign_id)!.caseCount = Number(r.n);
  return out;
}

/** Campaigns the actor sees, newest first, with the counts of their branches in sight. */
export async function listCampaigns(db: Db, actor: Actor, q: { status?: CampaignStatus | undefined; q?: string | undefined }): Promise<ListItem[]> {
  let query = db.selectFrom('campaigns as c').selectAll('c').where('c.tenant_id', '=', actor.tenantId).where('c.deleted_at', 'is', null).where(visibleCampaigns(actor));
  if (q.status) query = query.where('c.status', '=', q.status);
  if (q.q) {
    const term = q.q;
    query = query.where((eb) => eb.or([likeLiteral(sql.ref<string>('c.name'), term, 'anywhere'), likeLiteral(sql.ref<string>('c.kind'), term, 'anywhere')]));
  }
  const rows = await query.orderBy('c.start_on', 'desc').orderBy('c.id', 'desc').limit(500).execute();
  const [counts, names] = await Promise.all([campaignCounts(db, actor, rows), orgNamesOf(db, actor, rows.map((c) => c.root_org_id))]);
  return rows.map((c) => ({
    id: c.id, name: c.name, kind: c.kind, startOn: c.start_on, endOn: c.end_on, measuresDue: c.measures_due, status: c.status,
    rootOrgId: c.root_org_id, rootOrgName: names.get(`${c.tenant_id}/${c.root_org_id}`) ?? '', ...counts.get(c.id)!, callsCases: c.calls_cases === 1,
  }));
}

/** The campaign's card for the actor; `branches` when the caller has already read them (the board). */
export async function campaignView(db: Db, actor: Actor, c: CampaignTable, pre?: { branches: SeenBranch[]; dues: Awaited<ReturnType<typeof duesOf>> }): Promise<CampaignView> {
  const [branches, dues, counts, names] = await Promise.all([
    pre?.branches ?? branchesSeen(db, actor, c), pre?.dues ?? duesOf(db, c.tenant_id, [c.id]), campaignCounts(db, actor, [c]),
    orgNamesOf(db, actor, [c.root_org_id]),
  ]);
  const submitOrgIds = branches.filter((o) => o.maySubmit).map((o) => o.org_id);
  const n = counts.get(c.id)!;
  return {
    id: c.id, name: c.name, kind: c.kind, startOn: c.start_on, endOn: c.end_on, measuresDue: c.measures_due, status: c.status,
    rootOrgId: c.root_org_id, rootOrgName: names.get(`${c.tenant_id}/${c.root_org_id}`) ?? '', ...n, callsCases: c.calls_cases === 1,
    description: c.description, caseTheme: c.case_theme, caseDesignDue: c.case_design_due, caseResultDue: c.case_result_due,
    activatedAt: c.activated_at, closedAt: c.closed_at, createdAt: c.created_at, updatedAt: c.updated_at,
    dues: dues.map((d) => ({ id: d.id, title: d.title, dueOn: d.due_on })),
    orgs: branches.map((o) => ({ orgId: o.org_id, orgName: o.name })),
    submitOrgIds, allowed: allowedOn(actor, c, submitOrgIds),
  };
}

// ---------- life cycle ----------

/** The live branches (of `kinds`) in the subtrees of `rootIds`, which must lie inside the issuing organisation's subtree. */
async function expandApplyTo(db: DbOrTx, tenantId: string, issuingPath: string, rootIds: string[], kinds: OrgKind[]): Promise<{ id: string; path: string }[]> {
  const roots = [...(await liveOrgsById(db, tenantId, rootIds)).values()];
  if (roots.length !== new Set(rootIds).size || roots.some((r) => !r.path.startsWith(issuingPath))) {
    throw fieldError('applyTo', '适用范围中有不存在或不在部署组织之下的组织');
  }
  const found = new Map<string, { id: string; path: string }>();
  for (const r of roots) for (const o of await orgsUnder(db, tenantId, r.path, kinds)) found.set(o.id, { id: o.id, path: o.path });
  return [...found.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
}

interface Dates { start_on: string; end_on: string; measures_due: string; calls_cases: 0 | 1; case_theme: string | null; case_design_due: string | null; case_result_due: string | null }
function checkDates(v: Dates, dues: { title: string; dueOn: string }[], problems: Problems): void {
  if (v.end_on < v.start_on) problems.add('endOn', `结束日期不能早于开始日期（${v.start_on}）`);
  if (v.measures_due < v.start_on || v.measures_due > v.end_on) problems.add('measuresDue', '推进措施报送截止日期应在活动期间内');
  dues.forEach((d, i) => {
    if (d.dueOn < v.start_on || d.dueOn > v.end_on) problems.add(`dues.${i}.dueOn`, `进展报告“${d.title}”的截止日期应在活动期间内`);
  });
  if (v.calls_cases && !v.case_theme) problems.add('caseTheme', '征集精品案例时请填写案例主题');
  if (v.case_design_due && v.case_result_due && v.case_result_due < v.case_design_due) problems.add('caseResultDue', '案例成果截止日期不能早于设计截止日期');
}

async function notifyBranches(p: Platform, trx: DbOrTx, c: CampaignTable, orgs: { path: string }[]): Promise<void> {
  const to = new Set<string>();
  for (const o of orgs) for (const h of await permissionHolders(trx, c.tenant_id, o.path, (x) => x === 'campaign.submit')) to.add(h.id);
  if (to.size) {
    await p.notify.send(trx, c.tenant_id, [...to], {
      kind: 'campaign.activated', title: `新的主题实践活动：${c.name}`, body: `请于 ${c.measures_due} 前报送推进措施`, link: campaignLink(c.id), dedupeKey: `campaign.activated:${c.id}`,
    });
  }
}

export async function createCampaign(p: Platform, ctx: AuditContext, actor: Actor, input: CampaignCreate): Promise<CampaignTable> {
  const root = await issuingOrg(p.db, actor, input.rootOrgId);
  if (!root || root.tenant_id !== actor.tenantId) throw fieldError('rootOrgId', '部署组织不存在或不在您的管理范围内');
  const now = p.clock.now();
  const at = now.toISOString();
  const row: CampaignTable = {
    tenant_id: root.tenant_id, id: newId(now.getTime()), name: input.name, kind: input.kind, description: html(input.description),
    start_on: input.startOn, end_on: input.endOn, measures_due: input.measuresDue, root_org_id: root.id, root_org_path: root.path,
    calls_cases: input.callsCases ? 1 : 0, case_theme: input.caseTheme?.trim() || null, case_design_due: input.caseDesignDue ?? null, case_result_due: input.caseResultDue ?? null,
    status: input.activate ? 'active' : 'draft', activated_at: input.activate ? at : null, closed_at: null,
    created_by: actor.userId, created_at: at, updated_at: at, deleted_at: null,
  };
  const problems = new Problems();
  checkDates(row, input.dues, problems);
  problems.throwIfAny();
  return p.audit.tx(ctx, async (trx) => {
    const orgs = await expandApplyTo(trx, row.tenant_id, root.path, input.applyTo.rootOrgIds, input.applyTo.kinds);
    if (orgs.length === 0) throw fieldError('applyTo', '所选范围内没有适用的党支部');
    await trx.insertInto('campaigns').values(row).execute();
    await trx.insertInto('campaign_orgs').values(orgs.map((o) => ({ tenant_id: row.tenant_id, campaign_id: row.id, org_id: o.id, org_path: o.path }))).execute();
    const dues: CampaignReportDueTable[] = input.dues.map((d) => ({ tenant_id: row.tenant_id, campaign_id: row.id, id: newId(now.getTime()), title: d.title, due_on: d.dueOn }));
    if (dues.length) await trx.insertInto('campaign_report_dues').values(dues).execute();
    await p.audit.record(trx, ctx, { action: 'campaign.create', entity: 'campaign', entityId: row.id, after: { ...snapshot(row), orgIds: orgs.map((o) => o.id), dues: input.dues } });
    if (row.status === 'active') await notifyBranches(p, trx, row, orgs);
    return row;
  });
}

/** The campaign re-read and locked in the transaction, checked for campaign.manage (403) and not closed (409). */
async function managed(p: Platform, trx: Tx, actor: Actor, c: CampaignTable, what: string): Promise<CampaignTable> {
  if (!managesCampaign(actor, c)) throw forbidden('只有部署该活动的组织的管理人员可以' + what);
  const cur = await lockedCampaign(trx, p.data.dialect, c.tenant_id, c.id);
  if (!cur) throw notFound('主题实践活动');
  if (cur.status === 'closed') throw conflict('CAMPAIGN_CLOSED', `活动已结束，不能${what}`);
  return cur;
}

export async function updateCampaign(p: Platform, ctx: AuditContext, actor: Actor, c: CampaignTable, patch: CampaignPatch): Promise<CampaignTable> {
  return p.audit.tx(ctx, async (trx) => {
    const cur = await managed(p, trx, actor, c, '修改');
    const next: CampaignTable = {
      ...cur, name: patch.name ?? cur.name, kind: patch.kind ?? cur.kind, description: patch.description !== undefined ? html(patch.description) : cur.description,
      start_on: patch.startOn ?? cur.start_on, end_on: patch.endOn ?? cur.end_on, measures_due: patch.measuresDue ?? cur.measures_due,
      calls_cases: patch.callsCases === undefined ? cur.calls_cases : patch.callsCases ? 1 : 0,
      case_theme: patch.caseTheme !== undefined ? patch.caseTheme?.trim() || null : cur.case_theme,
      case_design_due: patch.caseDesignDue !== undefined ? patch.caseDesignDue : cur.case_design_due,
      case_result_due: patch.caseResultDue !== undefined ? patch.caseResultDue : cur.case_result_due,
      updated_at: p.clock.now().toISOString(),
    };
    const oldDues = await duesOf(trx, cur.tenant_id, [cur.id]);
    const dues = patch.dues ?? oldDues.map((d) => ({ id: d.id, title: d.title, dueOn: d.due_on }));
    const problems = new Problems();
    checkDates(next, dues, problems);
    dues.forEach((d, i) => {
      if (d.id && !oldDues.some((o) => o.id === d.id)) problems.add(`dues.${i}.id`, '进展报告不存在');
    });
    problems.throwIfAny();
    if (patch.dues) {
      const keep = new Set(dues.flatMap((d) => (d.id ? [d.id] : [])));
      const removed = oldDues.filter((o) => !keep.has(o.id)).map((o) => o.id);
      if (removed.length) {
        const used = await trx.selectFrom('campaign_submissions').select('id').where('tenant_id', '=', cur.tenant_id).where('report_due_id', 'in', removed).executeTakeFirst();
        if (used) throw conflict('CAMPAIGN_DUE_USED', '已有支部报送了该次进展报告，不能删除');
        await trx.deleteFrom('campaign_report_dues').where('tenant_id', '=', cur.tenant_id).where('id', 'in', removed).execute();
      }
      for (const d of dues) {
        if (d.id) await trx.updateTable('campaign_report_dues').set({ title: d.title, due_on: d.dueOn }).where('tenant_id', '=', cur.tenant_id).where('id', '=', d.id).execute();
        else await trx.insertInto('campaign_report_dues').values({ tenant_id: cur.tenant_id, campaign_id: cur.id, id: newId(), title: d.title, due_on: d.dueOn }).execute();
      }
    }
    const { tenant_id: _t, id: _i, ...set } = next;
    await trx.updateTable('campaigns').set(set).where('tenant_id', '=', cur.tenant_id).where('id', '=', cur.id).execute();
    await p.audit.record(trx, ctx, { action: 'campaign.update', entity: 'campaign', entityId: cur.id, before: { ...snapshot(cur), dues: oldDues }, after: { ...snapshot(next), dues } });
    return next;
  });
}

export async function setStatus(p: Platform, ctx: AuditContext, actor: Actor, c: CampaignTable, action: 'activate' | 'close'): Promise<CampaignTable> {
  return p.audit.tx(ctx, async (trx) => {
    const cur = await managed(p, trx, actor, c, action === 'activate' ? '开始' : '结束');
    const at = p.clock.now().toISOString();
    let next: CampaignTable;
    if (action === 'activate') {
      if (cur.status !== 'draft') throw conflict('CAMPAIGN_STATE', '活动已经开始');
      const orgs = await appliedOrgs(trx, cur.tenant_id, cur.id);
      if (orgs.length === 0) throw conflict('CAMPAIGN_STATE', '活动没有适用的党支部，不能开始');
      next = { ...cur, status: 'active', activated_at: at, updated_at: at };
      await notifyBranches(p, trx, next, orgs.map((o) => ({ path: o.org_path })));
    } else {
      if (cur.status !== 'active') throw conflict('CAMPAIGN_STATE', '活动尚未开始，不能结束');
      next = { ...cur, status: 'closed', closed_at: at, updated_at: at };
    }
    await trx.updateTable('campaigns').set({ status: next.status, activated_at: next.activated_at, closed_at: next.closed_at, updated_at: at })
      .where('tenant_id', '=', cur.tenant_id).where('id', '=', cur.id).execute();
    await p.audit.record(trx, ctx, { action: `campaign.${action}`, entity: 'campaign', entityId: cur.id, before: { status: cur.status }, after: { status: next.status } });
    return next;
  });
}

export async function deleteCampaign(p: Platform, ctx: AuditContext, actor: Actor, c: CampaignTable): Promise<void> {
  await p.audit.tx(ctx, async (trx) => {
    const cur = await managed(p, trx, actor, c, '删除');
    if (cur.status !== 'draft') throw conflict('CAMPAIGN_STATE', '只有草稿状态的活动可以删除');
    const at = p.clock.now().toISOString();
    await trx.updateTable('campaigns').set({ deleted_at: at, updated_at: at }).where('tenant_id', '=', cur.tenant_id).where('id', '=', cur.id).execute();
    await p.audit.record(trx, ctx, { action: 'campaign.delete', entity: 'campaign', entityId: cur.id, before: snapshot(cur) });
  });
}

/** Replaces the applicable organisations (adding or removing branches); rows already submitted are kept. */
export async function setOrgs(p: Platform, ctx: AuditContext, actor: Actor, c: CampaignTable, orgIds: string[]): Promise<CampaignTable> {
  return p.audit.tx(ctx, async (trx) => {
    const cur = await managed(p, trx, actor, c, '调整适用组织');
    const ids = [...new Set(orgIds)];
    const rows = [...(await liveOrgsById(trx, cur.tenant_id, ids)).values()];
    if (rows.length !== ids.length || rows.some((r) => !r.path.startsWith(cur.root_org_path) || r.kind === 'group')) {
      throw fieldError('orgIds', '适用组织中有不存在、不在部署组织之下或不是党组织（支部、总支）的组织');
    }
    const before = (await appliedOrgs(trx, cur.tenant_id, cur.id)).map((o) => o.org_id);
    await trx.deleteFrom('campaign_orgs').where('tenant_id', '=', cur.tenant_id).where('campaign_id', '=', cur.id).execute();
    await trx.insertInto('campaign_orgs').values(rows.map((r) => ({ tenant_id: cur.tenant_id, campaign_id: cur.id, org_id: r.id, org_path: r.path }))).execute();
    const at = p.clock.now().toISOString();
    await trx.updateTable('campaigns').set({ updated_at: at }).where('tenant_id', '=', cur.tenant_id).where('id', '=', cur.id).execute();
    await p.audit.record(trx, ctx, { action: 'campaign.orgs', entity: 'campaign', entityId: cur.id, before: { orgIds: before }, after: { orgIds: rows.map((r) => r.id) } });
    const added = rows.filter((r) => !before.includes(r.id));
    if (cur.status === 'active' && added.length) await notifyBranches(p, trx, cur, added);
    return { ...cur, updated_at: at };
  });
}
