// Published rounds in 管控信息 (category 考核): a round published through the API is listed, found and counted
// by the information base for those who read its organisation and for no one else, in the Shanghai month of its
// publication (the portable SQL for that month is checked against the calendar on the dialect under test).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { shanghaiMonth } from '../../platform/calendar.js';
import { shanghaiMonthSql } from '../../platform/calendar.js';

let t: TestApp;
let tenantId: string;
let branch1: string;
let committee: string;
const userIds = new Map<string, string>();

beforeAll(async () => {
  t = await createTestApp();
  for (const u of await t.platform.db.selectFrom('users').select(['id', 'username', 'tenant_id']).execute()) {
    userIds.set(u.username, u.id);
    if (u.username === 'zb1') tenantId = u.tenant_id;
  }
  branch1 = await t.orgId('机关第一党支部');
  committee = await t.orgId('社区党委');
});
afterAll(async () => t.close());

interface Item { id: string; source: string; category: string; orgId: string; orgName: string; title: string; status: string; link: string | null; publishedMonth: string | null }
async function listed(cookie: string, query = ''): Promise<{ items: Item[]; total: number }> {
  const r = await t.call('GET', `/api/v1/info-entries?category=assessment&pageSize=200${query}`, { cookie });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}
interface Stats { categories: string[]; rows: { orgId: string; months: { month: string; new: Record<string, number> }[] }[]; totals: { byCategory: Record<string, number> } }
async function stats(cookie: string, orgId: string): Promise<Stats> {
  const r = await t.call('GET', `/api/v1/info-entries/stats?orgId=${orgId}&from=2026-11&to=2026-12`, { cookie });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}
const newIn = (s: Stats, orgId: string, month: string): number => s.rows.find((r) => r.orgId === orgId)!.months.find((m) => m.month === month)!.new.assessment!;

/** Paths where the user holds `permission` (their live grants), read straight from the tables. */
async function scopeOf(username: string, permission: string): Promise<string[]> {
  const rows = await t.platform.db.selectFrom('grants as g').innerJoin('roles as r', (j) => j.onRef('r.tenant_id', '=', 'g.tenant_id').onRef('r.id', '=', 'g.role_id'))
    .innerJoin('organisations as o', (j) => j.onRef('o.tenant_id', '=', 'g.tenant_id').onRef('o.id', '=', 'g.org_id'))
    .select(['o.path', 'r.permissions']).where('g.user_id', '=', userIds.get(username)!).where('g.revoked_at', 'is', null).execute();
  return rows.filter((r) => (JSON.parse(r.permissions) as string[]).includes(permission)).map((r) => r.path);
}

