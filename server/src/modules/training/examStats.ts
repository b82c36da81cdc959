// Statistics of one exam (training.read over its organisation): who was expected (live members of the exam's subtree),
// who took it, passed, the average of best scores, per branch and per question (correct rate); and the results export.
import type { Platform } from '../../platform/context.js';
import type { Column } from '../../platform/export/xlsx.js';
import { beijingTime } from '../../platform/export/xlsx.js';
import { memberSummaries, membersUnder } from '../members/index.js';
import { orgNames } from '../org/index.js';
import type { ExamRow } from './exams.js';
import type { ExamStats } from './examSchema.js';

const rate = (n: number, d: number): number | null => (d > 0 ? Math.round((1000 * n) / d) / 10 : null);
const avg = (xs: readonly number[]): number | null => (xs.length ? Math.round((10 * xs.reduce((s, x) => s + x, 0)) / xs.length) / 10 : null);

export interface ResultRow { memberId: string; name: string; branchId: string; orgName: string; attempts: number; best: number | null; passed: boolean; submittedAt: string | null; late: boolean }

/** Per member who took the exam: best submitted attempt (highest score, then earliest). */
export async function examResultRows(p: Platform, e: ExamRow): Promise<ResultRow[]> {
  const attempts = await p.db.selectFrom('training_attempts').select(['member_id', 'status', 'score', 'passed', 'submitted_at', 'late'])
    .where('tenant_id', '=', e.tenant_id).where('exam_id', '=', e.id).execute();
  const byMember = new Map<string, typeof attempts>();
  for (const a of attempts) byMember.set(a.member_id, [...(byMember.get(a.member_id) ?? []), a]);
  const people = await memberSummaries(p.db, e.tenant_id, [...byMember.keys()]);
  const names = await orgNames(p.db, [e.tenant_id], [...people.values()].map((m) => m.branchId));
  const rows = [...byMember.entries()].map(([memberId, list]) => {
    const done = list.filter((a) => a.status === 'submitted').sort((x, y) => (y.score ?? 0) - (x.score ?? 0) || String(x.submitted_at).localeCompare(String(y.submitted_at)));
    const best = done[0];
    const m = people.get(memberId);
    return {
      memberId, name: m?.name ?? '（已删除）', branchId: m?.branchId ?? '', orgName: names.get(`${e.tenant_id}/${m?.branchId ?? ''}`) ?? '', attempts: list.length,
      best: best ? (best.score ?? 0) : null, passed: done.some((a) => a.passed === 1), submittedAt: best?.submitted_at ?? null, late: best?.late === 1,
    };
  });
  return rows.sort((a, b) => a.orgName.localeCompare(b.orgName, 'zh-CN') || (b.best ?? -1) - (a.best ?? -1) || a.name.localeCompare(b.name, 'zh-CN'));
}

export async function examStatistics(p: Platform, e: ExamRow): Promise<ExamStats> {
  const [expected, results] = await Promise.all([membersUnder(p.db, e.tenant_id, e.org_path, { status: 'active' }), examResultRows(p, e)]);
  const took = results.filter((r) => r.best !== null);
  const branchIds = [...new Set([...expected.map((m) => m.branchId), ...took.map((r) => r.branchId)])].filter(Boolean);
  const names = await orgNames(p.db, [e.tenant_id], branchIds);
  const byOrg = branchIds.map((orgId) => {
    const exp = expected.filter((m) => m.branchId === orgId).length;
    const t = took.filter((r) => r.branchId === orgId);
    const passed = t.filter((r) => r.passed).length;
    return { orgId, orgName: names.get(`${e.tenant_id}/${orgId}`) ?? '', expected: exp, took: t.length, passed, passRate: rate(passed, t.length), average: avg(t.map((r) => r.best!)) };
  }).sort((a, b) => a.orgName.localeCompare(b.orgName, 'zh-CN'));

  const perQuestion = await p.db.selectFrom('training_attempt_items as i')
    .innerJoin('training_attempts as a', (j) => j.onRef('a.tenant_id', '=', 'i.tenant_id').onRef('a.id', '=', 'i.attempt_id'))
    .innerJoin('training_questions as q', (j) => j.onRef('q.tenant_id', '=', 'i.tenant_id').onRef('q.id', '=', 'i.question_id'))
    .select((eb) => ['i.question_id', 'q.kind', 'q.stem', eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('i.correct').as('c')])
    .where('a.tenant_id', '=', e.tenant_id).where('a.exam_id', '=', e.id).where('a.status', '=', 'submitted')
    .groupBy(['i.question_id', 'q.kind', 'q.stem']).execute();
  const byQuestion = perQuestion.map((q) => ({
    questionId: q.question_id, kind: q.kind, stem: q.stem, answered: Number(q.n), correct: Number(q.c ?? 0), correctRate: rate(Number(q.c ?? 0), Number(q.n)),
  })).sort((a, b) => (a.correctRate ?? 0) - (b.correctRate ?? 0) || a.stem.localeCompare(b.stem, 'zh-CN'));

  const passed = took.filter((r) => r.passed).length;
  return {
    examId: e.id, title: e.title, totalScore: e.total_score, passScore: e.pass_score, expected: expected.length, took: took.length, passed,
    passRate: rate(passed, took.length), participationRate: rate(took.length, expected.length), average: avg(took.map((r) => r.best!)), byOrg, byQuestion,
  };
}

export const RESULT_COLUMNS: Column<ResultRow>[] = [
  { header: '姓名', value: (r) => r.name, width: 12 },
  { header: '所在支部', value: (r) => r.orgName, width: 24 },
  { header: '考试次数', value: (r) => r.attempts },
  { header: '最高分', value: (r) => r.best ?? '' },
  { header: '是否及格', value: (r) => (r.best === null ? '未交卷' : r.passed ? '及格' : '不及格') },
  { header: '交卷时间', value: (r) => beijingTime(r.submittedAt), width: 20 },
  { header: '超时交卷', value: (r) => (r.late ? '是' : '') },
];
