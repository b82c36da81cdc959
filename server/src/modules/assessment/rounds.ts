// Rounds: a scheme version applied to a period and an organisation subtree. Opening one (the wizard) finds
// the targets, names the assessors and issues the sheets in one transaction; start-review computes every
// automatic leaf through platform/metrics and freezes it, so published results never move with later data.
import { sql, type SqlBool } from 'kysely';
import { newId } from '../../db/ids.js';
import { inSlices } from '../../db/batch.js';
import { forUpdate, inSubtree } from '../../db/dialect.js';
import type { DbOrTx } from '../../db/types.js';
import type { Actor } from '../../platform/access/actor.js';
import { can, scopeFilter } from '../../platform/access/can.js';
import type { AuditContext } from '../../platform/audit/service.js';
import type { Platform } from '../../platform/context.js';
import { conflict, fieldError, forbidden, notFound } from '../../platform/errors.js';
import { userDisplayNames } from '../../platform/accounts/service.js';
import { autoScore } from './scoring.js';
import { leavesOf, parseTree, schemeById } from './schemes.js';
import { ROUND_STATUS_NAMES, type Indicator, type RoundCreate, type RoundDetail, type RoundView } from './schema.js';
import type {
  AssessmentAutoScoreTable, AssessmentRoundTable, AssessmentSchemeTable, AssessmentSheetTable, AssessmentTargetTable, TargetType,
} from './tables.js';
import { parsePeriod } from '../../platform/calendar.js';

// ---- targets ----
export interface TargetCandidate { id: string; name: string; orgPath: string; memberUserId: string | null }

/** Every target of the scheme's kind in the subtree of `rootPath`, in tree order. */
export async function findTargets(db: DbOrTx, tenantId: string, targetType: TargetType, rootPath: string): Promise<TargetCandidate[]> {
  if (targetType === 'member') {
    const rows = await db.selectFrom('members as m').innerJoin('staff as s', (j) => j.onRef('s.tenant_id', '=', 'm.tenant_id').onRef('s.id', '=', 'm.staff_id'))
      .select(['m.id', 's.name', 'm.org_path', 'm.user_id']).where('m.tenant_id', '=', tenantId).where('m.deleted_at', 'is', null)
      .where('m.status', '=', 'active').where(inSubtree(sql.ref('m.org_path'), rootPath)).orderBy('m.org_path').orderBy('s.name').orderBy('m.id').execute();
    return rows.map((r) => ({ id: r.id, name: r.name, orgPath: r.org_path, memberUserId: r.user_id }));
  }
  const kinds = targetType === 'group' ? ['group' as const] : ['branch' as const, 'jointBranch' as const];
  const rows = await db.selectFrom('organisations').select(['id', 'name', 'path']).where('tenant_id', '=', tenantId).where('deleted_at', 'is', null)
    .where('kind', 'in', kinds).where(inSubtree(sql.ref('path'), rootPath)).orderBy('path').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, orgPath: r.path, memberUserId: null }));
}

/** Holders of the 书记 role granted at each organisation (self-assessment of an organisation target). */
async function secretariesOf(db: DbOrTx, tenantId: string, orgIds: string[]): Promise<Map<string, string>> {
  const rows = await inSlices(orgIds, (slice) => db.selectFrom('grants as g').innerJoin('roles as r', (j) => j.onRef('r.tenant_id', '=', 'g.tenant_id').onRef('r.id', '=', 'g.role_id'))
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'g.tenant_id').onRef('u.id', '=', 'g.user_id'))
    .select(['g.org_id', 'g.user_id']).where('g.tenant_id', '=', tenantId).where('g.org_id', 'in', slice).where('g.revoked_at', 'is', null)
    .where('r.code', '=', 'secretary').where('u.disabled', '=', 0).orderBy('g.created_at').execute());
  const out = new Map<string, string>();
  for (const r of rows) if (!out.has(r.org_id)) out.set(r.org_id, r.user_id);
  return out;
}

export interface OpenedRound { round: AssessmentRoundTable; targets: AssessmentTargetTable[]; sheets: AssessmentSheetTable[] }

/**
 * The rows of a new round (nothing written): validates the wizard's input against the scheme and the tenant.
 * Used by the route (with audit and notifications) and by the demo seeder.
 */
