// What 考试 adds around the routes: the learner's 待办 待参加考试 (only theirs, gone once submitted), the job that grades
// an attempt left open past its deadline without anyone reading it, the metrics 考试参考率/考试及格率 per organisation,
// memberExamResults for the cadre register, and a paper drawn by rules (no question twice).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { membersUnder } from '../members/index.js';
import { memberExamResults } from './examResults.js';
import { insertQuestion } from './examTesting.js';

let t: TestApp;
let zb1: string;
let zb2: string;
let dy1: string;
let branch1: string;
let branch2: string;
let branch1Path: string;
let tenant: string;
let examId: string;
let attemptId: string;

const API = '/api/v1/training';
const TITLE = '支部党规测验';
const at = (minutes: number) => new Date(t.clock.now().getTime() + minutes * 60_000).toISOString();
async function loginAll() {
  [zb1, zb2, dy1] = (await Promise.all(['zb1', 'zb2', 'dy1'].map((u) => t.login(u)))) as [string, string, string];
}
const todoTitles = async (cookie: string) => ((await t.call('GET', '/api/v1/todos', { cookie })).json() as { items: { kind: string; title: string }[] }).items.filter((i) => i.kind === 'training.exam').map((i) => i.title);

beforeAll(async () => {
  t = await createTestApp();
  await loginAll();
  branch1 = await t.orgId('机关第一党支部');
  branch2 = await t.orgId('机关第二党支部');
  const row = await t.platform.db.selectFrom('organisations').select(['tenant_id', 'path']).where('id', '=', branch1).executeTakeFirstOrThrow();
  tenant = row.tenant_id;
  branch1Path = row.path;
  const ids = [
    await insertQuestion(t.platform.db, tenant, branch1, { kind: 'judge', answer: ['T'], tags: ['支部题'] }),
    await insertQuestion(t.platform.db, tenant, branch1, { kind: 'judge', answer: ['F'], tags: ['支部题'] }),
    await insertQuestion(t.platform.db, tenant, branch1, { kind: 'single', answer: ['B'], tags: ['支部题'] }),
  ];
  const r = await t.call('POST', `${API}/exams`, {
    cookie: zb1,
    body: { orgId: branch1, title: TITLE, paperMode: 'rules', rules: [{ tag: '支部题', count: 3, points: 10 }], opensAt: at(-60), closesAt: at(24 * 60), timeLimitMinutes: 15, maxAttempts: 1, passScore: 20 },
  });
  expect(r.statusCode, r.body).toBe(201);
  examId = r.json().id;
  expect((await t.call('POST', `${API}/exams/${examId}/publish`, { cookie: zb1 })).statusCode).toBe(200);
  expect(ids.length).toBe(3);
});
afterAll(async () => t.close());

describe(`考试: 待办, job, metrics and results ${dialectLabel()}`, () => {
  it('puts 待参加考试 in the 待办 of the branch\'s members only', async () => {
    expect(await todoTitles(dy1)).toContain(`待参加考试：${TITLE}`);
    expect(await todoTitles(zb2)).not.toContain(`待参加考试：${TITLE}`);
  });

  it('draws the paper by rules for each attempt, no question twice', async () => {
    const a = await t.call('POST', `${API}/exams/${examId}/attempts`, { cookie: dy1 });
    expect(a.statusCode).toBe(201);
    attemptId = a.json().id;
    const items = await t.platform.db.selectFrom('training_attempt_items').select(['question_id', 'points']).where('attempt_id', '=', attemptId).execute();
    expect(items.length).toBe(3);
    expect(new Set(items.map((i) => i.question_id)).size).toBe(3);
    expect(items.every((i) => i.points === 10)).toBe(true);
  });

  it('grades an attempt left open past its deadline by the job, unread; the 待办 is gone', async () => {
    await t.call('PUT', `${API}/attempts/${attemptId}/answers/1`, { cookie: dy1, body: { answer: ['T'] } });
    t.clock.advanceMinutes(20);
    await t.platform.jobs.runDue(t.clock.now());
    const a = await t.platform.db.selectFrom('training_attempts').select(['status', 'late', 'score', 'submitted_at', 'deadline_at']).where('id', '=', attemptId).executeTakeFirstOrThrow();
    expect(a).toMatchObject({ status: 'submitted', late: 1 });
    expect(a.submitted_at).toBe(a.deadline_at);
    expect([0, 10]).toContain(a.score);
    await loginAll();
    expect(await todoTitles(dy1)).not.toContain(`待参加考试：${TITLE}`);
  });

  it('gives the metrics per organisation: participation of the members offered the exam, pass rate of those who took it', async () => {
    expect((await t.call('POST', `${API}/exams/${examId}/close`, { cookie: zb1 })).statusCode).toBe(200);
    const ctx = { db: t.platform.db, dialect: t.platform.data.dialect, tenantId: tenant, period: { from: '2026-11-01', to: '2026-11-30' }, targetIds: [branch1, branch2] };
    const members = await membersUnder(t.platform.db, tenant, branch1Path, { status: 'active' });
    const participation = await t.platform.metrics.compute('training.examParticipation', ctx);
    expect(participation.get(branch1)).toBe(Math.round(1000 / members.length) / 10);
    expect(participation.has(branch2)).toBe(false); // the exam is branch 1's: nobody in branch 2 was offered it
    const pass = await t.platform.metrics.compute('training.examPassRate', ctx);
    expect(pass.get(branch1)).toBe(0);
  });

  it('gives the best submitted result per exam for the cadre register', async () => {
    const attempt = await t.platform.db.selectFrom('training_attempts').select('member_id').where('id', '=', attemptId).executeTakeFirstOrThrow();
    const results = await memberExamResults(t.platform.db, tenant, [attempt.member_id]);
    const mine = results.get(attempt.member_id) ?? [];
    expect(mine.find((r) => r.examId === examId)).toMatchObject({ title: TITLE, totalScore: 30, passed: false });
  });
});