describe(`量化考核 in 管控信息 ${dialectLabel()}`, () => {
  it('works out the Shanghai month of a stored instant in SQL exactly as the calendar does', async () => {
    const instants = [
      '2026-01-31T15:59:59.999Z', '2026-01-31T16:00:00.000Z', '2026-12-31T16:00:00.000Z', '2026-12-31T15:00:00.000Z', '2024-02-28T16:00:00.000Z',
      '2024-02-29T16:00:00.000Z', '2026-02-28T16:00:00.000Z', '2000-02-28T17:00:00.000Z', '1900-02-28T17:00:00.000Z', '2026-04-30T16:00:00.000Z',
      '2026-04-29T23:00:00.000Z', '2026-09-30T16:30:00.000Z', '2026-11-30T20:00:00.000Z', '2026-07-31T16:00:00.000Z', '2026-06-15T08:00:00.000Z',
    ];
    for (const at of instants) {
      const { rows } = await sql<{ m: string }>`select ${shanghaiMonthSql(sql<string>`${at}`)} as m`.execute(t.platform.db);
      expect(rows[0]!.m, at).toBe(shanghaiMonth(new Date(at)));
    }
  });

  it('lists, finds and counts a published round for the readers of its organisation only, in the month it was published', async () => {
    const [dw0, zb10] = await Promise.all([t.login('dangwei'), t.login('zb1')]);
    const statsBefore = { branch: await stats(zb10, branch1), committee: await stats(dw0, committee) };
    const published = () => t.platform.metrics.compute('info.published', {
      db: t.platform.db, dialect: t.platform.data.dialect, tenantId, period: { from: '2026-12-01', to: '2026-12-31' }, targetIds: [branch1],
    });
    const metricBefore = (await published()).get(branch1)!;
    const scheme = await t.call('POST', '/api/v1/assessment/schemes', {
      cookie: dw0, body: { name: '党员积分（测试）', targetType: 'member', periodType: 'month', indicators: [{ name: '作用发挥', maxScore: 100, mode: 'manual' }] },
    });
    expect(scheme.statusCode, scheme.body).toBe(201);
    const opened = await t.call('POST', '/api/v1/assessment/rounds', {
      cookie: dw0, body: { schemeId: scheme.json().id, name: '梧桐苑党员积分考核', period: '2026-11', rootOrgId: branch1, deadline: '2026-12-05', assessorUserId: userIds.get('zb1'), unitScorers: [] },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const id = opened.json().id as string;
    expect((await t.call('POST', `/api/v1/assessment/rounds/${id}/start-review`, { cookie: dw0 })).statusCode).toBe(200);
    expect((await listed(zb10)).items.map((i) => i.id)).not.toContain(id); // not published yet

    // Published at 01:00 on 1 December in Shanghai (17:00 UTC on 30 November): counted in December.
    t.clock.advance(Date.parse('2026-11-30T17:00:00.000Z') - t.clock.now().getTime());
    const [dw, zb1, zb2] = await Promise.all([t.login('dangwei'), t.login('zb1'), t.login('zb2')]);
    const pub = await t.call('POST', `/api/v1/assessment/rounds/${id}/publish`, { cookie: dw, body: { force: true, reason: '测试发布' } });
    expect(pub.statusCode, pub.body).toBe(200);

    const mine = await listed(zb1);
    expect(mine.items.find((i) => i.id === id)).toMatchObject({
      source: 'assessment.rounds', category: 'assessment', status: 'published', orgId: branch1, orgName: '机关第一党支部', title: '梧桐苑党员积分考核',
      link: `/assessment/rounds?id=${id}`, publishedMonth: '2026-12',
    });
    // Exactly the published rounds whose organisation lies where the reader holds info.read, counted from the rows.
    const rounds = await t.platform.db.selectFrom('assessment_rounds').select(['id', 'root_org_path']).where('tenant_id', '=', tenantId)
      .where('status', '=', 'published').where('deleted_at', 'is', null).execute();
    for (const [who, cookie] of [['zb1', zb1], ['zb2', zb2], ['dangwei', dw]] as const) {
      const scope = await scopeOf(who, 'info.read');
      const expected = rounds.filter((r) => scope.some((s) => r.root_org_path.startsWith(s))).map((r) => r.id).sort();
      const got = await listed(cookie);
      expect(got.items.map((i) => i.id).sort(), who).toEqual(expected);
      expect(got.total, who).toBe(expected.length);
    }
    expect((await listed(zb2)).items.map((i) => i.id)).not.toContain(id);

    // Search: by a word of its name, for the reader only; the other categories' filter leaves it out.
    expect((await listed(zb1, `&q=${encodeURIComponent('梧桐苑党员')}`)).items.map((i) => i.id)).toEqual([id]);
    expect((await listed(zb2, `&q=${encodeURIComponent('梧桐苑党员')}`)).total).toBe(0);
    const all = (await t.call('GET', `/api/v1/info-entries?q=${encodeURIComponent('梧桐苑党员积分')}`, { cookie: zb1 })).json();
    expect(all.items.map((i: Item) => i.id)).toEqual([id]);
    expect((await t.call('GET', `/api/v1/info-entries?q=${encodeURIComponent('梧桐苑党员积分')}&category=rule`, { cookie: zb1 })).json().total).toBe(0);

    // Statistics: one more 考核 record in December for the branch, and in the committee's view of it.
    const after = { branch: await stats(zb1, branch1), committee: await stats(dw, committee) };
    expect(after.branch.categories).toContain('assessment');
    expect(newIn(after.branch, branch1, '2026-12')).toBe(newIn(statsBefore.branch, branch1, '2026-12') + 1);
    expect(newIn(after.branch, branch1, '2026-11')).toBe(newIn(statsBefore.branch, branch1, '2026-11'));
    expect(newIn(after.committee, branch1, '2026-12')).toBe(newIn(statsBefore.committee, branch1, '2026-12') + 1);
    expect(after.committee.totals.byCategory.assessment).toBe(statsBefore.committee.totals.byCategory.assessment! + 1);
    expect((await t.call('GET', `/api/v1/info-entries/stats?orgId=${branch1}&from=2026-11&to=2026-12`, { cookie: zb2 })).statusCode).toBe(404);

    // The metric built on the information base counts it too (the branch's subtree, December).
    expect((await published()).get(branch1)).toBe(metricBefore + 1);
  });

  it('lists the demo’s published rounds to the committee with their root organisation, counted in their publication month', async () => {
    const dw = await t.login('dangwei');
    const rows = await t.platform.db.selectFrom('assessment_rounds').select(['id', 'name', 'root_org_id', 'published_at']).where('tenant_id', '=', tenantId)
      .where('status', '=', 'published').execute();
    const items = (await listed(dw)).items;
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const r of rows) {
      expect(items.find((i) => i.id === r.id), r.name).toMatchObject({ title: r.name, orgId: r.root_org_id, publishedMonth: shanghaiMonth(new Date(r.published_at!)) });
    }
    expect(rows.some((r) => r.root_org_id === committee)).toBe(true);
  });
});