export async function planRound(db: DbOrTx, tenantId: string, scheme: AssessmentSchemeTable, input: RoundCreate, creatorId: string | null, at: string): Promise<OpenedRound> {
  let period: { from: string; to: string; label: string };
  if (input.period) {
    const p = parsePeriod(input.period);
    if (!p) throw fieldError('period', '考核期应写作 2026-11、2026-Q4、2026-H2 或 2026');
    period = { ...p, label: input.periodLabel || p.label };
  } else {
    if (!input.periodFrom || !input.periodTo) throw fieldError('period', '请选择考核期');
    if (input.periodTo < input.periodFrom) throw fieldError('periodTo', '考核期结束不能早于开始');
    period = { from: input.periodFrom, to: input.periodTo, label: input.periodLabel || `${input.periodFrom} 至 ${input.periodTo}` };
  }
  if (input.deadline < period.from) throw fieldError('deadline', '截止日期不能早于考核期开始');
  const root = await db.selectFrom('organisations').select(['id', 'path', 'name']).where('tenant_id', '=', tenantId).where('id', '=', input.rootOrgId)
    .where('deleted_at', 'is', null).executeTakeFirst();
  if (!root) throw fieldError('rootOrgId', '考核范围不存在');
  const tree = parseTree(scheme.indicators);
  const leaves = leavesOf(tree);
  const candidates = await findTargets(db, tenantId, scheme.target_type, root.path);
  if (candidates.length === 0) throw fieldError('rootOrgId', '考核范围内没有可考核的对象');
  const byId = new Map(candidates.map((c) => [c.id, c]));

  const assessorOf = new Map<string, string | null>();
  const defaultAssessor = input.assessorUserId ?? creatorId;
  for (const c of candidates) assessorOf.set(c.id, defaultAssessor);
  for (const a of input.assessors ?? []) {
    if (!byId.has(a.targetId)) throw fieldError('assessors', '考核人名单中有不在本次考核范围内的对象');
    assessorOf.set(a.targetId, a.userId);
  }
  const assessorLeaves = leaves.filter((l) => l.mode === 'manual' && (l.scorer?.kind ?? 'assessor') === 'assessor');
  const unitIds = [...new Set(leaves.flatMap((l) => (l.mode === 'manual' && l.scorer?.kind === 'unit' ? [l.scorer.unitId] : [])))];
  const unitScorer = new Map((input.unitScorers ?? []).map((u) => [u.unitId, u.userId]));
  if (unitIds.length > 0) {
    const units = await db.selectFrom('units').select(['id', 'name']).where('tenant_id', '=', tenantId).where('id', 'in', unitIds).execute();
    for (const u of unitIds) {
      if (!unitScorer.get(u)) throw fieldError('unitScorers', `请为责任单位“${units.find((x) => x.id === u)?.name ?? u}”指定评分人`);
    }
  }
  const userIds = [...new Set([...assessorOf.values(), ...unitIds.map((u) => unitScorer.get(u)!)].filter((x): x is string => !!x))];
  if (assessorLeaves.length > 0 && [...assessorOf.values()].some((v) => !v)) throw fieldError('assessorUserId', '请指定考核人');
  const live = new Set((await inSlices(userIds, (slice) => db.selectFrom('users').select('id').where('tenant_id', '=', tenantId).where('id', 'in', slice)
    .where('disabled', '=', 0).execute())).map((u) => u.id));
  if (userIds.some((u) => !live.has(u))) throw fieldError(input.unitScorers?.some((u) => !live.has(u.userId)) ? 'unitScorers' : 'assessorUserId', '指定的评分人账号不存在或已停用');

  const roundId = newId();
  const round: AssessmentRoundTable = {
    tenant_id: tenantId, id: roundId, scheme_id: scheme.id, scheme_version: scheme.version, indicators: scheme.indicators,
    name: input.name || `${scheme.name}（${period.label}）`, target_type: scheme.target_type, period_from: period.from, period_to: period.to,
    period_label: period.label, root_org_id: root.id, root_org_path: root.path, deadline: input.deadline, status: 'open',
    self_assessment: input.selfAssessment ? 1 : 0, created_by: creatorId, created_at: at, updated_at: at, review_at: null, published_at: null,
    published_by: null, deleted_at: null,
  };
  const targets: AssessmentTargetTable[] = candidates.map((c, i) => ({
    tenant_id: tenantId, round_id: roundId, target_id: c.id, target_name: c.name, org_path: c.orgPath, assessor_user_id: assessorOf.get(c.id) ?? null, sort_order: i,
  }));
  const selfUser = input.selfAssessment
    ? scheme.target_type === 'member'
      ? new Map(candidates.filter((c) => c.memberUserId).map((c) => [c.id, c.memberUserId!]))
      : await secretariesOf(db, tenantId, candidates.map((c) => c.id))
    : new Map<string, string>();
  const sheets: AssessmentSheetTable[] = [];
  const sheet = (targetId: string, kind: AssessmentSheetTable['kind'], user: string | null, unitId: string | null): AssessmentSheetTable =>
    ({ tenant_id: tenantId, id: newId(), round_id: roundId, target_id: targetId, assessor_user_id: user, kind, unit_id: unitId, status: 'draft', submitted_at: null, updated_at: at });
  for (const t of targets) {
    if (assessorLeaves.length > 0) sheets.push(sheet(t.target_id, 'assessor', t.assessor_user_id, null));
    for (const u of unitIds) sheets.push(sheet(t.target_id, 'unit', unitScorer.get(u)!, u));
    const self = selfUser.get(t.target_id);
    if (self && assessorLeaves.length > 0) sheets.push(sheet(t.target_id, 'self', self, null));
  }
  return { round, targets, sheets };
}

