// The question bank through the API: keepers create, filter, edit and delete questions of their organisation,
// read (never edit) the committee's bank above them, never see another branch's; learners and readers are refused
// (403) everywhere; bad questions get a clear Chinese message and change nothing; a question once answered in an
// attempt keeps its answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../db/ids.js';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';

let t: TestApp;
let dw: string; // 党委管理员: training.write over the committee
let zb1: string; // 书记 of 机关第一党支部
let zb3: string; // 书记 of 物业第一党支部
let dy1: string; // 党员 of 机关第一党支部: training.learn only
let weiyuan: string; // 委员 of 机关第一党支部: training.read and training.learn, no training.write
let root: string;
let branch1: string;
let branch2: string;
let branch3: string;

const API = '/api/v1/training/questions';
interface Item {
  id: string; orgId: string; orgName: string; kind: string; stem: string; options: { key: string; text: string }[]; answer: string[]; explanation: string;
  difficulty: number; tags: string[]; locked: boolean; allowed: string[];
}
interface Page { items: Item[]; total: number; kinds: Record<string, number> }

const single = (over: Record<string, unknown> = {}) => ({
  orgId: branch1, kind: 'single', stem: '“三会一课”中的“一课”是指什么？', options: ['党课', '团课', '专题讲座', '业务培训'], answer: ['A'],
  explanation: '“一课”指按时上好党课。', difficulty: 1, tags: ['组织生活'], ...over,
});
const count = async (table: 'training_questions' | 'training_question_tags' | 'audit_log') =>
  Number((await t.platform.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const snapshot = async () => [await count('training_questions'), await count('training_question_tags')];

async function create(cookie: string, body: Record<string, unknown>): Promise<Item> {
  const r = await t.call('POST', API, { cookie, body });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as Item;
}
const list = async (cookie: string, qs = '') => {
  const r = await t.call('GET', `${API}?pageSize=200${qs}`, { cookie });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as Page;
};

beforeAll(async () => {
  t = await createTestApp();
  [dw, zb1, zb3, dy1, weiyuan] = (await Promise.all(['dangwei', 'zb1', 'zb3', 'dy1', 'weiyuan'].map((u) => t.login(u)))) as [string, string, string, string, string];
  branch1 = await t.orgId('机关第一党支部');
  branch2 = await t.orgId('机关第二党支部');
  branch3 = await t.orgId('物业第一党支部');
  root = (await t.platform.db.selectFrom('organisations').select('id').where('parent_id', 'is', null).where('deleted_at', 'is', null).executeTakeFirstOrThrow()).id;
});
afterAll(async () => t.close());

describe(`题库: keepers and their scope ${dialectLabel()}`, () => {
  it('a secretary adds each kind of question to the branch bank and reads it back with its answer', async () => {
    const before = await list(zb1);
    const s = await create(zb1, single());
    expect(s).toMatchObject({ orgId: branch1, orgName: '机关第一党支部', kind: 'single', options: [{ key: 'A', text: '党课' }, { key: 'B', text: '团课' }, { key: 'C', text: '专题讲座' }, { key: 'D', text: '业务培训' }], answer: ['A'], locked: false, allowed: ['edit', 'delete'] });
    // Keys are stored in order whatever order they were ticked in; surrounding spaces go.
    const m = await create(zb1, single({ kind: 'multiple', stem: '  党员的权利包括哪些？ ', options: ['参加党的有关会议', '在党的会议上参加讨论', '行使表决权、选举权', '不参加组织生活'], answer: ['c', 'A', 'B'], tags: ['党章', '党章'] }));
    expect(m).toMatchObject({ stem: '党员的权利包括哪些？', answer: ['A', 'B', 'C'], tags: ['党章'] });
    const j = await create(zb1, single({ kind: 'judge', stem: '预备党员没有表决权。', options: [], answer: ['T'], difficulty: 2 }));
    expect(j).toMatchObject({ options: [], answer: ['T'] });
    const f = await create(zb1, single({ kind: 'fill', stem: '党的最高理想和最终目标是实现____。', options: [], answer: ['共产主义', '共产主义社会'], difficulty: 3, tags: [] }));
    expect(f.answer).toEqual(['共产主义', '共产主义社会']);
    const after = await list(zb1);
    expect(after.total).toBe(before.total + 4);
    expect(after.kinds).toEqual({ single: before.kinds.single! + 1, multiple: before.kinds.multiple! + 1, judge: before.kinds.judge! + 1, fill: before.kinds.fill! + 1 });
    const got = await t.call('GET', `${API}/${m.id}`, { cookie: zb1 });
    expect(got.json()).toMatchObject({ id: m.id, answer: ['A', 'B', 'C'] });
  });

  it('a branch reads the committee bank (not editable) and its own, never another branch\'s', async () => {
    const page = await list(zb1);
    expect((await list(zb1, `&orgId=${root}`)).total).toBeGreaterThan(0);
    expect((await list(zb1, `&orgId=${branch1}`)).total).toBeGreaterThan(0);
    expect((await list(zb1, `&orgId=${branch3}`)).total).toBe(0);
    expect(page.total).toBe((await list(zb1, `&orgId=${root}`)).total + (await list(zb1, `&orgId=${branch1}`)).total);
    const rootQ = page.items.find((i) => i.orgId === root)!;
    expect(rootQ.allowed).toEqual([]);
    const before = await snapshot();
    const patch = await t.call('PATCH', `${API}/${rootQ.id}`, { cookie: zb1, body: { stem: '改一改' } });
    expect(patch.statusCode).toBe(403);
    expect(patch.json().error.message).toBe('上级组织的题目只能查看和选用，不能修改或删除');
    expect((await t.call('DELETE', `${API}/${rootQ.id}`, { cookie: zb1 })).statusCode).toBe(403);
    // Another branch's question answers as if it did not exist.
    const other = (await list(zb3, `&orgId=${branch3}`)).items[0]!;
    expect(other).toBeTruthy();
    for (const [method, body] of [['GET', undefined], ['PATCH', { stem: '改一改' }], ['DELETE', undefined]] as const) {
      const r = await t.call(method, `${API}/${other.id}`, { cookie: zb1, body });
      expect(r.statusCode, `${method} ${r.body}`).toBe(404);
    }
    // Creating in another organisation is a problem of the organisation field.
    const out = await t.call('POST', API, { cookie: zb1, body: single({ orgId: branch2, stem: '别的支部的题' }) });
    expect(out.statusCode).toBe(400);
    expect(out.json().error.fields.orgId).toBe('所属组织不存在或不在您的管理范围内');
    expect(await snapshot()).toEqual(before);
    // The committee sees and keeps every bank.
    expect((await list(dw, `&orgId=${branch3}`)).items[0]!.allowed).toEqual(['edit', 'delete']);
    expect((await list(dw, `&orgId=${root}`)).items[0]!.allowed).toEqual(['edit', 'delete']);
  });

  it('learners and readers without training.write are refused every route of the bank (403)', async () => {
    const anyId = (await list(dw)).items[0]!.id;
    const before = await snapshot();
    for (const cookie of [dy1, weiyuan]) {
      for (const [method, url, body] of [
        ['GET', API, undefined], ['GET', `${API}/${anyId}`, undefined], ['GET', `${API}/tags`, undefined], ['GET', `${API}/template.xlsx`, undefined],
        ['GET', `${API}/export.xlsx`, undefined], ['GET', `${API}?format=xlsx`, undefined], ['POST', API, single()], ['PATCH', `${API}/${anyId}`, { stem: 'x' }],
        ['DELETE', `${API}/${anyId}`, undefined],
      ] as const) {
        const r = await t.call(method, url, { cookie, body });
        expect(r.statusCode, `${method} ${url}`).toBe(403);
        // Not a word of a question reaches a learner.
        expect(r.body).not.toContain('answer');
      }
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe(`题库: bad questions are refused in Chinese and change nothing ${dialectLabel()}`, () => {
  const cases: [string, Record<string, unknown>, string, string][] = [
    ['two answers to a single-choice question', { answer: ['A', 'B'] }, 'answer', '单选题须有且只有一个正确答案'],
    ['no correct option', { answer: [] }, 'answer', '请选择单选题的正确答案'],
    ['an answer that is not an option', { answer: ['E'] }, 'answer', '正确答案“E”不在选项中'],
    ['one answer to a multiple-choice question', { kind: 'multiple', answer: ['B'] }, 'answer', '多选题至少两个正确答案'],
    ['a judge answer that is neither', { kind: 'judge', options: [], answer: ['对不对'] }, 'answer', '判断题的正确答案应为“对”或“错”'],
    ['options on a judge question', { kind: 'judge', answer: ['T'] }, 'options', '判断题不设选项'],
    ['a fill question without accepted text', { kind: 'fill', options: [], answer: ['  '] }, 'answer', '请填写填空题的正确答案'],
    ['six accepted texts', { kind: 'fill', options: [], answer: ['1', '2', '3', '4', '5', '6'] }, 'answer', '填空题可接受的答案最多 5 个'],
    ['one option only', { options: ['党课'] }, 'options', '单选题须有 2–8 个选项（现有 1 个）'],
    ['nine options', { options: ['1', '2', '3', '4', '5', '6', '7', '8', '9'] }, 'options', '单选题须有 2–8 个选项（现有 9 个）'],
    ['an empty option between others', { options: ['党课', '', '团课'] }, 'options', '选项B不能为空'],
    ['two equal options', { options: ['党课', '团课', '党课'] }, 'options', '选项C与选项A相同'],
    ['an empty stem', { stem: '   ' }, 'stem', '请填写题干'],
    ['a stem of 501 characters', { stem: '党'.repeat(501) }, 'stem', '题干最多 500 个字'],
    ['six tags', { tags: ['党章', '党史', '党纪', '党费', '理论', '组织生活'] }, 'tags', '标签最多 5 个'],
    ['a tag of 21 characters', { tags: ['党'.repeat(21)] }, 'tags', `标签“${'党'.repeat(20)}…”超过 20 个字`],
  ];
  it.each(cases)('refuses %s', async (_name, over, field, message) => {
    const before = await snapshot();
    const r = await t.call('POST', API, { cookie: zb1, body: single({ stem: '新题：党课由谁讲？', ...over }) });
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json().error.fields[field]).toBe(message);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a difficulty outside 1–3 and an unknown kind at the contract', async () => {
    const before = await snapshot();
    for (const over of [{ difficulty: 4 }, { difficulty: 0 }, { kind: 'essay' }]) {
      const r = await t.call('POST', API, { cookie: zb1, body: single({ stem: '难度题', ...over }) });
      expect(r.statusCode).toBe(400);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses the same kind and stem twice in one bank (409), and an edit that would make one', async () => {
    const a = await create(zb1, single({ stem: '入党宣誓仪式一般由谁组织？', options: ['党支部', '团支部', '工会', '人事部门'] }));
    const before = await snapshot();
    const again = await t.call('POST', API, { cookie: zb1, body: single({ stem: '入党宣誓仪式一般由谁组织？', options: ['党支部', '团支部', '工会', '人事部门'] }) });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('该组织题库中已有题型和题干都相同的题目');
    const b = await create(zb1, single({ stem: '另一道题', options: ['甲', '乙'] }));
    const clash = await t.call('PATCH', `${API}/${b.id}`, { cookie: zb1, body: { stem: a.stem } });
    expect(clash.statusCode).toBe(409);
    expect((await t.call('GET', `${API}/${b.id}`, { cookie: zb1 })).json().stem).toBe('另一道题');
    expect(await snapshot()).toEqual([before[0]! + 1, before[1]! + 1]);
  });
});

describe(`题库: list filters, tags, editing and deleting ${dialectLabel()}`, () => {
  it('filters by kind, tag, difficulty, organisation and a keyword taken literally', async () => {
    await create(zb1, single({ stem: '党费交纳比例为 1%_测试题', options: ['对的', '错的'], tags: ['党费'], difficulty: 3 }));
    const byKind = await list(zb1, '&kind=judge');
    expect(byKind.items.every((i) => i.kind === 'judge')).toBe(true);
    // The counts per kind ignore the kind filter (the tabs of the page).
    expect(byKind.kinds.single).toBeGreaterThan(0);
    expect((await list(zb1, `&tag=${encodeURIComponent('党费')}`)).items.every((i) => i.tags.includes('党费'))).toBe(true);
    expect((await list(zb1, '&difficulty=3')).items.every((i) => i.difficulty === 3)).toBe(true);
    expect((await list(zb1, `&orgId=${branch1}`)).items.every((i) => i.orgId === branch1)).toBe(true);
    const kw = await list(zb1, `&keyword=${encodeURIComponent('1%_')}`);
    expect(kw.items.map((i) => i.stem)).toEqual(['党费交纳比例为 1%_测试题']);
    expect((await list(zb1, `&keyword=${encodeURIComponent('%')}`)).items.every((i) => i.stem.includes('%'))).toBe(true);
    // Paging: a page of one with the total of all.
    const one = (await t.call('GET', `${API}?pageSize=1&page=2`, { cookie: zb1 })).json() as Page;
    expect(one.items).toHaveLength(1);
    expect(one.total).toBe((await list(zb1)).total);
  });

  it('counts tags per kind for the exam rules form, from the exam organisation\'s point of view', async () => {
    const mine = (await t.call('GET', `${API}/tags?orgId=${branch1}`, { cookie: zb1 })).json() as { all: { total: number; kinds: Record<string, number> }; items: { tag: string; total: number; kinds: { single: number; multiple: number; judge: number; fill: number } }[] };
    const visible = await list(zb1);
    expect(mine.all.total).toBe(visible.total);
    const org = mine.items.find((i) => i.tag === '组织生活')!;
    expect(org.total).toBe((await list(zb1, `&tag=${encodeURIComponent('组织生活')}`)).total);
    expect(org.kinds.judge).toBe((await list(zb1, `&tag=${encodeURIComponent('组织生活')}&kind=judge`)).total);
    expect(org.kinds.single + org.kinds.multiple + org.kinds.judge + org.kinds.fill).toBe(org.total);
    // The committee's exam may use every bank below it; a branch's exam its own and the committee's only.
    const committee = (await t.call('GET', `${API}/tags?orgId=${root}`, { cookie: dw })).json() as { all: { total: number } };
    const three = (await t.call('GET', `${API}/tags?orgId=${branch3}`, { cookie: dw })).json() as { all: { total: number } };
    expect(committee.all.total).toBeGreaterThan(three.all.total);
    expect(three.all.total).toBe((await list(dw, `&orgId=${root}`)).total + (await list(dw, `&orgId=${branch3}`)).total);
    // Another branch is not the secretary's to build an exam for.
    const out = await t.call('GET', `${API}/tags?orgId=${branch3}`, { cookie: zb1 });
    expect(out.statusCode).toBe(400);
    expect(out.json().error.message).toBe('组卷组织不存在或不在您的管理范围内');
  });

  it('edits a question and re-checks it whole; changing the kind asks for new options and answer', async () => {
    const q = await create(zb1, single({ stem: '党的根本组织原则是什么？', options: ['民主集中制', '集体领导', '个人分工负责'], answer: ['A'] }));
    const ok = await t.call('PATCH', `${API}/${q.id}`, { cookie: zb1, body: { explanation: '党章规定，党是根据自己的纲领和章程，按照民主集中制组织起来的统一整体。', tags: ['党章', '组织制度'], difficulty: 2 } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ difficulty: 2, tags: ['党章', '组织制度'], answer: ['A'] });
    const tags = await t.platform.db.selectFrom('training_question_tags').select('tag').where('question_id', '=', q.id).orderBy('tag').execute();
    expect(tags.map((r) => r.tag).sort()).toEqual(['党章', '组织制度'].sort());
    const bad = await t.call('PATCH', `${API}/${q.id}`, { cookie: zb1, body: { kind: 'multiple' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toMatchObject({ options: '多选题须有 2–8 个选项（现有 0 个）' });
    const judge = await t.call('PATCH', `${API}/${q.id}`, { cookie: zb1, body: { kind: 'judge', stem: '党的根本组织原则是民主集中制。', options: [], answer: ['T'] } });
    expect(judge.json()).toMatchObject({ kind: 'judge', options: [], answer: ['T'] });
  });

  it('keeps the answer of a question already taken in an attempt; its wording may still change', async () => {
    const q = await create(zb1, single({ stem: '党章规定，党员必须履行几项义务？', options: ['六项', '八项', '十项'], answer: ['B'] }));
    const db = t.platform.db;
    const tenantId = (await db.selectFrom('training_questions').select('tenant_id').where('id', '=', q.id).executeTakeFirstOrThrow()).tenant_id;
    const member = await db.selectFrom('members').select(['id', 'org_path']).where('tenant_id', '=', tenantId).where('deleted_at', 'is', null).executeTakeFirstOrThrow();
    const org = await db.selectFrom('organisations').select('path').where('id', '=', branch1).executeTakeFirstOrThrow();
    const examId = newId();
    const attemptId = newId();
    const now = t.clock.now().toISOString();
    await db.insertInto('training_exams').values({
      tenant_id: tenantId, id: examId, org_id: branch1, org_path: org.path, title: '测试考试', description: '', paper_mode: 'fixed', rules: '[]', opens_at: now, closes_at: now,
      time_limit_minutes: 30, max_attempts: 1, pass_score: 0, total_score: 10, status: 'published', published_at: now, created_by: null, created_at: now, updated_at: now, deleted_at: null,
    }).execute();
    await db.insertInto('training_attempts').values({
      tenant_id: tenantId, id: attemptId, exam_id: examId, member_id: member.id, org_path: member.org_path, attempt_no: 1, started_at: now, deadline_at: now,
      submitted_at: now, late: 0, status: 'submitted', score: 10, passed: 1,
    }).execute();
    await db.insertInto('training_attempt_items').values({ tenant_id: tenantId, attempt_id: attemptId, position: 1, question_id: q.id, points: 10, answer: '["B"]', answered_at: now, correct: 1 }).execute();
    expect((await t.call('GET', `${API}/${q.id}`, { cookie: zb1 })).json()).toMatchObject({ locked: true });
    const refused = await t.call('PATCH', `${API}/${q.id}`, { cookie: zb1, body: { answer: ['A'] } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('该题已有人作答，不能再修改题型、选项和正确答案');
    expect((await t.call('GET', `${API}/${q.id}`, { cookie: zb1 })).json()).toMatchObject({ answer: ['B'] });
    const wording = await t.call('PATCH', `${API}/${q.id}`, { cookie: zb1, body: { stem: '党章规定，党员必须履行几项基本义务？', explanation: '党章第三条规定了党员必须履行的八项义务。' } });
    expect(wording.statusCode, wording.body).toBe(200);
    // Deleting is soft: the attempt keeps its question.
    expect((await t.call('DELETE', `${API}/${q.id}`, { cookie: zb1 })).statusCode).toBe(204);
    expect((await t.call('GET', `${API}/${q.id}`, { cookie: zb1 })).statusCode).toBe(404);
    expect((await list(zb1)).items.some((i) => i.id === q.id)).toBe(false);
    const row = await db.selectFrom('training_questions').select(['deleted_at']).where('id', '=', q.id).executeTakeFirstOrThrow();
    expect(row.deleted_at).not.toBeNull();
    expect(await db.selectFrom('training_attempt_items').select('question_id').where('attempt_id', '=', attemptId).execute()).toHaveLength(1);
    const tagsAfter = (await t.call('GET', `${API}/tags`, { cookie: zb1 })).json() as { all: { total: number } };
    expect(tagsAfter.all.total).toBe((await list(zb1)).total);
    const audit = await db.selectFrom('audit_log').select('action').where('entity_id', '=', q.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['trainingQuestion.create', 'trainingQuestion.update', 'trainingQuestion.delete']);
  });
});

describe(`题库: the metric for assessment ${dialectLabel()}`, () => {
  it('counts the questions an organisation added in the period, its subtree included, deleted ones not', async () => {
    const tenantId = (await t.platform.db.selectFrom('organisations').select('tenant_id').where('id', '=', branch1).executeTakeFirstOrThrow()).tenant_id;
    const today = t.clock.now().toISOString().slice(0, 10);
    const measure = async () => t.platform.metrics.compute('training.questionsAdded', {
      db: t.platform.db, dialect: t.platform.data.dialect, tenantId, period: { from: '2026-01-01', to: '2030-12-31' }, targetIds: [root, branch1, branch2],
    });
    const before = await measure();
    const a = await create(zb1, single({ stem: `指标题一 ${today}`, options: ['甲', '乙'] }));
    await create(zb1, single({ stem: `指标题二 ${today}`, options: ['甲', '乙'] }));
    expect((await t.call('DELETE', `${API}/${a.id}`, { cookie: zb1 })).statusCode).toBe(204);
    const after = await measure();
    expect(after.get(branch1)).toBe(before.get(branch1)! + 1);
    expect(after.get(root)).toBe(before.get(root)! + 1);
    expect(after.get(branch2)).toBe(before.get(branch2));
    // A period before the bank existed counts nothing.
    const old = await t.platform.metrics.compute('training.questionsAdded', { db: t.platform.db, dialect: t.platform.data.dialect, tenantId, period: { from: '2020-01-01', to: '2020-12-31' }, targetIds: [root] });
    expect(old.get(root)).toBe(0);
  });
});
