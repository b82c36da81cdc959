// Taking an exam as oneself (training.learn, the account's own member record): start an attempt inside the window,
// save answers until the server's deadline and not one instant later, submit, and be graded at once. Nothing a
// learner receives before submission names a correct answer or an explanation; the correct answers and explanations
// of what they got wrong appear only after the exam's window has closed. Another person's attempt is 404.
import { newId } from '../../db/ids.js';
import { uniqueViolation } from '../../db/dialect.js';
import type { DbOrTx } from '../../db/types.js';
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import type { Platform } from '../../platform/context.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import type { AccountMember } from '../members/index.js';
import { learnerOf, linkedLearner } from './learner.js';
import { orgNames } from '../org/index.js';
import { cleanAnswer, isCorrect } from './attemptGrading.js';
import { drawPaper, paperCount } from './examPaper.js';
import { examRow, parseRules, type ExamRow } from './exams.js';
import type { AttemptView } from './examSchema.js';
import { offeredExam, offeredTo, ownsAttempt } from './policy.js';
import type { QuestionKind, TrainingAttemptTable } from './tables.js';

export type AttemptRow = TrainingAttemptTable;

const attemptRow = (db: DbOrTx, tenantId: string, id: string) =>
  db.selectFrom('training_attempts').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();

/** The learner's own attempt, else 404 (whoever asks: a keeper reads results through the statistics). */
async function myAttempt(p: Platform, tenantId: string, me: AccountMember, id: string): Promise<AttemptRow> {
  const a = await attemptRow(p.db, tenantId, id);
  if (!a || !ownsAttempt(me.id, a)) throw notFound('答卷');
  return a;
}

/**
 * Grades an open attempt on what it holds and closes it (inside the caller's transaction). `late`: the learner
 * submitted after the deadline, or the server closes it because the deadline passed; answers saved in time count.
 * Returns false when it was no longer open (another request graded it first).
 */
export async function gradeAttempt(trx: DbOrTx, a: AttemptRow, passScore: number, submittedAt: string, late: boolean): Promise<boolean> {
  const items = await trx.selectFrom('training_attempt_items as i')
    .innerJoin('training_questions as q', (j) => j.onRef('q.tenant_id', '=', 'i.tenant_id').onRef('q.id', '=', 'i.question_id'))
    .select(['i.position', 'i.points', 'i.answer as given', 'q.kind', 'q.answer'])
    .where('i.tenant_id', '=', a.tenant_id).where('i.attempt_id', '=', a.id).execute();
  let score = 0;
  const right: number[] = [];
  for (const it of items) {
    const ok = isCorrect(it.kind, JSON.parse(it.answer) as string[], it.given === null ? null : (JSON.parse(it.given) as string[]));
    if (ok) {
      score += it.points;
      right.push(it.position);
    }
  }
  const done = await trx.updateTable('training_attempts').set({ status: 'submitted', submitted_at: submittedAt, late: late ? 1 : 0, score, passed: score >= passScore ? 1 : 0 })
    .where('tenant_id', '=', a.tenant_id).where('id', '=', a.id).where('status', '=', 'open').executeTakeFirst();
  if (Number(done.numUpdatedRows) !== 1) return false;
  await trx.updateTable('training_attempt_items').set({ correct: 0 }).where('tenant_id', '=', a.tenant_id).where('attempt_id', '=', a.id).execute();
  if (right.length) await trx.updateTable('training_attempt_items').set({ correct: 1 }).where('tenant_id', '=', a.tenant_id).where('attempt_id', '=', a.id).where('position', 'in', right).execute();
  return true;
}

/**
 * Closes and grades open attempts whose deadline has passed (of one member, or of the whole tenant for the job):
 * "open attempts past their deadline are graded when next read or by a job".
 */
export async function closeExpired(p: Platform, db: DbOrTx, tenantId: string, now: string, memberId?: string): Promise<number> {
  const rows = await db.selectFrom('training_attempts as a')
    .innerJoin('training_exams as e', (j) => j.onRef('e.tenant_id', '=', 'a.tenant_id').onRef('e.id', '=', 'a.exam_id'))
    .selectAll('a').select('e.pass_score')
    .where('a.tenant_id', '=', tenantId).where('a.status', '=', 'open').where('a.deadline_at', '<', now)
    .$if(memberId !== undefined, (q) => q.where('a.member_id', '=', memberId!)).limit(500).execute();
  let n = 0;
  for (const { pass_score, ...a } of rows) {
    const graded = db.isTransaction
      ? await gradeAttempt(db, a, pass_score, a.deadline_at, true)
      : await p.db.transaction().execute((trx) => gradeAttempt(trx, a, pass_score, a.deadline_at, true));
    if (graded) n++;
  }
  return n;
}

const nowOf = (p: Platform) => p.clock.now().toISOString();

