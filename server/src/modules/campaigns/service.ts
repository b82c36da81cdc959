// The rules of 主题实践活动: deploying a campaign to the branches (stored explicitly), its life cycle
// (draft → active → closed), measures and progress reports of each branch, one-click 督办 for the branches
// that have not submitted, and 精品案例 with their ratings. Each change is one transaction with its audit
// entry; a refusal changes nothing.
import { sql } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { can } from '../../platform/access/can.js';
import type { Permission } from '../../platform/access/permissions.js';
import { permissionHolders } from '../../platform/access/holders.js';
import type { AuditContext } from '../../platform/audit/service.js';
import type { Platform } from '../../platform/context.js';
import { addDays, shanghaiDate } from '../../platform/calendar.js';
import { conflict, fieldError, forbidden, notFound, Problems } from '../../platform/errors.js';
import { userDisplayNames } from '../../platform/accounts/service.js';
import { listFiles } from '../../platform/files/index.js';
import { richTextToPlain, sanitizeRichText } from '../../platform/richtext/index.js';
import { inSubtree } from '../../db/dialect.js';
import { newId } from '../../db/ids.js';
import type { DbOrTx, Tx } from '../../db/types.js';
import { orgNames } from '../org/index.js';
import { createTask, tasksFromSource } from '../tasks/index.js';
import { CAMPAIGN_RULES } from './settings.js';
import { appliedOrgs, duesOf, lockedCampaign, orgVisible, rootRec, seesOrg, visibleCampaign, type AppliedOrg } from './queries.js';
import type { CampaignCreate, CampaignPatch, CampaignView, CaseItem, SubmissionView } from './schema.js';
import type { CampaignCaseTable, CampaignReportDueTable, CampaignSubmissionTable, CampaignTable } from './tables.js';

export const SUBMISSION_OWNER = 'campaignSubmission';
export const CASE_OWNER = 'campaignCase';
export const TASK_SOURCE = 'campaign';
export const campaignLink = (id: string) => `/campaigns?id=${id}`;
const today = (p: Platform) => shanghaiDate(p.clock.now());
/** The Shanghai calendar day of an instant stored as ISO text. */
export const dayOf = (iso: string) => shanghaiDate(new Date(iso));
const html = (s: string) => sanitizeRichText(s);

const snapshot = (c: CampaignTable) => ({
  name: c.name, kind: c.kind, startOn: c.start_on, endOn: c.end_on, measuresDue: c.measures_due, rootOrgId: c.root_org_id, status: c.status,
  callsCases: c.calls_cases === 1, caseTheme: c.case_theme, caseDesignDue: c.case_design_due, caseResultDue: c.case_result_due,
});

// ---------- views ----------

/**
 * Branches, submitted measures and cases per campaign, counting only the branches the actor sees (in SQL): a
 * branch secretary's card speaks of their own branch, as their board does, not of branches hidden from them.
 */
