// Score sheets: the manual leaves one user scores for one target. Only the assigned user sees and fills a
// sheet (a round manager may read and return it); drafts are saved freely, submitting needs every leaf,
// and nothing moves once the round is published (corrections then go through the results part).
import { sql } from 'kysely';
import { inSlices } from '../../db/batch.js';
import { forUpdate } from '../../db/dialect.js';
import type { DbOrTx } from '../../db/types.js';
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import type { Platform } from '../../platform/context.js';
import { badRequest, notFound } from '../../platform/errors.js';
import { userDisplayNames } from '../../platform/accounts/service.js';
import { unitNames } from '../units/index.js';
import type { TodoItem } from '../../platform/notify/index.js';
import { fmt, round2 } from './scoring.js';
import { leavesOf, parseTree, type Leaf } from './schemes.js';
import { computeAuto, type AutoValue } from './rounds.js';
import type { SheetDetail, SheetPatch, SheetView } from './schema.js';
import type { AssessmentRoundTable, AssessmentSheetTable } from './tables.js';
import { assertSheetReopenable, assertSheetWritable, sheetActions, sheetRights, visibleRoundSheets, type SheetRights } from './policy.js';

/** The leaves a sheet scores: the assessor's (assessor and self sheets) or one unit's. */
export function sheetLeaves(tree: Leaf[], sheet: Pick<AssessmentSheetTable, 'kind' | 'unit_id'>): Leaf[] {
  return tree.filter((l) => l.mode === 'manual' && (sheet.kind === 'unit'
    ? l.scorer?.kind === 'unit' && l.scorer.unitId === sheet.unit_id
    : (l.scorer?.kind ?? 'assessor') === 'assessor'));
}

type RoundBits = Pick<AssessmentRoundTable, 'id' | 'name' | 'period_label' | 'status' | 'deadline' | 'indicators' | 'root_org_path' | 'tenant_id' | 'period_from' | 'period_to'>;

async function roundsOf(db: DbOrTx, tenantId: string, ids: string[]): Promise<Map<string, RoundBits>> {
  const rows = await inSlices(ids, (s) => db.selectFrom('assessment_rounds')
    .select(['id', 'name', 'period_label', 'status', 'deadline', 'indicators', 'root_org_path', 'tenant_id', 'period_from', 'period_to'])
    .where('tenant_id', '=', tenantId).where('id', 'in', s).where('deleted_at', 'is', null).execute());
  return new Map(rows.map((r) => [r.id, r]));
}

async function scoresOf(db: DbOrTx, tenantId: string, sheetIds: string[]) {
  const rows = await inSlices(sheetIds, (s) => db.selectFrom('assessment_scores').selectAll().where('tenant_id', '=', tenantId).where('sheet_id', 'in', s).execute());
  const out = new Map<string, Map<string, { score: number; note: string }>>();
  for (const r of rows) {
    if (!out.has(r.sheet_id)) out.set(r.sheet_id, new Map());
    out.get(r.sheet_id)!.set(r.indicator_id, { score: Number(r.score), note: r.note });
  }
  return out;
}

export async function sheetViews(p: Platform, tenantId: string, sheets: AssessmentSheetTable[]): Promise<SheetView[]> {
  if (sheets.length === 0) return [];
  const [rounds, scores, targets, unitName] = await Promise.all([
    roundsOf(p.db, tenantId, sheets.map((s) => s.round_id)),
    scoresOf(p.db, tenantId, sheets.map((s) => s.id)),
    inSlices(sheets.map((s) => s.round_id), (s) => p.db.selectFrom('assessment_targets').select(['round_id', 'target_id', 'target_name']).where('tenant_id', '=', tenantId).where('round_id', 'in', s).execute()),
    unitNames(p.db, [tenantId], sheets.map((s) => s.unit_id).filter((u): u is string => !!u)),
  ]);
  const names = await userDisplayNames(p.db, tenantId, sheets.map((s) => s.assessor_user_id).filter((u): u is string => !!u));
  const targetName = new Map(targets.map((t) => [`${t.round_id}/${t.target_id}`, t.target_name]));
  const leavesByRound = new Map<string, Leaf[]>();
  const out: SheetView[] = [];
  for (const s of sheets) {
    const r = rounds.get(s.round_id);
    if (!r) continue;
    if (!leavesByRound.has(r.id)) leavesByRound.set(r.id, leavesOf(parseTree(r.indicators)));
    const leaves = sheetLeaves(leavesByRound.get(r.id)!, s);
    const sc = scores.get(s.id) ?? new Map();
    const scored = leaves.filter((l) => sc.has(l.id));
    out.push({
      id: s.id, roundId: r.id, roundName: r.name, periodLabel: r.period_label, roundStatus: r.status, deadline: r.deadline, targetId: s.target_id,
      targetName: targetName.get(`${s.round_id}/${s.target_id}`) ?? '', kind: s.kind, unitId: s.unit_id, unitName: s.unit_id ? unitName.get(`${tenantId}/${s.unit_id}`) ?? null : null,
      assessorUserId: s.assessor_user_id, assessorName: s.assessor_user_id ? names.get(s.assessor_user_id) ?? null : null, status: s.status,
      submittedAt: s.submitted_at, updatedAt: s.updated_at, leafCount: leaves.length, scoredCount: scored.length,
      total: round2(scored.reduce((t, l) => t + sc.get(l.id)!.score, 0)), maxTotal: round2(leaves.reduce((t, l) => t + l.maxScore, 0)),
    });
  }
  return out;
}

