// 考评 rounds and the evaluations in them: opening a round for a period (one evaluation per active plaque whose
// period overlaps it, with the weights and threshold of the day copied in), the holder's self-report, the branch's
// evaluation, the residents' part computed live from the period's ratings, and the close that freezes every part,
// totals the missing parts as 0 and flags plaques under the threshold for 摘牌.
import { sql } from 'kysely';
import type { DbOrTx } from '../../db/types.js';
import { newId } from '../../db/ids.js';
import { inSlices } from '../../db/batch.js';
import { forUpdate, inSubtree, uniqueViolation } from '../../db/dialect.js';
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import { parsePeriod, PERIOD_MESSAGE } from '../../platform/calendar.js';
import type { Platform } from '../../platform/context.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { readSetting } from '../../platform/settings/service.js';
import { window } from '../../platform/http/paging.js';
import { memberOfUser, memberSummaries } from '../members/index.js';
import { orgNamesOf, orgPaths } from '../org/index.js';
import { checkManagesCommittee, evaluatesAsBranch, readableAt, readsAt, reportsAsHolder } from './policy.js';
import { EVALUATION_RULES } from './evaluationSettings.js';
import { residentsScoreOf, totalOf, type RoundWeights } from './evaluationScore.js';
import type { EvaluationItem, EvaluationListQuery, RoundView } from './evaluationSchema.js';
import { AREA_KIND_NAMES } from './plaqueSchema.js';
import type { IncentiveEvaluationRoundTable, IncentiveEvaluationTable } from './tables.js';

const KIND_OF_PERIOD = { half: '半年（如 2026-H1）', quarter: '季度（如 2026-Q1）', year: '年度（如 2026）' } as const;

export const weightsOf = (r: Pick<IncentiveEvaluationRoundTable, 'weights'>): RoundWeights => JSON.parse(r.weights) as RoundWeights;

/** Ratings of each plaque rated within [from, to]: their count and average score (1..5). Every rating counts, approved comment or not. */
export async function ratingStats(db: DbOrTx, tenantId: string, plaqueIds: readonly string[], from: string, to: string): Promise<Map<string, { count: number; average: number }>> {
  const rows = await inSlices([...new Set(plaqueIds)], (slice) => db.selectFrom('incentive_ratings')
    .select((eb) => ['plaque_id', eb.fn.countAll<number>().as('n'), eb.fn.avg<number>('score').as('avg')])
    .where('tenant_id', '=', tenantId).where('plaque_id', 'in', slice).where('rated_on', '>=', from).where('rated_on', '<=', to)
    .groupBy('plaque_id').execute());
  return new Map(rows.map((r) => [r.plaque_id, { count: Number(r.n), average: Number(r.avg) }]));
}

// ---------- rounds ----------