async function offeredExamFor(p: Platform, me: AccountMember, tenantId: string, examId: string): Promise<ExamRow> {
  const e = await examRow(p.db, tenantId, examId);
  if (!e || !offeredExam(me.orgPath, e)) throw notFound('考试');
  return e;
}

async function paperOf(p: Platform, db: DbOrTx, e: ExamRow): Promise<{ questionId: string; points: number }[]> {
  if (e.paper_mode === 'fixed') {
    const rows = await db.selectFrom('training_exam_questions').select(['question_id', 'points']).where('tenant_id', '=', e.tenant_id).where('exam_id', '=', e.id).orderBy('position').execute();
    return rows.map((r) => ({ questionId: r.question_id, points: r.points }));
  }
  const drawn = await drawPaper(db, e.tenant_id, e.org_path, parseRules(e.rules));
  if (!drawn) throw conflict('BANK_SHORT', '题库中的题目已不足以组卷，请联系出题组织');
  return drawn;
}

const openAttemptOf = (db: DbOrTx, e: ExamRow, memberId: string) =>
  db.selectFrom('training_attempts').selectAll().where('tenant_id', '=', e.tenant_id).where('exam_id', '=', e.id).where('member_id', '=', memberId).where('status', '=', 'open').executeTakeFirst();

/**
 * Starts an attempt: inside the window, with attempts left; an open attempt is returned instead of a new one. Two
 * starts at once both aim at the same attempt number: the unique index lets one in, the other returns it.
 */