/** My sheets across rounds (unpublished rounds first, then by deadline). */
export async function mySheets(p: Platform, actor: Actor, q: { status?: 'draft' | 'submitted'; active?: boolean }): Promise<SheetView[]> {
  let query = p.db.selectFrom('assessment_sheets as s')
    .innerJoin('assessment_rounds as r', (j) => j.onRef('r.tenant_id', '=', 's.tenant_id').onRef('r.id', '=', 's.round_id'))
    .innerJoin('assessment_targets as t', (j) => j.onRef('t.tenant_id', '=', 's.tenant_id').onRef('t.round_id', '=', 's.round_id').onRef('t.target_id', '=', 's.target_id'))
    .selectAll('s').where('s.tenant_id', '=', actor.tenantId).where('s.assessor_user_id', '=', actor.userId).where('r.deleted_at', 'is', null);
  if (q.status) query = query.where('s.status', '=', q.status);
  if (q.active === true) query = query.where('r.status', '!=', 'published');
  if (q.active === false) query = query.where('r.status', '=', 'published');
  const rows = await query.orderBy(sql`case when r.status = 'published' then 1 else 0 end`).orderBy('r.deadline', 'desc').orderBy('r.id', 'desc')
    .orderBy('t.sort_order').orderBy('s.kind').limit(2000).execute();
  return sheetViews(p, actor.tenantId, rows);
}

/** Sheets of one round the actor may see: all for a manager, else only theirs. */
export async function roundSheets(p: Platform, actor: Actor, round: AssessmentRoundTable, manage: boolean): Promise<SheetView[]> {
  let q = p.db.selectFrom('assessment_sheets as s')
    .innerJoin('assessment_targets as t', (j) => j.onRef('t.tenant_id', '=', 's.tenant_id').onRef('t.round_id', '=', 's.round_id').onRef('t.target_id', '=', 's.target_id'))
    .selectAll('s').where('s.tenant_id', '=', round.tenant_id).where('s.round_id', '=', round.id);
  q = q.where(visibleRoundSheets(actor, manage, { assessor: sql.ref('s.assessor_user_id') }));
  return sheetViews(p, actor.tenantId, await q.orderBy('t.sort_order').orderBy('s.kind').orderBy('s.unit_id').execute());
}

interface SheetAccess { sheet: AssessmentSheetTable; round: RoundBits; rights: SheetRights }

async function sheetAccess(db: DbOrTx, actor: Actor, id: string): Promise<SheetAccess> {
  const sheet = await db.selectFrom('assessment_sheets').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', id).executeTakeFirst();
  const round = sheet ? (await roundsOf(db, actor.tenantId, [sheet.round_id])).get(sheet.round_id) : undefined;
  const rights = sheet && round ? sheetRights(actor, sheet, round) : null;
  if (!sheet || !round || !rights) throw notFound('评分表');
  return { sheet, round, rights };
}