export async function insertRound(trx: DbOrTx, r: OpenedRound): Promise<void> {
  await trx.insertInto('assessment_rounds').values(r.round).execute();
  for (let i = 0; i < r.targets.length; i += 200) await trx.insertInto('assessment_targets').values(r.targets.slice(i, i + 200)).execute();
  for (let i = 0; i < r.sheets.length; i += 200) await trx.insertInto('assessment_sheets').values(r.sheets.slice(i, i + 200)).execute();
}

export async function createRound(p: Platform, ctx: AuditContext, actor: Actor, input: RoundCreate): Promise<string> {
  return p.audit.tx(ctx, async (trx) => {
    const scheme = await schemeById(trx, actor.tenantId, input.schemeId);
    if (!scheme) throw fieldError('schemeId', '考核方案不存在');
    const root = await trx.selectFrom('organisations').select(['path']).where('tenant_id', '=', actor.tenantId).where('id', '=', input.rootOrgId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!root || !can(actor, 'assessment.read', { tenantId: actor.tenantId, orgPath: root.path })) throw notFound('组织');
    if (!can(actor, 'assessment.manage', { tenantId: actor.tenantId, orgPath: root.path })) throw forbidden('您没有在该组织开展考核的权限');
    const opened = await planRound(trx, actor.tenantId, scheme, input, actor.userId, p.clock.now().toISOString());
    await insertRound(trx, opened);
    const r = opened.round;
    await p.audit.record(trx, ctx, {
      action: 'assessment.round.create', entity: 'assessmentRound', entityId: r.id,
      after: { name: r.name, schemeId: r.scheme_id, schemeVersion: r.scheme_version, period: [r.period_from, r.period_to], rootOrgId: r.root_org_id, deadline: r.deadline,
        targets: opened.targets.length, sheets: opened.sheets.length, selfAssessment: r.self_assessment },
    });
    const users = [...new Set(opened.sheets.map((s) => s.assessor_user_id).filter((u): u is string => !!u))];
    await p.notify.send(trx, actor.tenantId, users, { kind: 'assessment.round', title: `请在 ${r.deadline} 前完成考核评分：${r.name}`, link: '/assessment/sheets', dedupeKey: `assessment.round:${r.id}` });
    return r.id;
  });
}

// ---- access ----
export interface RoundAccess {
  manage: boolean;
  /** Sees every target (read over the root). */
  all: boolean;
  /** Otherwise: the targets the viewer may see (read over the target, or a sheet of theirs on it). */
  targetIds: Set<string>;
}

