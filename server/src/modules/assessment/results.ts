// Results of a round: per target the leaf scores (manual from submitted non-self sheets, automatic frozen at
// review), corrections applied, total, shared rank, stars and bonus coefficient (settings in bonus.ts);
// publication (locks the round) and audited corrections of published scores.
import { sql } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import type { Platform } from '../../platform/context.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import { userDisplayNames } from '../../platform/accounts/service.js';
import { indexDocuments } from '../../platform/search/index.js';
import type { DbOrTx } from '../../db/types.js';
import { newId } from '../../db/ids.js';
import { ASSESSMENT_BONUS, ASSESSMENT_STARS, bonusFor, rankTotals, starsFor, type BonusSetting, type StarSetting } from './bonus.js';
import { assertResultsManager, readsAllResults, visibleResults, visibleResultsOf } from './policy.js';
import { roundSearchDoc } from './infoSource.js';
import { roundById } from './rounds.js';
import type { AssessmentRoundTable } from './tables.js';

/** The part of the indicator tree results need (schema.ts has the full type). */
interface Node { id: string; name: string; maxScore: number; mode?: 'manual' | 'auto'; children?: Node[]; evidenceIndicatorId?: string }
export interface Leaf { id: string; name: string; maxScore: number; mode: 'manual' | 'auto'; path: string; evidenceIndicatorId: string | null }

export function leavesOfJson(json: string): Leaf[] {
  const out: Leaf[] = [];
  const walk = (nodes: Node[], path: string[]) => {
    for (const n of nodes) {
      const here = [...path, n.name];
      if (n.children && n.children.length > 0) walk(n.children, here);
      else out.push({ id: n.id, name: n.name, maxScore: n.maxScore, mode: n.mode ?? 'manual', path: here.join('/'), evidenceIndicatorId: n.evidenceIndicatorId ?? null });
    }
  };
  walk(JSON.parse(json) as Node[], []);
  return out;
}

const STAR_NAMES = ['无星', '一星', '二星', '三星', '四星', '五星'];
const r2 = (n: number) => Math.round(n * 100) / 100;

export interface ResultItem {
  targetId: string; targetName: string; rank: number; total: number; maxTotal: number; stars: number; starName: string; bonusCoefficient: number;
  missing: string[]; scores: Record<string, number | null>;
  corrections: { id: string; indicatorId: string; oldScore: number | null; newScore: number; reason: string; by: string | null; at: string }[];
}

/**
 * Every target's result: ranks are shared over all targets, so all are computed. With a `reader`, each item says
 * whether that reader may see it (`visible`, decided in SQL by the policy); without one, every item is visible.
 */
export async function computeResults(db: DbOrTx, round: AssessmentRoundTable, settings: { stars: StarSetting; bonus: BonusSetting }, reader?: Actor) {
  const tenantId = round.tenant_id;
  const leaves = leavesOfJson(round.indicators);
  const visible = reader ? visibleResultsOf(reader, round, { tenant: sql.ref('tenant_id'), path: sql.ref('org_path') }) : sql`1 = 1`;
  const [targets, sheetScores, autos, corrections] = await Promise.all([
    db.selectFrom('assessment_targets').select(['target_id', 'target_name', 'sort_order', sql<number>`case when ${visible} then 1 else 0 end`.as('visible')])
      .where('tenant_id', '=', tenantId).where('round_id', '=', round.id).orderBy('sort_order').orderBy('target_name').execute(),
    db.selectFrom('assessment_scores as sc')
      .innerJoin('assessment_sheets as s', (j) => j.onRef('s.tenant_id', '=', 'sc.tenant_id').onRef('s.id', '=', 'sc.sheet_id'))
      .select(['s.target_id', 'sc.indicator_id', 'sc.score'])
      .where('s.tenant_id', '=', tenantId).where('s.round_id', '=', round.id).where('s.status', '=', 'submitted').where('s.kind', '!=', 'self')
      .execute(),
    db.selectFrom('assessment_auto_scores').select(['target_id', 'indicator_id', 'score']).where('tenant_id', '=', tenantId).where('round_id', '=', round.id).execute(),
    db.selectFrom('assessment_corrections').select(['id', 'target_id', 'indicator_id', 'old_score', 'new_score', 'reason', 'by', 'at'])
      .where('tenant_id', '=', tenantId).where('round_id', '=', round.id).orderBy('at').orderBy('id').execute(),
  ]);
  // Most rounds have no corrections: the names of who made them cost a statement only when there are some.
  const byIds = corrections.map((c) => c.by).filter((u): u is string => !!u);
  const byName = byIds.length > 0 ? await userDisplayNames(db, tenantId, byIds) : new Map<string, string>();
  const key = (t: string, i: string) => `${t}\u0000${i}`;
  const manual = new Map<string, number[]>();
  for (const s of sheetScores) {
    const list = manual.get(key(s.target_id, s.indicator_id)) ?? [];
    list.push(Number(s.score));
    manual.set(key(s.target_id, s.indicator_id), list);
  }
  const auto = new Map(autos.map((a) => [key(a.target_id, a.indicator_id), Number(a.score)]));
  const corrected = new Map<string, number>();
  for (const c of corrections) corrected.set(key(c.target_id, c.indicator_id), Number(c.new_score));
  const maxTotal = r2(leaves.reduce((a, l) => a + l.maxScore, 0));

  const rows = targets.map((t) => {
    const scores: Record<string, number | null> = {};
    const missing: string[] = [];
    let total = 0;
    for (const l of leaves) {
      const k = key(t.target_id, l.id);
      let v: number | null;
      if (corrected.has(k)) v = corrected.get(k)!;
      else if (l.mode === 'auto') v = auto.get(k) ?? null;
      else {
        // A leaf scored on several submitted sheets (e.g. an assessor and a unit) counts their mean.
        const list = manual.get(k);
        v = list && list.length > 0 ? r2(list.reduce((a, x) => a + x, 0) / list.length) : null;
      }
      scores[l.id] = v;
      if (v === null) missing.push(l.id);
      else total += v;
    }
    total = r2(total);
    return {
      targetId: t.target_id, targetName: t.target_name, visible: Number(t.visible) === 1, total, maxTotal, missing, scores,
      stars: starsFor(total, settings.stars), bonusCoefficient: bonusFor(total, settings.bonus),
      corrections: corrections.filter((c) => c.target_id === t.target_id).map((c) => ({
        id: c.id, indicatorId: c.indicator_id, oldScore: c.old_score === null ? null : Number(c.old_score), newScore: Number(c.new_score), reason: c.reason, by: c.by ? byName.get(c.by) ?? null : null, at: c.at,
      })),
    };
  });
  const ranked = rankTotals(rows).map((r) => ({ ...r, starName: STAR_NAMES[r.stars] ?? `${r.stars}星` }));
  return { leaves, items: ranked };
}