export async function openRound(p: Platform, ctx: AuditContext, actor: Actor, periodCode: string): Promise<IncentiveEvaluationRoundTable> {
  checkManagesCommittee(actor, '开启考评');
  const rules = await readSetting(p.db, actor.tenantId, EVALUATION_RULES);
  const period = parsePeriod(periodCode);
  if (!period) throw badRequest(PERIOD_MESSAGE, { period: PERIOD_MESSAGE });
  if (period.kind !== rules.periodKind) {
    const msg = `业务规则的考评周期为${KIND_OF_PERIOD[rules.periodKind]}，请按此填写`;
    throw badRequest(msg, { period: msg });
  }
  const now = p.clock.now().toISOString();
  const round: IncentiveEvaluationRoundTable = {
    tenant_id: actor.tenantId, id: newId(), period: period.code, title: `${period.label}党员示范岗（责任区）考评`,
    period_from: period.from, period_to: period.to,
    weights: JSON.stringify({ self: rules.selfWeight, residents: rules.residentsWeight, branch: rules.branchWeight, minRatings: rules.minRatings } satisfies RoundWeights),
    threshold: rules.threshold, status: 'open', created_by: actor.userId, created_at: now, closed_at: null,
  };
  try {
    return await p.audit.tx(ctx, async (trx) => {
      await trx.insertInto('incentive_evaluation_rounds').values(round).execute();
      const plaques = await trx.selectFrom('incentive_plaques').select(['id', 'org_path'])
        .where('tenant_id', '=', actor.tenantId).where('deleted_at', 'is', null).where('status', '=', 'active')
        .where('period_from', '<=', period.to).where('period_to', '>=', period.from).orderBy('id').execute();
      const rows: IncentiveEvaluationTable[] = plaques.map((pl) => ({
        tenant_id: actor.tenantId, id: newId(), round_id: round.id, plaque_id: pl.id, org_path: pl.org_path,
        self_score: null, self_report: null, self_at: null, residents_score: null, rating_count: 0,
        branch_score: null, branch_comment: null, branch_by: null, branch_at: null, total: null, flagged: 0, updated_at: now,
      }));
      for (let i = 0; i < rows.length; i += 200) await trx.insertInto('incentive_evaluations').values(rows.slice(i, i + 200)).execute();
      await p.audit.record(trx, ctx, { action: 'incentive.round.open', entity: 'incentiveEvaluationRound', entityId: round.id, after: { ...round, evaluations: rows.length } });
      return round;
    });
  } catch (err) {
    if (uniqueViolation(err)) throw conflict('INCENTIVE_ROUND_EXISTS', `${period.label}的考评已开启，不能重复开启`);
    throw err;
  }
}

export async function roundFor(db: DbOrTx, tenantId: string, id: string): Promise<IncentiveEvaluationRoundTable> {
  const r = await db.selectFrom('incentive_evaluation_rounds').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('考评批次');
  return r;
}

/** Closes an open round: the residents' part frozen from the period's ratings, totals final, plaques under the threshold flagged. */
export async function closeRound(p: Platform, ctx: AuditContext, actor: Actor, round: IncentiveEvaluationRoundTable): Promise<{ flagged: number }> {
  checkManagesCommittee(actor, '结束考评');
  const w = weightsOf(round);
  const now = p.clock.now().toISOString();
  return p.audit.tx(ctx, async (trx) => {
    const done = await trx.updateTable('incentive_evaluation_rounds').set({ status: 'closed', closed_at: now })
      .where('tenant_id', '=', round.tenant_id).where('id', '=', round.id).where('status', '=', 'open').executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) throw conflict('INCENTIVE_ROUND_CLOSED', '该考评已结束，不能重复结束');
    // Locked: a self or branch score saved while the close runs is waited for and counted, not overwritten by a stale total.
    const evals = await trx.selectFrom('incentive_evaluations').selectAll().where('tenant_id', '=', round.tenant_id).where('round_id', '=', round.id)
      .modifyEnd(forUpdate(p.data.dialect)).execute();
    const stats = await ratingStats(trx, round.tenant_id, evals.map((e) => e.plaque_id), round.period_from, round.period_to);
    let flagged = 0;
    for (const e of evals) {
      const s = stats.get(e.plaque_id);
      const residents = residentsScoreOf(s ? s.average : null);
      const count = s?.count ?? 0;
      const total = totalOf(w, { self: e.self_score, residents, ratingCount: count, branch: e.branch_score }, true)!;
      const under = total < round.threshold;
      await trx.updateTable('incentive_evaluations').set({ residents_score: residents, rating_count: count, total, flagged: under ? 1 : 0, updated_at: now })
        .where('tenant_id', '=', e.tenant_id).where('id', '=', e.id).execute();
      if (!under) continue;
      flagged++;
      await trx.updateTable('incentive_plaques').set({ flagged: 1, updated_at: now }).where('tenant_id', '=', e.tenant_id).where('id', '=', e.plaque_id).execute();
      await trx.insertInto('incentive_plaque_events').values({
        tenant_id: e.tenant_id, id: newId(), plaque_id: e.plaque_id, action: 'flagged', actor_id: actor.userId, at: now,
        note: `${round.title}总分 ${total} 分，低于 ${round.threshold} 分，建议摘牌`,
      }).execute();
    }
    await p.audit.record(trx, ctx, { action: 'incentive.round.close', entity: 'incentiveEvaluationRound', entityId: round.id, before: { status: 'open' }, after: { status: 'closed', evaluations: evals.length, flagged } });
    return { flagged };
  });
}

