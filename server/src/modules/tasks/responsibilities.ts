// 党建工作责任制: an organisation's (or one leader's) standing duties for a year with periodic reports (quarterly
// by default). Who may see, change and report is policy.ts; each change is one transaction with its audit entry.
import type { z } from 'zod';
import { sql } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import type { Platform } from '../../platform/context.js';
import { AppError, conflict, forbidden, notFound, Problems } from '../../platform/errors.js';
import { periodsOfYear, shanghaiDate } from '../../platform/calendar.js';
import { newId } from '../../db/ids.js';
import { forUpdate } from '../../db/dialect.js';
import type { DbOrTx } from '../../db/types.js';
import { liveOrg } from '../org/index.js';
import { key, orgNamesFor, orgPathFor, peopleNames } from './names.js';
import { holdsTaskDuty, managesResponsibilities, mayReportOn } from './policy.js';
import {
  insertReport, insertResponsibility, itemIdsOf, itemsOf, replaceItems, reportedPeriods, reportOfPeriod, reportsOf, responsibilityPage, responsibilityVisible,
  sameKeyList, updateResponsibility, type ResponsibilityRow,
} from './responsibilityQueries.js';
import { REPORT_CYCLE_NAMES, type ResponsibilityCreate, type ResponsibilityPatch, type ResponsibilityReportBody, type responsibilityDetail, type responsibilityView } from './schema.js';
import { enabledUsers } from './service.js';
import type { ReportCycle, ResponsibilityTable } from './tables.js';

type View = z.infer<typeof responsibilityView>;
type Detail = z.infer<typeof responsibilityDetail>;

function periodsOf(year: number, cycle: ReportCycle): { period: string; label: string; startOn: string; dueOn: string }[] {
  return periodsOfYear(cycle, year).map((p) => ({ period: p.code, label: p.shortLabel, startOn: p.from, dueOn: p.to }));
}

async function views(p: Platform, actor: Actor, rows: ResponsibilityTable[]): Promise<View[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [items, reported, orgs, people] = await Promise.all([
    itemsOf(p.db, actor.tenantId, ids),
    reportedPeriods(p.db, actor.tenantId, ids),
    orgNamesFor(p.db, actor, rows.map((r) => ({ tenant: r.tenant_id, id: r.org_id }))),
    peopleNames(p.db, rows.flatMap((r) => (r.leader_id ? [{ tenant: r.tenant_id, id: r.leader_id }] : []))),
  ]);
  const today = shanghaiDate(p.clock.now());
  return rows.map((r) => {
    const done = new Set(reported.filter((x) => x.responsibility_id === r.id).map((x) => x.period));
    return {
      id: r.id, year: r.year, orgId: r.org_id, orgName: orgs.get(key(r.tenant_id, r.org_id)) ?? '',
      leaderId: r.leader_id, leaderName: (r.leader_id && people.get(key(r.tenant_id, r.leader_id))) || null,
      title: r.title, reportCycle: r.report_cycle, reportCycleName: REPORT_CYCLE_NAMES[r.report_cycle],
      items: items.filter((i) => i.responsibility_id === r.id).map((i) => ({ id: i.id, content: i.content, standard: i.standard })),
      createdAt: r.created_at, updatedAt: r.updated_at,
      periods: periodsOf(r.year, r.report_cycle).map((x) => ({ period: x.period, label: x.label, dueOn: x.dueOn, reported: done.has(x.period), overdue: !done.has(x.period) && x.dueOn < today })),
    };
  });
}

/** A page of the lists the actor can see (filters: year, an organisation's subtree). */
export async function responsibilityList(p: Platform, actor: Actor, f: { year?: number | undefined; orgId?: string | undefined; limit: number; offset: number }): Promise<{ items: View[]; total: number }> {
  const orgPath = f.orgId ? await orgPathFor(p.db, actor, f.orgId) : undefined;
  const { rows, total } = await responsibilityPage(p.db, actor, { year: f.year, orgPath, limit: f.limit, offset: f.offset });
  return { items: await views(p, actor, rows), total };
}

