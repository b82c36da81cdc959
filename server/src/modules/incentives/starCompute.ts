// 星级评定: a yearly 0..100 score per 党支部, 小区, unit and member made of what the system holds (each source
// listed in `basis` with its value and weight; sources without data drop out and the others' weights are
// renormalised), turned into stars by the 业务规则 bands. Recomputing refreshes the computed columns and keeps
// manual adjustments; a published year is final.
//   党支部: 量化考核总分 50 (assessment.total, capped at 100), 组织生活按规定召开率 30 (orgLife.requiredHeldRatio),
//           示范岗（责任区）考评平均分 20 (evaluations of the branch's plaques in the year's rounds).
//   党员: own 示范岗（责任区）考评平均分 50, the branch's 组织生活出勤率 25 and 量化考核总分 25.
//   小区 (named by active 责任区 of kind 小区) and units (every live unit; its 示范岗): 考评平均分 60, 群众评价 40
//           (average rating of the year ×20); a unit with no plaque has no data (无数据, 0 stars).
import { sql } from 'kysely';
import { newId } from '../../db/ids.js';
import { uniqueViolation } from '../../db/dialect.js';
import type { Db, DbOrTx } from '../../db/types.js';
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import type { Platform } from '../../platform/context.js';
import { conflict } from '../../platform/errors.js';
import { readSetting } from '../../platform/settings/service.js';
import { membersUnder } from '../members/index.js';
import { orgsUnder, rootOrgs } from '../org/index.js';
import { liveUnits } from '../units/index.js';
import { checkManagesCommittee } from './policy.js';
import { ratingStats } from './evaluationRounds.js';
import { basisScore, round1, starsOf, type BasisItem } from './evaluationScore.js';
import { STAR_RULES, type StarRules } from './evaluationSettings.js';
import type { IncentiveStarTable, StarSubjectKind } from './tables.js';

interface Subject { kind: StarSubjectKind; key: string; name: string; orgPath: string; basis: BasisItem[] }

const avg = (xs: readonly number[]): number | null => (xs.length ? round1(xs.reduce((s, x) => s + x, 0) / xs.length) : null);
const pct = (v: number | undefined): number | null => (v === undefined ? null : round1(v));

/** Evaluation totals of the year's rounds (rounds lying inside the year), per plaque. */
async function evaluationTotals(db: DbOrTx, tenantId: string, year: number) {
  return db.selectFrom('incentive_evaluations as ev')
    .innerJoin('incentive_evaluation_rounds as er', (j) => j.onRef('er.tenant_id', '=', 'ev.tenant_id').onRef('er.id', '=', 'ev.round_id'))
    .innerJoin('incentive_plaques as ip', (j) => j.onRef('ip.tenant_id', '=', 'ev.tenant_id').onRef('ip.id', '=', 'ev.plaque_id'))
    .select(['ev.plaque_id', 'ev.org_path', 'ev.total', 'ip.member_id'])
    .where('ev.tenant_id', '=', tenantId).where('ev.total', 'is not', null).where('ip.deleted_at', 'is', null)
    .where('er.period_from', '>=', `${year}-01-01`).where('er.period_to', '<=', `${year}-12-31`).execute();
}

/** Plaques that were issued at some time in the year (active, or withdrawn during or after it). */
async function plaquesOfYear(db: DbOrTx, tenantId: string, year: number) {
  return db.selectFrom('incentive_plaques').select(['id', 'kind', 'unit_id', 'area_kind', 'area_name'])
    .where('tenant_id', '=', tenantId).where('deleted_at', 'is', null).where('status', 'in', ['active', 'withdrawn'])
    .where('issued_on', '<=', `${year}-12-31`)
    .where((eb) => eb.or([eb('withdrawn_on', 'is', null), eb('withdrawn_on', '>=', `${year}-01-01`)])).execute();
}