/** Every round with the numbers of the evaluations the actor sees. */
export async function listRounds(p: Platform, actor: Actor): Promise<RoundView[]> {
  const rounds = await p.db.selectFrom('incentive_evaluation_rounds').selectAll().where('tenant_id', '=', actor.tenantId).orderBy('period_from', 'desc').execute();
  const counts = await p.db.selectFrom('incentive_evaluations as ev')
    .select((eb) => ['ev.round_id', eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(sql`case when ev.self_score is not null and ev.branch_score is not null then 1 else 0 end`).as('done'),
      eb.fn.sum<number>('ev.flagged').as('flagged')])
    .where('ev.tenant_id', '=', actor.tenantId).where(readableAt(actor, 'ev')).groupBy('ev.round_id').execute();
  const byRound = new Map(counts.map((c) => [c.round_id, c]));
  return rounds.map((r) => {
    const c = byRound.get(r.id);
    return { ...roundViewOf(r), count: Number(c?.n ?? 0), done: Number(c?.done ?? 0), flagged: Number(c?.flagged ?? 0) };
  });
}

const roundViewOf = (r: IncentiveEvaluationRoundTable) => ({
  id: r.id, period: r.period, title: r.title, periodFrom: r.period_from, periodTo: r.period_to, weights: weightsOf(r), threshold: r.threshold,
  status: r.status, createdAt: r.created_at, closedAt: r.closed_at,
});

export async function roundView(p: Platform, actor: Actor, round: IncentiveEvaluationRoundTable): Promise<RoundView> {
  return (await listRounds(p, actor)).find((r) => r.id === round.id) ?? { ...roundViewOf(round), count: 0, done: 0, flagged: 0 };
}

// ---------- evaluations ----------

function evaluationBase(db: DbOrTx, tenantId: string) {
  return db.selectFrom('incentive_evaluations as ev')
    .innerJoin('incentive_plaques as ip', (j) => j.onRef('ip.tenant_id', '=', 'ev.tenant_id').onRef('ip.id', '=', 'ev.plaque_id'))
    .innerJoin('incentive_evaluation_rounds as er', (j) => j.onRef('er.tenant_id', '=', 'ev.tenant_id').onRef('er.id', '=', 'ev.round_id'))
    .selectAll('ev')
    .select(['ip.title', 'ip.kind', 'ip.org_id', 'ip.member_id', 'ip.post_name', 'ip.area_kind', 'ip.area_name', 'ip.flagged as plaque_flagged',
      'er.period', 'er.status as round_status', 'er.period_from', 'er.period_to', 'er.weights', 'er.threshold'])
    .where('ev.tenant_id', '=', tenantId);
}
type EvalRow = Awaited<ReturnType<ReturnType<typeof evaluationBase>['executeTakeFirstOrThrow']>>;

