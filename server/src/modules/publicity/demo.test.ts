// The demo 宣传 data tells the story the product needs: one prolific branch and two far below quota, every
// level represented, work waiting for the editor (shenhe) and one manuscript sent back to the correspondent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

interface Stats { orgs: { orgName: string; kind: string; adopted: number; submitted: number; belowQuota: boolean; quotaTarget: number; rank: number; weighted: number }[]; correspondents: { name: string; rank: number }[] }

describe(`宣传 demo ${dialectLabel()}`, () => {
  it('has a year of manuscripts with uneven output, all levels and mixed statuses', async () => {
    const rows = await t.platform.db.selectFrom('publicity_manuscripts').select(['status', 'level', 'org_id']).where('deleted_at', 'is', null).execute();
    expect(rows.length).toBeGreaterThanOrEqual(150);
    expect(rows.length).toBeLessThanOrEqual(250);
    expect(new Set(rows.map((r) => r.level))).toEqual(new Set(['community', 'group', 'city', 'province', 'central']));
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['draft', 'submitted', 'revising', 'adopted', 'rejected', 'published']));
    const cookie = await t.login('dangwei');
    const res = await t.call('GET', '/api/v1/publicity/stats?from=2025-12-01&to=2026-11-30', { cookie });
    expect(res.statusCode, res.body).toBe(200);
    const s = JSON.parse(res.body) as Stats;
    const branches = s.orgs.filter((o) => o.kind === 'branch');
    expect(branches).toHaveLength(6);
    const byAdopted = [...branches].sort((a, b) => b.adopted - a.adopted);
    expect(byAdopted[0]!.orgName).toBe('机关第一党支部');
    expect(byAdopted[0]!.adopted).toBeGreaterThan(2 * byAdopted[1]!.adopted / 1.5);
    const farBelow = branches.filter((b) => b.adopted * 2 < b.quotaTarget);
    expect(farBelow.length).toBeGreaterThanOrEqual(2);
    expect(s.correspondents.length).toBeGreaterThan(5);
  });

  it('puts manuscripts on shenhe’s 待审 list and one on tongxun’s 待修改 list', async () => {
    const shenhe = await t.login('shenhe');
    const todos = JSON.parse((await t.call('GET', '/api/v1/todos', { cookie: shenhe })).body) as { items: { kind: string }[] };
    expect(todos.items.filter((i) => i.kind === 'publicity.review').length).toBeGreaterThanOrEqual(3);
    const tongxun = await t.login('tongxun');
    const mine = JSON.parse((await t.call('GET', '/api/v1/todos', { cookie: tongxun })).body) as { items: { kind: string }[] };
    expect(mine.items.filter((i) => i.kind === 'publicity.revise')).toHaveLength(1);
    const list = JSON.parse((await t.call('GET', '/api/v1/publicity/manuscripts?mine=1&pageSize=200', { cookie: tongxun })).body) as { items: { status: string }[]; total: number };
    expect(list.items.filter((i) => i.status === 'draft')).toHaveLength(2);
    const corr = JSON.parse((await t.call('GET', '/api/v1/publicity/correspondents', { cookie: shenhe })).body) as { items: { orgName: string; trainingHours: number; userId: string | null; yearOutput: { submitted: number } }[] };
    expect(corr.items.length).toBeGreaterThanOrEqual(6);
    expect(Math.max(...corr.items.map((c) => c.trainingHours))).toBeGreaterThanOrEqual(480);
  });
});
