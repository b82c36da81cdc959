// 宣传 statistics and metrics against numbers worked out here, independently, from manuscripts this file
// writes through the API in the first quarter of 2025 (the demo's manuscripts start in December 2025): the
// clock is moved to each day an event happens on. Also the settings that drive them, and their refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';

let t: TestApp;
let tenantId: string;
const cookies = new Map<string, string>();
const users = new Map<string, string>();
const org = new Map<string, string>();
const as = async (u: string) => {
  if (!cookies.has(u)) cookies.set(u, await t.login(u));
  return cookies.get(u)!;
};
const json = <T = Record<string, unknown>>(r: { body: string }) => JSON.parse(r.body) as T;

/** The documented default level weights (not read from the code). */
const W = { community: 1, group: 2, city: 4, province: 8, central: 16 } as const;
type Lvl = keyof typeof W;
interface Spec {
  who: string; org: string; level: Lvl; submitOn?: string; adoptOn?: string; quality?: number; publishOn?: string; pubLevel?: Lvl; rejectOn?: string;
}
// Organisation keys: b1 机关第一党支部, g1 its 第一党小组, b2 机关第二党支部, b3 物业第一党支部.
const SPECS: Spec[] = [
  { who: 'tongxun', org: 'b1', level: 'community', submitOn: '2025-01-06', adoptOn: '2025-01-08', quality: 5, publishOn: '2025-01-10', pubLevel: 'community' },
  { who: 'tongxun', org: 'b1', level: 'city', submitOn: '2025-01-06', adoptOn: '2025-01-09', quality: 4, publishOn: '2025-01-20', pubLevel: 'province' },
  { who: 'tongxun', org: 'b1', level: 'group', submitOn: '2025-02-03', adoptOn: '2025-02-05', quality: 3 },
  { who: 'zb1', org: 'b1', level: 'central', submitOn: '2025-02-10', rejectOn: '2025-02-12' },
  { who: 'zb1', org: 'b1', level: 'group', submitOn: '2025-03-25', adoptOn: '2025-04-02', quality: 4 },
  { who: 'zb1', org: 'b1', level: 'city', submitOn: '2025-03-10', adoptOn: '2025-03-12', quality: 3 },
  { who: 'zb1', org: 'b1', level: 'city' }, // a draft: never counted
  { who: 'tongxun', org: 'g1', level: 'community', submitOn: '2025-01-15', adoptOn: '2025-01-16', quality: 2, publishOn: '2025-01-18', pubLevel: 'community' },
  { who: 'zb2', org: 'b2', level: 'province', submitOn: '2025-01-20', adoptOn: '2025-01-22', quality: 5, publishOn: '2025-04-05', pubLevel: 'city' },
  { who: 'zb2', org: 'b2', level: 'community', submitOn: '2025-02-14', adoptOn: '2025-02-15', quality: 3, publishOn: '2025-02-16', pubLevel: 'community' },
  { who: 'zb2', org: 'b2', level: 'community', submitOn: '2025-02-20' },
  { who: 'zb3', org: 'b3', level: 'group', submitOn: '2025-03-01', adoptOn: '2025-03-03', quality: 4, publishOn: '2025-03-05', pubLevel: 'group' },
  { who: 'zb3', org: 'b3', level: 'group', submitOn: '2024-12-20', adoptOn: '2025-01-03', quality: 1 },
];
const Q1 = { from: '2025-01-01', to: '2025-03-31' };
const inQ1 = (d?: string) => d !== undefined && d >= Q1.from && d <= Q1.to;

/** Moves the fake clock to 10:00 Shanghai on `day` (+ n seconds); sessions from another day are gone. */
function setDay(day: string, n = 0) {
  t.clock.advance(Date.parse(`${day}T02:00:${String(n).padStart(2, '0')}.000Z`) - t.clock.now().getTime());
  cookies.clear();
}

