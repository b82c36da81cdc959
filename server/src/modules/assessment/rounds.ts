// Rounds: a scheme version applied to a period and an organisation subtree. Opening one (the wizard) finds
// the targets, names the assessors and issues the sheets in one transaction; start-review computes every
// automatic leaf through platform/metrics and freezes it, so published results never move with later data.
import { sql } from 'kysely';
import { newId } from '../../db/ids.js';
import { inSlices } from '../../db/batch.js';
import { forUpdate, inSubtree } from '../../db/dialect.js';
import type { DbOrTx, OrganisationTable } from '../../db/types.js';
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import type { Platform } from '../../platform/context.js';
import { conflict, fieldError, notFound } from '../../platform/errors.js';
import { accountsById, userDisplayNames } from '../../platform/accounts/service.js';
import { ancestorPaths, roleHoldersAt } from '../../platform/access/holders.js';
import { liveOrg, lockOrgTree, orgNamesOf, orgsUnder, withDisplayNames } from '../org/index.js';
import { membersUnder } from '../members/index.js';
import { unitNames } from '../units/index.js';
import { autoScore } from './scoring.js';
import { leavesOf, parseTree, schemeById } from './schemes.js';
import { ROUND_STATUS_NAMES, type Indicator, type RoundCreate, type RoundDetail, type RoundView } from './schema.js';
import type {
  AssessmentAutoScoreTable, AssessmentRoundTable, AssessmentSchemeTable, AssessmentSheetTable, AssessmentTargetTable, TargetType,
} from './tables.js';
import { parsePeriod } from '../../platform/calendar.js';
import { assertOpensRoundAt, assertRoundManager, roundAccess, roundActions, visibleRounds, visibleTargets, type RoundAccess } from './policy.js';

/** Where a round opens in the web (links from 督办 tasks and from 管控信息). */
export const ROUND_PAGE = '/assessment/rounds?id=';
export const roundLink = (roundId: string) => `${ROUND_PAGE}${roundId}`;

// ---- targets ----
export interface TargetCandidate { id: string; name: string; orgPath: string; memberUserId: string | null }

/** Every target of the scheme's kind in the subtree of `rootPath`, in tree order. */
export async function findTargets(db: DbOrTx, tenantId: string, targetType: TargetType, rootPath: string): Promise<TargetCandidate[]> {
  if (targetType === 'member') {
    return (await membersUnder(db, tenantId, rootPath, { status: 'active' })).map((m) => ({ id: m.id, name: m.name, orgPath: m.orgPath, memberUserId: m.userId }));
  }
  const orgs = await withDisplayNames(db, await orgsUnder(db, tenantId, rootPath, targetType === 'group' ? ['group'] : ['branch', 'jointBranch']));
  return orgs.map((o) => ({ id: o.id, name: o.name, orgPath: o.path, memberUserId: null }));
}

export interface OpenedRound { round: AssessmentRoundTable; targets: AssessmentTargetTable[]; sheets: AssessmentSheetTable[] }

/**
 * The rows of a new round (nothing written) at `root`, a live organisation the caller read with the tree locked
 * (its path and the targets' paths are copied): validates the wizard's input against the scheme and the tenant.
 * Used by the route (with audit and notifications) and by the demo seeder.
 */
export async function planRound(db: DbOrTx, tenantId: string, scheme: AssessmentSchemeTable, input: RoundCreate, root: OrganisationTable, creatorId: string | null, at: string): Promise<OpenedRound> {
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
    const missing = unitIds.find((u) => !unitScorer.get(u));
    if (missing) throw fieldError('unitScorers', `请为责任单位“${(await unitNames(db, [tenantId], [missing])).get(`${tenantId}/${missing}`) ?? missing}”指定评分人`);
  }
  const userIds = [...new Set([...assessorOf.values(), ...unitIds.map((u) => unitScorer.get(u)!)].filter((x): x is string => !!x))];
  if (assessorLeaves.length > 0 && [...assessorOf.values()].some((v) => !v)) throw fieldError('assessorUserId', '请指定考核人');
  const accounts = await accountsById(db, tenantId, userIds);
  const live = new Set([...accounts.values()].filter((a) => !a.disabled).map((a) => a.id));
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
      : await roleHoldersAt(db, tenantId, candidates.map((c) => c.id), 'secretary')
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
    // The round's root path and its targets' paths are copied: a move committed meanwhile would miss the new rows.
    await lockOrgTree(trx, p.data.dialect, actor.tenantId);
    const scheme = await schemeById(trx, actor.tenantId, input.schemeId);
    if (!scheme) throw fieldError('schemeId', '考核方案不存在');
    const root = await liveOrg(trx, actor.tenantId, input.rootOrgId);
    assertOpensRoundAt(actor, root);
    const opened = await planRound(trx, actor.tenantId, scheme, input, root, actor.userId, p.clock.now().toISOString());
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