export async function startAttempt(p: Platform, ctx: AuditContext, actor: Actor, examId: string): Promise<{ created: boolean; view: AttemptView }> {
  const me = await learnerOf(p, actor);
  const e = await offeredExamFor(p, me, actor.tenantId, examId);
  const now = nowOf(p);
  await closeExpired(p, p.db, actor.tenantId, now, me.id);
  const open = await openAttemptOf(p.db, e, me.id);
  if (open) return { created: false, view: await viewOf(p, e, open) };
  if (now < e.opens_at) throw conflict('EXAM_NOT_OPEN', '考试尚未开始');
  if (now >= e.closes_at) throw conflict('EXAM_CLOSED', '考试已结束');
  const used = Number((await p.db.selectFrom('training_attempts').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', e.tenant_id).where('exam_id', '=', e.id).where('member_id', '=', me.id).executeTakeFirstOrThrow()).n);
  if (used >= e.max_attempts) throw conflict('NO_ATTEMPTS_LEFT', `本考试最多可考 ${e.max_attempts} 次，您的次数已用完`);
  const paper = await paperOf(p, p.db, e);
  const id = newId();
  const deadline = new Date(Math.min(Date.parse(now) + e.time_limit_minutes * 60_000, Date.parse(e.closes_at))).toISOString();
  try {
    await p.audit.tx(ctx, async (trx) => {
      await trx.insertInto('training_attempts').values({
        tenant_id: e.tenant_id, id, exam_id: e.id, member_id: me.id, org_path: me.orgPath, attempt_no: used + 1, started_at: now, deadline_at: deadline,
        submitted_at: null, late: 0, status: 'open', score: null, passed: null,
      }).execute();
      await trx.insertInto('training_attempt_items').values(paper.map((q, i) => ({
        tenant_id: e.tenant_id, attempt_id: id, position: i + 1, question_id: q.questionId, points: q.points, answer: null, answered_at: null, correct: null,
      }))).execute();
      await p.audit.record(trx, ctx, { action: 'trainingAttempt.start', entity: 'trainingAttempt', entityId: id, after: { examId: e.id, attemptNo: used + 1, deadlineAt: deadline } });
    });
  } catch (err) {
    if (!uniqueViolation(err)) throw err;
    const winner = await openAttemptOf(p.db, e, me.id);
    if (winner) return { created: false, view: await viewOf(p, e, winner) };
    throw conflict('ATTEMPT_RACE', '考试刚刚开始过一次，请刷新后重试');
  }
  return { created: true, view: await viewOf(p, e, (await attemptRow(p.db, e.tenant_id, id))!) };
}

/** The learner's view of their attempt: no correct answer, no explanation, no correctness before submission. */
async function viewOf(p: Platform, e: ExamRow, a: AttemptRow): Promise<AttemptView> {
  const items = await p.db.selectFrom('training_attempt_items as i')
    .innerJoin('training_questions as q', (j) => j.onRef('q.tenant_id', '=', 'i.tenant_id').onRef('q.id', '=', 'i.question_id'))
    .select(['i.position', 'i.points', 'i.answer as given', 'i.correct', 'q.kind', 'q.stem', 'q.options', 'q.answer', 'q.explanation'])
    .where('i.tenant_id', '=', a.tenant_id).where('i.attempt_id', '=', a.id).orderBy('i.position').execute();
  const now = nowOf(p);
  const submitted = a.status === 'submitted';
  const reviewOpen = submitted && e.closes_at <= now;
  return {
    id: a.id, examId: e.id, title: e.title, attemptNo: a.attempt_no, status: a.status, now, startedAt: a.started_at, deadlineAt: a.deadline_at,
    submittedAt: a.submitted_at, late: a.late === 1, totalScore: e.total_score, passScore: e.pass_score, closesAt: e.closes_at,
    questions: items.map((it) => ({
      position: it.position, kind: it.kind, stem: it.stem, options: JSON.parse(it.options) as { key: string; text: string }[], points: it.points,
      given: it.given === null ? null : (JSON.parse(it.given) as string[]),
    })),
    result: submitted ? {
      score: a.score ?? 0, passed: a.passed === 1, correctCount: items.filter((it) => it.correct === 1).length,
      marks: items.map((it) => ({ position: it.position, correct: it.correct === 1 })),
      review: reviewOpen ? items.filter((it) => it.correct !== 1).map((it) => ({ position: it.position, correctAnswer: JSON.parse(it.answer) as string[], explanation: it.explanation })) : null,
    } : null,
  };
}

export async function attemptView(p: Platform, actor: Actor, id: string): Promise<AttemptView> {
  const me = await learnerOf(p, actor);
  await closeExpired(p, p.db, actor.tenantId, nowOf(p), me.id);
  const a = await myAttempt(p, actor.tenantId, me, id);
  return viewOf(p, (await p.db.selectFrom('training_exams').selectAll().where('tenant_id', '=', a.tenant_id).where('id', '=', a.exam_id).executeTakeFirstOrThrow()), a);
}

async function lockedAttempt(p: Platform, trx: DbOrTx, a: AttemptRow): Promise<AttemptRow> {
  const q = trx.selectFrom('training_attempts').selectAll().where('tenant_id', '=', a.tenant_id).where('id', '=', a.id);
  return (await (p.data.dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirst())!;
}

const TIME_UP = () => conflict('TIME_UP', '考试时间已到，答案未保存');

/** Writes the given answers (already cleaned) inside the caller's transaction. */
async function writeAnswers(trx: DbOrTx, a: AttemptRow, answers: readonly { position: number; answer: string[] }[], at: string) {
  for (const x of answers) {
    await trx.updateTable('training_attempt_items').set({ answer: x.answer.length ? JSON.stringify(x.answer) : null, answered_at: at })
      .where('tenant_id', '=', a.tenant_id).where('attempt_id', '=', a.id).where('position', '=', x.position).execute();
  }
}

/** Checks answers against the attempt's questions (positions, option keys): 400 in Chinese, nothing saved. */
async function cleaned(db: DbOrTx, a: AttemptRow, answers: readonly { position: number; answer: readonly string[] }[]) {
  const items = await db.selectFrom('training_attempt_items as i')
    .innerJoin('training_questions as q', (j) => j.onRef('q.tenant_id', '=', 'i.tenant_id').onRef('q.id', '=', 'i.question_id'))
    .select(['i.position', 'q.kind', 'q.options']).where('i.tenant_id', '=', a.tenant_id).where('i.attempt_id', '=', a.id).execute();
  const byPos = new Map(items.map((i) => [i.position, i]));
  return answers.map((x) => {
    const it = byPos.get(x.position);
    if (!it) throw badRequest(`第 ${x.position} 题不存在`);
    const keys = (JSON.parse(it.options) as { key: string }[]).map((o) => o.key);
    const c = cleanAnswer(it.kind as QuestionKind, keys, x.answer);
    if (c === null) throw badRequest(`第 ${x.position} 题的答案不是该题的有效选项`);
    return { position: x.position, answer: c };
  });
}

export async function saveAnswer(p: Platform, ctx: AuditContext, actor: Actor, id: string, position: number, answer: string[]) {
  const me = await learnerOf(p, actor);
  const a = await myAttempt(p, actor.tenantId, me, id);
  const [clean] = await cleaned(p.db, a, [{ position, answer }]);
  let timeUp = false;
  const at = nowOf(p);
  await p.audit.tx(ctx, async (trx) => {
    const cur = await lockedAttempt(p, trx, a);
    if (cur.status !== 'open') throw conflict('ATTEMPT_SUBMITTED', '答卷已交，不能再修改答案');
    if (at > cur.deadline_at) {
      timeUp = true;
      return;
    }
    await writeAnswers(trx, cur, [clean!], at);
    await p.audit.record(trx, ctx, { action: 'trainingAttempt.answer', entity: 'trainingAttempt', entityId: a.id, after: { position } });
  });
  if (timeUp) {
    // Past the deadline the attempt is graded on what was saved in time.
    await closeExpired(p, p.db, actor.tenantId, at, me.id);
    throw TIME_UP();
  }
  return { position, given: clean!.answer.length ? clean!.answer : null, savedAt: at };
}

/**
 * Submits: the answers sent with it count only if now ≤ deadline; after the deadline the attempt is graded on what
 * was saved in time and marked late ("a late submission is cut at the limit").
 */
export async function submitAttempt(p: Platform, ctx: AuditContext, actor: Actor, id: string, answers: readonly { position: number; answer: string[] }[] | undefined): Promise<AttemptView> {
  const me = await learnerOf(p, actor);
  const a = await myAttempt(p, actor.tenantId, me, id);
  const clean = answers?.length ? await cleaned(p.db, a, answers) : [];
  const e = await p.db.selectFrom('training_exams').selectAll().where('tenant_id', '=', a.tenant_id).where('id', '=', a.exam_id).executeTakeFirstOrThrow();
  const at = nowOf(p);
  await p.audit.tx(ctx, async (trx) => {
    const cur = await lockedAttempt(p, trx, a);
    if (cur.status !== 'open') throw conflict('ATTEMPT_SUBMITTED', '答卷已交');
    const late = at > cur.deadline_at;
    if (!late && clean.length) await writeAnswers(trx, cur, clean, at);
    await gradeAttempt(trx, cur, e.pass_score, at, late);
    await p.audit.record(trx, ctx, { action: 'trainingAttempt.submit', entity: 'trainingAttempt', entityId: a.id, after: { late, cut: late ? clean.length : 0 } });
  });
  return viewOf(p, e, (await attemptRow(p.db, a.tenant_id, a.id))!);
}

/** 我的考试: the published exams offered to the learner's branch, with their attempts and best score. */
export async function myExams(p: Platform, actor: Actor) {
  const me = await linkedLearner(p, actor);
  const now = nowOf(p);
  if (!me) return { now, linked: false, items: [] };
  await closeExpired(p, p.db, actor.tenantId, now, me.id);
  const exams = await p.db.selectFrom('training_exams as e').selectAll('e')
    .where('e.tenant_id', '=', actor.tenantId).where('e.deleted_at', 'is', null).where('e.status', '=', 'published').where(offeredTo(me.orgPath, 'e'))
    .orderBy('e.closes_at', 'desc').limit(200).execute();
  const ids = exams.map((e) => e.id);
  const [attempts, fixed, names] = await Promise.all([
    ids.length ? p.db.selectFrom('training_attempts').selectAll().where('tenant_id', '=', actor.tenantId).where('member_id', '=', me.id).where('exam_id', 'in', ids).orderBy('attempt_no').execute() : [],
    ids.length ? p.db.selectFrom('training_exam_questions').select((eb) => ['exam_id', eb.fn.countAll<number>().as('n')]).where('tenant_id', '=', actor.tenantId).where('exam_id', 'in', ids).groupBy('exam_id').execute() : [],
    orgNames(p.db, [actor.tenantId], exams.map((e) => e.org_id)),
  ]);
  const fixedN = new Map(fixed.map((f) => [f.exam_id, Number(f.n)]));
  const phaseRank = { open: 0, upcoming: 1, closed: 2 } as const;
  const items = exams.map((e) => {
    const mine = attempts.filter((a) => a.exam_id === e.id);
    const done = mine.filter((a) => a.status === 'submitted');
    const best = done.reduce<number | null>((m, a) => (m === null || (a.score ?? 0) > m ? (a.score ?? 0) : m), null);
    const phase = now < e.opens_at ? 'upcoming' as const : now < e.closes_at ? 'open' as const : 'closed' as const;
    return {
      id: e.id, title: e.title, description: e.description, orgName: names.get(`${e.tenant_id}/${e.org_id}`) ?? '', opensAt: e.opens_at, closesAt: e.closes_at,
      timeLimitMinutes: e.time_limit_minutes, maxAttempts: e.max_attempts, passScore: e.pass_score, totalScore: e.total_score,
      questionCount: e.paper_mode === 'fixed' ? (fixedN.get(e.id) ?? 0) : paperCount('rules', [], parseRules(e.rules)),
      phase, attemptsLeft: Math.max(0, e.max_attempts - mine.length), bestScore: best, passed: done.length ? done.some((a) => a.passed === 1) : null,
      openAttemptId: mine.find((a) => a.status === 'open')?.id ?? null,
      attempts: mine.map((a) => ({
        id: a.id, attemptNo: a.attempt_no, status: a.status, startedAt: a.started_at, deadlineAt: a.deadline_at, submittedAt: a.submitted_at,
        late: a.late === 1, score: a.score, passed: a.passed === null ? null : a.passed === 1,
      })),
    };
  });
  items.sort((x, y) => phaseRank[x.phase] - phaseRank[y.phase]);
  return { now, linked: true, items };
}

