// Results, publication, corrections and anomalies through HTTP, over rounds written directly as the core
// leaves them (scheme → round in review → targets, sheets, scores, frozen automatic scores).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { newId } from '../../db/ids.js';
import type { AssessmentRoundTable } from './tables.js';

let t: TestApp;
let tenantId: string;
let committee: { id: string; path: string };
let branches: { id: string; name: string; path: string }[];
let kaohe: string;
const as = (u: string) => t.login(u);

const TREE = [
  { id: 'p1', name: '党建工作', maxScore: 80, mode: 'manual', children: [
    { id: 'm1', name: '学习教育', maxScore: 30, mode: 'manual', evidenceIndicatorId: 'a1' },
    { id: 'm2', name: '组织建设', maxScore: 50, mode: 'manual' },
  ] },
  { id: 'a1', name: '组织生活出勤', maxScore: 20, mode: 'auto', metricKey: 'orgLife.attendanceRate', rule: { type: 'linear', from: 60, to: 100 } },
];
let schemeId: string;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.platform.db;
  const users = await db.selectFrom('users').select(['id', 'username', 'tenant_id']).where('username', '=', 'kaohe').executeTakeFirstOrThrow();
  tenantId = users.tenant_id;
  kaohe = users.id;
  committee = await db.selectFrom('organisations').select(['id', 'path']).where('tenant_id', '=', tenantId).where('kind', '=', 'committee').executeTakeFirstOrThrow();
  const first = await t.orgId('机关第一党支部');
  const all = await db.selectFrom('organisations').select(['id', 'name', 'path']).where('tenant_id', '=', tenantId).where('kind', '=', 'branch').where('deleted_at', 'is', null).orderBy('path').execute();
  branches = [all.find((b) => b.id === first)!, ...all.filter((b) => b.id !== first).slice(0, 3)];
  schemeId = newId();
  const at = t.clock.now().toISOString();
  await db.insertInto('assessment_schemes').values({
    tenant_id: tenantId, id: schemeId, name: '测试支部月度考核', target_type: 'org', period_type: 'month', description: '', version: 1,
    indicators: JSON.stringify(TREE), created_by: null, created_at: at, updated_at: at, deleted_at: null,
  }).execute();
});
afterAll(async () => {
  await t.close();
});

interface SheetSpec { target: number; status: 'draft' | 'submitted'; submittedAt?: string; scores: Record<string, number> }
/** A round of the four branches with the given sheets (kaohe assesses) and frozen automatic scores. */
async function round(opts: { status: AssessmentRoundTable['status']; period: string; sheets: SheetSpec[]; auto: number[]; publishedAt?: string }) {
  const db = t.platform.db;
  const id = newId();
  const at = t.clock.now().toISOString();
  await db.insertInto('assessment_rounds').values({
    tenant_id: tenantId, id, scheme_id: schemeId, scheme_version: 1, indicators: JSON.stringify(TREE), name: `测试考核 ${opts.period}`, target_type: 'org',
    period_from: `${opts.period}-01`, period_to: `${opts.period}-28`, period_label: opts.period, root_org_id: committee.id, root_org_path: committee.path,
    deadline: '2026-11-20', status: opts.status, self_assessment: 0, created_by: kaohe, created_at: at, updated_at: at,
    review_at: opts.status === 'open' || opts.status === 'scoring' ? null : at, published_at: opts.publishedAt ?? null, published_by: null, deleted_at: null,
  }).execute();
  await db.insertInto('assessment_targets').values(branches.map((b, i) => ({
    tenant_id: tenantId, round_id: id, target_id: b.id, target_name: b.name, org_path: b.path, assessor_user_id: kaohe, sort_order: i,
  }))).execute();
  const sheetIds: string[] = [];
  for (const s of opts.sheets) {
    const sid = newId();
    sheetIds.push(sid);
    await db.insertInto('assessment_sheets').values({
      tenant_id: tenantId, id: sid, round_id: id, target_id: branches[s.target]!.id, assessor_user_id: kaohe, kind: 'assessor', unit_id: null,
      status: s.status, submitted_at: s.status === 'submitted' ? (s.submittedAt ?? '2026-11-19T02:00:00.000Z') : null, updated_at: at,
    }).execute();
    const entries = Object.entries(s.scores);
    if (entries.length) await db.insertInto('assessment_scores').values(entries.map(([k, v]) => ({ tenant_id: tenantId, sheet_id: sid, indicator_id: k, score: v, note: '' }))).execute();
  }
  if (opts.auto.length) await db.insertInto('assessment_auto_scores').values(opts.auto.map((score, i) => ({
    tenant_id: tenantId, round_id: id, target_id: branches[i]!.id, indicator_id: 'a1', metric_key: 'orgLife.attendanceRate', metric_value: 60 + score * 2, score, formula: `得 ${score} 分`, computed_at: at,
  }))).execute();
  return { id, sheetIds };
}