/** One list the actor can see (404 otherwise), with every report. */
export async function responsibilityDetailOf(p: Platform, actor: Actor, id: string): Promise<Detail> {
  const row = await responsibilityVisible(p.db, actor, id);
  if (!row) throw notFound('责任书');
  const [[view], reports] = await Promise.all([views(p, actor, [row]), reportsOf(p.db, row.tenant_id, row.id)]);
  const names = await peopleNames(p.db, reports.flatMap((r) => (r.reported_by ? [{ tenant: row.tenant_id, id: r.reported_by }] : [])));
  const labels = new Map(periodsOf(row.year, row.report_cycle).map((x) => [x.period, x.label]));
  return {
    ...view!,
    reports: reports.map((r) => ({
      id: r.id, period: r.period, periodLabel: labels.get(r.period) ?? r.period, content: r.content, itemNotes: JSON.parse(r.item_notes) as { itemId: string; note: string }[],
      reportedById: r.reported_by, reportedByName: (r.reported_by && names.get(key(row.tenant_id, r.reported_by))) || null, reportedAt: r.reported_at,
    })),
  };
}

/** The 责任领导, when named: an enabled account with 督办 duties over the organisation, as the picker offers. */
async function checkLeader(db: DbOrTx, tenantId: string, orgPath: string | undefined, leaderId: string | null | undefined, problems: Problems): Promise<void> {
  if (!leaderId) return;
  if (!(await enabledUsers(db, tenantId, [leaderId])).has(leaderId)) problems.add('leaderId', '责任人不存在或已停用');
  else if (orgPath && !(await holdsTaskDuty(db, tenantId, orgPath, leaderId))) {
    problems.add('leaderId', '责任领导须是对责任组织负有督办职责的人员');
  }
}

const duplicate = () => conflict('DUPLICATE_RESPONSIBILITY', '该组织（责任人）本年度已有责任书', { year: '该组织（责任人）本年度已有责任书' });

/** Creates a list with its items for an organisation the actor manages; one per organisation, leader and year. */
export async function createResponsibility(p: Platform, ctx: AuditContext, actor: Actor, b: ResponsibilityCreate): Promise<string> {
  return p.audit.tx(ctx, async (trx) => {
    const problems = new Problems();
    const org = await liveOrg(trx, actor.tenantId, b.orgId);
    if (!org || !managesResponsibilities(actor, { tenantId: actor.tenantId, orgPath: org.path })) problems.add('orgId', '责任组织不存在或不在您的管理范围内');
    await checkLeader(trx, actor.tenantId, org?.path, b.leaderId, problems);
    problems.throwIfAny();
    const leaderKey = b.leaderId ?? '';
    if (await sameKeyList(trx, actor.tenantId, { orgId: b.orgId, leaderKey, year: b.year })) throw duplicate();
    const at = p.clock.now().toISOString();
    const row: ResponsibilityTable = {
      tenant_id: actor.tenantId, id: newId(), year: b.year, org_id: b.orgId, leader_id: b.leaderId ?? null, leader_key: leaderKey, title: b.title,
      report_cycle: b.reportCycle, created_by: actor.userId, created_at: at, updated_at: at, deleted_at: null,
    };
    await insertResponsibility(trx, row, b.items.map((it, i) => ({ id: newId(), sort_order: i, content: it.content, standard: it.standard ?? null })));
    await p.audit.record(trx, ctx, { action: 'responsibility.create', entity: 'responsibility', entityId: row.id, after: { year: row.year, orgId: row.org_id, leaderId: row.leader_id, title: row.title, reportCycle: row.report_cycle, items: b.items } });
    return row.id;
  });
}

/**
 * Locks the list (PostgreSQL) and re-reads it inside the transaction as the actor sees it (404 otherwise): two edits
 * at once each replaced the items they had read, leaving both sets; two reports of one period both passed the check.
 */
async function visibleIn(p: Platform, trx: DbOrTx, actor: Actor, id: string): Promise<ResponsibilityRow> {
  await sql`select id from responsibilities where tenant_id = ${actor.tenantId} and id = ${id}${forUpdate(p.data.dialect)}`.execute(trx);
  const row = await responsibilityVisible(trx, actor, id);
  if (!row) throw notFound('责任书');
  return row;
}

