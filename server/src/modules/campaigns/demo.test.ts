// The demo's 主题实践活动 and 合理化建议 as the founding document describes them: the five campaigns, most branches
// without measures, one campaign fully submitted, exactly two “关爱空巢老人” 精品案例, a few dozen proposals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';

let t: TestApp;
let dw: string;
beforeAll(async () => {
  t = await createTestApp();
  dw = await t.login('dangwei');
});
afterAll(async () => t.close());

describe(`demo 主题实践活动 and 合理化建议 ${dialectLabel()}`, () => {
  it('has the five campaigns applying to every 支部, most branches missing measures on the board', async () => {
    const list = (await t.call('GET', '/api/v1/campaigns', { cookie: dw })).json() as { items: { id: string; name: string; orgCount: number; measuresSubmitted: number; status: string }[] };
    expect(list.items.map((c) => c.name).sort()).toEqual(['两建一做', '作风建设年', '关键时刻显风采', '创先争优', '百千万岗位立功创效'].sort());
    const branches = await t.platform.db.selectFrom('organisations').select('id').where('kind', 'in', ['branch', 'jointBranch']).where('deleted_at', 'is', null).execute();
    for (const c of list.items) expect(c.orgCount).toBe(branches.length);
    expect(list.items.filter((c) => c.measuresSubmitted === c.orgCount).map((c) => c.name)).toEqual(['关键时刻显风采']);
    expect(list.items.filter((c) => c.measuresSubmitted * 2 < c.orgCount).length).toBeGreaterThanOrEqual(4);
    const zf = list.items.find((c) => c.name === '作风建设年')!;
    const board = (await t.call('GET', `/api/v1/campaigns/${zf.id}/board`, { cookie: dw })).json() as { missingMeasures: unknown[]; orgs: { late: boolean }[] };
    expect(board.missingMeasures.length).toBe(zf.orgCount - zf.measuresSubmitted);
    expect(board.orgs.some((o) => o.late)).toBe(true);
  });

  it("counts only the branches a secretary sees on their campaign cards, as their board does", async () => {
    const zb2 = await t.login('zb2');
    const mine = (await t.call('GET', '/api/v1/campaigns', { cookie: zb2 })).json() as { items: { id: string; name: string; orgCount: number; measuresSubmitted: number }[] };
    expect(mine.items.length).toBe(5);
    for (const c of mine.items) {
      const board = (await t.call('GET', `/api/v1/campaigns/${c.id}/board`, { cookie: zb2 })).json() as { orgs: { measures: unknown }[]; missingMeasures: unknown[] };
      expect(c.orgCount, c.name).toBe(1);
      expect(board.orgs.length, c.name).toBe(1);
      expect(c.measuresSubmitted, c.name).toBe(1 - board.missingMeasures.length);
    }
  });

  it('has exactly two 精品案例 for the “关爱空巢老人” call: one with results and ratings, one design only', async () => {
    const c = await t.platform.db.selectFrom('campaigns').selectAll().where('calls_cases', '=', 1).execute();
    expect(c.map((x) => x.case_theme)).toEqual(['“关爱空巢老人”党员志愿服务']);
    const cases = (await t.call('GET', `/api/v1/campaigns/${c[0]!.id}/cases`, { cookie: dw })).json() as { items: { status: string; ratingCount: number }[] };
    expect(cases.items.map((k) => k.status).sort()).toEqual(['design', 'result']);
    expect(cases.items.find((k) => k.status === 'result')!.ratingCount).toBe(2);
    const gallery = (await t.call('GET', '/api/v1/campaigns/cases/gallery', { cookie: dw })).json() as { items: { averageScore: number }[] };
    expect(gallery.items.map((g) => g.averageScore)).toEqual([90]);
  });

  it('has a few dozen proposals in every state, values in 分', async () => {
    const rows = await t.platform.db.selectFrom('proposals').selectAll().execute();
    expect(rows.length).toBeGreaterThanOrEqual(30);
    expect(rows.length).toBeLessThanOrEqual(40);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['submitted', 'adopted', 'notAdopted', 'implemented']));
    expect(new Set(rows.map((r) => r.org_id)).size).toBeGreaterThanOrEqual(5);
    for (const r of rows.filter((x) => x.status === 'implemented')) expect(Number.isInteger(Number(r.value_fen))).toBe(true);
    const stats = (await t.call('GET', '/api/v1/proposals/stats', { cookie: dw })).json() as { total: { valueFen: number } };
    const expected = rows.filter((r) => r.status === 'implemented' && r.implemented_on! >= '2026-01-01' && r.implemented_on! <= '2026-12-31').reduce((s, r) => s + Number(r.value_fen), 0);
    expect(stats.total.valueFen).toBe(expected);
  });
});
