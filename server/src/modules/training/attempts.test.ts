// Exam integrity through the learner's API: no correct answer, explanation or correctness in any response before
// submission (every body of the learner's flow is walked), the server's deadline cuts saves and late submissions,
// another person's attempt is 404 to everyone, two starts at once make one attempt, and grading follows the rules
// (multiple choice the exact set, fill-in without regard to width or case).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { insertQuestion } from './examTesting.js';

let t: TestApp;
let dw: string;
let zb1: string;
let zb2: string;
let dy1: string;
let root: string;
let branch1: string;
let branch2: string;
let tenant: string;

const API = '/api/v1/training';
// Texts that only a correct answer or an explanation holds: none may reach the learner before submission.
const SECRETS = ['解析甲乙丙一', '解析甲乙丙二', '解析甲乙丙三', '解析甲乙丙四', '民主集中制ＡＢＣ'];
let fixed: { questionId: string; points: number }[];

const at = (minutes: number) => new Date(t.clock.now().getTime() + minutes * 60_000).toISOString();

interface View {
  id: string; status: string; deadlineAt: string; late: boolean;
  questions: { position: number; kind: string; given: string[] | null }[];
  result: null | { score: number; passed: boolean; correctCount: number; marks: { position: number; correct: boolean }[]; review: null | { position: number; correctAnswer: string[]; explanation: string }[] };
}

async function exam(cookie: string, over: Record<string, unknown> = {}): Promise<string> {
  const r = await t.call('POST', `${API}/exams`, {
    cookie,
    body: { orgId: root, title: '诚信测试', paperMode: 'fixed', questions: fixed, opensAt: at(-60), closesAt: at(24 * 60), timeLimitMinutes: 30, maxAttempts: 2, passScore: 60, ...over },
  });
  expect(r.statusCode, r.body).toBe(201);
  const id = (r.json() as { id: string }).id;
  expect((await t.call('POST', `${API}/exams/${id}/publish`, { cookie })).statusCode).toBe(200);
  return id;
}

/** The learner's flow, each response kept for the walk. */
const seen: LightMyRequestResponse[] = [];
async function learner(method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) {
  const r = await t.call(method, `${API}${url}`, { cookie: dy1, body });
  seen.push(r);
  return r;
}

/** Sessions expire when idle: moving the clock past an exam's limit logs everyone in again. */
async function loginAll() {
  [dw, zb1, zb2, dy1] = (await Promise.all(['dangwei', 'zb1', 'zb2', 'dy1'].map((u) => t.login(u)))) as [string, string, string, string];
}
async function advance(minutes: number) {
  t.clock.advanceMinutes(minutes);
  await loginAll();
}

beforeAll(async () => {
  t = await createTestApp();
  await loginAll();
  branch1 = await t.orgId('机关第一党支部');
  branch2 = await t.orgId('机关第二党支部');
  const b1 = await t.platform.db.selectFrom('organisations').select(['parent_id', 'tenant_id']).where('id', '=', branch1).executeTakeFirstOrThrow();
  root = b1.parent_id!;
  tenant = b1.tenant_id;
  const ids = [
    await insertQuestion(t.platform.db, tenant, root, { kind: 'single', stem: '单选：正确的是哪一项？', answer: ['C'], explanation: SECRETS[0] }),
    await insertQuestion(t.platform.db, tenant, root, { kind: 'multiple', stem: '多选：正确的有哪些？', answer: ['A', 'B', 'D'], explanation: SECRETS[1] }),
    await insertQuestion(t.platform.db, tenant, root, { kind: 'judge', stem: '判断：这句话对吗？', answer: ['F'], explanation: SECRETS[2] }),
    await insertQuestion(t.platform.db, tenant, root, { kind: 'fill', stem: '填空：党的根本组织原则是____。', answer: ['民主集中制ＡＢＣ', '民主集中'], explanation: SECRETS[3] }),
  ];
  fixed = ids.map((questionId) => ({ questionId, points: 25 }));
});
afterAll(async () => t.close());