/** Changes title, cycle, leader and (replacing them as a whole) the items, by whoever manages the organisation's lists. */
export async function editResponsibility(p: Platform, ctx: AuditContext, actor: Actor, id: string, b: ResponsibilityPatch): Promise<void> {
  await p.audit.tx(ctx, async (trx) => {
    const row = await visibleIn(p, trx, actor, id);
    if (!managesResponsibilities(actor, { tenantId: row.tenant_id, orgPath: row.org_path })) throw forbidden('只有责任组织的管理人员可以修改责任书');
    const problems = new Problems();
    await checkLeader(trx, row.tenant_id, row.org_path, b.leaderId, problems);
    problems.throwIfAny();
    const at = p.clock.now().toISOString();
    const leaderId = b.leaderId === undefined ? row.leader_id : b.leaderId;
    const set = { title: b.title ?? row.title, report_cycle: b.reportCycle ?? row.report_cycle, leader_id: leaderId, leader_key: leaderId ?? '', updated_at: at };
    if (set.leader_key !== row.leader_key && (await sameKeyList(trx, row.tenant_id, { orgId: row.org_id, leaderKey: set.leader_key, year: row.year, except: row.id }))) throw duplicate();
    await updateResponsibility(trx, row, set);
    let itemsAfter: unknown;
    if (b.items) {
      const current = await itemsOf(trx, row.tenant_id, [row.id]);
      const known = new Set(current.map((c) => c.id));
      if (b.items.some((it) => it.id && !known.has(it.id))) throw new AppError(400, 'VALIDATION', '责任条目不存在', { items: '责任条目不存在' });
      await replaceItems(trx, row, current, b.items, at);
      itemsAfter = b.items;
    }
    await p.audit.record(trx, ctx, {
      action: 'responsibility.edit', entity: 'responsibility', entityId: row.id,
      before: { title: row.title, reportCycle: row.report_cycle, leaderId: row.leader_id }, after: { title: set.title, reportCycle: set.report_cycle, leaderId: set.leader_id, items: itemsAfter },
    });
  });
}

/** One report per period that has begun, by the leader or whoever manages the organisation's lists. */
export async function reportOnResponsibility(p: Platform, ctx: AuditContext, actor: Actor, id: string, b: ResponsibilityReportBody): Promise<void> {
  await p.audit.tx(ctx, async (trx) => {
    const row = await visibleIn(p, trx, actor, id);
    if (!mayReportOn(actor, row)) throw forbidden('只有责任人或责任组织的管理人员可以汇报');
    const period = periodsOf(row.year, row.report_cycle).find((x) => x.period === b.period);
    if (!period) throw new AppError(400, 'VALIDATION', `汇报期次不属于本责任书（${row.year}年，${REPORT_CYCLE_NAMES[row.report_cycle]}汇报）`, { period: '汇报期次不属于本责任书' });
    if (period.startOn > shanghaiDate(p.clock.now())) throw new AppError(400, 'VALIDATION', `${period.label}尚未开始，不能汇报`, { period: `${period.label}尚未开始，不能汇报` });
    const itemIds = await itemIdsOf(trx, row.tenant_id, row.id);
    if ((b.itemNotes ?? []).some((n) => !itemIds.has(n.itemId))) throw new AppError(400, 'VALIDATION', '逐项说明中有不属于本责任书的条目', { itemNotes: '逐项说明中有不属于本责任书的条目' });
    if (await reportOfPeriod(trx, row.tenant_id, row.id, b.period)) throw conflict('DUPLICATE_REPORT', `${period.label}已汇报，不能重复汇报`, { period: `${period.label}已汇报` });
    await insertReport(trx, {
      tenant_id: row.tenant_id, id: newId(), responsibility_id: row.id, period: b.period, content: b.content, item_notes: JSON.stringify(b.itemNotes ?? []),
      reported_by: actor.userId, reported_at: p.clock.now().toISOString(),
    });
    await p.audit.record(trx, ctx, { action: 'responsibility.report', entity: 'responsibility', entityId: row.id, after: { period: b.period, content: b.content, itemNotes: b.itemNotes ?? [] } });
  });
}
