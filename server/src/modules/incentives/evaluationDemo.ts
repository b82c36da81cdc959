// Demo data of 考评与星级评定, written against the tables over the demo's plaques and ratings (plaqueDemo.ts runs
// first): closed rounds 2025-H2 and 2026-H1 (scores mostly 75–95, two plaques of 2026-H1 under the threshold and
// flagged for 摘牌), the open round 2026-H2 with part of the work done (dy1's own self-report still due, so the
// phone form has something to do), and the 2025 星级 of all four kinds computed from the data, one adjusted with a
// reason, published.
import type { Db } from '../../db/types.js';
import { parsePeriod } from '../../platform/calendar.js';
import type { DemoContext } from '../../seed/context.js';
import { IdSequence, Rng } from '../../seed/random.js';
import { memberOfUser } from '../members/index.js';
import { ratingStats } from './evaluationRounds.js';
import { basisScore, residentsScoreOf, starsOf, totalOf, type RoundWeights } from './evaluationScore.js';
import { EVALUATION_RULES, STAR_RULES } from './evaluationSettings.js';
import { subjectsOf } from './starCompute.js';
import type { IncentiveEvaluationTable, IncentiveStarTable } from './tables.js';

const SEED = 0x19e7a1b0;
const ID_EPOCH = Date.UTC(2026, 6, 1, 4);

