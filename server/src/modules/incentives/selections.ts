// 表彰评选: one selection a year with its quotas and nomination deadline, moved on by the 党委 from 推荐中 to 审核,
// 公示 (at least the 业务规则's working days, Mon–Fri; public holidays are not known to the system) and 决定, each
// step a conditional update so two clicks cannot both land. The decision writes the honours to the records.
import { sql } from 'kysely';
import { newId } from '../../db/ids.js';
import type { DbOrTx } from '../../db/types.js';
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import { addDays, addWorkingDays, todayIn, workingDaysBetween } from '../../platform/calendar.js';
import type { Platform } from '../../platform/context.js';
import { conflict, fieldError, forbidden, notFound } from '../../platform/errors.js';
import { writeHonoursOfDecision } from './honours.js';
import { categoryName, defaultQuotas, HONOUR_CATEGORIES, HONOUR_RULES, type HonourRules, type Quotas } from './honourSettings.js';
import type { SelectionCreate, SelectionPatch, SelectionView } from './honourSchema.js';
import { runsSelections, visibleNominations, writeScopes } from './policy.js';
import type { HonourCategory, IncentiveSelectionTable, SelectionStatus } from './tables.js';

export const STATUS_NAMES: Record<SelectionStatus, string> = { nominating: '推荐中', reviewing: '党委审核', publicising: '公示中', decided: '已决定' };
const auditView = (s: IncentiveSelectionTable) => ({
  year: s.year, title: s.title, quotas: JSON.parse(s.quotas) as Quotas, nominateBy: s.nominate_by, status: s.status,
  publicityFrom: s.publicity_from, publicityTo: s.publicity_to, decidedOn: s.decided_on, decisionNo: s.decision_no,
});

export const rulesOf = (p: Platform, tenantId: string) => p.settings.get(tenantId, HONOUR_RULES);

/** The earliest last day of a 公示 that starts on `from` and lasts `days` working days. */
export const earliestPublicityEnd = (from: string, days: number): string => addWorkingDays(addDays(from, -1), days);

/** The selection, or 404 (selections are the committee's: every reader of 激励 sees them). */
export async function selectionRow(db: DbOrTx, tenantId: string, id: string): Promise<IncentiveSelectionTable> {
  const s = await db.selectFrom('incentive_selections').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  if (!s) throw notFound('表彰评选');
  return s;
}

/** Accepted (or honoured) nominations per category: what the quota limits. */
export async function acceptedCounts(db: DbOrTx, tenantId: string, selectionId: string): Promise<Record<HonourCategory, number>> {
  const rows = await db.selectFrom('incentive_nominations').select(['category', sql<number>`count(*)`.as('n')])
    .where('tenant_id', '=', tenantId).where('selection_id', '=', selectionId).where('status', 'in', ['accepted', 'honoured'])
    .groupBy('category').execute();
  const out = { outstandingMember: 0, outstandingWorker: 0, advancedOrg: 0 };
  for (const r of rows) out[r.category] = Number(r.n);
  return out;
}

/** Refuses when any category has more accepted nominations than its quota. */
export function checkQuotas(rules: HonourRules, quotas: Quotas, accepted: Record<HonourCategory, number>): void {
  for (const c of HONOUR_CATEGORIES) {
    if (accepted[c] > quotas[c]) throw conflict('OVER_QUOTA', `${categoryName(rules, c)}已通过 ${accepted[c]} 名，超过名额 ${quotas[c]} 名，请先退回多出的推荐`);
  }
}

export async function selectionViews(p: Platform, actor: Actor, rows: IncentiveSelectionTable[]): Promise<SelectionView[]> {
  if (rows.length === 0) return [];
  const rules = await rulesOf(p, actor.tenantId);
  const ids = rows.map((r) => r.id);
  const [counts, objections] = await Promise.all([
    p.db.selectFrom('incentive_nominations as n').select(['n.selection_id', 'n.category', 'n.status', sql<number>`count(*)`.as('c')])
      .where('n.tenant_id', '=', actor.tenantId).where('n.selection_id', 'in', ids).where(visibleNominations(actor))
      .groupBy(['n.selection_id', 'n.category', 'n.status']).execute(),
    p.db.selectFrom('incentive_objections as o')
      .innerJoin('incentive_nominations as n', (j) => j.onRef('n.tenant_id', '=', 'o.tenant_id').onRef('n.id', '=', 'o.nomination_id'))
      .select(['n.selection_id', sql<number>`count(*)`.as('c')])
      .where('o.tenant_id', '=', actor.tenantId).where('n.selection_id', 'in', ids).where('o.handled_at', 'is', null).where(visibleNominations(actor))
      .groupBy('n.selection_id').execute(),
  ]);
  const now = todayIn(p.clock);
  const runs = runsSelections(actor);
  const nominates = writeScopes(actor).length > 0;
  return rows.map((s) => {
    const perCategory: SelectionView['counts'] = {};
    for (const c of HONOUR_CATEGORIES) perCategory[c] = { nominated: 0, accepted: 0, rejected: 0, honoured: 0 };
    for (const r of counts.filter((x) => x.selection_id === s.id)) {
      if (r.status !== 'withdrawn') perCategory[r.category]![r.status] = Number(r.c);
    }
    const allowed: SelectionView['allowed'] = [];
    if (runs && s.status === 'nominating') allowed.push('edit', 'review');
    if (runs && s.status === 'reviewing') allowed.push('publicity');
    if (runs && s.status === 'publicising') allowed.push('decide');
    if (nominates && s.status === 'nominating' && now <= s.nominate_by) allowed.push('nominate');
    return {
      id: s.id, year: s.year, title: s.title, quotas: JSON.parse(s.quotas) as Quotas, nominateBy: s.nominate_by, status: s.status,
      publicityFrom: s.publicity_from, publicityTo: s.publicity_to, minPublicityWorkingDays: rules.publicityWorkingDays,
      decidedOn: s.decided_on, decisionNo: s.decision_no,
      categories: HONOUR_CATEGORIES.map((c) => ({ code: c, name: categoryName(rules, c) })),
      counts: perCategory, openObjections: Number(objections.find((o) => o.selection_id === s.id)?.c ?? 0), allowed,
    };
  });
}