export async function subjectsOf(p: Platform, db: Db, tenantId: string, year: number): Promise<Subject[]> {
  const root = (await rootOrgs(db, tenantId))[0];
  if (!root) return [];
  const period = { from: `${year}-01-01`, to: `${year}-12-31` };
  const branches = await orgsUnder(db, tenantId, root.path, ['branch', 'jointBranch']);
  const metric = (key: string) => (p.metrics.has(key)
    ? p.metrics.compute(key, { db, dialect: p.data.dialect, tenantId, period, targetIds: branches.map((b) => b.id) })
    : Promise.resolve(new Map<string, number>()));
  const [assessment, held, attendance, totals, plaques, members, units] = await Promise.all([
    metric('assessment.total'), metric('orgLife.requiredHeldRatio'), metric('orgLife.attendanceRate'),
    evaluationTotals(db, tenantId, year), plaquesOfYear(db, tenantId, year), membersUnder(db, tenantId, root.path, { status: 'active' }), liveUnits(db, tenantId),
  ]);
  const ratings = await ratingStats(db, tenantId, plaques.map((pl) => pl.id), period.from, period.to);
  const totalsOf = (ids: ReadonlySet<string>) => totals.filter((t) => ids.has(t.plaque_id)).map((t) => t.total!);
  const evalItem = (xs: number[], weight: number): BasisItem => ({ label: '示范岗（责任区）考评平均分', value: avg(xs), weight, note: xs.length ? `${xs.length} 次考评` : '无考评' });
  const ratingItem = (ids: ReadonlySet<string>, weight: number): BasisItem => {
    let n = 0;
    let sum = 0;
    for (const id of ids) { const s = ratings.get(id); if (s) { n += s.count; sum += s.average * s.count; } }
    return { label: '群众评价', value: n ? round1((sum / n) * 20) : null, weight, note: n ? `${n} 条评价，平均 ${round1(sum / n)} 星` : '无评价' };
  };
  const out: Subject[] = [];
  const branchBasis = new Map<string, { assessment: number | null; attendance: number | null }>();
  for (const b of branches) {
    const a = assessment.get(b.id);
    const inBranch = totals.filter((t) => t.org_path.startsWith(b.path)).map((t) => t.total!);
    branchBasis.set(b.id, { assessment: a === undefined ? null : Math.min(100, round1(a)), attendance: pct(attendance.get(b.id)) });
    out.push({ kind: 'branch', key: b.id, name: b.name, orgPath: b.path, basis: [
      { label: '量化考核总分', value: a === undefined ? null : Math.min(100, round1(a)), weight: 50, note: a === undefined ? '本年无已发布的考核结果' : `${round1(a)} 分` },
      { label: '组织生活按规定召开率', value: pct(held.get(b.id)), weight: 30, note: held.has(b.id) ? `${round1(held.get(b.id)!)}%` : '无数据' },
      evalItem(inBranch, 20),
    ] });
  }
  for (const m of members) {
    const own = totals.filter((t) => t.member_id === m.id).map((t) => t.total!);
    const b = branchBasis.get(m.branchId);
    out.push({ kind: 'member', key: m.id, name: m.name, orgPath: m.orgPath, basis: [
      evalItem(own, 50),
      { label: '所在党支部组织生活出勤率', value: b?.attendance ?? null, weight: 25, note: b?.attendance === null || !b ? '无数据' : `${b.attendance}%` },
      { label: '所在党支部量化考核总分', value: b?.assessment ?? null, weight: 25, note: b?.assessment === null || !b ? '无数据' : `${b.assessment} 分` },
    ] });
  }
  const communities = new Map<string, Set<string>>();
  for (const pl of plaques) {
    if (pl.kind !== 'area' || pl.area_kind !== 'community' || !pl.area_name) continue;
    const set = communities.get(pl.area_name) ?? new Set<string>();
    set.add(pl.id);
    communities.set(pl.area_name, set);
  }
  for (const [name, ids] of [...communities].sort((a, b) => a[0].localeCompare(b[0], 'zh-CN'))) {
    out.push({ kind: 'community', key: name, name, orgPath: root.path, basis: [evalItem(totalsOf(ids), 60), ratingItem(ids, 40)] });
  }
  for (const u of units) {
    const ids = new Set(plaques.filter((pl) => pl.kind === 'post' && pl.unit_id === u.id).map((pl) => pl.id));
    out.push({ kind: 'unit', key: u.id, name: u.name, orgPath: root.path, basis: [evalItem(totalsOf(ids), 60), ratingItem(ids, 40)] });
  }
  return out;
}

const yearPublished = async (db: DbOrTx, tenantId: string, year: number) =>
  (await db.selectFrom('incentive_stars').select('id').where('tenant_id', '=', tenantId).where('year', '=', year).where('published', '=', 1).limit(1).executeTakeFirst()) !== undefined;
const publishedConflict = (year: number) => conflict('INCENTIVE_STARS_PUBLISHED', `${year} 年度星级评定已发布，不能再计算或调整`);

/** Computes (or recomputes) a year: new subjects inserted, existing ones' computed columns refreshed, adjusted stars kept. */
export async function computeStars(p: Platform, ctx: AuditContext, actor: Actor, year: number): Promise<{ year: number; created: number; updated: number; keptAdjusted: number }> {
  checkManagesCommittee(actor, '计算星级评定');
  const tenantId = actor.tenantId;
  const rules = await readSetting(p.db, tenantId, STAR_RULES);
  if (await yearPublished(p.db, tenantId, year)) throw publishedConflict(year);
  // Read outside the writing transaction: the metrics of other modules read with their own connections.
  const subjects = await subjectsOf(p, p.db, tenantId, year);
  try {
    return await writeComputed(p, ctx, tenantId, year, rules, subjects);
  } catch (err) {
    // Two first computes of a year at once: the unique index lets one insert; the other writes nothing.
    if (uniqueViolation(err)) throw conflict('INCENTIVE_STARS_BUSY', `${year} 年度星级评定正在计算，请稍后刷新查看`);
    throw err;
  }
}