/** The views of evaluation rows: names, the residents' part live while the round is open, and what the actor may do. */
async function viewsOf(p: Platform, actor: Actor, rows: EvalRow[], actorMemberId: string | undefined): Promise<EvaluationItem[]> {
  const open = rows.filter((r) => r.round_status === 'open');
  const live = new Map<string, { count: number; average: number }>();
  for (const key of new Set(open.map((r) => `${r.period_from}|${r.period_to}`))) {
    const [from, to] = key.split('|') as [string, string];
    const s = await ratingStats(p.db, actor.tenantId, open.filter((r) => r.period_from === from && r.period_to === to).map((r) => r.plaque_id), from, to);
    for (const [k, v] of s) live.set(`${key}|${k}`, v);
  }
  const [members, orgs] = await Promise.all([memberSummaries(p.db, actor.tenantId, rows.map((r) => r.member_id)), orgNamesOf(p.db, actor, rows.map((r) => r.org_id))]);
  return rows.map((r) => {
    const w = weightsOf(r);
    const isOpen = r.round_status === 'open';
    const s = isOpen ? live.get(`${r.period_from}|${r.period_to}|${r.plaque_id}`) : undefined;
    const residents = isOpen ? residentsScoreOf(s ? s.average : null) : r.residents_score;
    const count = isOpen ? (s?.count ?? 0) : r.rating_count;
    const holder = reportsAsHolder(actorMemberId, r.member_id);
    const allowed: EvaluationItem['allowed'] = [];
    if (isOpen && holder) allowed.push('self');
    if (isOpen && evaluatesAsBranch(actor, r.org_path, holder)) allowed.push('branch');
    return {
      id: r.id, roundId: r.round_id, period: r.period, roundStatus: r.round_status, plaqueId: r.plaque_id, plaqueTitle: r.title, kind: r.kind,
      place: r.kind === 'post' ? (r.post_name ?? '') : `${AREA_KIND_NAMES[r.area_kind ?? 'other']}：${r.area_name ?? ''}`,
      orgId: r.org_id, orgName: orgs.get(`${actor.tenantId}/${r.org_id}`) ?? '', memberId: r.member_id, memberName: members.get(r.member_id)?.name ?? '',
      selfScore: r.self_score, selfReport: r.self_report, selfAt: r.self_at, residentsScore: residents, ratingCount: count,
      residentsCounted: count >= w.minRatings, branchScore: r.branch_score, branchComment: r.branch_comment, branchAt: r.branch_at,
      total: isOpen ? totalOf(w, { self: r.self_score, residents, ratingCount: count, branch: r.branch_score }, false) : r.total,
      flagged: r.flagged === 1, plaqueFlagged: r.plaque_flagged === 1, allowed,
    };
  });
}