export async function seedEvaluationDemo(d: DemoContext): Promise<void> {
  const rng = new Rng(SEED);
  const ids = new IdSequence(ID_EPOCH, SEED);
  const { trx, tenantId } = d;
  const rules = EVALUATION_RULES.defaults;
  const weights: RoundWeights = { self: rules.selfWeight, residents: rules.residentsWeight, branch: rules.branchWeight, minRatings: rules.minRatings };
  const dangwei = d.userIds.get('dangwei') ?? null;
  const dy1 = d.userIds.get('dy1');
  const dy1Member = dy1 ? await memberOfUser(trx, tenantId, dy1) : undefined;

  const seedRound = async (code: string, status: 'open' | 'closed', underThreshold: number) => {
    const period = parsePeriod(code)!;
    const plaques = await trx.selectFrom('incentive_plaques').select(['id', 'org_path', 'member_id', 'title'])
      .where('tenant_id', '=', tenantId).where('deleted_at', 'is', null).where('status', 'in', ['active', 'withdrawn'])
      .where('issued_on', '<=', period.to).where('period_from', '<=', period.to).where('period_to', '>=', period.from)
      .where((eb) => eb.or([eb('withdrawn_on', 'is', null), eb('withdrawn_on', '>', period.to)])).orderBy('id').execute();
    if (plaques.length === 0) return;
    const openedAt = `${period.from}T01:00:00.000Z`;
    const closedAt = status === 'closed' ? `${period.to}T08:00:00.000Z` : null;
    const roundId = ids.next();
    await trx.insertInto('incentive_evaluation_rounds').values({
      tenant_id: tenantId, id: roundId, period: period.code, title: `${period.label}党员示范岗（责任区）考评`, period_from: period.from, period_to: period.to,
      weights: JSON.stringify(weights), threshold: rules.threshold, status, created_by: dangwei, created_at: openedAt, closed_at: closedAt,
    }).execute();
    const stats = await ratingStats(trx, tenantId, plaques.map((pl) => pl.id), period.from, period.to);
    const weak = new Set(rng.shuffle(plaques.map((pl) => pl.id).filter((id) => id !== plaques[0]!.id)).slice(0, underThreshold));
    const rows: IncentiveEvaluationTable[] = [];
    for (const pl of plaques) {
      const isWeak = weak.has(pl.id);
      const open = status === 'open';
      const hasSelf = !open || (pl.member_id !== dy1Member?.id && rng.chance(0.55));
      const hasBranch = !open || (hasSelf && rng.chance(0.5));
      const self = hasSelf ? (isWeak ? rng.int(50, 60) : rng.int(80, 98)) : null;
      let branch = hasBranch ? (isWeak ? rng.int(35, 48) : rng.int(75, 95)) : null;
      const s = stats.get(pl.id);
      const residents = residentsScoreOf(s ? s.average : null);
      const count = s?.count ?? 0;
      // A weak plaque's branch score is lowered until its total is clearly under the threshold, whatever the residents said.
      while (isWeak && branch !== null && branch > 0 && totalOf(weights, { self, residents, ratingCount: count, branch }, true)! > rules.threshold - 4) branch -= 5;
      // …and any other plaque's raised until it is clearly above, so only the chosen ones are flagged.
      while (!isWeak && branch !== null && branch < 100 && totalOf(weights, { self, residents, ratingCount: count, branch }, true)! < rules.threshold + 5) branch = Math.min(100, branch + 5);
      const total = totalOf(weights, { self, residents, ratingCount: count, branch }, !open);
      const flagged = !open && total !== null && total < rules.threshold;
      const at = (day: string) => `${day}T03:00:00.000Z`;
      rows.push({
        tenant_id: tenantId, id: ids.next(), round_id: roundId, plaque_id: pl.id, org_path: pl.org_path,
        self_score: self, self_report: self === null ? null : '本期认真践行公开承诺，按时办结群众诉求，带头做好岗位（责任区）工作，群众反映良好。',
        self_at: self === null ? null : at(open ? '2026-11-10' : period.to),
        residents_score: open ? null : residents, rating_count: open ? 0 : count,
        branch_score: branch, branch_comment: branch === null ? null : isWeak ? '承诺事项落实不到位，群众意见较多，建议摘牌。' : '履职尽责，示范作用明显。',
        branch_by: branch === null ? null : dangwei, branch_at: branch === null ? null : at(open ? '2026-11-20' : period.to),
        total, flagged: flagged ? 1 : 0, updated_at: closedAt ?? at('2026-11-20'),
      });
      if (flagged) {
        await trx.updateTable('incentive_plaques').set({ flagged: 1 }).where('tenant_id', '=', tenantId).where('id', '=', pl.id).execute();
        await trx.insertInto('incentive_plaque_events').values({
          tenant_id: tenantId, id: ids.next(), plaque_id: pl.id, action: 'flagged', actor_id: dangwei, at: closedAt!,
          note: `${period.label}党员示范岗（责任区）考评总分 ${total} 分，低于 ${rules.threshold} 分，建议摘牌`,
        }).execute();
      }
    }
    for (let i = 0; i < rows.length; i += 200) await trx.insertInto('incentive_evaluations').values(rows.slice(i, i + 200)).execute();
  };
  await seedRound('2025-H2', 'closed', 0);
  await seedRound('2026-H1', 'closed', 2);
  await seedRound('2026-H2', 'open', 0);

  // 2025 星级, from the data as it stands, published; one 星级文明单位 raised with a reason.
  const starRules = STAR_RULES.defaults;
  const subjects = await subjectsOf(d.p, trx as unknown as Db, tenantId, 2025);
  const at = '2026-01-20T02:00:00.000Z';
  const rows: IncentiveStarTable[] = subjects.map((s) => {
    const score = basisScore(s.basis);
    const stars = starsOf(starRules, score);
    return {
      tenant_id: tenantId, id: ids.next(), year: 2025, subject_kind: s.kind, subject_key: s.key, subject_name: s.name, org_path: s.orgPath,
      computed_score: score, basis: JSON.stringify(s.basis), computed_stars: stars, stars, adjust_reason: null, adjusted_by: null, adjusted_at: null,
      published: 1, created_at: at, updated_at: at,
    };
  });
  const unit = rows.find((r) => r.subject_kind === 'unit' && r.computed_score !== null && r.stars < 5) ?? rows.find((r) => r.subject_kind === 'unit');
  if (unit) Object.assign(unit, { stars: Math.min(5, Math.max(1, unit.computed_stars) + 1), adjust_reason: '2025年获评区级文明单位，经党委会研究上调一星', adjusted_by: dangwei, adjusted_at: at });
  for (let i = 0; i < rows.length; i += 200) await trx.insertInto('incentive_stars').values(rows.slice(i, i + 200)).execute();
}