export async function sheetDetail(p: Platform, actor: Actor, id: string): Promise<SheetDetail> {
  const { sheet, round, rights } = await sheetAccess(p.db, actor, id);
  const [view] = await sheetViews(p, actor.tenantId, [sheet]);
  const all = leavesOf(parseTree(round.indicators));
  const leaves = sheetLeaves(all, sheet);
  const autos = all.filter((l) => l.mode === 'auto');
  const scores = (await scoresOf(p.db, actor.tenantId, [sheet.id])).get(sheet.id) ?? new Map();
  const frozen = round.status === 'review' || round.status === 'published';
  const auto = new Map<string, AutoValue>();
  if (frozen) {
    const rows = await p.db.selectFrom('assessment_auto_scores').selectAll().where('tenant_id', '=', round.tenant_id).where('round_id', '=', round.id)
      .where('target_id', '=', sheet.target_id).execute();
    for (const r of rows) auto.set(r.indicator_id, { metricKey: r.metric_key, value: r.metric_value === null ? null : Number(r.metric_value), score: Number(r.score), formula: r.formula });
  } else if (autos.length > 0) {
    const live = await computeAuto(p, p.db, round.tenant_id, autos, { from: round.period_from, to: round.period_to }, [sheet.target_id]);
    for (const [leafId, perTarget] of live) {
      const v = perTarget.get(sheet.target_id);
      if (v) auto.set(leafId, v);
    }
  }
  const catalogue = new Map(p.metrics.list().map((m) => [m.key, m]));
  const evidence = (leafId: string | undefined) => {
    const v = leafId ? auto.get(leafId) : undefined;
    if (!v) return null;
    const m = catalogue.get(v.metricKey);
    return { metricKey: v.metricKey, metricName: m?.name ?? v.metricKey, unit: m?.unit ?? '', value: v.value, score: v.score, formula: v.formula, frozen };
  };
  const line = (l: Leaf, ev: string | undefined) => ({
    indicatorId: l.id, path: l.path, name: l.name, maxScore: l.maxScore, criteria: l.criteria, score: scores.get(l.id)?.score ?? null,
    note: scores.get(l.id)?.note ?? '', evidence: evidence(ev),
  });
  return {
    ...view!, lines: leaves.map((l) => line(l, l.evidenceIndicatorId)), autoLines: autos.map((l) => line(l, l.id)), can: sheetActions(rights, sheet, round),
  };
}

/** The sheet re-read under a row lock, refusing what may not change. */
async function writableSheet(p: Platform, trx: DbOrTx, actor: Actor, id: string): Promise<SheetAccess> {
  await sql`select id from assessment_sheets where tenant_id = ${actor.tenantId} and id = ${id}${forUpdate(p.data.dialect)}`.execute(trx);
  const a = await sheetAccess(trx, actor, id);
  assertSheetWritable(a.rights, a.sheet, a.round);
  return a;
}

async function writeScores(trx: DbOrTx, a: SheetAccess, input: SheetPatch): Promise<void> {
  const leaves = sheetLeaves(leavesOf(parseTree(a.round.indicators)), a.sheet);
  const byId = new Map(leaves.map((l) => [l.id, l]));
  for (const s of input.scores) {
    const leaf = byId.get(s.indicatorId);
    if (!leaf) throw badRequest('评分表中没有这项指标', { scores: '评分表中没有这项指标' });
    if (s.score === null) continue;
    const name = leaf.path.join('/');
    if (s.score < 0 || s.score > leaf.maxScore) throw badRequest(`“${name}”的得分应在 0–${fmt(leaf.maxScore)} 分之间`, { scores: `“${name}”的得分应在 0–${fmt(leaf.maxScore)} 分之间` });
    if (Math.abs(s.score * 10 - Math.round(s.score * 10)) > 1e-9) throw badRequest(`“${name}”的得分最多保留一位小数`, { scores: `“${name}”的得分最多保留一位小数` });
  }
  const ids = [...new Set(input.scores.map((s) => s.indicatorId))];
  if (ids.length > 0) await trx.deleteFrom('assessment_scores').where('tenant_id', '=', a.sheet.tenant_id).where('sheet_id', '=', a.sheet.id).where('indicator_id', 'in', ids).execute();
  const last = new Map(input.scores.map((s) => [s.indicatorId, s]));
  const rows = [...last.values()].filter((s) => s.score !== null)
    .map((s) => ({ tenant_id: a.sheet.tenant_id, sheet_id: a.sheet.id, indicator_id: s.indicatorId, score: round2(s.score!), note: s.note ?? '' }));
  if (rows.length > 0) await trx.insertInto('assessment_scores').values(rows).execute();
}

async function touch(trx: DbOrTx, a: SheetAccess, at: string, set: Partial<Pick<AssessmentSheetTable, 'status' | 'submitted_at'>> = {}) {
  await trx.updateTable('assessment_sheets').set({ ...set, updated_at: at }).where('tenant_id', '=', a.sheet.tenant_id).where('id', '=', a.sheet.id).execute();
  // The first score moves a freshly opened round into scoring.
  if (a.round.status === 'open') {
    await trx.updateTable('assessment_rounds').set({ status: 'scoring', updated_at: at }).where('tenant_id', '=', a.round.tenant_id).where('id', '=', a.round.id).where('status', '=', 'open').execute();
  }
}

const scoreAudit = async (trx: DbOrTx, sheetId: string, tenantId: string) =>
  Object.fromEntries(((await scoresOf(trx, tenantId, [sheetId])).get(sheetId) ?? new Map()).entries());