export async function listEvaluations(p: Platform, actor: Actor, round: IncentiveEvaluationRoundTable, q: EvaluationListQuery): Promise<{ items: EvaluationItem[]; total: number }> {
  let base = evaluationBase(p.db, actor.tenantId).where('ev.round_id', '=', round.id).where(readableAt(actor, 'ev'));
  if (q.orgId) {
    const path = (await orgPaths(p.db, actor.tenantId, [q.orgId])).get(q.orgId);
    if (!path || !readsAt(actor, path)) throw notFound('组织');
    base = base.where(inSubtree(sql.ref<string>('ev.org_path'), path));
  }
  if (q.flagged) base = base.where('ev.flagged', '=', q.flagged === 'true' ? 1 : 0);
  if (q.pending === 'self') base = base.where('ev.self_score', 'is', null);
  if (q.pending === 'branch') base = base.where('ev.branch_score', 'is', null);
  const { limit, offset } = window(q);
  const [rows, count] = await Promise.all([
    base.orderBy('ev.org_path').orderBy('ip.title').orderBy('ev.id').limit(limit).offset(offset).execute(),
    base.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const me = await memberOfUser(p.db, actor.tenantId, actor.userId);
  return { items: await viewsOf(p, actor, rows, me?.id), total: Number(count.n) };
}

/** The evaluations of the actor's own plaques, open rounds first. */
export async function myEvaluations(p: Platform, actor: Actor): Promise<EvaluationItem[]> {
  const me = await memberOfUser(p.db, actor.tenantId, actor.userId);
  if (!me) return [];
  const rows = await evaluationBase(p.db, actor.tenantId).where('ip.member_id', '=', me.id).where('ip.deleted_at', 'is', null)
    .orderBy('er.status', 'desc').orderBy('er.period_from', 'desc').orderBy('ip.title').execute();
  return viewsOf(p, actor, rows, me.id);
}

/** One evaluation the actor sees (incentive.read over it, or their own plaque); else 404. */
async function evaluationFor(p: Platform, actor: Actor, id: string, memberId: string | undefined): Promise<EvalRow> {
  const own = memberId ? sql<boolean>`ip.member_id = ${memberId}` : sql<boolean>`1 = 0`;
  const row = await evaluationBase(p.db, actor.tenantId).where('ev.id', '=', id).where((eb) => eb.or([readableAt(actor, 'ev'), own])).executeTakeFirst();
  if (!row) throw notFound('考评记录');
  return row;
}

const roundClosed = () => conflict('INCENTIVE_ROUND_CLOSED', '该考评已结束，不能再修改');

/** Stores a part and the live total in one conditional update: nothing lands once the round has closed. */
async function writePart(p: Platform, ctx: AuditContext, actor: Actor, row: EvalRow, part: 'self' | 'branch', set: Partial<IncentiveEvaluationTable>): Promise<void> {
  if (row.round_status !== 'open') throw roundClosed();
  const w = weightsOf(row);
  const stats = (await ratingStats(p.db, actor.tenantId, [row.plaque_id], row.period_from, row.period_to)).get(row.plaque_id);
  const self = part === 'self' ? set.self_score! : row.self_score;
  const branch = part === 'branch' ? set.branch_score! : row.branch_score;
  const residents = residentsScoreOf(stats ? stats.average : null);
  const total = totalOf(w, { self, residents, ratingCount: stats?.count ?? 0, branch }, false);
  const now = p.clock.now().toISOString();
  await p.audit.tx(ctx, async (trx) => {
    // The round's row first, locked: a close that got there before is waited for and refuses this (on PostgreSQL the
    // update's own "round open" check would still read the round as it was when the statement began, and its stale
    // total would overwrite the close's final one); a close that comes after waits for this and counts it.
    const round = await trx.selectFrom('incentive_evaluation_rounds').select('status').where('tenant_id', '=', row.tenant_id).where('id', '=', row.round_id)
      .modifyEnd(forUpdate(p.data.dialect)).executeTakeFirst();
    if (round?.status !== 'open') throw roundClosed();
    const done = await trx.updateTable('incentive_evaluations').set({ ...set, residents_score: residents, rating_count: stats?.count ?? 0, total, updated_at: now })
      .where('tenant_id', '=', row.tenant_id).where('id', '=', row.id)
      .where('round_id', 'in', trx.selectFrom('incentive_evaluation_rounds').select('id').where('tenant_id', '=', row.tenant_id).where('status', '=', 'open'))
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) throw roundClosed();
    const before = part === 'self' ? { score: row.self_score, report: row.self_report } : { score: row.branch_score, comment: row.branch_comment };
    const after = part === 'self' ? { score: set.self_score, report: set.self_report } : { score: set.branch_score, comment: set.branch_comment };
    await p.audit.record(trx, ctx, { action: `incentive.evaluation.${part}`, entity: 'incentiveEvaluation', entityId: row.id, before, after });
  });
}

export async function writeSelf(p: Platform, ctx: AuditContext, actor: Actor, id: string, body: { score: number; report: string }): Promise<EvaluationItem> {
  const me = await memberOfUser(p.db, actor.tenantId, actor.userId);
  const row = await evaluationFor(p, actor, id, me?.id);
  if (!reportsAsHolder(me?.id, row.member_id)) throw forbidden('只有示范岗（责任区）本人可以填写自评');
  await writePart(p, ctx, actor, row, 'self', { self_score: body.score, self_report: body.report, self_at: p.clock.now().toISOString() });
  return (await viewsOf(p, actor, [await evaluationFor(p, actor, id, me?.id)], me?.id))[0]!;
}

export async function writeBranch(p: Platform, ctx: AuditContext, actor: Actor, id: string, body: { score: number; comment: string }): Promise<EvaluationItem> {
  const me = await memberOfUser(p.db, actor.tenantId, actor.userId);
  const row = await evaluationFor(p, actor, id, me?.id);
  const holder = reportsAsHolder(me?.id, row.member_id);
  if (!evaluatesAsBranch(actor, row.org_path, holder)) throw forbidden(holder ? '不能评价本人的示范岗（责任区）' : '没有评价该示范岗（责任区）的权限');
  await writePart(p, ctx, actor, row, 'branch', { branch_score: body.score, branch_comment: body.comment || null, branch_by: actor.userId, branch_at: p.clock.now().toISOString() });
  return (await viewsOf(p, actor, [await evaluationFor(p, actor, id, me?.id)], me?.id))[0]!;
}