beforeAll(async () => {
  t = await createTestApp();
  for (const [k, name] of [['b1', '机关第一党支部'], ['b2', '机关第二党支部'], ['b3', '物业第一党支部'], ['committee', '社区党委'], ['gb1', '机关党总支'], ['gb2', '物业党总支']] as const) {
    org.set(k, await t.orgId(name));
  }
  const g = await t.platform.db.selectFrom('organisations').select(['id', 'tenant_id']).where('parent_id', '=', org.get('b1')!).where('name', '=', '第一党小组').executeTakeFirstOrThrow();
  org.set('g1', g.id);
  tenantId = g.tenant_id;
  for (const r of await t.platform.db.selectFrom('users').select(['id', 'username']).execute()) users.set(r.username, r.id);

  // Every event of every spec in date order, each on its own day through the API.
  const start = t.clock.now().toISOString();
  const ids = new Map<Spec, string>();
  const events: { day: string; spec: Spec; kind: 'submit' | 'draft' | 'adopt' | 'publish' | 'reject' }[] = [];
  for (const s of SPECS) {
    events.push(s.submitOn ? { day: s.submitOn, spec: s, kind: 'submit' } : { day: '2025-01-07', spec: s, kind: 'draft' });
    if (s.adoptOn) events.push({ day: s.adoptOn, spec: s, kind: 'adopt' });
    if (s.publishOn) events.push({ day: s.publishOn, spec: s, kind: 'publish' });
    if (s.rejectOn) events.push({ day: s.rejectOn, spec: s, kind: 'reject' });
  }
  events.sort((a, b) => a.day.localeCompare(b.day));
  let n = 0;
  for (const e of events) {
    setDay(e.day, n++ % 50);
    const s = e.spec;
    let res;
    if (e.kind === 'submit' || e.kind === 'draft') {
      res = await t.call('POST', '/api/v1/publicity/manuscripts', {
        cookie: await as(s.who),
        body: { orgId: org.get(s.org), title: `统计测试稿件 ${n}`, body: '<p>正文</p>', channel: 'internal', outlet: '社区党建公众号', level: s.level, submit: e.kind === 'submit' },
      });
      expect(res.statusCode, res.body).toBe(201);
      ids.set(s, json<{ id: string }>(res).id);
      continue;
    }
    const id = ids.get(s)!;
    const body = e.kind === 'adopt' ? { quality: s.quality } : e.kind === 'reject' ? { reason: '不予采用' } : { publishedOn: e.day, outlet: '报刊', level: s.pubLevel };
    res = await t.call('POST', `/api/v1/publicity/manuscripts/${id}/${e.kind}`, { cookie: await as('shenhe'), body });
    expect(res.statusCode, res.body).toBe(200);
  }
  t.clock.advance(Date.parse(start) - t.clock.now().getTime());
  cookies.clear();
});
afterAll(async () => {
  await t.close();
});

/** What the statistics should say for an organisation's own manuscripts (or an author's), worked out from SPECS. */
function expected(filter: (s: Spec) => boolean) {
  const mine = SPECS.filter(filter);
  const adopted = mine.filter((s) => inQ1(s.adoptOn));
  const published = mine.filter((s) => inQ1(s.publishOn));
  const byLevel = { community: 0, group: 0, city: 0, province: 0, central: 0 };
  for (const s of published) byLevel[s.pubLevel!]++;
  const q = adopted.map((s) => s.quality!);
  return {
    submitted: mine.filter((s) => inQ1(s.submitOn)).length, adopted: adopted.length, published: published.length, byLevel,
    averageQuality: q.length ? Math.round((100 * q.reduce((a, b) => a + b, 0)) / q.length) / 100 : null,
    weighted: adopted.reduce((sum, s) => sum + W[s.pubLevel ?? s.level], 0),
  };
}

interface OrgRow { orgId: string; orgName: string; kind: string; submitted: number; adopted: number; published: number; byLevel: Record<string, number>; averageQuality: number | null; weighted: number; quota: number; quotaPeriods: number; quotaTarget: number; belowQuota: boolean; rank: number }
interface PersonRow { userId: string; submitted: number; adopted: number; published: number; averageQuality: number | null; weighted: number; rank: number }
interface Stats { from: string; to: string; orgs: OrgRow[]; correspondents: PersonRow[] }

