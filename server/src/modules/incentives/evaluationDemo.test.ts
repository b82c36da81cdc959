// The demo's 考评 and 星级: closed rounds 2025-H2 and 2026-H1 (two plaques flagged for 摘牌), the open 2026-H2 with
// dy1's self-report still due, and the published 2025 星级 of all four kinds with one adjustment and its reason.
// Before the plaque demo exists (parallel parts) the test writes a few plaques and ratings itself and runs the seeder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { membersUnder } from '../members/index.js';
import { IdSequence } from '../../seed/random.js';
import type { Community } from '../../seed/community.js';
import { insertPlaque, insertRatings } from './evaluationTesting.js';
import { seedEvaluationDemo } from './evaluationDemo.js';

let t: TestApp;
let tenantId: string;

beforeAll(async () => {
  t = await createTestApp();
  const p = t.platform;
  tenantId = (await p.db.selectFrom('tenants').select('id').where('id', 'not like', '00000000-%').executeTakeFirstOrThrow()).id;
  if ((await p.db.selectFrom('incentive_evaluation_rounds').select('id').where('tenant_id', '=', tenantId).execute()).length > 0) return;
  const users = await p.db.selectFrom('users').select(['id', 'username']).execute();
  const dy1 = users.find((u) => u.username === 'dy1')!.id;
  for (const name of ['机关第一党支部', '物业第一党支部', '物业第二党支部']) {
    const org = await p.db.selectFrom('organisations').select(['id', 'path']).where('name', '=', name).executeTakeFirstOrThrow();
    const members = await membersUnder(p.db, tenantId, org.path, { status: 'active' });
    const holders = name === '机关第一党支部' ? [members.find((m) => m.userId === dy1)!, ...members.slice(0, 3)] : members.slice(0, 4);
    for (const [i, m] of holders.entries()) {
      const pl = await insertPlaque(p, tenantId, org, m, { from: '2025-07-01', to: '2027-06-30', issuedOn: '2025-07-01', kind: i % 2 ? 'area' : 'post', areaName: `${name.slice(0, 2)}小区` });
      await insertRatings(p, pl, '2025-09-01', [5, 4, 5]);
      await insertRatings(p, pl, '2026-03-01', [5, 5, 4, 4]);
      await insertRatings(p, pl, '2026-09-01', [5, 4]);
    }
  }
  await p.db.deleteFrom('incentive_stars').where('tenant_id', '=', tenantId).execute();
  await p.db.transaction().execute((trx) => seedEvaluationDemo({
    p, trx, tenantId, now: p.clock.now(), today: '2026-11-27', community: {} as Community,
    userIds: new Map(users.map((u) => [u.username, u.id])), ids: new IdSequence(Date.UTC(2026, 0, 1), 1),
  }));
});

afterAll(async () => {
  await t.close();
});

describe(`${dialectLabel()} incentive evaluation demo`, () => {
  it('has two closed rounds with totals and two plaques flagged in 2026-H1, and the open 2026-H2', async () => {
    const dw = await t.login('dangwei');
    const rounds = (await t.call('GET', '/api/v1/incentives/evaluation-rounds', { cookie: dw })).json() as { items: { id: string; period: string; status: string; count: number; done: number; flagged: number }[] };
    expect(rounds.items.map((r) => [r.period, r.status])).toEqual(expect.arrayContaining([['2026-H2', 'open'], ['2026-H1', 'closed'], ['2025-H2', 'closed']]));
    const h1 = rounds.items.find((r) => r.period === '2026-H1')!;
    expect(h1.flagged).toBe(2);
    expect(h1.done).toBe(h1.count);
    const h2 = rounds.items.find((r) => r.period === '2026-H2')!;
    expect(h2.done).toBeLessThan(h2.count);
    const list = (await t.call('GET', `/api/v1/incentives/evaluation-rounds/${h1.id}/evaluations?pageSize=200`, { cookie: dw })).json() as { items: { total: number; flagged: boolean; plaqueFlagged: boolean }[] };
    const ok = list.items.filter((i) => !i.flagged);
    expect(ok.every((i) => i.total >= 60)).toBe(true);
    expect(list.items.filter((i) => i.flagged).every((i) => i.total < 60 && i.plaqueFlagged)).toBe(true);
  });

  it('leaves dy1 a self-report to write in the open round', async () => {
    const dy1 = await t.login('dy1');
    const mine = (await t.call('GET', '/api/v1/incentives/evaluations/mine', { cookie: dy1 })).json() as { items: { roundStatus: string; selfScore: number | null; allowed: string[] }[] };
    expect(mine.items.some((i) => i.roundStatus === 'open' && i.selfScore === null && i.allowed.includes('self'))).toBe(true);
  });

  it('has the published 2025 星级 of all four kinds, one adjusted with its reason', async () => {
    const zb1 = await t.login('zb1');
    const dw = await t.login('dangwei');
    for (const kind of ['branch', 'community', 'unit', 'member']) {
      const page = (await t.call('GET', `/api/v1/incentives/stars?year=2025&kind=${kind}`, { cookie: dw })).json() as { total: number; published: boolean };
      expect(page.total, kind).toBeGreaterThan(0);
      expect(page.published).toBe(true);
    }
    const units = (await t.call('GET', '/api/v1/incentives/stars?year=2025&kind=unit&pageSize=200', { cookie: dw })).json() as { items: { adjusted: boolean; adjustReason: string | null; stars: number; computedStars: number }[] };
    const adjusted = units.items.filter((u) => u.adjusted);
    expect(adjusted).toHaveLength(1);
    expect(adjusted[0]!.adjustReason).toContain('文明单位');
    expect(adjusted[0]!.stars).toBeGreaterThan(adjusted[0]!.computedStars);
    const branches = (await t.call('GET', '/api/v1/incentives/stars?year=2025&kind=branch', { cookie: zb1 })).json() as { total: number };
    expect(branches.total).toBe(1);
  });
});
