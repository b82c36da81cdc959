// Keeping exams through the API: the paper checked against the bank when saved and when published (a paper asking
// more than the bank holds is refused in Chinese and changes nothing), a taken exam's paper fixed, and every keeper
// route refused outside the keeper's organisations (404) or without the permission (403).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { insertQuestion } from './examTesting.js';

let t: TestApp;
let dw: string; // 党委管理员 at the root
let zb1: string; // 书记 of 机关第一党支部
let zb2: string; // 书记 of 机关第二党支部
let dy1: string; // 党员 of 机关第一党支部 (training.learn only)
let root: string;
let branch1: string;
let branch2: string;
let tenant: string;

const API = '/api/v1/training';
const TAG = 'A2测试';
const qIds: string[] = []; // committee: 3 single questions tagged TAG
let branch2Question: string;

const exams = async () => Number((await t.platform.db.selectFrom('training_exams').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const at = (minutes: number) => new Date(t.clock.now().getTime() + minutes * 60_000).toISOString();
const body = (over: Record<string, unknown> = {}) => ({
  orgId: root, title: '党章知识测试', paperMode: 'rules', rules: [{ tag: TAG, kind: 'single', count: 3, points: 10 }],
  opensAt: at(-60), closesAt: at(24 * 60), timeLimitMinutes: 30, maxAttempts: 2, passScore: 18, ...over,
});
async function create(cookie: string, over: Record<string, unknown> = {}) {
  const r = await t.call('POST', `${API}/exams`, { cookie, body: body(over) });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; status: string; totalScore: number; allowed: string[]; questionCount: number };
}

beforeAll(async () => {
  t = await createTestApp();
  [dw, zb1, zb2, dy1] = (await Promise.all(['dangwei', 'zb1', 'zb2', 'dy1'].map((u) => t.login(u)))) as [string, string, string, string];
  root = await t.orgId('机关第一党支部').then(async (b1) => (await t.platform.db.selectFrom('organisations').select('parent_id').where('id', '=', b1).executeTakeFirstOrThrow()).parent_id!);
  branch1 = await t.orgId('机关第一党支部');
  branch2 = await t.orgId('机关第二党支部');
  tenant = (await t.platform.db.selectFrom('organisations').select('tenant_id').where('id', '=', root).executeTakeFirstOrThrow()).tenant_id;
  for (let i = 0; i < 3; i++) qIds.push(await insertQuestion(t.platform.db, tenant, root, { kind: 'single', answer: ['A'], tags: [TAG] }));
  branch2Question = await insertQuestion(t.platform.db, tenant, branch2, { kind: 'judge', answer: ['T'], tags: [TAG] });
});
afterAll(async () => t.close());

describe(`考试: keeping exams ${dialectLabel()}`, () => {
  it('refuses a paper asking more questions than the bank holds, in Chinese, and creates nothing', async () => {
    const before = await exams();
    const r = await t.call('POST', `${API}/exams`, { cookie: dw, body: body({ rules: [{ tag: TAG, kind: 'single', count: 5, points: 10 }] }) });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toBe(`题库中符合“${TAG}·单选”的题目只有 3 道，少于所需 5 道`);
    // Two rules that each fit but not together (no question twice): the committee's pool holds 4 tagged, 3 of them single.
    const both = await t.call('POST', `${API}/exams`, { cookie: dw, body: body({ rules: [{ tag: TAG, count: 3, points: 10 }, { tag: TAG, kind: 'single', count: 2, points: 10 }] }) });
    expect(both.statusCode).toBe(400);
    expect(both.json().error.message).toBe(`题库中符合“${TAG}”的题目除去其他规则已抽的只剩 2 道，少于所需 3 道`);
    expect(await exams()).toBe(before);
  });

  it('refuses a pass score above the total, a window that ends before it starts, and an empty paper', async () => {
    const before = await exams();
    const pass = await t.call('POST', `${API}/exams`, { cookie: dw, body: body({ passScore: 31 }) });
    expect(pass.statusCode).toBe(400);
    expect(pass.json().error.fields.passScore).toBe('及格分（31）不能高于试卷总分（30）');
    const window = await t.call('POST', `${API}/exams`, { cookie: dw, body: body({ closesAt: at(-120) }) });
    expect(window.json().error.fields.closesAt).toBe('结束时间须晚于开始时间');
    const empty = await t.call('POST', `${API}/exams`, { cookie: dw, body: body({ paperMode: 'fixed', questions: [] }) });
    expect(empty.json().error.fields.questions).toBe('固定试卷至少选择 1 道题');
    const limit = await t.call('POST', `${API}/exams`, { cookie: dw, body: body({ timeLimitMinutes: 301 }) });
    expect(limit.statusCode).toBe(400);
    expect(limit.json().error.message).toContain('答题时长最多 300 分钟');
    expect(await exams()).toBe(before);
  });

  it('lets a branch build a fixed paper from the committee bank but not from another branch', async () => {
    const ok = await create(zb1, { orgId: branch1, paperMode: 'fixed', rules: [], questions: qIds.map((questionId) => ({ questionId, points: 20 })), passScore: 36 });
    expect(ok).toMatchObject({ status: 'draft', totalScore: 60, questionCount: 3 });
    // The keeper sees the answers; a 委员 of the branch reads the exam (training.read) but may take it: no answers.
    const kept = (await t.call('GET', `${API}/exams/${ok.id}`, { cookie: zb1 })).json() as { questions: { answer: string[] | null }[] };
    expect(kept.questions.map((q) => q.answer)).toEqual([['A'], ['A'], ['A']]);
    const read = await t.call('GET', `${API}/exams/${ok.id}`, { cookie: await t.login('weiyuan') });
    expect(read.statusCode).toBe(200);
    expect((read.json() as { questions: { answer: string[] | null }[] }).questions.map((q) => q.answer)).toEqual([null, null, null]);
    const before = await exams();
    const other = await t.call('POST', `${API}/exams`, { cookie: zb1, body: body({ orgId: branch1, paperMode: 'fixed', questions: [{ questionId: branch2Question, points: 10 }], passScore: 5 }) });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.fields.questions).toMatch(/第 1 题不存在、已删除或不属于本组织及其上下级的题库/);
    // A branch secretary cannot hold an exam for another branch or the committee.
    const foreign = await t.call('POST', `${API}/exams`, { cookie: zb1, body: body({ orgId: branch2 }) });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.fields.orgId).toBe('组织不存在或不在您的管理范围内');
    expect(await exams()).toBe(before);
  });

  it('checks the bank again when publishing: a question deleted since leaves the exam a draft', async () => {
    const q = await insertQuestion(t.platform.db, tenant, root, { kind: 'fill', answer: ['民主集中制'], tags: ['A2发布'] });
    const e = await create(dw, { rules: [{ tag: 'A2发布', count: 1, points: 10 }], passScore: 6 });
    await t.platform.db.updateTable('training_questions').set({ deleted_at: new Date().toISOString() }).where('id', '=', q).execute();
    const r = await t.call('POST', `${API}/exams/${e.id}/publish`, { cookie: dw });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toBe('题库中符合“A2发布”的题目只有 0 道，少于所需 1 道');
    const row = await t.platform.db.selectFrom('training_exams').select(['status', 'published_at']).where('id', '=', e.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'draft', published_at: null });
  });

  it('fixes a taken exam: paper, start, limit and scoring 409, no delete; the title may change and it may be closed early', async () => {
    const e = await create(dw);
    expect((await t.call('POST', `${API}/exams/${e.id}/publish`, { cookie: dw })).statusCode).toBe(200);
    const start = await t.call('POST', `${API}/exams/${e.id}/attempts`, { cookie: dy1 });
    expect(start.statusCode, start.body).toBe(201);
    for (const patch of [{ timeLimitMinutes: 45 }, { passScore: 10 }, { rules: [{ tag: TAG, count: 2, points: 10 }] }, { opensAt: at(-30) }]) {
      const r = await t.call('PATCH', `${API}/exams/${e.id}`, { cookie: dw, body: patch });
      expect(r.statusCode).toBe(409);
      expect(r.json().error.message).toBe('已有人参加该考试，不能再修改试卷、开始时间、答题时长或及格分');
    }
    const row = await t.platform.db.selectFrom('training_exams').selectAll().where('id', '=', e.id).executeTakeFirstOrThrow();
    expect([row.time_limit_minutes, row.pass_score]).toEqual([30, 18]);
    expect((await t.call('PATCH', `${API}/exams/${e.id}`, { cookie: dw, body: { title: '党章知识测试（第二轮）' } })).json().title).toBe('党章知识测试（第二轮）');
    const del = await t.call('DELETE', `${API}/exams/${e.id}`, { cookie: dw });
    expect(del.statusCode).toBe(409);
    const closed = await t.call('POST', `${API}/exams/${e.id}/close`, { cookie: dw });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ closesAt: t.clock.now().toISOString(), phase: 'closed' });
    // The open attempt is cut at that instant.
    const a = await t.platform.db.selectFrom('training_attempts').select('deadline_at').where('id', '=', start.json().id).executeTakeFirstOrThrow();
    expect(a.deadline_at).toBe(t.clock.now().toISOString());
  });

  it('deletes an exam nobody took', async () => {
    const e = await create(dw);
    expect((await t.call('DELETE', `${API}/exams/${e.id}`, { cookie: dw })).statusCode).toBe(204);
    expect((await t.call('GET', `${API}/exams/${e.id}`, { cookie: dw })).statusCode).toBe(404);
  });

  it('answers 404 for another branch\'s exam on every keeper route and 403 without the permission', async () => {
    const e = await create(zb2, { orgId: branch2 });
    const routes: ['GET' | 'PATCH' | 'POST' | 'DELETE', string, unknown?][] = [
      ['GET', `/exams/${e.id}`], ['PATCH', `/exams/${e.id}`, { title: 'x' }], ['POST', `/exams/${e.id}/publish`], ['POST', `/exams/${e.id}/close`],
      ['DELETE', `/exams/${e.id}`], ['GET', `/exams/${e.id}/stats`], ['GET', `/exams/${e.id}/results.xlsx`],
    ];
    for (const [m, url, b] of routes) {
      const r = await t.call(m, `${API}${url}`, { cookie: zb1, body: b });
      expect(r.statusCode, `${m} ${url}`).toBe(404);
    }
    expect(((await t.call('GET', `${API}/exams?pageSize=200`, { cookie: zb1 })).json() as { items: { id: string }[] }).items.map((x) => x.id)).not.toContain(e.id);
    // A member without training.read/write: refused before anything is read.
    for (const [m, url] of [['GET', '/exams'], ['POST', '/exams'], ['GET', `/exams/${e.id}`], ['GET', `/exams/pool?orgId=${branch1}`]] as const) {
      expect((await t.call(m, `${API}${url}`, { cookie: dy1, body: m === 'POST' ? body() : undefined })).statusCode, `${m} ${url}`).toBe(403);
    }
    // The committee reads the branch's exam; the branch secretary of branch 1 cannot keep it.
    expect((await t.call('GET', `${API}/exams/${e.id}`, { cookie: dw })).statusCode).toBe(200);
  });

  it('shows the form how many questions each rule finds and the pool of a fixed paper (keepers only)', async () => {
    const r = await t.call('POST', `${API}/exams/rules-check`, { cookie: zb1, body: { orgId: branch1, rules: [{ tag: TAG, count: 5, points: 2 }] } });
    expect(r.json()).toEqual({ rules: [{ label: TAG, available: 3, count: 5 }], problem: `题库中符合“${TAG}”的题目只有 3 道，少于所需 5 道` });
    const pool = await t.call('GET', `${API}/exams/pool?orgId=${branch1}&tag=${encodeURIComponent(TAG)}`, { cookie: zb1 });
    expect(pool.json().available).toBe(3);
    expect((await t.call('GET', `${API}/exams/pool?orgId=${branch2}`, { cookie: zb1 })).statusCode).toBe(404);
  });
});