/** The round's results as the actor may see them: everything over the root, else only the targets under their read scope. */
export async function resultsFor(p: Platform, actor: Actor, roundId: string) {
  const round = await roundById(p.db, actor.tenantId, roundId);
  if (!round) throw notFound('考核批次');
  const [stars, bonus] = await Promise.all([p.settings.get(actor.tenantId, ASSESSMENT_STARS), p.settings.get(actor.tenantId, ASSESSMENT_BONUS)]);
  const { leaves, items } = await computeResults(p.db, round, { stars, bonus }, actor);
  const visible = items.filter((i) => i.visible);
  if (!readsAllResults(actor, round) && visible.length === 0) throw notFound('考核批次');
  return {
    roundId: round.id, roundName: round.name, periodLabel: round.period_label, status: round.status,
    published: round.status === 'published', publishedAt: round.published_at,
    indicators: leaves.map((l) => ({ id: l.id, name: l.name, maxScore: l.maxScore, mode: l.mode, path: l.path })),
    items: visible.map(({ visible: _v, ...rest }) => rest),
  };
}

export async function publishRound(p: Platform, ctx: AuditContext, actor: Actor, roundId: string, body: { force?: boolean | undefined; reason?: string | undefined }): Promise<void> {
  const round = await roundById(p.db, actor.tenantId, roundId);
  assertResultsManager(actor, round, '只有考核管理员可以发布考核结果');
  if (round.status === 'published') throw conflict('ROUND_PUBLISHED', '考核结果已发布');
  if (round.status !== 'review') throw conflict('ROUND_NOT_IN_REVIEW', '只有复核中的考核可以发布，请先开始复核');
  const reason = body.reason?.trim() ?? '';
  const at = p.clock.now().toISOString();
  await p.audit.tx(ctx, async (trx) => {
    const drafts = await trx.selectFrom('assessment_sheets').select('id').where('tenant_id', '=', actor.tenantId).where('round_id', '=', roundId)
      .where('status', '=', 'draft').where('kind', '!=', 'self').execute();
    if (drafts.length > 0 && !body.force) throw conflict('SHEETS_NOT_SUBMITTED', `还有 ${drafts.length} 张评分表未提交，确需发布请选择强制发布并填写原因`);
    if (drafts.length > 0 && reason === '') throw badRequest('请填写强制发布原因', { reason: '请填写强制发布原因' });
    const res = await trx.updateTable('assessment_rounds').set({ status: 'published', published_at: at, published_by: actor.userId, updated_at: at })
      .where('tenant_id', '=', actor.tenantId).where('id', '=', roundId).where('status', '=', 'review').executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict('ROUND_NOT_IN_REVIEW', '只有复核中的考核可以发布，请先开始复核');
    // Published results appear in 管控信息 (infoSource.ts); its search finds them by this document.
    const targets = await trx.selectFrom('assessment_targets').select(['target_name', 'sort_order']).where('tenant_id', '=', actor.tenantId).where('round_id', '=', roundId).orderBy('sort_order').execute();
    await indexDocuments(trx, p.data.dialect, actor.tenantId, [roundSearchDoc(round, targets.map((t) => t.target_name))]);
    await p.audit.record(trx, ctx, {
      action: 'assessment.round.publish', entity: 'assessment_round', entityId: roundId,
      before: { status: 'review' }, after: { status: 'published', draftsLeft: drafts.length, ...(drafts.length > 0 ? { forced: true, reason } : {}) },
    });
  });
}