export async function saveSheet(p: Platform, ctx: AuditContext, actor: Actor, id: string, input: SheetPatch): Promise<void> {
  await p.audit.tx(ctx, async (trx) => {
    const a = await writableSheet(p, trx, actor, id);
    const before = await scoreAudit(trx, id, actor.tenantId);
    await writeScores(trx, a, input);
    await touch(trx, a, p.clock.now().toISOString());
    await p.audit.record(trx, ctx, { action: 'assessment.sheet.save', entity: 'assessmentSheet', entityId: id, before: { scores: before }, after: { scores: await scoreAudit(trx, id, actor.tenantId) } });
  });
}

export async function submitSheet(p: Platform, ctx: AuditContext, actor: Actor, id: string, input: SheetPatch | undefined): Promise<void> {
  await p.audit.tx(ctx, async (trx) => {
    const a = await writableSheet(p, trx, actor, id);
    if (input && input.scores.length > 0) await writeScores(trx, a, input);
    const leaves = sheetLeaves(leavesOf(parseTree(a.round.indicators)), a.sheet);
    const scores = (await scoresOf(trx, actor.tenantId, [id])).get(id) ?? new Map();
    const missing = leaves.filter((l) => !scores.has(l.id));
    if (missing.length > 0) {
      const msg = `还有 ${missing.length} 项指标未评分：${missing.slice(0, 5).map((l) => l.name).join('、')}${missing.length > 5 ? '等' : ''}`;
      throw badRequest(msg, { scores: msg });
    }
    const at = p.clock.now().toISOString();
    await touch(trx, a, at, { status: 'submitted', submitted_at: at });
    await p.audit.record(trx, ctx, { action: 'assessment.sheet.submit', entity: 'assessmentSheet', entityId: id, before: { status: 'draft' }, after: { status: 'submitted', scores: Object.fromEntries(scores.entries()) } });
  });
}

export async function reopenSheet(p: Platform, ctx: AuditContext, actor: Actor, id: string): Promise<void> {
  await p.audit.tx(ctx, async (trx) => {
    await sql`select id from assessment_sheets where tenant_id = ${actor.tenantId} and id = ${id}${forUpdate(p.data.dialect)}`.execute(trx);
    const a = await sheetAccess(trx, actor, id);
    assertSheetReopenable(a.rights, a.sheet, a.round);
    await trx.updateTable('assessment_sheets').set({ status: 'draft', submitted_at: null, updated_at: p.clock.now().toISOString() })
      .where('tenant_id', '=', actor.tenantId).where('id', '=', id).execute();
    await p.audit.record(trx, ctx, { action: 'assessment.sheet.reopen', entity: 'assessmentSheet', entityId: id, before: { status: 'submitted', submittedAt: a.sheet.submitted_at }, after: { status: 'draft' } });
    if (a.sheet.assessor_user_id) {
      await p.notify.send(trx, actor.tenantId, [a.sheet.assessor_user_id], { kind: 'assessment.reopen', title: `评分表已退回，请修改后重新提交：${a.round.name}`, link: `/assessment/sheets?id=${id}` });
    }
  });
}

/** 待评分: my draft sheets in rounds still open for scoring. Called once per platform from services.ts. */
export function registerAssessmentCoreServices(p: Platform): void {
  p.todos.register({
    kind: 'assessment.sheet', name: '待评分',
    async list(ctx) {
      const rows = await ctx.db.selectFrom('assessment_sheets as s')
        .innerJoin('assessment_rounds as r', (j) => j.onRef('r.tenant_id', '=', 's.tenant_id').onRef('r.id', '=', 's.round_id'))
        .innerJoin('assessment_targets as t', (j) => j.onRef('t.tenant_id', '=', 's.tenant_id').onRef('t.round_id', '=', 's.round_id').onRef('t.target_id', '=', 's.target_id'))
        .select(['s.id', 's.kind', 'r.name', 'r.deadline', 't.target_name']).where('s.tenant_id', '=', ctx.actor.tenantId).where('s.assessor_user_id', '=', ctx.actor.userId)
        .where('s.status', '=', 'draft').where('r.status', 'in', ['open', 'scoring']).where('r.deleted_at', 'is', null)
        .orderBy('r.deadline').orderBy('t.sort_order').limit(200).execute();
      return rows.map((r): TodoItem => ({
        kind: 'assessment.sheet', title: `${r.kind === 'self' ? '自评' : '评分'}：${r.target_name}（${r.name}）`, link: `/assessment/sheets?id=${r.id}`,
        entityId: r.id, orgName: r.target_name, due: r.deadline, overdue: ctx.today > r.deadline,
      }));
    },
  });
}