describe(`宣传 statistics and metrics ${dialectLabel()}`, () => {
  it('counts each organisation’s own manuscripts, weights and quotas as worked out by hand, with shared ranks', async () => {
    const res = await t.call('GET', `/api/v1/publicity/stats?from=${Q1.from}&to=${Q1.to}`, { cookie: await as('dangwei') });
    expect(res.statusCode, res.body).toBe(200);
    const s = json<Stats>(res);
    const quotaOf: Record<string, number> = { committee: 0, generalBranch: 2, branch: 3, jointBranch: 2, group: 0 };
    for (const key of ['b1', 'g1', 'b2', 'b3']) {
      const row = s.orgs.find((o) => o.orgId === org.get(key))!;
      const e = expected((x) => x.org === key);
      expect(row, key).toMatchObject(e);
      const quota = quotaOf[row.kind]!;
      expect(row).toMatchObject({ quota, quotaPeriods: 1, quotaTarget: quota, belowQuota: quota > 0 && e.adopted < quota });
    }
    // Hand-checked headline numbers: 机关第一党支部 adopted 4 in Q1 (weights 1 + 8 + 2 + 4 = 15), 第一党小组 1.
    expect(s.orgs.find((o) => o.orgId === org.get('b1'))).toMatchObject({ adopted: 4, weighted: 15, averageQuality: 3.75, belowQuota: false });
    expect(s.orgs.find((o) => o.orgId === org.get('b2'))).toMatchObject({ adopted: 2, weighted: 5, published: 1, belowQuota: true });
    // Listed: every organisation with a quota (总支, 支部) and the group that has manuscripts; ranks shared on ties.
    const all = await t.platform.db.selectFrom('organisations').select(['id', 'kind']).where('tenant_id', '=', tenantId).where('deleted_at', 'is', null).execute();
    const listed = all.filter((o) => quotaOf[o.kind]! > 0 || o.id === org.get('g1')).map((o) => o.id).sort();
    expect(s.orgs.map((o) => o.orgId).sort()).toEqual(listed);
    const weightOf = (id: string) => { const k = [...org.entries()].find(([, v]) => v === id)?.[0]; return k ? expected((x) => x.org === k).weighted : 0; };
    for (const o of s.orgs) {
      expect(o.weighted).toBe(weightOf(o.orgId));
      expect(o.rank).toBe(1 + s.orgs.filter((x) => weightOf(x.orgId) > weightOf(o.orgId)).length);
    }
    expect(s.orgs.filter((o) => o.rank === 1).map((o) => o.orgId)).toEqual([org.get('b1')]);

    for (const who of ['tongxun', 'zb1', 'zb2', 'zb3']) {
      const row = s.correspondents.find((c) => c.userId === users.get(who))!;
      const e = expected((x) => x.who === who);
      expect(row, who).toMatchObject({ submitted: e.submitted, adopted: e.adopted, published: e.published, averageQuality: e.averageQuality, weighted: e.weighted });
    }
    // tongxun: 1 + 8 + 2 + 1 = 12, ahead of zb2 (4 + 1 = 5); zb1 (4) and zb3 (2 + 2) share the third place.
    const ranked = s.correspondents.map((c) => [c.userId, c.weighted, c.rank]);
    expect(ranked.slice(0, 2)).toEqual([[users.get('tongxun'), 12, 1], [users.get('zb2'), 5, 2]]);
    expect(ranked.slice(2)).toEqual(expect.arrayContaining([[users.get('zb1'), 4, 3], [users.get('zb3'), 4, 3]]));
    expect(ranked).toHaveLength(4);

    const xlsx = await t.call('GET', `/api/v1/publicity/stats?from=${Q1.from}&to=${Q1.to}&format=xlsx`, { cookie: await as('dangwei') });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('publicity.* metrics over subtrees (and the member metric) equal sums over the specs', async () => {
    const m = t.platform.metrics;
    const keys = ['committee', 'gb1', 'gb2', 'b1', 'b2', 'b3', 'g1'];
    const ctx = { db: t.platform.db, dialect: t.dialect, tenantId, period: Q1, targetIds: keys.map((k) => org.get(k)!) };
    const under: Record<string, string[]> = { committee: ['b1', 'g1', 'b2', 'b3'], gb1: ['b1', 'g1', 'b2'], gb2: ['b3'], b1: ['b1', 'g1'], b2: ['b2'], b3: ['b3'], g1: ['g1'] };
    const [weighted, adopted, submitted, published, quality] = await Promise.all(
      ['publicity.adoptedWeighted', 'publicity.adopted', 'publicity.submitted', 'publicity.published', 'publicity.averageQuality'].map((k) => m.compute(k, ctx)));
    for (const k of keys) {
      const e = expected((s) => under[k]!.includes(s.org));
      expect(weighted!.get(org.get(k)!), k).toBe(e.weighted);
      expect(adopted!.get(org.get(k)!), k).toBe(e.adopted);
      expect(submitted!.get(org.get(k)!), k).toBe(e.submitted);
      expect(published!.get(org.get(k)!), k).toBe(e.published);
      expect(quality!.get(org.get(k)!) ?? null, k).toBe(e.averageQuality);
    }
    expect(weighted!.get(org.get('committee')!)).toBe(15 + 1 + 5 + 4); // 25
    const member = await t.platform.db.selectFrom('members').select('id').where('user_id', '=', users.get('zb1')!).executeTakeFirstOrThrow();
    const byMember = await m.compute('publicity.memberAdoptedWeighted', { ...ctx, targetIds: [member.id] });
    expect(byMember.get(member.id)).toBe(expected((s) => s.who === 'zb1').weighted);
  });

  it('a quota and weights set by the committee change the flags and the weighted numbers; refusals change nothing', async () => {
    const S = '/api/v1/publicity/settings';
    const before = json<{ quotas: { byOrg: Record<string, number> }; levelWeights: Record<string, number>; qualityCriteria: { score: number; text: string }[] }>(
      await t.call('GET', S, { cookie: await as('tongxun') }));
    expect(before.qualityCriteria.map((c) => c.score)).toEqual([5, 4, 3, 2, 1]);
    expect(before.levelWeights).toEqual(W);
    // Changed on the 业务规则 page. Held only over a branch: refused.
    const R = (key: string) => `/api/v1/settings/rules/publicity.${key}`;
    expect((await t.call('PUT', R('levelWeights'), { cookie: await as('zb1'), body: { value: { ...W, central: 20 } } })).statusCode).toBe(403);
    const bad = await t.call('PUT', R('levelWeights'), { cookie: await as('dangwei'), body: { value: { ...W, city: -1 } } });
    expect(bad.statusCode).toBe(400);
    expect(json<{ error: { message: string } }>(bad).error.message).toContain('市级权重');
    const ghost = await t.call('PUT', R('quotas'), { cookie: await as('dangwei'), body: { value: { period: 'quarter', byKind: { committee: 0, generalBranch: 2, branch: 3, jointBranch: 2, group: 0 }, byOrg: { 'no-such-org': 5 }, counts: 'adopted' } } });
    expect(ghost.statusCode).toBe(400);
    expect(json<{ error: { fields: Record<string, string> } }>(ghost).error.fields.byOrg).toBe('单独设定定额的组织不存在');
    const twice = await t.call('PUT', R('qualityCriteria'), { cookie: await as('dangwei'), body: { value: { criteria: [5, 4, 3, 3, 1].map((score) => ({ score, text: '标准' })) } } });
    expect(twice.statusCode).toBe(400);
    expect(json(await t.call('GET', S, { cookie: await as('dangwei') }))).toEqual(before);

    const quota = await t.call('PUT', R('quotas'), { cookie: await as('dangwei'), body: { value: { period: 'quarter', byKind: { committee: 0, generalBranch: 2, branch: 3, jointBranch: 2, group: 0 }, byOrg: { [org.get('b1')!]: 5 }, counts: 'adopted' } } });
    expect(quota.statusCode, quota.body).toBe(200);
    const ok = await t.call('PUT', R('levelWeights'), { cookie: await as('dangwei'), body: { value: { ...W, province: 10 } } });
    expect(ok.statusCode, ok.body).toBe(200);
    const s = json<Stats>(await t.call('GET', `/api/v1/publicity/stats?from=${Q1.from}&to=${Q1.to}`, { cookie: await as('dangwei') }));
    expect(s.orgs.find((o) => o.orgId === org.get('b1'))).toMatchObject({ quota: 5, quotaTarget: 5, belowQuota: true, weighted: 15 - 8 + 10 });
    const half = json<Stats>(await t.call('GET', `/api/v1/publicity/stats?orgId=${org.get('gb1')}&from=2025-01-01&to=2025-06-30`, { cookie: await as('dangwei') }));
    expect(half.orgs.find((o) => o.orgId === org.get('b2'))).toMatchObject({ quotaPeriods: 2, quotaTarget: 6 });
    expect(half.orgs.every((o) => o.orgId !== org.get('b3'))).toBe(true);
    // Stats of an organisation outside the reader's scope: 404; a reversed range: 400 naming the field.
    expect((await t.call('GET', `/api/v1/publicity/stats?orgId=${org.get('b2')}`, { cookie: await as('zb1') })).statusCode).toBe(404);
    const rev = await t.call('GET', '/api/v1/publicity/stats?from=2025-03-01&to=2025-01-01', { cookie: await as('dangwei') });
    expect(json<{ error: { fields: Record<string, string> } }>(rev).error.fields.to).toBe('截止日期不能早于起始日期');
  });
});
