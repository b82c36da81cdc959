// 考评 through the API, on plaques and ratings written here (period 2023-H2, far from the demo's own rounds):
// who may open and close rounds, who writes which part (the holder their self-report, the branch — never the
// holder — its evaluation), the residents' part from the period's ratings (too few ratings → its weight goes to
// the other parts), totals and the 建议摘牌 flag at close, nothing written after close, 待办, Excel, and the metrics.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { membersUnder, type MemberSummary } from '../members/index.js';
import type { Platform } from '../../platform/context.js';
import { insertPlaque, insertRatings } from './evaluationTesting.js';
import type { IncentivePlaqueTable } from './tables.js';
import { totalOf, type RoundWeights } from './evaluationScore.js';

const tenantOf = async (p: Platform) => (await p.db.selectFrom('tenants').select('id').where('id', 'not like', '00000000-%').executeTakeFirstOrThrow()).id;
const orgRow = (p: Platform, id: string) => p.db.selectFrom('organisations').select(['id', 'path', 'name']).where('id', '=', id).executeTakeFirstOrThrow();
const userId = async (p: Platform, username: string) => (await p.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

type Item = {
  id: string; plaqueId: string; selfScore: number | null; residentsScore: number | null; ratingCount: number; residentsCounted: boolean;
  branchScore: number | null; total: number | null; flagged: boolean; plaqueFlagged: boolean; allowed: string[]; memberName: string; roundStatus: string;
};

let t: TestApp;
let tenantId: string;
let dw: string;
let zb1: string;
let zb2: string;
let dy1: string;
let roundId: string;
const ev = new Map<string, string>(); // plaque title → evaluation id
let p1: IncentivePlaqueTable; // dy1's, branch 1, 3 ratings in the period
let p2: IncentivePlaqueTable; // another member's 责任区 of branch 1, 1 rating: the residents' part does not count
let p3: IncentivePlaqueTable; // branch 2

const list = async (cookie: string, q = '') => t.call('GET', `/api/v1/incentives/evaluation-rounds/${roundId}/evaluations?pageSize=200${q}`, { cookie });
const itemOf = async (plaque: IncentivePlaqueTable) => ((await list(dw)).json() as { items: Item[] }).items.find((i) => i.plaqueId === plaque.id)!;

beforeAll(async () => {
  t = await createTestApp();
  const p = t.platform;
  tenantId = await tenantOf(p);
  [dw, zb1, zb2, dy1] = (await Promise.all(['dangwei', 'zb1', 'zb2', 'dy1'].map((u) => t.login(u)))) as [string, string, string, string];
  const b1 = await orgRow(p, await t.orgId('机关第一党支部'));
  const b2 = await orgRow(p, await t.orgId('机关第二党支部'));
  const b1Members = await membersUnder(p.db, tenantId, b1.path, { status: 'active' });
  const b2Members = await membersUnder(p.db, tenantId, b2.path, { status: 'active' });
  const [dy1Id, zb1Id] = await Promise.all([userId(p, 'dy1'), userId(p, 'zb1')]);
  const m1 = b1Members.find((m) => m.userId === dy1Id)!;
  const mz = b1Members.find((m) => m.userId === zb1Id)!;
  const m2 = b1Members.find((m: MemberSummary) => m.id !== m1.id && m.id !== mz.id)!;
  const unit = (await p.db.selectFrom('units').select('id').where('name', '=', '人力部').executeTakeFirstOrThrow()).id;
  const span = { from: '2023-01-01', to: '2027-12-31', issuedOn: '2023-01-05' };
  p1 = await insertPlaque(p, tenantId, b1, m1, { ...span, title: '测评收费窗口示范岗', unitId: unit });
  p2 = await insertPlaque(p, tenantId, b1, m2, { ...span, title: '测评责任区', kind: 'area', areaKind: 'community', areaName: '测评小区' });
  p3 = await insertPlaque(p, tenantId, b2, b2Members[0]!, { ...span, title: '测评二支部示范岗' });
  await insertPlaque(p, tenantId, b1, mz, { ...span, title: '测评书记示范岗' });
  await insertPlaque(p, tenantId, b1, m2, { ...span, title: '测评申报中', status: 'proposed', issuedOn: null });
  await insertPlaque(p, tenantId, b1, m2, { from: '2022-01-01', to: '2023-06-30', issuedOn: '2022-01-05', title: '测评已到期' });
  await insertRatings(p, p1, '2023-08-10', [5, 5, 4]);
  await insertRatings(p, p1, '2023-03-01', [1]); // another half-year: not in 2023-H2
  await insertRatings(p, p2, '2023-09-01', [5]);
  await insertRatings(p, p3, '2023-10-01', [2, 2, 2]);
});

afterAll(async () => {
  await t.close();
});

describe(`${dialectLabel()} incentive evaluations`, () => {
  it('refuses weights that do not sum to 100 and leaves the rule unchanged', async () => {
    const bad = await t.call('PUT', '/api/v1/settings/rules/incentive.evaluation', { cookie: dw, body: { value: { periodKind: 'half', selfWeight: 30, residentsWeight: 40, branchWeight: 40, threshold: 60, minRatings: 3 } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('三项权重之和应为 100');
    const rules = (await t.call('GET', '/api/v1/settings/rules', { cookie: dw })).json() as { items: { key: string; value: { selfWeight: number } }[] };
    expect(rules.items.find((r) => r.key === 'incentive.evaluation')!.value.selfWeight).toBe(20);
  });

  it('lets only the committee open a round, for a period of the configured kind, once', async () => {
    const before = await t.platform.db.selectFrom('incentive_evaluation_rounds').select('id').execute();
    for (const c of [zb1, dy1]) expect((await t.call('POST', '/api/v1/incentives/evaluation-rounds', { cookie: c, body: { period: '2023-H2' } })).statusCode).toBe(403);
    const wrong = await t.call('POST', '/api/v1/incentives/evaluation-rounds', { cookie: dw, body: { period: '2023-Q3' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('半年');
    const junk = await t.call('POST', '/api/v1/incentives/evaluation-rounds', { cookie: dw, body: { period: '2023-H3' } });
    expect(junk.statusCode).toBe(400);
    const ok = await t.call('POST', '/api/v1/incentives/evaluation-rounds', { cookie: dw, body: { period: '2023-H2' } });
    expect(ok.statusCode, ok.body).toBe(201);
    const round = ok.json() as { id: string; weights: { self: number; residents: number; branch: number }; threshold: number; status: string };
    expect(round).toMatchObject({ weights: { self: 20, residents: 40, branch: 40 }, threshold: 60, status: 'open' });
    roundId = round.id;
    expect((await t.platform.db.selectFrom('incentive_evaluation_rounds').select('id').execute()).length).toBe(before.length + 1); // the refusals created nothing
    const again = await t.call('POST', '/api/v1/incentives/evaluation-rounds', { cookie: dw, body: { period: '2023-H2' } });
    expect(again.statusCode).toBe(409);
    const items = ((await list(dw)).json() as { items: (Item & { plaqueTitle: string })[] }).items;
    const titles = items.map((i) => i.plaqueTitle);
    expect(titles).toEqual(expect.arrayContaining(['测评收费窗口示范岗', '测评责任区', '测评二支部示范岗', '测评书记示范岗']));
    expect(titles).not.toContain('测评申报中'); // not hanging
    expect(titles).not.toContain('测评已到期'); // its period ended before 2023-H2
    for (const i of items) ev.set(i.plaqueTitle, i.id);
  });

  it('shows a branch secretary only their own branch, and refuses another branch by id', async () => {
    const mine = ((await list(zb1)).json() as { items: { plaqueTitle: string }[] }).items.map((i) => i.plaqueTitle);
    expect(mine).toEqual(expect.arrayContaining(['测评收费窗口示范岗', '测评责任区']));
    expect(mine).not.toContain('测评二支部示范岗');
    const b1 = await t.orgId('机关第一党支部');
    expect((await list(zb2, `&orgId=${b1}`)).statusCode).toBe(404);
  });

  it('computes the residents\' part live from the period\'s ratings, and counts it only with enough ratings', async () => {
    const a = await itemOf(p1);
    expect(a).toMatchObject({ residentsScore: 93.3, ratingCount: 3, residentsCounted: true, total: null });
    const b = await itemOf(p2);
    expect(b).toMatchObject({ residentsScore: 100, ratingCount: 1, residentsCounted: false });
  });

  it('lets only the holder write the self-report', async () => {
    const id = ev.get('测评收费窗口示范岗')!;
    expect((await t.call('PUT', `/api/v1/incentives/evaluations/${id}/self`, { cookie: zb1, body: { score: 90, report: '本人认真履行承诺，按时办结业务。' } })).statusCode).toBe(403);
    expect((await t.call('PUT', `/api/v1/incentives/evaluations/${ev.get('测评责任区')}/self`, { cookie: dy1, body: { score: 90, report: '本人认真履行承诺，按时办结业务。' } })).statusCode).toBe(404);
    const bad = await t.call('PUT', `/api/v1/incentives/evaluations/${id}/self`, { cookie: dy1, body: { score: 101, report: '短' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('自评分不能超过 100 分');
    expect((await itemOf(p1)).selfScore).toBeNull();
    const ok = await t.call('PUT', `/api/v1/incentives/evaluations/${id}/self`, { cookie: dy1, body: { score: 80, report: '本人认真履行承诺，按时办结业务。' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ selfScore: 80, total: null, allowed: ['self'] });
  });

  it('lists the holder\'s self-report and the branch\'s evaluations as 待办', async () => {
    const todos = async (c: string) => ((await t.call('GET', '/api/v1/todos', { cookie: c })).json() as { items: { kind: string; entityId: string; title: string }[] }).items;
    // dy1 has written theirs: a fresh plaque of dy1 in the round would show; the secretary sees the round.
    expect((await todos(zb1)).some((i) => i.kind === 'incentive.branchEvaluation' && i.entityId === roundId)).toBe(true);
    expect((await todos(zb2)).find((i) => i.kind === 'incentive.branchEvaluation' && i.entityId === roundId)?.title).toContain('1 个示范岗');
    expect((await todos(dy1)).some((i) => i.kind === 'incentive.selfReport' && i.entityId === ev.get('测评收费窗口示范岗'))).toBe(false);
    const zbSelf = await todos(zb1);
    expect(zbSelf.some((i) => i.kind === 'incentive.selfReport' && i.entityId === ev.get('测评书记示范岗'))).toBe(true);
  });

  it('lets the branch evaluate its plaques but not the holder themself nor another branch', async () => {
    const id = ev.get('测评收费窗口示范岗')!;
    expect((await t.call('PUT', `/api/v1/incentives/evaluations/${id}/branch`, { cookie: zb2, body: { score: 90 } })).statusCode).toBe(404);
    expect((await t.call('PUT', `/api/v1/incentives/evaluations/${id}/branch`, { cookie: dy1, body: { score: 90 } })).statusCode).toBe(403);
    const own = await t.call('PUT', `/api/v1/incentives/evaluations/${ev.get('测评书记示范岗')}/branch`, { cookie: zb1, body: { score: 100 } });
    expect(own.statusCode).toBe(403);
    expect(own.body).toContain('不能评价本人');
    const ok = await t.call('PUT', `/api/v1/incentives/evaluations/${id}/branch`, { cookie: zb1, body: { score: 90, comment: '服务热情' } });
    expect(ok.statusCode, ok.body).toBe(200);
    // 20 × 80 + 40 × 93.3 + 40 × 90 = 8932 → 89.3
    expect(ok.json()).toMatchObject({ branchScore: 90, total: 89.3 });
    expect((await t.call('PUT', `/api/v1/incentives/evaluations/${ev.get('测评责任区')}/branch`, { cookie: zb1, body: { score: 50 } })).statusCode).toBe(200);
    expect((await t.call('PUT', `/api/v1/incentives/evaluations/${ev.get('测评二支部示范岗')}/branch`, { cookie: zb2, body: { score: 85.5 } })).statusCode).toBe(200);
    expect((await t.call('PUT', `/api/v1/incentives/evaluations/${ev.get('测评二支部示范岗')}/branch`, { cookie: zb2, body: { score: 85.55 } })).statusCode).toBe(400);
  });

  it('closes only by the committee: totals final, missing parts 0, plaques under the threshold flagged for 摘牌', async () => {
    expect((await t.call('POST', `/api/v1/incentives/evaluation-rounds/${roundId}/close`, { cookie: zb1 })).statusCode).toBe(403);
    const ok = await t.call('POST', `/api/v1/incentives/evaluation-rounds/${roundId}/close`, { cookie: dw });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'closed' });
    expect((await t.call('POST', `/api/v1/incentives/evaluation-rounds/${roundId}/close`, { cookie: dw })).statusCode).toBe(409);
    expect(await itemOf(p1)).toMatchObject({ total: 89.3, flagged: false, plaqueFlagged: false });
    // 1 rating: residents' 40 shared 1:2 → 0 × 33.3 % + 50 × 66.7 % = 33.3
    expect(await itemOf(p2)).toMatchObject({ selfScore: null, total: 33.3, flagged: true, plaqueFlagged: true });
    // no self-report: 0 × 20 + 40 × 40 + 85.5 × 40 = 50.2
    expect(await itemOf(p3)).toMatchObject({ total: 50.2, flagged: true });
    const events = await t.platform.db.selectFrom('incentive_plaque_events').select(['action', 'note']).where('plaque_id', '=', p2.id).execute();
    expect(events).toEqual([expect.objectContaining({ action: 'flagged', note: expect.stringContaining('建议摘牌') })]);
    const flaggedOnly = ((await list(dw, '&flagged=true')).json() as { items: Item[] }).items.map((i) => i.plaqueId);
    expect(flaggedOnly).toEqual(expect.arrayContaining([p2.id, p3.id]));
    expect(flaggedOnly).not.toContain(p1.id);
  });

  it('refuses every write after close and keeps the residents\' part frozen', async () => {
    const id = ev.get('测评收费窗口示范岗')!;
    const late = await t.call('PUT', `/api/v1/incentives/evaluations/${id}/self`, { cookie: dy1, body: { score: 100, report: '补充述职内容，补充述职内容。' } });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('已结束');
    expect((await t.call('PUT', `/api/v1/incentives/evaluations/${id}/branch`, { cookie: zb1, body: { score: 10 } })).statusCode).toBe(409);
    await insertRatings(t.platform, p1, '2023-12-30', [1, 1, 1]);
    expect(await itemOf(p1)).toMatchObject({ selfScore: 80, branchScore: 90, residentsScore: 93.3, ratingCount: 3, total: 89.3 });
    const mine = (await t.call('GET', '/api/v1/incentives/evaluations/mine', { cookie: dy1 })).json() as { items: Item[] };
    expect(mine.items.find((i) => i.plaqueId === p1.id)).toMatchObject({ total: 89.3, allowed: [], roundStatus: 'closed' });
  });

  it('exports the round as Excel with the same numbers', async () => {
    const res = await list(dw, '&format=xlsx');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = wb.worksheets[0]!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows[0]).toContain('总分');
    expect(rows.find((r) => r[0] === '测评责任区')).toEqual(expect.arrayContaining([33.3, '是']));
  });

  it('opens and closes a round once under two simultaneous clicks', async () => {
    const open = () => t.call('POST', '/api/v1/incentives/evaluation-rounds', { cookie: dw, body: { period: '2022-H1' } });
    const opened = await Promise.all([open(), open()]);
    expect(opened.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const id = (opened.find((r) => r.statusCode === 201)!.json() as { id: string }).id;
    const close = () => t.call('POST', `/api/v1/incentives/evaluation-rounds/${id}/close`, { cookie: dw });
    const closed = await Promise.all([close(), close()]);
    expect(closed.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect((await t.platform.db.selectFrom('incentive_evaluation_rounds').select('id').where('period', '=', '2022-H1').execute())).toHaveLength(1);
  });

  it('counts a self-report saved while the round closes, or refuses it: never a stored score missing from the total', async () => {
    const opened = await t.call('POST', '/api/v1/incentives/evaluation-rounds', { cookie: dw, body: { period: '2024-H1' } });
    expect(opened.statusCode, opened.body).toBe(201);
    const round = opened.json() as { id: string; weights: RoundWeights };
    const items = (await t.call('GET', `/api/v1/incentives/evaluation-rounds/${round.id}/evaluations?pageSize=200`, { cookie: dw })).json() as { items: Item[] };
    const id = items.items.find((i) => i.plaqueId === p1.id)!.id;
    const [self, close] = await Promise.all([
      t.call('PUT', `/api/v1/incentives/evaluations/${id}/self`, { cookie: dy1, body: { score: 70, report: '上半年按时开窗，限时办结。' } }),
      t.call('POST', `/api/v1/incentives/evaluation-rounds/${round.id}/close`, { cookie: dw }),
    ]);
    expect(close.statusCode, close.body).toBe(200);
    expect([200, 409], self.body).toContain(self.statusCode);
    const row = await t.platform.db.selectFrom('incentive_evaluations').select(['self_score', 'branch_score', 'residents_score', 'rating_count', 'total'])
      .where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.self_score).toBe(self.statusCode === 200 ? 70 : null);
    expect(row.total).toBe(totalOf(round.weights, { self: row.self_score, residents: row.residents_score, ratingCount: row.rating_count, branch: row.branch_score }, true));
  });

  it('gives the metrics per subtree: plaques hanging, average rating, evaluations done', async () => {
    const b1 = await t.orgId('机关第一党支部');
    const b2 = await t.orgId('机关第二党支部');
    const ctx = (key: string) => t.platform.metrics.compute(key, { db: t.platform.db, dialect: t.platform.data.dialect, tenantId, period: { from: '2023-07-01', to: '2023-12-31' }, targetIds: [b1, b2] });
    expect((await ctx('incentive.activePlaques')).get(b1)).toBe(3);
    // branch 1: 5, 5, 4, 5 and the three late 1s → 22 / 7 = 3.1
    expect((await ctx('incentive.averageRating')).get(b1)).toBe(3.1);
    expect((await ctx('incentive.averageRating')).get(b2)).toBe(2);
    // branch 1: only 测评收费窗口示范岗 has both parts of three; branch 2: none of one
    expect((await ctx('incentive.evaluationsDone')).get(b1)).toBe(33.3);
    expect((await ctx('incentive.evaluationsDone')).get(b2)).toBe(0);
  });
});
