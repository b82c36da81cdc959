// Exam results by member for the 党务干部 register and the talent page: per exam, the member's best submitted attempt.
import { inSlices } from '../../db/batch.js';
import type { DbOrTx } from '../../db/types.js';

export interface MemberExamResult { examId: string; title: string; closesAt: string; score: number; totalScore: number; passed: boolean }

export async function memberExamResults(db: DbOrTx, tenantId: string, memberIds: readonly string[]): Promise<Map<string, MemberExamResult[]>> {
  const rows = await inSlices([...new Set(memberIds)], (slice) => db.selectFrom('training_attempts as a')
    .innerJoin('training_exams as e', (j) => j.onRef('e.tenant_id', '=', 'a.tenant_id').onRef('e.id', '=', 'a.exam_id'))
    .select(['a.member_id', 'a.exam_id', 'a.score', 'a.passed', 'e.title', 'e.closes_at', 'e.total_score'])
    .where('a.tenant_id', '=', tenantId).where('a.member_id', 'in', slice).where('a.status', '=', 'submitted').where('e.deleted_at', 'is', null).execute());
  const best = new Map<string, MemberExamResult & { memberId: string }>();
  for (const r of rows) {
    const key = `${r.member_id}/${r.exam_id}`;
    const cur = best.get(key);
    const score = r.score ?? 0;
    if (!cur || score > cur.score) {
      best.set(key, { memberId: r.member_id, examId: r.exam_id, title: r.title, closesAt: r.closes_at, score, totalScore: r.total_score, passed: r.passed === 1 || (cur?.passed ?? false) });
    } else if (r.passed === 1) cur.passed = true;
  }
  const out = new Map<string, MemberExamResult[]>();
  for (const { memberId, ...r } of best.values()) out.set(memberId, [...(out.get(memberId) ?? []), r]);
  for (const list of out.values()) list.sort((a, b) => b.closesAt.localeCompare(a.closesAt));
  return out;
}

/** Taken, passed and the latest of a person's exam results (as memberExamResults lists them, newest first). */
export function examSummaryOf(results: readonly MemberExamResult[]): { taken: number; passed: number; latest: { title: string; score: number; totalScore: number; passed: boolean } | null } {
  const latest = results[0];
  return {
    taken: results.length, passed: results.filter((r) => r.passed).length,
    latest: latest ? { title: latest.title, score: latest.score, totalScore: latest.totalScore, passed: latest.passed } : null,
  };
}