export async function campaignCounts(db: DbOrTx, actor: Actor, campaigns: CampaignTable[]) {
  const out = new Map<string, { orgCount: number; measuresSubmitted: number; caseCount: number }>();
  for (const c of campaigns) out.set(c.id, { orgCount: 0, measuresSubmitted: 0, caseCount: 0 });
  if (campaigns.length === 0) return out;
  const tenantId = campaigns[0]!.tenant_id;
  const ids = campaigns.map((c) => c.id);
  const [orgs, cases] = await Promise.all([
    // Only rows of branches the campaign still applies to count.
    db.selectFrom('campaign_orgs as co')
      .innerJoin('campaigns as c', (j) => j.onRef('c.tenant_id', '=', 'co.tenant_id').onRef('c.id', '=', 'co.campaign_id'))
      .innerJoin('organisations as o', (j) => j.onRef('o.tenant_id', '=', 'co.tenant_id').onRef('o.id', '=', 'co.org_id'))
      .leftJoin('campaign_submissions as s', (j) => j.onRef('s.tenant_id', '=', 'co.tenant_id').onRef('s.campaign_id', '=', 'co.campaign_id')
        .onRef('s.org_id', '=', 'co.org_id').on('s.kind', '=', 'measures'))
      .select(['co.campaign_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.count<number>('s.id').as('submitted')])
      .where('co.tenant_id', '=', tenantId).where('co.campaign_id', 'in', ids).where('o.deleted_at', 'is', null)
      .where(orgVisible(actor, sql.ref<string>('o.path'))).groupBy('co.campaign_id').execute(),
    db.selectFrom('campaign_cases as k')
      .innerJoin('campaigns as c', (j) => j.onRef('c.tenant_id', '=', 'k.tenant_id').onRef('c.id', '=', 'k.campaign_id'))
      .select(['k.campaign_id', (eb) => eb.fn.countAll<number>().as('n')]).where('k.tenant_id', '=', tenantId)
      .where('k.campaign_id', 'in', ids).where('k.deleted_at', 'is', null)
      .where(orgVisible(actor, sql.ref<string>('k.org_path'))).groupBy('k.campaign_id').execute(),
  ]);
  for (const r of orgs) Object.assign(out.get(r.campaign_id)!, { orgCount: Number(r.n), measuresSubmitted: Number(r.submitted) });
  for (const r of cases) out.get(r.campaign_id)!.caseCount = Number(r.n);
  return out;
}

/** What the actor may do with the campaign now (the UI shows only these; the routes check the same). */
function allowedOn(actor: Actor, c: CampaignTable, submitOrgIds: string[]): string[] {
  const manage = can(actor, 'campaign.manage', rootRec(c));
  const out: string[] = [];
  if (manage && c.status !== 'closed') out.push('edit', 'editOrgs');
  if (manage && c.status === 'draft') out.push('activate', 'delete');
  if (manage && c.status === 'active') out.push('close', 'supervise');
  if (c.status === 'active' && submitOrgIds.length) out.push('submit');
  if (c.status === 'active' && c.calls_cases === 1 && submitOrgIds.length) out.push('submitCase');
  return out;
}

export async function campaignView(db: DbOrTx, actor: Actor, c: CampaignTable): Promise<CampaignView> {
  const [orgs, dues, counts, names] = await Promise.all([
    appliedOrgs(db, c.tenant_id, c.id), duesOf(db, c.tenant_id, [c.id]), campaignCounts(db, actor, [c]),
    orgNames(db, [c.tenant_id], [c.root_org_id]),
  ]);
  const visible = orgs.filter((o) => seesOrg(actor, c, c.tenant_id, o.org_path));
  const submitOrgIds = orgs.filter((o) => can(actor, 'campaign.submit', { tenantId: c.tenant_id, orgPath: o.org_path })).map((o) => o.org_id);
  const n = counts.get(c.id)!;
  return {
    id: c.id, name: c.name, kind: c.kind, startOn: c.start_on, endOn: c.end_on, measuresDue: c.measures_due, status: c.status,
    rootOrgId: c.root_org_id, rootOrgName: names.get(`${c.tenant_id}/${c.root_org_id}`) ?? '', ...n, callsCases: c.calls_cases === 1,
    description: c.description, caseTheme: c.case_theme, caseDesignDue: c.case_design_due, caseResultDue: c.case_result_due,
    activatedAt: c.activated_at, closedAt: c.closed_at, createdAt: c.created_at, updatedAt: c.updated_at,
    dues: dues.map((d) => ({ id: d.id, title: d.title, dueOn: d.due_on })),
    orgs: visible.map((o) => ({ orgId: o.org_id, orgName: o.name })),
    submitOrgIds, allowed: allowedOn(actor, c, submitOrgIds),
  };
}

// ---------- campaign life cycle ----------

/** The live branches (of `kinds`) in the subtrees of `rootIds`, which must lie inside the issuing organisation's subtree. */
async function expandApplyTo(db: DbOrTx, tenantId: string, issuingPath: string, rootIds: string[], kinds: string[]): Promise<{ id: string; path: string }[]> {
  const roots = await db.selectFrom('organisations').select(['id', 'path']).where('tenant_id', '=', tenantId).where('id', 'in', [...new Set(rootIds)])
    .where('deleted_at', 'is', null).execute();
  if (roots.length !== new Set(rootIds).size || roots.some((r) => !r.path.startsWith(issuingPath))) {
    throw fieldError('applyTo', '适用范围中有不存在或不在部署组织之下的组织');
  }
  const found = new Map<string, { id: string; path: string }>();
  for (const r of roots) {
    const rows = await db.selectFrom('organisations').select(['id', 'path']).where('tenant_id', '=', tenantId).where('deleted_at', 'is', null)
      .where('kind', 'in', kinds as never[]).where(inSubtree(sql.ref<string>('path'), r.path)).execute();
    for (const o of rows) found.set(o.id, o);
  }
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
  const root = await p.db.selectFrom('organisations').select(['id', 'path', 'tenant_id']).where('tenant_id', '=', actor.tenantId).where('id', '=', input.rootOrgId)
    .where('deleted_at', 'is', null).executeTakeFirst();
  if (!root || !can(actor, 'campaign.manage', { tenantId: root.tenant_id, orgPath: root.path })) throw fieldError('rootOrgId', '部署组织不存在或不在您的管理范围内');
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
  if (!can(actor, 'campaign.manage', rootRec(c))) throw forbidden('只有部署该活动的组织的管理人员可以' + what);
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
    const rows = await trx.selectFrom('organisations').select(['id', 'path', 'kind']).where('tenant_id', '=', cur.tenant_id).where('id', 'in', ids).where('deleted_at', 'is', null).execute();
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

// ---------- board ----------

export async function submissionsOf(db: DbOrTx, tenantId: string, campaignId: string): Promise<CampaignSubmissionTable[]> {
  return db.selectFrom('campaign_submissions').selectAll().where('tenant_id', '=', tenantId).where('campaign_id', '=', campaignId).execute();
}

export async function board(p: Platform, actor: Actor, c: CampaignTable) {
  const [view, orgs, dues, subs, tasks] = await Promise.all([
    campaignView(p.db, actor, c), appliedOrgs(p.db, c.tenant_id, c.id), duesOf(p.db, c.tenant_id, [c.id]), submissionsOf(p.db, c.tenant_id, c.id),
    tasksFromSource(p.db, c.tenant_id, TASK_SOURCE, `${c.id}|`),
  ]);
  const now = today(p);
  const visible = orgs.filter((o) => seesOrg(actor, c, c.tenant_id, o.org_path));
  const bySlot = new Map(subs.map((s) => [`${s.org_id}|${s.slot}`, s]));
  const taskOf = new Map(tasks.map((t) => [t.sourceId, t.id]));
  const slot = (orgId: string, key: string, dueOn: string) => {
    const s = bySlot.get(`${orgId}|${key}`);
    return s ? { submittedAt: s.submitted_at, late: dayOf(s.submitted_at) > dueOn } : null;
  };
  const rows = visible.map((o) => {
    const measures = slot(o.org_id, 'measures', c.measures_due);
    return {
      orgId: o.org_id, orgName: o.name, measures,
      progress: Object.fromEntries(dues.map((d) => [d.id, slot(o.org_id, d.id, d.due_on)])),
      late: measures?.late ?? false, overdue: !measures && now > c.measures_due, taskId: taskOf.get(`${c.id}|${o.org_id}`) ?? null,
    };
  });
  return {
    campaign: view,
    dues: dues.map((d) => ({ id: d.id, title: d.title, dueOn: d.due_on })),
    orgs: rows,
    missingMeasures: rows.filter((r) => !r.measures).map((r) => ({ orgId: r.orgId, orgName: r.orgName })),
    missingProgress: dues.map((d) => ({ dueId: d.id, title: d.title, dueOn: d.due_on, orgs: rows.filter((r) => !r.progress[d.id]).map((r) => ({ orgId: r.orgId, orgName: r.orgName })) })),
  };
}

// ---------- one-click 督办 ----------

/** The account nearest the organisation holding campaign.submit (else task.write at or below it) to own a 督办 task. */
async function ownerFor(db: DbOrTx, tenantId: string, org: AppliedOrg): Promise<string | null> {
  const depth = (path: string) => path.split('/').length;
  for (const perm of ['campaign.submit', 'task.write'] as Permission[]) {
    const holders = await permissionHolders(db, tenantId, org.org_path, (x) => x === perm);
    if (holders.length === 0) continue;
    let best: { id: string; name: string; distance: number } | null = null;
    for (const h of holders) {
      for (const path of h.grantPaths) {
        const covers = org.org_path.startsWith(path);
        const inside = path.startsWith(org.org_path);
        // A committee-wide task.write holder is the issuer's side, not the branch's.
        if (!inside && !(covers && perm === 'campaign.submit')) continue;
        const distance = Math.abs(depth(org.org_path) - depth(path));
        if (!best || distance < best.distance || (distance === best.distance && h.name < best.name)) best = { id: h.id, name: h.name, distance };
      }
    }
    if (best) return best.id;
  }
  return null;
}

export async function supervise(p: Platform, ctx: AuditContext, actor: Actor, c: CampaignTable, body: { orgIds?: string[] | undefined; dueOn?: string | undefined }) {
  if (!can(actor, 'campaign.manage', rootRec(c))) throw forbidden('只有部署该活动的组织的管理人员可以督办');
  // Read before the transaction: on SQLite the settings service's own read would wait for it.
  const { superviseDueDays } = await p.settings.get(c.tenant_id, CAMPAIGN_RULES);
  return p.audit.tx(ctx, async (trx) => {
    const cur = await lockedCampaign(trx, p.data.dialect, c.tenant_id, c.id);
    if (!cur) throw notFound('主题实践活动');
    if (cur.status !== 'active') throw conflict('CAMPAIGN_STATE', cur.status === 'closed' ? '活动已结束，不能督办' : '活动尚未开始，不能督办');
    const orgs = await appliedOrgs(trx, cur.tenant_id, cur.id);
    const byId = new Map(orgs.map((o) => [o.org_id, o]));
    let targets: AppliedOrg[];
    if (body.orgIds) {
      const unknown = body.orgIds.filter((id) => !byId.has(id));
      if (unknown.length) throw fieldError('orgIds', '督办组织中有本活动不适用的组织');
      targets = [...new Set(body.orgIds)].map((id) => byId.get(id)!);
    } else {
      const submitted = new Set((await submissionsOf(trx, cur.tenant_id, cur.id)).filter((s) => s.kind === 'measures').map((s) => s.org_id));
      targets = orgs.filter((o) => !submitted.has(o.org_id));
    }
    const dueOn = body.dueOn ?? addDays(today(p), superviseDueDays);
    if (dueOn < today(p)) throw fieldError('dueOn', `督办截止日期不能早于今天（${today(p)}）`);
    const open = new Map((await tasksFromSource(trx, cur.tenant_id, TASK_SOURCE, `${cur.id}|`)).map((t) => [t.sourceId, t.id]));
    const created: { orgId: string; taskId: string }[] = [];
    const existing: { orgId: string; taskId: string }[] = [];
    const skipped: { orgId: string; reason: string }[] = [];
    for (const o of targets) {
      const sourceId = `${cur.id}|${o.org_id}`;
      const have = open.get(sourceId);
      if (have) {
        existing.push({ orgId: o.org_id, taskId: have });
        continue;
      }
      const owner = await ownerFor(trx, cur.tenant_id, o);
      if (!owner) {
        skipped.push({ orgId: o.org_id, reason: `${o.name}没有可接收督办任务的书记账号，请先为其开通账号` });
        continue;
      }
      const taskId = await createTask(trx, p, ctx, {
        title: `报送“${cur.name}”推进措施`, description: `请按活动要求报送本支部推进措施（原截止日期 ${cur.measures_due}）。`, kind: 'temporary',
        issuerId: actor.userId, issuingOrgId: cur.root_org_id, ownerOrgId: o.org_id, ownerId: owner, dueOn,
        doneStandard: '在平台“主题实践活动”中报送推进措施', sourceKind: TASK_SOURCE, sourceId, sourceLink: campaignLink(cur.id), sourceLabel: '主题实践活动',
      });
      created.push({ orgId: o.org_id, taskId });
    }
    await p.audit.record(trx, ctx, { action: 'campaign.supervise', entity: 'campaign', entityId: cur.id, after: { created, existing, skipped, dueOn } });
    return { created, existing, skipped };
  });
}

// ---------- measures and progress ----------

/** The applicable organisation the actor submits for: 404 outside their submit scope, 409 when the campaign does not apply or is not open. */
async function submitTarget(db: DbOrTx, actor: Actor, c: CampaignTable, orgId: string): Promise<AppliedOrg> {
  const org = await db.selectFrom('organisations').select(['id', 'path', 'name', 'kind']).where('tenant_id', '=', c.tenant_id).where('id', '=', orgId)
    .where('deleted_at', 'is', null).executeTakeFirst();
  if (!org || !can(actor, 'campaign.submit', { tenantId: c.tenant_id, orgPath: org.path })) throw notFound('组织');
  const applied = await db.selectFrom('campaign_orgs').select('org_id').where('tenant_id', '=', c.tenant_id).where('campaign_id', '=', c.id).where('org_id', '=', orgId).executeTakeFirst();
  if (!applied) throw conflict('CAMPAIGN_NOT_APPLICABLE', `本活动不适用于${org.name}，无需报送`);
  if (c.status === 'draft') throw conflict('CAMPAIGN_STATE', '活动尚未开始，不能报送');
  if (c.status === 'closed') throw conflict('CAMPAIGN_CLOSED', '活动已结束，不能再报送');
  return { org_id: org.id, org_path: org.path, name: org.name, kind: org.kind };
}

export async function submissionView(db: DbOrTx, c: CampaignTable, s: CampaignSubmissionTable): Promise<SubmissionView> {
  const [names, orgs, files, due] = await Promise.all([
    userDisplayNames(db, s.tenant_id, s.submitted_by ? [s.submitted_by] : []), orgNames(db, [s.tenant_id], [s.org_id]),
    listFiles(db, s.tenant_id, SUBMISSION_OWNER, [s.id]),
    s.report_due_id ? db.selectFrom('campaign_report_dues').select('due_on').where('tenant_id', '=', s.tenant_id).where('id', '=', s.report_due_id).executeTakeFirst() : undefined,
  ]);
  const dueOn = due?.due_on ?? c.measures_due;
  return {
    id: s.id, campaignId: s.campaign_id, orgId: s.org_id, orgName: orgs.get(`${s.tenant_id}/${s.org_id}`) ?? '', kind: s.kind, reportDueId: s.report_due_id,
    content: s.content, submittedAt: s.submitted_at, updatedAt: s.updated_at, submittedByName: (s.submitted_by && names.get(s.submitted_by)) || null,
    dueOn, late: dayOf(s.submitted_at) > dueOn, attachments: files.get(s.id) ?? [],
  };
}

/** Creates or replaces the branch's measures (dueId null) or one progress report. */
export async function submit(p: Platform, ctx: AuditContext, actor: Actor, c: CampaignTable, orgId: string, dueId: string | null, content: string): Promise<CampaignSubmissionTable> {
  const clean = html(content);
  const label = dueId ? '进展报告' : '推进措施';
  if (!richTextToPlain(clean).trim()) throw fieldError('content', `请填写${label}`);
  return p.audit.tx(ctx, async (trx) => {
    const cur = await lockedCampaign(trx, p.data.dialect, c.tenant_id, c.id);
    if (!cur) throw notFound('主题实践活动');
    const org = await submitTarget(trx, actor, cur, orgId);
    if (dueId) {
      const due = await trx.selectFrom('campaign_report_dues').select('id').where('tenant_id', '=', cur.tenant_id).where('campaign_id', '=', cur.id).where('id', '=', dueId).executeTakeFirst();
      if (!due) throw notFound('进展报告');
    }
    const slot = dueId ?? 'measures';
    const at = p.clock.now().toISOString();
    const old = await trx.selectFrom('campaign_submissions').selectAll().where('tenant_id', '=', cur.tenant_id).where('campaign_id', '=', cur.id)
      .where('org_id', '=', orgId).where('slot', '=', slot).executeTakeFirst();
    let row: CampaignSubmissionTable;
    if (old) {
      row = { ...old, content: clean, updated_at: at };
      await trx.updateTable('campaign_submissions').set({ content: clean, updated_at: at }).where('tenant_id', '=', old.tenant_id).where('id', '=', old.id).execute();
    } else {
      row = {
        tenant_id: cur.tenant_id, id: newId(), campaign_id: cur.id, org_id: org.org_id, org_path: org.org_path, kind: dueId ? 'progress' : 'measures',
        report_due_id: dueId, slot, content: clean, submitted_by: actor.userId, submitted_at: at, updated_at: at,
      };
      await trx.insertInto('campaign_submissions').values(row).execute();
    }
    await p.audit.record(trx, ctx, {
      action: dueId ? 'campaign.progress' : 'campaign.measures', entity: 'campaignSubmission', entityId: row.id,
      before: old ? { content: old.content } : undefined, after: { campaignId: cur.id, orgId, reportDueId: dueId, content: clean },
    });
    return row;
  });
}

/** A submission the actor may see (its campaign visible and its branch in their sight), or undefined. */
export async function visibleSubmission(db: DbOrTx, actor: Actor, id: string) {
  const s = await db.selectFrom('campaign_submissions').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', id).executeTakeFirst();
  if (!s) return undefined;
  const c = await visibleCampaign(db, actor, s.campaign_id);
  if (!c || !seesOrg(actor, c, s.tenant_id, s.org_path)) return undefined;
  return { s, c };
}

/** Attachments change with the submission: by its branch's submitters while the campaign is open. */
export function checkSubmissionWrite(actor: Actor, c: CampaignTable, s: CampaignSubmissionTable): void {
  if (!can(actor, 'campaign.submit', { tenantId: s.tenant_id, orgPath: s.org_path })) throw forbidden('只有该支部的报送人可以修改附件');
  if (c.status === 'closed') throw conflict('CAMPAIGN_CLOSED', '活动已结束，不能再修改');
}

// ---------- 精品案例 ----------

export async function caseItems(db: DbOrTx, actor: Actor, rows: (CampaignCaseTable & { campaign_name: string })[]): Promise<(CaseItem & { ratings: { reviewerUserId: string; reviewerName: string; score: number; comment: string; ratedAt: string }[] })[]> {
  if (rows.length === 0) return [];
  const tenantId = rows[0]!.tenant_id;
  const ids = rows.map((r) => r.id);
  const [ratings, files, names] = await Promise.all([
    db.selectFrom('campaign_case_ratings').selectAll().where('tenant_id', '=', tenantId).where('case_id', 'in', ids).orderBy('rated_at').execute(),
    listFiles(db, tenantId, CASE_OWNER, ids),
    orgNames(db, [tenantId], rows.map((r) => r.org_id)),
  ]);
  const people = await userDisplayNames(db, tenantId, ratings.map((r) => r.reviewer_user_id));
  return rows.map((r) => {
    const mine = ratings.filter((x) => x.case_id === r.id);
    const sum = mine.reduce((s, x) => s + Number(x.score), 0);
    return {
      id: r.id, campaignId: r.campaign_id, campaignName: r.campaign_name, orgId: r.org_id, orgName: names.get(`${tenantId}/${r.org_id}`) ?? '', title: r.title,
      summary: r.summary, status: r.status, designAt: r.design_at, resultAt: r.result_at,
      averageScore: mine.length ? Math.round((10 * sum) / mine.length) / 10 : null, ratingCount: mine.length,
      myScore: mine.find((x) => x.reviewer_user_id === actor.userId)?.score ?? null, firstPhotoId: files.get(r.id)?.[0]?.id ?? null,
      ratings: mine.map((x) => ({ reviewerUserId: x.reviewer_user_id, reviewerName: people.get(x.reviewer_user_id) ?? '', score: Number(x.score), comment: x.comment, ratedAt: x.rated_at })),
    };
  });
}

export function caseAllowed(actor: Actor, c: CampaignTable, k: CampaignCaseTable): string[] {
  const rec = { tenantId: k.tenant_id, orgPath: k.org_path };
  const own = can(actor, 'campaign.submit', rec);
  const out: string[] = [];
  if (own && c.status === 'active') out.push('edit', 'photos');
  if (can(actor, 'campaign.review', rec) && !own) out.push('rate');
  return out;
}

export async function createCase(p: Platform, ctx: AuditContext, actor: Actor, c: CampaignTable, input: { orgId: string; title: string; summary: string; design: string }): Promise<CampaignCaseTable> {
  const design = html(input.design);
  if (!richTextToPlain(design).trim()) throw fieldError('design', '请填写案例设计方案');
  return p.audit.tx(ctx, async (trx) => {
    const cur = await lockedCampaign(trx, p.data.dialect, c.tenant_id, c.id);
    if (!cur) throw notFound('主题实践活动');
    const org = await submitTarget(trx, actor, cur, input.orgId);
    if (cur.calls_cases !== 1) throw conflict('CAMPAIGN_NO_CASES', '本活动没有征集精品案例');
    const at = p.clock.now().toISOString();
    const row: CampaignCaseTable = {
      tenant_id: cur.tenant_id, id: newId(), campaign_id: cur.id, org_id: org.org_id, org_path: org.org_path, title: input.title, summary: input.summary,
      design, design_at: at, result: null, result_at: null, status: 'design', created_by: actor.userId, created_at: at, updated_at: at, deleted_at: null,
    };
    await trx.insertInto('campaign_cases').values(row).execute();
    await p.audit.record(trx, ctx, { action: 'campaign.caseCreate', entity: 'campaignCase', entityId: row.id, after: { campaignId: cur.id, orgId: org.org_id, title: row.title, summary: row.summary, design } });
    const reviewers = (await permissionHolders(trx, cur.tenant_id, org.org_path, (x) => x === 'campaign.review')).map((h) => h.id).filter((u) => u !== actor.userId);
    if (reviewers.length) {
      await p.notify.send(trx, cur.tenant_id, reviewers, { kind: 'campaign.caseSubmitted', title: `新的精品案例待评审：${row.title}`, body: `${org.name}报送了“${cur.name}”精品案例`, link: `/campaigns/cases?id=${row.id}` });
    }
    return row;
  });
}

export async function updateCase(p: Platform, ctx: AuditContext, actor: Actor, c: CampaignTable, k: CampaignCaseTable, patch: { title?: string | undefined; summary?: string | undefined; design?: string | undefined; result?: string | undefined }): Promise<CampaignCaseTable> {
  if (!can(actor, 'campaign.submit', { tenantId: k.tenant_id, orgPath: k.org_path })) throw forbidden('只有报送该案例的支部可以修改');
  const design = patch.design !== undefined ? html(patch.design) : k.design;
  if (!richTextToPlain(design).trim()) throw fieldError('design', '请填写案例设计方案');
  const result = patch.result !== undefined ? html(patch.result) : k.result;
  const hasResult = !!result && richTextToPlain(result).trim() !== '';
  return p.audit.tx(ctx, async (trx) => {
    const cur = await lockedCampaign(trx, p.data.dialect, c.tenant_id, c.id);
    if (!cur) throw notFound('主题实践活动');
    if (cur.status === 'closed') throw conflict('CAMPAIGN_CLOSED', '活动已结束，不能再修改案例');
    const at = p.clock.now().toISOString();
    const next: CampaignCaseTable = {
      ...k, title: patch.title ?? k.title, summary: patch.summary ?? k.summary, design, result: hasResult ? result : null,
      status: hasResult ? 'result' : 'design', result_at: hasResult ? (k.result_at && result === k.result ? k.result_at : at) : null, updated_at: at,
    };
    const { tenant_id: _t, id: _i, ...set } = next;
    await trx.updateTable('campaign_cases').set(set).where('tenant_id', '=', k.tenant_id).where('id', '=', k.id).execute();
    await p.audit.record(trx, ctx, {
      action: 'campaign.caseUpdate', entity: 'campaignCase', entityId: k.id,
      before: { title: k.title, summary: k.summary, design: k.design, result: k.result, status: k.status }, after: { title: next.title, summary: next.summary, design, result: next.result, status: next.status },
    });
    return next;
  });
}

export async function rateCase(p: Platform, ctx: AuditContext, actor: Actor, k: CampaignCaseTable, score: number, comment: string): Promise<void> {
  const rec = { tenantId: k.tenant_id, orgPath: k.org_path };
  if (!can(actor, 'campaign.review', rec)) throw forbidden('您没有评审该案例的权限');
  if (can(actor, 'campaign.submit', rec)) throw forbidden('不能评审本支部报送的案例');
  await p.audit.tx(ctx, async (trx) => {
    const at = p.clock.now().toISOString();
    const before = await trx.selectFrom('campaign_case_ratings').selectAll().where('tenant_id', '=', k.tenant_id).where('case_id', '=', k.id).where('reviewer_user_id', '=', actor.userId).executeTakeFirst();
    await trx.insertInto('campaign_case_ratings').values({ tenant_id: k.tenant_id, case_id: k.id, reviewer_user_id: actor.userId, score, comment, rated_at: at })
      .onConflict((oc) => oc.columns(['tenant_id', 'case_id', 'reviewer_user_id']).doUpdateSet({ score, comment, rated_at: at })).execute();
    await p.audit.record(trx, ctx, { action: 'campaign.caseRate', entity: 'campaignCase', entityId: k.id, before: before ? { score: before.score, comment: before.comment } : undefined, after: { score, comment } });
  });
}

/** A live case of a visible campaign whose branch the actor sees (else undefined → 404). */
export async function visibleCase(db: DbOrTx, actor: Actor, campaignId: string, caseId: string) {
  const c = await visibleCampaign(db, actor, campaignId);
  if (!c) return undefined;
  const k = await db.selectFrom('campaign_cases').selectAll().where('tenant_id', '=', c.tenant_id).where('campaign_id', '=', c.id).where('id', '=', caseId)
    .where('deleted_at', 'is', null).executeTakeFirst();
  if (!k || !seesOrg(actor, c, k.tenant_id, k.org_path)) return undefined;
  return { c, k };
}

