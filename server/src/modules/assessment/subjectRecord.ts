// What 考核 says of one member or organisation, for other modules' records of them (表彰's nomination snapshot):
// the total of the latest published round that assessed it, and a member's latest published 民主评议 grade.
import type { DbOrTx } from '../../db/types.js';
import { GRADE_NAMES } from './appraisalTables.js';
import { computeResults } from './results.js';

/** The latest published round with the target, and the target's total there (stars and bonus left out). */
export async function latestPublishedResult(db: DbOrTx, tenantId: string, targetId: string): Promise<{ roundName: string; periodLabel: string; total: number; maxTotal: number } | null> {
  const round = await db.selectFrom('assessment_rounds as r')
    .innerJoin('assessment_targets as t', (j) => j.onRef('t.tenant_id', '=', 'r.tenant_id').onRef('t.round_id', '=', 'r.id'))
    .selectAll('r').where('r.tenant_id', '=', tenantId).where('t.target_id', '=', targetId)
    .where('r.status', '=', 'published').where('r.deleted_at', 'is', null)
    .orderBy('r.period_to', 'desc').orderBy('r.id', 'desc').limit(1).executeTakeFirst();
  if (!round) return null;
  const { items } = await computeResults(db, round, { stars: { bands: [] }, bonus: { ranges: [] } });
  const mine = items.find((i) => i.targetId === targetId);
  return mine ? { roundName: round.name, periodLabel: round.period_label, total: mine.total, maxTotal: mine.maxTotal } : null;
}

/** The member's 民主评议 grade of the latest published appraisal up to `year`, in words. */
export async function latestAppraisalGrade(db: DbOrTx, tenantId: string, memberId: string, year: number): Promise<{ year: number; grade: string | null } | null> {
  const row = await db.selectFrom('appraisal_members as am')
    .innerJoin('appraisals as ap', (j) => j.onRef('ap.tenant_id', '=', 'am.tenant_id').onRef('ap.id', '=', 'am.appraisal_id'))
    .select(['ap.year', 'am.decision']).where('am.tenant_id', '=', tenantId).where('am.member_id', '=', memberId)
    .where('ap.status', '=', 'published').where('ap.deleted_at', 'is', null).where('ap.year', '<=', year)
    .orderBy('ap.year', 'desc').limit(1).executeTakeFirst();
  return row ? { year: row.year, grade: row.decision ? GRADE_NAMES[row.decision] : null } : null;
}

/** The member's totals in the latest `limit` published rounds that assessed them, newest first (a record over the years). */
export async function publishedResultsOf(db: DbOrTx, tenantId: string, targetId: string, limit = 6): Promise<{ roundName: string; periodLabel: string; total: number; maxTotal: number }[]> {
  const rounds = await db.selectFrom('assessment_rounds as r')
    .innerJoin('assessment_targets as t', (j) => j.onRef('t.tenant_id', '=', 'r.tenant_id').onRef('t.round_id', '=', 'r.id'))
    .selectAll('r').where('r.tenant_id', '=', tenantId).where('t.target_id', '=', targetId)
    .where('r.status', '=', 'published').where('r.deleted_at', 'is', null)
    .orderBy('r.period_to', 'desc').orderBy('r.id', 'desc').limit(limit).execute();
  const out: { roundName: string; periodLabel: string; total: number; maxTotal: number }[] = [];
  for (const round of rounds) {
    const { items } = await computeResults(db, round, { stars: { bands: [] }, bonus: { ranges: [] } });
    const mine = items.find((i) => i.targetId === targetId);
    if (mine) out.push({ roundName: round.name, periodLabel: round.period_label, total: mine.total, maxTotal: mine.maxTotal });
  }
  return out;
}

/** The member's 民主评议 grades of every published appraisal, newest year first. */
export async function appraisalGradesOf(db: DbOrTx, tenantId: string, memberId: string): Promise<{ year: number; grade: string | null }[]> {
  const rows = await db.selectFrom('appraisal_members as am')
    .innerJoin('appraisals as ap', (j) => j.onRef('ap.tenant_id', '=', 'am.tenant_id').onRef('ap.id', '=', 'am.appraisal_id'))
    .select(['ap.year', 'am.decision']).where('am.tenant_id', '=', tenantId).where('am.member_id', '=', memberId)
    .where('ap.status', '=', 'published').where('ap.deleted_at', 'is', null)
    .orderBy('ap.year', 'desc').execute();
  return rows.map((r) => ({ year: r.year, grade: r.decision ? GRADE_NAMES[r.decision] : null }));
}
