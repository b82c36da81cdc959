// 星级评定 through the API, on plaques, ratings and a closed round written here for 2023 (far from the demo's own
// years): only the committee computes, adjusts and publishes; the basis explains the score; recomputing keeps a
// manual adjustment (reason required, audited with before and after); a year is seen by the branches only once
// published, and then only within their scope; a published year is final.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { membersUnder } from '../members/index.js';
import type { Platform } from '../../platform/context.js';
import { insertPlaque, insertRatings } from './evaluationTesting.js';
import { basisScore, starsOf } from './evaluationScore.js';
import { STAR_RULES } from './evaluationSettings.js';
import type { IncentivePlaqueTable } from './tables.js';

const tenantOf = async (p: Platform) => (await p.db.selectFrom('tenants').select('id').where('id', 'not like', '00000000-%').executeTakeFirstOrThrow()).id;
const orgRow = (p: Platform, id: string) => p.db.selectFrom('organisations').select(['id', 'path', 'name']).where('id', '=', id).executeTakeFirstOrThrow();

type Basis = { label: string; value: number | null; weight: number; note?: string };
type Star = { id: string; subjectKey: string; subjectName: string; computedScore: number | null; basis: Basis[]; computedStars: number; stars: number; adjusted: boolean; adjustReason: string | null; published: boolean };
type StarPage = { items: Star[]; total: number; published: boolean; computed: boolean; mode: string; counts: { stars: number; count: number }[] };

let t: TestApp;
let dw: string;
let zb1: string;
let unitId: string;
let b1: { id: string; path: string; name: string };
let b2: { id: string; path: string; name: string };
let p1: IncentivePlaqueTable;

const stars = async (cookie: string, q: string) => {
  const res = await t.call('GET', `/api/v1/incentives/stars?year=2023&pageSize=200&${q}`, { cookie });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as StarPage;
};

beforeAll(async () => {
  t = await createTestApp();
  const p = t.platform;
  const tenantId = await tenantOf(p);
  [dw, zb1] = (await Promise.all(['dangwei', 'zb1'].map((u) => t.login(u)))) as [string, string];
  b1 = await orgRow(p, await t.orgId('机关第一党支部'));
  b2 = await orgRow(p, await t.orgId('机关第二党支部'));
  const [m1, m2] = await membersUnder(p.db, tenantId, b1.path, { status: 'active' });
  unitId = (await p.db.selectFrom('units').select('id').where('name', '=', '人力部').executeTakeFirstOrThrow()).id;
  const span = { from: '2023-01-01', to: '2027-12-31', issuedOn: '2023-01-05' };
  p1 = await insertPlaque(p, tenantId, b1, m1!, { ...span, title: '星级收费窗口示范岗', unitId });
  const p2 = await insertPlaque(p, tenantId, b1, m2!, { ...span, title: '星级责任区', kind: 'area', areaKind: 'community', areaName: '星级测评小区' });
  await insertRatings(p, p1, '2023-08-10', [5, 5, 4]);
  await insertRatings(p, p1, '2023-03-01', [1]);
  await insertRatings(p, p2, '2023-09-01', [5]);
  // A closed 2023-H2 round with its totals (the evaluation tests cover how they come about).
  const roundId = 'round-2023-h2-stars';
  await p.db.insertInto('incentive_evaluation_rounds').values({
    tenant_id: tenantId, id: roundId, period: '2023-H2', title: '2023年下半年考评', period_from: '2023-07-01', period_to: '2023-12-31',
    weights: JSON.stringify({ self: 20, residents: 40, branch: 40, minRatings: 3 }), threshold: 60, status: 'closed', created_by: null, created_at: '2023-07-01T00:00:00.000Z', closed_at: '2024-01-05T00:00:00.000Z',
  }).execute();
  for (const [pl, total] of [[p1, 89.3], [p2, 33.3]] as const) {
    await p.db.insertInto('incentive_evaluations').values({
      tenant_id: tenantId, id: `ev-${pl.id}`, round_id: roundId, plaque_id: pl.id, org_path: pl.org_path, self_score: 80, self_report: '述职', self_at: null,
      residents_score: null, rating_count: 0, branch_score: 80, branch_comment: null, branch_by: null, branch_at: null, total, flagged: total < 60 ? 1 : 0, updated_at: '2024-01-05T00:00:00.000Z',
    }).execute();
  }
});