export async function correctScore(p: Platform, ctx: AuditContext, actor: Actor, roundId: string, body: { targetId: string; indicatorId: string; score: number; reason: string }) {
  const round = await roundById(p.db, actor.tenantId, roundId);
  assertResultsManager(actor, round, '只有考核管理员可以更正考核结果');
  if (round.status !== 'published') throw conflict('ROUND_NOT_PUBLISHED', '考核结果尚未发布，请直接修改评分表');
  const reason = body.reason.trim();
  if (reason === '') throw badRequest('请填写更正原因', { reason: '请填写更正原因' });
  const leaf = leavesOfJson(round.indicators).find((l) => l.id === body.indicatorId);
  if (!leaf) throw badRequest('该指标不属于本次考核', { indicatorId: '该指标不属于本次考核' });
  if (body.score < 0 || body.score > leaf.maxScore) throw badRequest(`“${leaf.name}”的得分应在 0–${leaf.maxScore} 分之间`, { score: `“${leaf.name}”的得分应在 0–${leaf.maxScore} 分之间` });
  const target = await p.db.selectFrom('assessment_targets').select(['target_id', 'target_name']).where('tenant_id', '=', actor.tenantId).where('round_id', '=', roundId).where('target_id', '=', body.targetId).executeTakeFirst();
  if (!target) throw badRequest('该对象不在本次考核中', { targetId: '该对象不在本次考核中' });
  const [stars, bonus] = await Promise.all([p.settings.get(actor.tenantId, ASSESSMENT_STARS), p.settings.get(actor.tenantId, ASSESSMENT_BONUS)]);
  const id = newId(p.clock.now().getTime());
  let oldScore: number | null = null;
  await p.audit.tx(ctx, async (trx) => {
    const before = (await computeResults(trx, round, { stars, bonus })).items.find((i) => i.targetId === body.targetId)!;
    oldScore = before.scores[body.indicatorId] ?? null;
    const at = p.clock.now().toISOString();
    await trx.insertInto('assessment_corrections').values({
      tenant_id: actor.tenantId, id, round_id: roundId, target_id: body.targetId, indicator_id: body.indicatorId, old_score: oldScore, new_score: body.score, reason, by: actor.userId, at,
    }).execute();
    await p.audit.record(trx, ctx, {
      action: 'assessment.correct', entity: 'assessment_round', entityId: roundId,
      before: { targetId: body.targetId, target: target.target_name, indicatorId: body.indicatorId, indicator: leaf.name, score: oldScore, total: before.total },
      after: { targetId: body.targetId, target: target.target_name, indicatorId: body.indicatorId, indicator: leaf.name, score: body.score, reason },
    });
  });
  return { id, oldScore, newScore: body.score };
}

/** A target's totals across published rounds (oldest first), for a chart. */
export async function targetHistory(p: Platform, actor: Actor, targetId: string, schemeId: string | undefined) {
  let q = p.db.selectFrom('assessment_targets as t')
    .innerJoin('assessment_rounds as r', (j) => j.onRef('r.tenant_id', '=', 't.tenant_id').onRef('r.id', '=', 't.round_id'))
    .selectAll('r')
    .where('t.tenant_id', '=', actor.tenantId).where('t.target_id', '=', targetId).where('r.status', '=', 'published').where('r.deleted_at', 'is', null)
    .where(visibleResults(actor, { tenant: sql.ref('t.tenant_id'), rootPath: sql.ref('r.root_org_path'), path: sql.ref('t.org_path') }));
  if (schemeId) q = q.where('r.scheme_id', '=', schemeId);
  const rounds = await q.orderBy('r.period_from').orderBy('r.created_at').execute();
  const [stars, bonus] = await Promise.all([p.settings.get(actor.tenantId, ASSESSMENT_STARS), p.settings.get(actor.tenantId, ASSESSMENT_BONUS)]);
  const items = [];
  for (const round of rounds) {
    const mine = (await computeResults(p.db, round, { stars, bonus })).items.find((i) => i.targetId === targetId)!;
    items.push({ roundId: round.id, roundName: round.name, schemeId: round.scheme_id, periodLabel: round.period_label, periodFrom: round.period_from, total: mine.total, maxTotal: mine.maxTotal, rank: mine.rank, stars: mine.stars });
  }
  return { items };
}