export async function roundById(db: DbOrTx, tenantId: string, id: string): Promise<AssessmentRoundTable | undefined> {
  return db.selectFrom('assessment_rounds').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function accessOf(db: DbOrTx, actor: Actor, round: AssessmentRoundTable): Promise<RoundAccess | null> {
  const rec = { tenantId: round.tenant_id, orgPath: round.root_org_path };
  const manage = can(actor, 'assessment.manage', rec);
  const all = manage || can(actor, 'assessment.read', rec);
  if (all) return { manage, all, targetIds: new Set() };
  const [readable, own] = await Promise.all([
    db.selectFrom('assessment_targets as t').select('t.target_id').where('t.tenant_id', '=', round.tenant_id).where('t.round_id', '=', round.id)
      .where(scopeFilter(actor, 'assessment.read', { tenant: sql.ref('t.tenant_id'), path: sql.ref('t.org_path') })).execute(),
    db.selectFrom('assessment_sheets').select('target_id').where('tenant_id', '=', round.tenant_id).where('round_id', '=', round.id).where('assessor_user_id', '=', actor.userId).execute(),
  ]);
  const targetIds = new Set([...readable.map((r) => r.target_id), ...own.map((r) => r.target_id)]);
  return targetIds.size > 0 ? { manage, all, targetIds } : null;
}

/** The round when the actor may see it, else 404. */
export async function visibleRound(p: Platform, actor: Actor, id: string): Promise<{ round: AssessmentRoundTable; access: RoundAccess }> {
  const round = await roundById(p.db, actor.tenantId, id);
  const access = round ? await accessOf(p.db, actor, round) : null;
  if (!round || !access) throw notFound('考核批次');
  return { round, access };
}

/** SQL: rounds the actor may see (read over the root, over a target, or a sheet of theirs). */
export function roundVisible(actor: Actor) {
  return sql<SqlBool>`(${scopeFilter(actor, 'assessment.read', { tenant: sql.ref('r.tenant_id'), path: sql.ref('r.root_org_path') })}
    or ${scopeFilter(actor, 'assessment.manage', { tenant: sql.ref('r.tenant_id'), path: sql.ref('r.root_org_path') })}
    or exists (select 1 from assessment_targets t where t.tenant_id = r.tenant_id and t.round_id = r.id
      and ${scopeFilter(actor, 'assessment.read', { tenant: sql.ref('t.tenant_id'), path: sql.ref('t.org_path') })})
    or exists (select 1 from assessment_sheets s where s.tenant_id = r.tenant_id and s.round_id = r.id and s.assessor_user_id = ${actor.userId}))`;
}

// ---- views ----
export async function roundViews(p: Platform, actor: Actor, rounds: AssessmentRoundTable[]): Promise<RoundView[]> {
  if (rounds.length === 0) return [];
  const tenantId = actor.tenantId;
  const ids = rounds.map((r) => r.id);
  const [schemes, orgs, targets, sheets] = await Promise.all([
    inSlices(rounds.map((r) => r.scheme_id), (s) => p.db.selectFrom('assessment_schemes').select(['id', 'name']).where('tenant_id', '=', tenantId).where('id', 'in', s).execute()),
    inSlices(rounds.map((r) => r.root_org_id), (s) => p.db.selectFrom('organisations').select(['id', 'name']).where('tenant_id', '=', tenantId).where('id', 'in', s).execute()),
    inSlices(ids, (s) => p.db.selectFrom('assessment_targets').select(['round_id', 'target_id', 'org_path']).where('tenant_id', '=', tenantId).where('round_id', 'in', s).execute()),
    inSlices(ids, (s) => p.db.selectFrom('assessment_sheets').select(['round_id', 'target_id', 'status', 'assessor_user_id']).where('tenant_id', '=', tenantId).where('round_id', 'in', s).execute()),
  ]);
  const schemeName = new Map(schemes.map((s) => [s.id, s.name]));
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  return rounds.map((r) => {
    const rec = { tenantId, orgPath: r.root_org_path };
    const all = can(actor, 'assessment.read', rec) || can(actor, 'assessment.manage', rec);
    const mySheetTargets = new Set(sheets.filter((s) => s.round_id === r.id && s.assessor_user_id === actor.userId).map((s) => s.target_id));
    const ts = targets.filter((t) => t.round_id === r.id && (all || mySheetTargets.has(t.target_id) || can(actor, 'assessment.read', { tenantId, orgPath: t.org_path })));
    const tIds = new Set(ts.map((t) => t.target_id));
    const ss = sheets.filter((s) => s.round_id === r.id && tIds.has(s.target_id));
    return {
      id: r.id, name: r.name, schemeId: r.scheme_id, schemeName: schemeName.get(r.scheme_id) ?? '', schemeVersion: r.scheme_version, targetType: r.target_type,
      periodFrom: r.period_from, periodTo: r.period_to, periodLabel: r.period_label, rootOrgId: r.root_org_id, rootOrgName: orgName.get(r.root_org_id) ?? '',
      deadline: r.deadline, status: r.status, statusName: ROUND_STATUS_NAMES[r.status], selfAssessment: r.self_assessment === 1, targetCount: ts.length,
      sheetsTotal: ss.length, sheetsSubmitted: ss.filter((s) => s.status === 'submitted').length, createdAt: r.created_at, reviewAt: r.review_at, publishedAt: r.published_at,
    };
  });
}

export async function roundDetail(p: Platform, actor: Actor, round: AssessmentRoundTable, access: RoundAccess): Promise<RoundDetail> {
  const [view] = await roundViews(p, actor, [round]);
  const tenantId = round.tenant_id;
  const [targets, sheets] = await Promise.all([
    p.db.selectFrom('assessment_targets').selectAll().where('tenant_id', '=', tenantId).where('round_id', '=', round.id).orderBy('sort_order').execute(),
    p.db.selectFrom('assessment_sheets').select(['target_id', 'status']).where('tenant_id', '=', tenantId).where('round_id', '=', round.id).execute(),
  ]);
  const visible = targets.filter((t) => access.all || access.targetIds.has(t.target_id));
  const names = await userDisplayNames(p.db, tenantId, visible.map((t) => t.assessor_user_id).filter((u): u is string => !!u));
  return {
    ...view!, indicators: parseTree(round.indicators),
    targets: visible.map((t) => {
      const ss = sheets.filter((s) => s.target_id === t.target_id);
      return {
        targetId: t.target_id, targetName: t.target_name, assessorUserId: t.assessor_user_id, assessorName: t.assessor_user_id ? names.get(t.assessor_user_id) ?? null : null,
        sheetsTotal: ss.length, sheetsSubmitted: ss.filter((s) => s.status === 'submitted').length,
      };
    }),
    can: { manage: access.manage, startReview: access.manage && (round.status === 'open' || round.status === 'scoring') },
  };
}

// ---- automatic scores ----
export interface AutoValue { metricKey: string; value: number | null; score: number; formula: string }

/** Every automatic leaf of the tree for the given targets over the round's period: leaf id → target id → value. */
export async function computeAuto(p: Platform, db: DbOrTx, tenantId: string, tree: Indicator[], period: { from: string; to: string }, targetIds: string[]): Promise<Map<string, Map<string, AutoValue>>> {
  const out = new Map<string, Map<string, AutoValue>>();
  const autos = leavesOf(tree).filter((l) => l.mode === 'auto' && l.metricKey && l.rule);
  const catalogue = new Map(p.metrics.list().map((m) => [m.key, m]));
  const values = new Map<string, Map<string, number>>();
  for (const key of new Set(autos.map((l) => l.metricKey!))) {
    // A metric that is no longer registered gives no data (0 points) rather than failing the whole round.
    values.set(key, p.metrics.has(key) ? await p.metrics.compute(key, { db, dialect: p.data.dialect, tenantId, period, targetIds }) : new Map());
  }
  for (const l of autos) {
    const metric = catalogue.get(l.metricKey!) ?? { name: l.metricKey!, unit: '' };
    const perTarget = new Map<string, AutoValue>();
    for (const t of targetIds) {
      const v = values.get(l.metricKey!)!.get(t);
      const value = v === undefined || !Number.isFinite(v) ? null : v;
      perTarget.set(t, { metricKey: l.metricKey!, value, ...autoScore(metric, l.rule!, l.maxScore, value) });
    }
    out.set(l.id, perTarget);
  }
  return out;
}

async function lockedRound(p: Platform, trx: DbOrTx, actor: Actor, id: string): Promise<AssessmentRoundTable> {
  await sql`select id from assessment_rounds where tenant_id = ${actor.tenantId} and id = ${id}${forUpdate(p.data.dialect)}`.execute(trx);
  const round = await roundById(trx, actor.tenantId, id);
  if (!round) throw notFound('考核批次');
  const access = await accessOf(trx, actor, round);
  if (!access) throw notFound('考核批次');
  if (!access.manage) throw forbidden('只有考核管理员可以操作考核批次');
  return round;
}

export async function startReview(p: Platform, ctx: AuditContext, actor: Actor, id: string): Promise<void> {
  await p.audit.tx(ctx, async (trx) => {
    const round = await lockedRound(p, trx, actor, id);
    if (round.status !== 'open' && round.status !== 'scoring') throw conflict('ASSESSMENT_STATE', round.status === 'published' ? '考核结果已发布' : '考核已进入复核');
    const targets = await trx.selectFrom('assessment_targets').select('target_id').where('tenant_id', '=', round.tenant_id).where('round_id', '=', id).execute();
    const at = p.clock.now().toISOString();
    const auto = await computeAuto(p, trx, round.tenant_id, parseTree(round.indicators), { from: round.period_from, to: round.period_to }, targets.map((t) => t.target_id));
    const rows: AssessmentAutoScoreTable[] = [];
    for (const [indicatorId, perTarget] of auto) {
      for (const [targetId, v] of perTarget) {
        rows.push({ tenant_id: round.tenant_id, round_id: id, target_id: targetId, indicator_id: indicatorId, metric_key: v.metricKey, metric_value: v.value, score: v.score, formula: v.formula, computed_at: at });
      }
    }
    await trx.deleteFrom('assessment_auto_scores').where('tenant_id', '=', round.tenant_id).where('round_id', '=', id).execute();
    for (let i = 0; i < rows.length; i += 200) await trx.insertInto('assessment_auto_scores').values(rows.slice(i, i + 200)).execute();
    await trx.updateTable('assessment_rounds').set({ status: 'review', review_at: at, updated_at: at }).where('tenant_id', '=', round.tenant_id).where('id', '=', id).execute();
    await p.audit.record(trx, ctx, { action: 'assessment.round.review', entity: 'assessmentRound', entityId: id, before: { status: round.status }, after: { status: 'review', autoScores: rows.length } });
  });
}

export async function backToScoring(p: Platform, ctx: AuditContext, actor: Actor, id: string): Promise<void> {
  await p.audit.tx(ctx, async (trx) => {
    const round = await lockedRound(p, trx, actor, id);
    if (round.status !== 'review') throw conflict('ASSESSMENT_STATE', round.status === 'published' ? '考核结果已发布' : '考核尚未进入复核');
    const at = p.clock.now().toISOString();
    await trx.deleteFrom('assessment_auto_scores').where('tenant_id', '=', round.tenant_id).where('round_id', '=', id).execute();
    await trx.updateTable('assessment_rounds').set({ status: 'scoring', review_at: null, updated_at: at }).where('tenant_id', '=', round.tenant_id).where('id', '=', id).execute();
    await p.audit.record(trx, ctx, { action: 'assessment.round.backToScoring', entity: 'assessmentRound', entityId: id, before: { status: 'review' }, after: { status: 'scoring' } });
  });
}

export async function deleteRound(p: Platform, ctx: AuditContext, actor: Actor, id: string): Promise<void> {
  await p.audit.tx(ctx, async (trx) => {
    const round = await lockedRound(p, trx, actor, id);
    if (round.status === 'published') throw conflict('ASSESSMENT_STATE', '考核结果已发布，不能删除');
    await trx.updateTable('assessment_rounds').set({ deleted_at: p.clock.now().toISOString() }).where('tenant_id', '=', round.tenant_id).where('id', '=', id).execute();
    await p.audit.record(trx, ctx, { action: 'assessment.round.delete', entity: 'assessmentRound', entityId: id, before: { name: round.name, status: round.status } });
  });
}