afterAll(async () => {
  await t.close();
});

describe(`${dialectLabel()} 星级评定`, () => {
  it('is computed only by the committee', async () => {
    const refused = await t.call('POST', '/api/v1/incentives/stars/compute', { cookie: zb1, body: { year: 2023 } });
    expect(refused.statusCode).toBe(403);
    expect((await stars(dw, 'kind=branch')).computed).toBe(false);
    const ok = await t.call('POST', '/api/v1/incentives/stars/compute', { cookie: dw, body: { year: 2023 } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ year: 2023, updated: 0, keptAdjusted: 0 });
    expect((ok.json() as { created: number }).created).toBeGreaterThan(10);
  });

  it('explains every score by its basis and turns it into stars by the bands', async () => {
    const unit = (await stars(dw, 'kind=unit')).items.find((s) => s.subjectKey === unitId)!;
    // 考评 89.3 (60) and the year's ratings 5, 5, 4, 1 → 3.75 stars → 75 (40): 83.6 → 4 stars
    expect(unit.basis).toEqual([
      expect.objectContaining({ label: '示范岗（责任区）考评平均分', value: 89.3, weight: 60 }),
      expect.objectContaining({ label: '群众评价', value: 75, weight: 40, note: '4 条评价，平均 3.8 星' }),
    ]);
    expect(unit).toMatchObject({ computedScore: 83.6, computedStars: 4, stars: 4 });
    const community = (await stars(dw, 'kind=community')).items.find((s) => s.subjectName === '星级测评小区')!;
    expect(community).toMatchObject({ computedScore: 60, stars: 2 });
    const branches = (await stars(dw, 'kind=branch')).items;
    expect(branches.map((b) => b.subjectName)).toEqual(expect.arrayContaining([b1.name, b2.name]));
    const rules = STAR_RULES.defaults;
    for (const s of [...branches, ...(await stars(dw, 'kind=member')).items]) {
      expect(s.computedScore).toBe(basisScore(s.basis));
      expect(s.stars).toBe(starsOf(rules, s.computedScore));
    }
    const branch1 = branches.find((b) => b.subjectKey === b1.id)!;
    expect(branch1.basis.map((b) => b.label)).toEqual(['量化考核总分', '组织生活按规定召开率', '示范岗（责任区）考评平均分']);
    expect(branch1.basis[2]).toMatchObject({ value: 61.3, weight: 20 }); // (89.3 + 33.3) / 2
  });

  it('is not seen by the branches before it is published', async () => {
    const page = await stars(zb1, 'kind=branch');
    expect(page.items).toEqual([]);
  });

  it('adjusts only with a reason of at least 5 characters, by the committee, audited with before and after', async () => {
    const unit = (await stars(dw, 'kind=unit')).items.find((s) => s.subjectKey === unitId)!;
    const short = await t.call('PUT', `/api/v1/incentives/stars/${unit.id}/adjust`, { cookie: dw, body: { stars: 5, reason: '很好' } });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('调整理由至少 5 个字');
    expect((await t.call('PUT', `/api/v1/incentives/stars/${unit.id}/adjust`, { cookie: zb1, body: { stars: 5, reason: '获区级文明单位称号' } })).statusCode).toBe(403);
    expect((await t.call('PUT', `/api/v1/incentives/stars/${unit.id}/adjust`, { cookie: dw, body: { stars: 0, reason: '获区级文明单位称号' } })).statusCode).toBe(409);
    expect((await stars(dw, 'kind=unit')).items.find((s) => s.id === unit.id)).toMatchObject({ stars: 4, adjusted: false });
    const ok = await t.call('PUT', `/api/v1/incentives/stars/${unit.id}/adjust`, { cookie: dw, body: { stars: 5, reason: '获区级文明单位称号' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ stars: 5, computedStars: 4, adjusted: true, adjustReason: '获区级文明单位称号' });
    const audit = await t.platform.db.selectFrom('audit_log').select(['before', 'after']).where('action', '=', 'incentive.stars.adjust').where('entity_id', '=', unit.id).executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before!)).toMatchObject({ stars: 4 });
    expect(JSON.parse(audit.after!)).toMatchObject({ stars: 5, reason: '获区级文明单位称号' });
  });

  it('keeps the adjustment when recomputed, while the computed columns follow the data', async () => {
    await insertRatings(t.platform, p1, '2023-11-11', [5, 5, 5, 5]);
    const again = await t.call('POST', '/api/v1/incentives/stars/compute', { cookie: dw, body: { year: 2023 } });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ created: 0, keptAdjusted: 1 });
    const unit = (await stars(dw, 'kind=unit')).items.find((s) => s.subjectKey === unitId)!;
    // ratings 5,5,4,1,5,5,5,5 → 4.375 → 87.5; 89.3 × .6 + 87.5 × .4 = 88.6
    expect(unit).toMatchObject({ computedScore: 88.6, computedStars: 4, stars: 5, adjusted: true });
  });

  it('publishes once; then the branches see their own scope and the year is final', async () => {
    expect((await t.call('POST', '/api/v1/incentives/stars/publish', { cookie: zb1, body: { year: 2023 } })).statusCode).toBe(403);
    expect((await t.call('POST', '/api/v1/incentives/stars/publish', { cookie: dw, body: { year: 2019 } })).statusCode).toBe(409);
    const ok = await t.call('POST', '/api/v1/incentives/stars/publish', { cookie: dw, body: { year: 2023 } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await t.call('POST', '/api/v1/incentives/stars/publish', { cookie: dw, body: { year: 2023 } })).statusCode).toBe(409);
    const mine = await stars(zb1, 'kind=branch');
    expect(mine.published).toBe(true);
    expect(mine.items.map((s) => s.subjectKey)).toEqual([b1.id]);
    expect((await stars(zb1, 'kind=unit')).items).toEqual([]); // units and 小区 belong to the committee
    expect((await stars(zb1, 'kind=member')).items.every((s) => s.basis.length === 3)).toBe(true);
    expect((await t.call('GET', `/api/v1/incentives/stars?year=2023&kind=member&orgId=${b2.id}`, { cookie: zb1 })).statusCode).toBe(404);
    const recompute = await t.call('POST', '/api/v1/incentives/stars/compute', { cookie: dw, body: { year: 2023 } });
    expect(recompute.statusCode).toBe(409);
    expect(recompute.body).toContain('已发布');
    const unit = (await stars(dw, 'kind=unit')).items.find((s) => s.subjectKey === unitId)!;
    expect((await t.call('PUT', `/api/v1/incentives/stars/${unit.id}/adjust`, { cookie: dw, body: { stars: 3, reason: '发布后再调整试试' } })).statusCode).toBe(409);
  });

  it('filters by stars and exports the list with its basis', async () => {
    const five = await stars(dw, 'kind=unit&stars=5');
    expect(five.items.map((s) => s.subjectKey)).toContain(unitId);
    expect(five.items.every((s) => s.stars === 5)).toBe(true);
    // The name filter takes the words literally: % and _ are characters a name could hold, not wildcards.
    expect((await stars(dw, `kind=unit&keyword=${encodeURIComponent('人力')}`)).items.map((s) => s.subjectKey)).toEqual([unitId]);
    expect((await stars(dw, `kind=unit&keyword=${encodeURIComponent('%')}`)).items).toEqual([]);
    expect((await stars(dw, `kind=unit&keyword=${encodeURIComponent('人_部')}`)).items).toEqual([]);
    const res = await t.call('GET', '/api/v1/incentives/stars?year=2023&kind=unit&format=xlsx', { cookie: dw });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = wb.worksheets[0]!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    const row = rows.find((r) => r[0] === '人力部')!;
    expect(row).toEqual(expect.arrayContaining(['5星', '获区级文明单位称号']));
    expect(String(row[6])).toContain('群众评价');
  });

  it('computes a year once under two simultaneous clicks: no error page, no row twice', async () => {
    const calls = await Promise.all([1, 2].map(() => t.call('POST', '/api/v1/incentives/stars/compute', { cookie: dw, body: { year: 2021 } })));
    for (const r of calls) {
      expect([200, 409], r.body).toContain(r.statusCode);
      if (r.statusCode === 409) expect(r.body).toContain('正在计算');
    }
    const ok = calls.filter((r) => r.statusCode === 200).map((r) => r.json() as { created: number });
    expect(ok.length).toBeGreaterThan(0);
    const rows = await t.platform.db.selectFrom('incentive_stars').select((eb) => eb.fn.countAll<number>().as('n')).where('year', '=', 2021).executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBe(Math.max(...ok.map((r) => r.created)));
  });
});