// ---- reading ----
export async function roundById(db: DbOrTx, tenantId: string, id: string): Promise<AssessmentRoundTable | undefined> {
  return db.selectFrom('assessment_rounds').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

/** The round when the actor may see it, else 404. */
export async function visibleRound(p: Platform, actor: Actor, id: string): Promise<{ round: AssessmentRoundTable; access: RoundAccess }> {
  const round = await roundById(p.db, actor.tenantId, id);
  const access = round ? await roundAccess(p.db, actor, round) : null;
  if (!round || !access) throw notFound('考核批次');
  return { round, access };
}

/** SQL columns of a target joined to its round (alias t and r), as the policy's visibleTargets takes them. */
const targetCols = { tenant: sql.ref<string>('t.tenant_id'), roundId: sql.ref<string>('t.round_id'), targetId: sql.ref<string>('t.target_id'), path: sql.ref<string>('t.org_path'), rootPath: sql.ref<string>('r.root_org_path') };

// ---- views ----
/** The rounds the actor may see (latest period first, at most 500), optionally of one status or scheme. */
export function listRounds(db: DbOrTx, actor: Actor, f: { status?: AssessmentRoundTable['status'] | undefined; schemeId?: string | undefined }): Promise<AssessmentRoundTable[]> {
  let q = db.selectFrom('assessment_rounds as r').selectAll('r').where('r.tenant_id', '=', actor.tenantId).where('r.deleted_at', 'is', null)
    .where(visibleRounds(actor, { tenant: sql.ref('r.tenant_id'), id: sql.ref('r.id'), rootPath: sql.ref('r.root_org_path') }));
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.schemeId) q = q.where('r.scheme_id', '=', f.schemeId);
  return q.orderBy('r.period_from', 'desc').orderBy('r.created_at', 'desc').limit(500).execute();
}

/**
 * The latest published round of organisations (not of members) the actor sees whose root is over or inside the
 * organisation at `orgPath`, latest period first as the rounds page lists them; with `publishedBefore` (an ISO instant),
 * only a round published before it.
 */
export function latestOrgRound(db: DbOrTx, actor: Actor, orgPath: string, publishedBefore?: string): Promise<AssessmentRoundTable | undefined> {
  let q = db.selectFrom('assessment_rounds as r').selectAll('r').where('r.tenant_id', '=', actor.tenantId).where('r.deleted_at', 'is', null)
    .where(visibleRounds(actor, { tenant: sql.ref('r.tenant_id'), id: sql.ref('r.id'), rootPath: sql.ref('r.root_org_path') }))
    .where('r.status', '=', 'published').where('r.target_type', '!=', 'member')
    .where((eb) => eb.or([inSubtree(sql.ref<string>('r.root_org_path'), orgPath), eb('r.root_org_path', 'in', ancestorPaths(orgPath))]));
  if (publishedBefore) q = q.where('r.published_at', '<', publishedBefore);
  return q.orderBy('r.period_from', 'desc').orderBy('r.created_at', 'desc').limit(1).executeTakeFirst();
}