export async function listSelections(p: Platform, actor: Actor): Promise<SelectionView[]> {
  const rows = await p.db.selectFrom('incentive_selections').selectAll().where('tenant_id', '=', actor.tenantId).orderBy('year', 'desc').execute();
  return selectionViews(p, actor, rows);
}

export async function selectionView(p: Platform, actor: Actor, id: string): Promise<SelectionView> {
  return (await selectionViews(p, actor, [await selectionRow(p.db, actor.tenantId, id)]))[0]!;
}

function checkRuns(actor: Actor): void {
  if (!runsSelections(actor)) throw forbidden('只有党委可以组织表彰评选');
}

export async function createSelection(p: Platform, ctx: AuditContext, actor: Actor, body: SelectionCreate): Promise<SelectionView> {
  checkRuns(actor);
  const rules = await rulesOf(p, actor.tenantId);
  if (body.nominateBy < todayIn(p.clock)) throw fieldError('nominateBy', '推荐截止日期不能早于今天');
  const at = p.clock.now().toISOString();
  const row: IncentiveSelectionTable = {
    tenant_id: actor.tenantId, id: newId(), year: body.year, title: body.title ?? `${body.year}年度“两优一先”评选表彰`,
    quotas: JSON.stringify(body.quotas ?? defaultQuotas(rules)), nominate_by: body.nominateBy, status: 'nominating',
    publicity_from: null, publicity_to: null, decided_on: null, decision_no: null, created_by: actor.userId, created_at: at, updated_at: at,
  };
  await p.audit.tx(ctx, async (trx) => {
    const dup = await trx.selectFrom('incentive_selections').select('id').where('tenant_id', '=', actor.tenantId).where('year', '=', body.year).executeTakeFirst();
    if (dup) throw conflict('SELECTION_EXISTS', `${body.year}年度已有表彰评选`, { year: `${body.year}年度已有表彰评选` });
    await trx.insertInto('incentive_selections').values(row).execute();
    await p.audit.record(trx, ctx, { action: 'incentive.selection.create', entity: 'incentiveSelection', entityId: row.id, after: auditView(row) });
  });
  return selectionView(p, actor, row.id);
}

/** Moves the selection from `from` to the next status with `set`, or a 409 when someone else moved it first. */
async function transition(p: Platform, ctx: AuditContext, actor: Actor, s: IncentiveSelectionTable, from: SelectionStatus, set: Partial<IncentiveSelectionTable>,
  action: string, inTx?: (trx: DbOrTx) => Promise<void>): Promise<SelectionView> {
  await p.audit.tx(ctx, async (trx) => {
    const done = await trx.updateTable('incentive_selections').set({ ...set, updated_at: p.clock.now().toISOString() })
      .where('tenant_id', '=', s.tenant_id).where('id', '=', s.id).where('status', '=', from).executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) throw conflict('SELECTION_MOVED', '该评选的状态已变化，请刷新后再试');
    if (inTx) await inTx(trx);
    await p.audit.record(trx, ctx, { action, entity: 'incentiveSelection', entityId: s.id, before: auditView(s), after: auditView({ ...s, ...set }) });
  });
  return selectionView(p, actor, s.id);
}

const wrongStatus = (s: IncentiveSelectionTable, what: string) => conflict('SELECTION_STATUS', `该评选${STATUS_NAMES[s.status]}，不能${what}`);