async function writeComputed(p: Platform, ctx: AuditContext, tenantId: string, year: number, rules: StarRules, subjects: Subject[]): Promise<{ year: number; created: number; updated: number; keptAdjusted: number }> {
  return p.audit.tx(ctx, async (trx) => {
    if (await yearPublished(trx, tenantId, year)) throw publishedConflict(year);
    const existing = new Map((await trx.selectFrom('incentive_stars').selectAll().where('tenant_id', '=', tenantId).where('year', '=', year).execute())
      .map((r) => [`${r.subject_kind}|${r.subject_key}`, r]));
    const now = p.clock.now().toISOString();
    const inserts: IncentiveStarTable[] = [];
    let updated = 0;
    let keptAdjusted = 0;
    for (const s of subjects) {
      const score = basisScore(s.basis);
      const stars = starsOf(rules, score);
      const cur = existing.get(`${s.kind}|${s.key}`);
      if (!cur) {
        inserts.push({
          tenant_id: tenantId, id: newId(), year, subject_kind: s.kind, subject_key: s.key, subject_name: s.name, org_path: s.orgPath,
          computed_score: score, basis: JSON.stringify(s.basis), computed_stars: stars, stars, adjust_reason: null, adjusted_by: null, adjusted_at: null,
          published: 0, created_at: now, updated_at: now,
        });
        continue;
      }
      const adjusted = cur.adjusted_at !== null;
      if (adjusted) keptAdjusted++;
      updated++;
      // Conditional in SQL, not on the row read above: an adjustment or a publish committed meanwhile wins.
      const done = await trx.updateTable('incentive_stars').set({
        subject_name: s.name, org_path: s.orgPath, computed_score: score, basis: JSON.stringify(s.basis), computed_stars: stars,
        stars: sql<number>`case when adjusted_at is null then ${stars} else stars end`, updated_at: now,
      }).where('tenant_id', '=', tenantId).where('id', '=', cur.id).where('published', '=', 0).executeTakeFirst();
      if (Number(done.numUpdatedRows) === 0) throw publishedConflict(year);
    }
    for (let i = 0; i < inserts.length; i += 200) await trx.insertInto('incentive_stars').values(inserts.slice(i, i + 200)).execute();
    const result = { year, created: inserts.length, updated, keptAdjusted };
    await p.audit.record(trx, ctx, { action: 'incentive.stars.compute', entity: 'incentiveStars', entityId: String(year), after: { ...result, mode: rules.mode } });
    return result;
  });
}

/** A manual adjustment: new stars with a reason, audited with the stars before and after. */
export async function adjustStar(p: Platform, ctx: AuditContext, actor: Actor, row: IncentiveStarTable, body: { stars: number; reason: string }): Promise<void> {
  checkManagesCommittee(actor, '调整星级');
  const rules = await readSetting(p.db, actor.tenantId, STAR_RULES);
  if (rules.mode === 'tiers' && body.stars > 2) throw conflict('INCENTIVE_STARS_TIER', '当前评定方式为达标/星级，只能调整为 0（未达标）、1（达标）或 2（星级）');
  if (rules.mode === 'stars' && body.stars < 1) throw conflict('INCENTIVE_STARS_RANGE', '当前评定方式为一至五星，星级应在 1–5 之间');
  const now = p.clock.now().toISOString();
  await p.audit.tx(ctx, async (trx) => {
    const done = await trx.updateTable('incentive_stars').set({ stars: body.stars, adjust_reason: body.reason, adjusted_by: actor.userId, adjusted_at: now, updated_at: now })
      .where('tenant_id', '=', row.tenant_id).where('id', '=', row.id).where('published', '=', 0).executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) throw publishedConflict(row.year);
    await p.audit.record(trx, ctx, {
      action: 'incentive.stars.adjust', entity: 'incentiveStar', entityId: row.id,
      before: { subject: row.subject_name, stars: row.stars, reason: row.adjust_reason }, after: { subject: row.subject_name, stars: body.stars, reason: body.reason },
    });
  });
}

/** Publishes a computed year: every kind at once, then final. */
export async function publishStars(p: Platform, ctx: AuditContext, actor: Actor, year: number): Promise<{ published: number }> {
  checkManagesCommittee(actor, '发布星级评定');
  return p.audit.tx(ctx, async (trx) => {
    const done = await trx.updateTable('incentive_stars').set({ published: 1, updated_at: p.clock.now().toISOString() })
      .where('tenant_id', '=', actor.tenantId).where('year', '=', year).where('published', '=', 0).executeTakeFirst();
    const n = Number(done.numUpdatedRows);
    if (n === 0) throw (await yearPublished(trx, actor.tenantId, year)) ? conflict('INCENTIVE_STARS_PUBLISHED', `${year} 年度星级评定已发布`) : conflict('INCENTIVE_STARS_EMPTY', `${year} 年度尚未计算星级评定，请先计算`);
    await p.audit.record(trx, ctx, { action: 'incentive.stars.publish', entity: 'incentiveStars', entityId: String(year), after: { year, published: n } });
    return { published: n };
  });
}