export async function roundViews(p: Platform, actor: Actor, rounds: AssessmentRoundTable[]): Promise<RoundView[]> {
  if (rounds.length === 0) return [];
  const tenantId = actor.tenantId;
  const ids = rounds.map((r) => r.id);
  // Per round, the targets the viewer may see and the progress of their sheets, counted in SQL.
  const [schemes, orgNames, progress] = await Promise.all([
    inSlices(rounds.map((r) => r.scheme_id), (s) => p.db.selectFrom('assessment_schemes').select(['id', 'name']).where('tenant_id', '=', tenantId).where('id', 'in', s).execute()),
    orgNamesOf(p.db, actor, rounds.map((r) => r.root_org_id)),
    inSlices(ids, (slice) => p.db.selectFrom('assessment_targets as t')
      .innerJoin('assessment_rounds as r', (j) => j.onRef('r.tenant_id', '=', 't.tenant_id').onRef('r.id', '=', 't.round_id'))
      .leftJoin('assessment_sheets as s', (j) => j.onRef('s.tenant_id', '=', 't.tenant_id').onRef('s.round_id', '=', 't.round_id').onRef('s.target_id', '=', 't.target_id'))
      .select((eb) => ['t.round_id', eb.fn.count<number>('t.target_id').distinct().as('targets'), eb.fn.count<number>('s.id').as('sheets'),
        eb.fn.sum<number>(sql`case when s.status = 'submitted' then 1 else 0 end`).as('submitted')])
      .where('t.tenant_id', '=', tenantId).where('t.round_id', 'in', slice).where(visibleTargets(actor, targetCols))
      .groupBy('t.round_id').execute()),
  ]);
  const schemeName = new Map(schemes.map((s) => [s.id, s.name]));
  const counts = new Map(progress.map((c) => [c.round_id, c]));
  return rounds.map((r) => {
    const c = counts.get(r.id);
    return {
      id: r.id, name: r.name, schemeId: r.scheme_id, schemeName: schemeName.get(r.scheme_id) ?? '', schemeVersion: r.scheme_version, targetType: r.target_type,
      periodFrom: r.period_from, periodTo: r.period_to, periodLabel: r.period_label, rootOrgId: r.root_org_id, rootOrgName: orgNames.get(`${tenantId}/${r.root_org_id}`) ?? '',
      deadline: r.deadline, status: r.status, statusName: ROUND_STATUS_NAMES[r.status], selfAssessment: r.self_assessment === 1, targetCount: Number(c?.targets ?? 0),
      sheetsTotal: Number(c?.sheets ?? 0), sheetsSubmitted: Number(c?.submitted ?? 0), createdAt: r.created_at, reviewAt: r.review_at, publishedAt: r.published_at,
    };
  });
}

export async function roundDetail(p: Platform, actor: Actor, round: AssessmentRoundTable, access: RoundAccess): Promise<RoundDetail> {
  const tenantId = round.tenant_id;
  const [[view], targets] = await Promise.all([
    roundViews(p, actor, [round]),
    p.db.selectFrom('assessment_targets as t')
      .innerJoin('assessment_rounds as r', (j) => j.onRef('r.tenant_id', '=', 't.tenant_id').onRef('r.id', '=', 't.round_id'))
      .leftJoin('assessment_sheets as s', (j) => j.onRef('s.tenant_id', '=', 't.tenant_id').onRef('s.round_id', '=', 't.round_id').onRef('s.target_id', '=', 't.target_id'))
      .select((eb) => ['t.target_id', 't.target_name', 't.assessor_user_id', 't.sort_order', eb.fn.count<number>('s.id').as('sheets'),
        eb.fn.sum<number>(sql`case when s.status = 'submitted' then 1 else 0 end`).as('submitted')])
      .where('t.tenant_id', '=', tenantId).where('t.round_id', '=', round.id).where(visibleTargets(actor, targetCols))
      .groupBy(['t.target_id', 't.target_name', 't.assessor_user_id', 't.sort_order']).orderBy('t.sort_order').execute(),
  ]);
  const names = await userDisplayNames(p.db, tenantId, targets.map((t) => t.assessor_user_id).filter((u): u is string => !!u));
  return {
    ...view!, indicators: parseTree(round.indicators),
    targets: targets.map((t) => ({
      targetId: t.target_id, targetName: t.target_name, assessorUserId: t.assessor_user_id, assessorName: t.assessor_user_id ? names.get(t.assessor_user_id) ?? null : null,
      sheetsTotal: Number(t.sheets), sheetsSubmitted: Number(t.submitted ?? 0),
    })),
    can: roundActions(access, round),
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
  assertRoundManager(await roundAccess(trx, actor, round));
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