interface Results { status: string; published: boolean; indicators: { id: string; name: string }[]; items: { targetId: string; targetName: string; rank: number; total: number; stars: number; starName: string; bonusCoefficient: number; missing: string[]; scores: Record<string, number | null>; corrections: { reason: string; newScore: number; oldScore: number | null }[] }[] }

describe(`量化考核 results ${dialectLabel()}`, () => {
  let r: { id: string; sheetIds: string[] };
  let earlier: { id: string };

  beforeAll(async () => {
    earlier = await round({ status: 'published', period: '2026-10', publishedAt: '2026-11-05T02:00:00.000Z', auto: [8, 10, 12, 14], sheets: [
      { target: 0, status: 'submitted', scores: { m1: 20, m2: 40 } },
    ] });
    r = await round({ status: 'review', period: '2026-11', auto: [18, 18, 9.9, 20], sheets: [
      { target: 0, status: 'submitted', scores: { m1: 27, m2: 45 } },
      { target: 1, status: 'submitted', scores: { m1: 25, m2: 47 } },
      { target: 2, status: 'submitted', submittedAt: '2026-11-20T17:00:00.000Z' /* 21 Nov in Shanghai */, scores: { m1: 30, m2: 50 } },
      { target: 3, status: 'draft', scores: { m1: 10 } },
    ] });
  });

  it('totals leaf scores (submitted sheets, frozen automatic), ranks ties together, maps stars and bonus', async () => {
    const res = await t.call('GET', `/api/v1/assessment/rounds/${r.id}/results`, { cookie: await as('dangwei') });
    expect(res.statusCode).toBe(200);
    const body: Results = res.json();
    expect(body.published).toBe(false);
    expect(body.indicators.map((i) => i.id)).toEqual(['m1', 'm2', 'a1']);
    expect(body.items.map((i) => [i.targetName, i.total, i.rank, i.stars, i.bonusCoefficient])).toEqual([
      [branches[0]!.name, 90, 1, 5, 1.2],
      [branches[1]!.name, 90, 1, 5, 1.2],
      [branches[2]!.name, 89.9, 3, 4, 1.0],
      [branches[3]!.name, 20, 4, 0, 0.5],
    ]);
    // The draft's typed score does not count: its manual leaves are missing (0 and flagged).
    expect(body.items[3]!.missing).toEqual(['m1', 'm2']);
    expect(body.items[3]!.scores).toEqual({ m1: null, m2: null, a1: 20 });
  });

  it('shows a branch secretary only their own branch, and nothing to someone outside the round', async () => {
    const res = await t.call('GET', `/api/v1/assessment/rounds/${r.id}/results`, { cookie: await as('zb1') });
    expect(res.statusCode).toBe(200);
    expect((res.json() as Results).items.map((i) => [i.targetName, i.rank])).toEqual([[branches[0]!.name, 1]]);
    expect((await t.call('GET', `/api/v1/assessment/rounds/${newId()}/results`, { cookie: await as('dangwei') })).statusCode).toBe(404);
  });

  it('exports the results for payroll with Chinese headers', async () => {
    const res = await t.call('GET', `/api/v1/assessment/rounds/${r.id}/results.xlsx`, { cookie: await as('dangwei') });
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['排名', '对象', '总分', '星级', '奖金系数', '学习教育', '组织建设', '组织生活出勤']);
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual([1, branches[0]!.name, 90, '五星', 1.2, 27, 45, 18]);
  });

  it('lists the anomalies of the loaded round: late, full marks, high score without evidence, missing sheet', async () => {
    expect((await t.call('GET', `/api/v1/assessment/rounds/${r.id}/anomalies`, { cookie: await as('kaohe') })).statusCode).toBe(403);
    expect((await t.call('GET', `/api/v1/assessment/rounds/${r.id}/anomalies`, { cookie: await as('zb1') })).statusCode).toBe(403);
    const res = await t.call('GET', `/api/v1/assessment/rounds/${r.id}/anomalies`, { cookie: await as('dangwei') });
    expect(res.statusCode).toBe(200);
    const items: { key: string; type: string; targetName: string; description: string; taskId: string | null }[] = res.json().items;
    expect(items.map((a) => [a.type, a.targetName]).sort()).toEqual([
      ['fullMarks', branches[2]!.name], ['highWithoutEvidence', branches[2]!.name], ['lateSheet', branches[2]!.name], ['missingSheet', branches[3]!.name],
    ].sort());
    const kaoheName = (await t.platform.db.selectFrom('users').select('display_name').where('username', '=', 'kaohe').executeTakeFirstOrThrow()).display_name;
    expect(items.find((a) => a.type === 'lateSheet')!.description).toBe(`${kaoheName} 对「${branches[2]!.name}」的评分表于 2026-11-21 提交，晚于截止日 2026-11-20`);
    expect(items.every((a) => a.taskId === null)).toBe(true);
  });

  it('opens a 督办 task for an anomaly in one click; the second click answers the same task', async () => {
    const dw = await as('dangwei');
    const items: { key: string; type: string }[] = (await t.call('GET', `/api/v1/assessment/rounds/${r.id}/anomalies`, { cookie: dw })).json().items;
    const key = items.find((a) => a.type === 'fullMarks')!.key;
    const first = await t.call('POST', `/api/v1/assessment/rounds/${r.id}/anomalies/task`, { cookie: dw, body: { anomalyKey: key } });
    expect(first.statusCode).toBe(201);
    const { taskId } = first.json();
    const task = await t.platform.db.selectFrom('tasks').select(['title', 'owner_id', 'source_kind', 'source_link', 'description']).where('id', '=', taskId).executeTakeFirstOrThrow();
    expect(task).toMatchObject({ owner_id: kaohe, source_kind: 'assessment', source_link: `/assessment/rounds?id=${r.id}` });
    expect(task.title).toContain('全部满分');
    const second = await t.call('POST', `/api/v1/assessment/rounds/${r.id}/anomalies/task`, { cookie: dw, body: { anomalyKey: key } });
    expect(second.statusCode).toBe(200);
    expect(second.json()).toEqual({ taskId, created: false });
    const listed: { key: string; taskId: string | null }[] = (await t.call('GET', `/api/v1/assessment/rounds/${r.id}/anomalies`, { cookie: dw })).json().items;
    expect(listed.find((a) => a.key === key)!.taskId).toBe(taskId);
    expect((await t.call('POST', `/api/v1/assessment/rounds/${r.id}/anomalies/task`, { cookie: dw, body: { anomalyKey: 'fullMarks:nope' } })).statusCode).toBe(404);
    expect((await t.call('POST', `/api/v1/assessment/rounds/${r.id}/anomalies/task`, { cookie: await as('kaohe'), body: { anomalyKey: key } })).statusCode).toBe(403);
  });

  it('refuses corrections before publication and publishing with a draft sheet unless forced with a reason', async () => {
    const dw = await as('dangwei');
    const early = await t.call('POST', `/api/v1/assessment/rounds/${r.id}/corrections`, { cookie: dw, body: { targetId: branches[0]!.id, indicatorId: 'm1', score: 20, reason: '复核' } });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe('考核结果尚未发布，请直接修改评分表');
    expect((await t.call('POST', `/api/v1/assessment/rounds/${r.id}/publish`, { cookie: await as('kaohe'), body: {} })).statusCode).toBe(403);
    const blocked = await t.call('POST', `/api/v1/assessment/rounds/${r.id}/publish`, { cookie: dw, body: {} });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.message).toBe('还有 1 张评分表未提交，确需发布请选择强制发布并填写原因');
    const noReason = await t.call('POST', `/api/v1/assessment/rounds/${r.id}/publish`, { cookie: dw, body: { force: true } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields.reason).toBe('请填写强制发布原因');
    const still = await t.platform.db.selectFrom('assessment_rounds').select('status').where('id', '=', r.id).executeTakeFirstOrThrow();
    expect(still.status).toBe('review');

    const scoring = await round({ status: 'scoring', period: '2026-12', auto: [], sheets: [] });
    const wrongState = await t.call('POST', `/api/v1/assessment/rounds/${scoring.id}/publish`, { cookie: dw, body: {} });
    expect(wrongState.statusCode).toBe(409);
    expect(wrongState.json().error.message).toBe('只有复核中的考核可以发布，请先开始复核');

    const pub = await t.call('POST', `/api/v1/assessment/rounds/${r.id}/publish`, { cookie: dw, body: { force: true, reason: '第四支部评分人长期病假' } });
    expect(pub.statusCode).toBe(200);
    expect((pub.json() as Results).published).toBe(true);
    const audit = await t.platform.db.selectFrom('audit_log').select('after').where('action', '=', 'assessment.round.publish').where('entity_id', '=', r.id).executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after!)).toMatchObject({ forced: true, reason: '第四支部评分人长期病假', draftsLeft: 1 });
  });

  it('locks published scores: a sheet edit is refused, a correction needs a reason, is audited and changes the result', async () => {
    const dw = await as('dangwei');
    const edit = await t.call('PATCH', `/api/v1/assessment/sheets/${r.sheetIds[3]}`, { cookie: await as('kaohe'), body: { scores: [{ indicatorId: 'm1', score: 10 }] } });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.message).toBe('考核结果已发布，修改须走更正程序');

    const body = { targetId: branches[1]!.id, indicatorId: 'm1', score: 29, reason: '' };
    const noReason = await t.call('POST', `/api/v1/assessment/rounds/${r.id}/corrections`, { cookie: dw, body });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields.reason).toBe('请填写更正原因');
    const tooHigh = await t.call('POST', `/api/v1/assessment/rounds/${r.id}/corrections`, { cookie: dw, body: { ...body, score: 31, reason: '复核' } });
    expect(tooHigh.statusCode).toBe(400);
    expect(tooHigh.json().error.message).toBe('“学习教育”的得分应在 0–30 分之间');
    const unknown = await t.call('POST', `/api/v1/assessment/rounds/${r.id}/corrections`, { cookie: dw, body: { ...body, indicatorId: 'p1', reason: '复核' } });
    expect(unknown.statusCode).toBe(400);
    expect((await t.call('POST', `/api/v1/assessment/rounds/${r.id}/corrections`, { cookie: await as('kaohe'), body: { ...body, reason: '复核' } })).statusCode).toBe(403);
    const unchanged: Results = (await t.call('GET', `/api/v1/assessment/rounds/${r.id}/results`, { cookie: dw })).json();
    expect(unchanged.items.find((i) => i.targetId === branches[1]!.id)!.total).toBe(90);

    const ok = await t.call('POST', `/api/v1/assessment/rounds/${r.id}/corrections`, { cookie: dw, body: { ...body, reason: '补交学习笔记，复核加分' } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ oldScore: 25, newScore: 29 });
    const after: Results = (await t.call('GET', `/api/v1/assessment/rounds/${r.id}/results`, { cookie: dw })).json();
    const second = after.items.find((i) => i.targetId === branches[1]!.id)!;
    expect([second.total, second.rank, second.scores.m1]).toEqual([94, 1, 29]);
    expect(second.corrections).toMatchObject([{ oldScore: 25, newScore: 29, reason: '补交学习笔记，复核加分' }]);
    expect(after.items.find((i) => i.targetId === branches[0]!.id)!.rank).toBe(2);
    const audit = await t.platform.db.selectFrom('audit_log').select(['before', 'after']).where('action', '=', 'assessment.correct').where('entity_id', '=', r.id).execute();
    expect(audit.map((a) => [JSON.parse(a.before!).score, JSON.parse(a.after!).score, JSON.parse(a.after!).reason])).toEqual([[25, 29, '补交学习笔记，复核加分']]);
  });

  it('exposes the latest published total as the metric assessment.total (corrections included)', async () => {
    const ctx = { db: t.platform.db, dialect: t.dialect, tenantId, targetIds: branches.map((b) => b.id) };
    const nov = await t.platform.metrics.compute('assessment.total', { ...ctx, period: { from: '2026-11-01', to: '2026-11-30' } });
    // Independently: the published rounds of those targets ending in November are only this test's round.
    const published = await t.platform.db.selectFrom('assessment_rounds').select('id').where('tenant_id', '=', tenantId).where('status', '=', 'published')
      .where('period_to', '>=', '2026-11-01').where('period_to', '<=', '2026-11-30').execute();
    expect(published.map((x) => x.id)).toEqual([r.id]);
    expect(branches.map((b) => nov.get(b.id))).toEqual([90, 94, 89.9, 20]);
    expect((await t.platform.metrics.compute('assessment.total', { ...ctx, period: { from: '2030-01-01', to: '2030-12-31' } })).size).toBe(0);
  });

  it('gives a target’s totals across published rounds, oldest first', async () => {
    const res = await t.call('GET', `/api/v1/assessment/targets/${branches[0]!.id}/history?schemeId=${schemeId}`, { cookie: await as('zb1') });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((i: { roundId: string; total: number }) => [i.roundId, i.total])).toEqual([[earlier.id, 68], [r.id, 90]]);
  });
});

describe(`量化考核 results of the demo ${dialectLabel()}`, () => {
  it('finds the demo’s planted anomalies and ranks every target of its published rounds', async () => {
    const dw = await as('dangwei');
    const rounds = await t.platform.db.selectFrom('assessment_rounds').select(['id', 'status']).where('tenant_id', '=', tenantId).where('scheme_id', '!=', schemeId).execute();
    const types = new Set<string>();
    for (const rd of rounds) {
      const res = await t.call('GET', `/api/v1/assessment/rounds/${rd.id}/anomalies`, { cookie: dw });
      expect(res.statusCode).toBe(200);
      for (const a of res.json().items as { type: string }[]) types.add(a.type);
      if (rd.status !== 'published') continue;
      const results: Results = (await t.call('GET', `/api/v1/assessment/rounds/${rd.id}/results`, { cookie: dw })).json();
      expect(results.items.length).toBeGreaterThan(0);
      expect(results.items[0]!.rank).toBe(1);
    }
    expect([...types]).toEqual(expect.arrayContaining(['fullMarks', 'missingSheet', 'lateSheet']));
  });
});