describe(`考试: taking an exam ${dialectLabel()}`, () => {
  let examId: string;
  let attemptId: string;

  it('lists the published exams offered to the learner, not drafts and not another branch\'s', async () => {
    examId = await exam(dw);
    const draft = (await t.call('POST', `${API}/exams`, { cookie: dw, body: { orgId: root, title: '草稿考试', paperMode: 'fixed', questions: fixed, opensAt: at(-60), closesAt: at(60), timeLimitMinutes: 10, maxAttempts: 1, passScore: 0 } })).json().id as string;
    const other = await exam(zb2, { orgId: branch2, title: '二支部考试', questions: fixed.slice(0, 1), passScore: 10 });
    const r = await learner('GET', '/my/exams');
    expect(r.statusCode).toBe(200);
    const items = (r.json() as { items: { id: string; phase: string; attemptsLeft: number; questionCount: number; totalScore: number }[] }).items;
    expect(items.find((x) => x.id === examId)).toMatchObject({ phase: 'open', attemptsLeft: 2, questionCount: 4, totalScore: 100 });
    expect(items.map((x) => x.id)).not.toContain(draft);
    expect(items.map((x) => x.id)).not.toContain(other);
    expect((await t.call('POST', `${API}/exams/${other}/attempts`, { cookie: dy1 })).statusCode).toBe(404);
    expect((await t.call('POST', `${API}/exams/${draft}/attempts`, { cookie: dy1 })).statusCode).toBe(404);
    // An account with no member record cannot take exams: its list says so and is empty, a start is refused.
    const nobody = await t.call('GET', `${API}/my/exams`, { cookie: dw });
    expect(nobody.statusCode).toBe(200);
    expect(nobody.json()).toMatchObject({ linked: false, items: [] });
    const refused = await t.call('POST', `${API}/exams/${examId}/attempts`, { cookie: dw });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toBe('本账号未关联党员档案，不能参加学习与考试');
  });

  it('starts one attempt even when two starts arrive at once, and returns the open one again', async () => {
    const [a, b] = await Promise.all([learner('POST', `/exams/${examId}/attempts`), learner('POST', `/exams/${examId}/attempts`)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(a.json().id).toBe(b.json().id);
    attemptId = a.json().id;
    const again = await learner('POST', `/exams/${examId}/attempts`);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(attemptId);
    const rows = await t.platform.db.selectFrom('training_attempts').select('id').where('exam_id', '=', examId).execute();
    expect(rows.length).toBe(1);
    expect(again.json().deadlineAt).toBe(at(30));
  });

  it('saves answers, refuses an option the question lacks, and keeps the answers hidden until submission', async () => {
    expect((await learner('PUT', `/attempts/${attemptId}/answers/1`, { answer: ['C'] })).statusCode).toBe(200);
    expect((await learner('PUT', `/attempts/${attemptId}/answers/2`, { answer: ['A', 'B'] })).statusCode).toBe(200);
    expect((await learner('PUT', `/attempts/${attemptId}/answers/3`, { answer: ['F'] })).statusCode).toBe(200);
    const bad = await learner('PUT', `/attempts/${attemptId}/answers/1`, { answer: ['H'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('第 1 题的答案不是该题的有效选项');
    const view = (await learner('GET', `/attempts/${attemptId}`)).json() as View;
    expect(view.questions.map((q) => q.given)).toEqual([['C'], ['A', 'B'], ['F'], null]);
    expect(view.result).toBeNull();
  });

  it('never sent a correct answer, an explanation or a mark in any response before submission', async () => {
    expect(seen.length).toBeGreaterThan(8);
    const stored = await t.platform.db.selectFrom('training_questions').select(['answer']).where('id', 'in', fixed.map((f) => f.questionId)).execute();
    expect(stored.length).toBe(4);
    for (const r of seen) {
      const body = r.body;
      for (const secret of SECRETS) expect(body).not.toContain(secret);
      walk(JSON.parse(body), (k) => expect(['answer', 'correctAnswer', 'explanation', 'correct', 'marks', 'review'], r.body.slice(0, 80)).not.toContain(k));
    }
  });

  it('answers 404 for the attempt to anyone else, a keeper of the learner\'s branch too', async () => {
    for (const cookie of [zb1, zb2]) {
      expect((await t.call('GET', `${API}/attempts/${attemptId}`, { cookie })).statusCode).toBe(404);
      expect((await t.call('PUT', `${API}/attempts/${attemptId}/answers/1`, { cookie, body: { answer: ['A'] } })).statusCode).toBe(404);
      expect((await t.call('POST', `${API}/attempts/${attemptId}/submit`, { cookie, body: {} })).statusCode).toBe(404);
    }
    const item = await t.platform.db.selectFrom('training_attempt_items').select('answer').where('attempt_id', '=', attemptId).where('position', '=', 1).executeTakeFirstOrThrow();
    expect(item.answer).toBe('["C"]');
    // A learner without the permission at all (a 三员 account) is refused before anything is read.
    const admin = await t.login('admin');
    expect((await t.call('GET', `${API}/attempts/${attemptId}`, { cookie: admin })).statusCode).toBe(403);
  });

  it('refuses a save after the deadline (nothing saved) and cuts a late submission at the limit', async () => {
    await advance(31);
    const late = await learner('PUT', `/attempts/${attemptId}/answers/4`, { answer: ['民主集中制ＡＢＣ'] });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toBe('考试时间已到，答案未保存');
    const item = await t.platform.db.selectFrom('training_attempt_items').select(['answer', 'answered_at']).where('attempt_id', '=', attemptId).where('position', '=', 4).executeTakeFirstOrThrow();
    expect(item).toEqual({ answer: null, answered_at: null });
    // The attempt was graded on what was saved in time: 1 and 3 right, 2 wrong (not the whole set), 4 unanswered.
    const view = (await learner('GET', `/attempts/${attemptId}`)).json() as View;
    expect(view).toMatchObject({ status: 'submitted', late: true, result: { score: 50, passed: false, correctCount: 2, review: null } });
    expect(view.result!.marks).toEqual([{ position: 1, correct: true }, { position: 2, correct: false }, { position: 3, correct: true }, { position: 4, correct: false }]);
  });

  it('applies answers sent with a submission after the deadline to nothing: the second attempt is cut at its limit', async () => {
    const start = await learner('POST', `/exams/${examId}/attempts`);
    expect(start.statusCode).toBe(201);
    const second = start.json().id as string;
    expect((await learner('PUT', `/attempts/${second}/answers/1`, { answer: ['C'] })).statusCode).toBe(200);
    await advance(45);
    const r = await learner('POST', `/attempts/${second}/submit`, { answers: [{ position: 2, answer: ['A', 'B', 'D'] }, { position: 3, answer: ['F'] }] });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'submitted', late: true, result: { score: 25, correctCount: 1 } });
    const items = await t.platform.db.selectFrom('training_attempt_items').select(['position', 'answer']).where('attempt_id', '=', second).orderBy('position').execute();
    expect(items.map((i) => i.answer)).toEqual(['["C"]', null, null, null]);
    // No attempts left.
    const third = await learner('POST', `/exams/${examId}/attempts`);
    expect(third.statusCode).toBe(409);
    expect(third.json().error.message).toBe('本考试最多可考 2 次，您的次数已用完');
  });

  it('grades a submission in time with every answer: multiple the exact set, fill without regard to width or case', async () => {
    const e = await exam(dw, { title: '评分测试', maxAttempts: 1 });
    const a = (await learner('POST', `/exams/${e}/attempts`)).json() as View;
    const r = await learner('POST', `/attempts/${a.id}/submit`, {
      answers: [{ position: 1, answer: ['c'] }, { position: 2, answer: ['D', 'B', 'A'] }, { position: 3, answer: ['F'] }, { position: 4, answer: [' 民主集中制abc '] }],
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'submitted', late: false, result: { score: 100, passed: true, correctCount: 4, review: null } });
    expect((await learner('PUT', `/attempts/${a.id}/answers/1`, { answer: ['A'] })).statusCode).toBe(409);
  });

  it('shows the correct answers and explanations of the wrong ones only after the window closes', async () => {
    expect((await t.call('POST', `${API}/exams/${examId}/close`, { cookie: dw })).statusCode).toBe(200);
    const view = (await learner('GET', `/attempts/${attemptId}`)).json() as View;
    expect(view.result!.review).toEqual([
      { position: 2, correctAnswer: ['A', 'B', 'D'], explanation: SECRETS[1] },
      { position: 4, correctAnswer: ['民主集中制ＡＢＣ', '民主集中'], explanation: SECRETS[3] },
    ]);
    const mine = (await learner('GET', '/my/exams')).json() as { items: { id: string; phase: string; bestScore: number; passed: boolean; attemptsLeft: number }[] };
    expect(mine.items.find((x) => x.id === examId)).toMatchObject({ phase: 'closed', bestScore: 50, passed: false, attemptsLeft: 0 });
  });

  it('counts the results in the statistics and the export, per branch and per question', async () => {
    const s = await t.call('GET', `${API}/exams/${examId}/stats`, { cookie: dw });
    expect(s.statusCode).toBe(200);
    const stats = s.json() as { took: number; passed: number; average: number; expected: number; byOrg: { orgId: string; took: number; expected: number }[]; byQuestion: { questionId: string; answered: number; correct: number; correctRate: number }[] };
    expect(stats).toMatchObject({ took: 1, passed: 0, average: 50 });
    expect(stats.expected).toBeGreaterThan(10);
    expect(stats.byOrg.find((o) => o.orgId === branch1)).toMatchObject({ took: 1 });
    expect(stats.byQuestion.find((q) => q.questionId === fixed[0]!.questionId)).toMatchObject({ answered: 2, correct: 2, correctRate: 100 });
    expect(stats.byQuestion.find((q) => q.questionId === fixed[1]!.questionId)).toMatchObject({ answered: 2, correct: 0, correctRate: 0 });
    const x = await t.call('GET', `${API}/exams/${examId}/results.xlsx`, { cookie: dw });
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    // A branch secretary reads their own exams' statistics only.
    expect((await t.call('GET', `${API}/exams/${examId}/stats`, { cookie: zb1 })).statusCode).toBe(404);
  });
});

function walk(v: unknown, onKey: (k: string) => void): void {
  if (Array.isArray(v)) v.forEach((x) => walk(x, onKey));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) { onKey(k); walk(x, onKey); }
}