export async function patchSelection(p: Platform, ctx: AuditContext, actor: Actor, id: string, body: SelectionPatch): Promise<SelectionView> {
  checkRuns(actor);
  const s = await selectionRow(p.db, actor.tenantId, id);
  if (s.status !== 'nominating') throw wrongStatus(s, '修改');
  if (body.nominateBy && body.nominateBy < todayIn(p.clock)) throw fieldError('nominateBy', '推荐截止日期不能早于今天');
  const set: Partial<IncentiveSelectionTable> = {
    ...(body.title ? { title: body.title } : {}), ...(body.quotas ? { quotas: JSON.stringify(body.quotas) } : {}), ...(body.nominateBy ? { nominate_by: body.nominateBy } : {}),
  };
  return transition(p, ctx, actor, s, 'nominating', { ...set, status: 'nominating' }, 'incentive.selection.update');
}

/** Closes nominations and opens the 党委's review. */
export async function startReview(p: Platform, ctx: AuditContext, actor: Actor, id: string): Promise<SelectionView> {
  checkRuns(actor);
  const s = await selectionRow(p.db, actor.tenantId, id);
  if (s.status !== 'nominating') throw wrongStatus(s, '开始审核');
  return transition(p, ctx, actor, s, 'nominating', { status: 'reviewing' }, 'incentive.selection.review');
}

/** Starts the 公示: every nomination reviewed, at least one accepted, none over quota, long enough. */
export async function startPublicity(p: Platform, ctx: AuditContext, actor: Actor, id: string, body: { from: string; to: string }): Promise<SelectionView> {
  checkRuns(actor);
  const s = await selectionRow(p.db, actor.tenantId, id);
  if (s.status !== 'reviewing') throw wrongStatus(s, '开始公示');
  const rules = await rulesOf(p, actor.tenantId);
  if (body.from < todayIn(p.clock)) throw fieldError('from', '公示开始日期不能早于今天');
  const earliest = earliestPublicityEnd(body.from, rules.publicityWorkingDays);
  if (body.to < earliest) {
    throw fieldError('to', `公示期不少于 ${rules.publicityWorkingDays} 个工作日（${body.from} 至 ${body.to} 仅 ${workingDaysBetween(body.from, body.to)} 个），结束日期最早为 ${earliest}`);
  }
  const [pending, accepted] = await Promise.all([
    p.db.selectFrom('incentive_nominations').select(sql<number>`count(*)`.as('n')).where('tenant_id', '=', s.tenant_id).where('selection_id', '=', s.id).where('status', '=', 'nominated').executeTakeFirstOrThrow(),
    acceptedCounts(p.db, s.tenant_id, s.id),
  ]);
  if (Number(pending.n) > 0) throw conflict('NOT_REVIEWED', `尚有 ${Number(pending.n)} 条推荐未审核`);
  if (HONOUR_CATEGORIES.every((c) => accepted[c] === 0)) throw conflict('NONE_ACCEPTED', '没有审核通过的推荐，无法公示');
  checkQuotas(rules, JSON.parse(s.quotas) as Quotas, accepted);
  return transition(p, ctx, actor, s, 'reviewing', { status: 'publicising', publicity_from: body.from, publicity_to: body.to }, 'incentive.selection.publicity');
}

/** The decision: after the 公示 has ended with every objection handled; writes the honours to the records. */
export async function decideSelection(p: Platform, ctx: AuditContext, actor: Actor, id: string, body: { decisionNo: string; decidedOn?: string | undefined }): Promise<SelectionView> {
  checkRuns(actor);
  const s = await selectionRow(p.db, actor.tenantId, id);
  if (s.status !== 'publicising') throw wrongStatus(s, '作出决定');
  const now = todayIn(p.clock);
  if (!s.publicity_to || now <= s.publicity_to) throw conflict('PUBLICITY_RUNNING', `公示期至 ${s.publicity_to} 结束，期满后才能作出决定`);
  const decidedOn = body.decidedOn ?? now;
  if (decidedOn <= s.publicity_to) throw fieldError('decidedOn', '决定日期应在公示期结束之后');
  if (decidedOn > now) throw fieldError('decidedOn', '决定日期不能晚于今天');
  const rules = await rulesOf(p, actor.tenantId);
  return transition(p, ctx, actor, s, 'publicising', { status: 'decided', decided_on: decidedOn, decision_no: body.decisionNo }, 'incentive.selection.decide', async (trx) => {
    // Read inside the transaction: an objection recorded a moment ago still stops the decision.
    const open = await trx.selectFrom('incentive_objections as o')
      .innerJoin('incentive_nominations as n', (j) => j.onRef('n.tenant_id', '=', 'o.tenant_id').onRef('n.id', '=', 'o.nomination_id'))
      .select(sql<number>`count(*)`.as('n')).where('o.tenant_id', '=', s.tenant_id).where('n.selection_id', '=', s.id).where('o.handled_at', 'is', null)
      .executeTakeFirstOrThrow();
    if (Number(open.n) > 0) throw conflict('OBJECTIONS_OPEN', `尚有 ${Number(open.n)} 条异议未处理`);
    checkQuotas(rules, JSON.parse(s.quotas) as Quotas, await acceptedCounts(trx, s.tenant_id, s.id));
    await writeHonoursOfDecision(p, trx, actor, { ...s, decided_on: decidedOn, decision_no: body.decisionNo }, rules);
  });
}
