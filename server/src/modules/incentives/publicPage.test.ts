// The public plaque page (/plaque/<code>) without a session: what it shows (and what it never shows), the same
// 此岗位已撤销 for every code that is not an active plaque, ratings under the limits (per device, plaque and day;
// per address and day; the flood limit per minute), cross-site refusal, and fuzzing with hostile bodies — never a 5xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { FLOOD_PER_MINUTE } from '../../platform/http/floodLimiter.js';
import { keyedHash } from './publicRating.js';
import { PUBLIC_RATING } from './ratingSettings.js';

let t: TestApp;
let active: { id: string; code: string; title: string; memberId: string; commitment: string };
let others: { id: string; code: string }[];
let ipSeq = 0;
/** A fresh client address per use, so one test's requests do not count against another's limits. */
const nextIp = () => `10.${Math.floor(++ipSeq / 250) % 250}.${ipSeq % 250}.${(ipSeq * 7) % 250 + 1}`;

type Opts = { ip?: string; cookie?: string; body?: string | Buffer; type?: string; headers?: Record<string, string> };
const req = (method: 'GET' | 'POST', url: string, o: Opts = {}) => t.app.inject({
  method, url, remoteAddress: o.ip ?? nextIp(),
  headers: { ...(o.cookie ? { cookie: o.cookie } : {}), ...(o.type ? { 'content-type': o.type } : {}), ...(o.headers ?? {}) },
  ...(o.body !== undefined ? { payload: o.body } : {}),
});
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const rate = (code: string, fields: Record<string, string>, o: Opts = {}) => req('POST', `/plaque/${code}`, { type: 'application/x-www-form-urlencoded', body: form(fields), ...o });
const ratingsOf = async (plaqueId: string) => t.platform.db.selectFrom('incentive_ratings').selectAll().where('plaque_id', '=', plaqueId).execute();
const deviceCookie = (res: { cookies: { name: string; value: string }[] }) => `dj_device=${res.cookies.find((c) => c.name === 'dj_device')!.value}`;

beforeAll(async () => {
  t = await createTestApp();
  const rows = await t.platform.db.selectFrom('incentive_plaques').select(['id', 'public_code', 'title', 'member_id', 'commitment', 'status'])
    .where('status', '=', 'active').orderBy('id').execute();
  const first = rows[0]!;
  active = { id: first.id, code: first.public_code!, title: first.title, memberId: first.member_id, commitment: first.commitment };
  others = rows.slice(1).map((r) => ({ id: r.id, code: r.public_code! }));
}, 60_000);
afterAll(async () => t.close());

describe(`示范岗公开页 ${dialectLabel()}`, () => {
  it('answers without a session with the plaque and nothing personal beyond the name and post', async () => {
    const res = await req('GET', `/plaque/${active.code}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['content-security-policy']).toContain("form-action 'self'");
    const html = res.body;
    expect(html).toContain(active.title.replace(/&/g, '&amp;'));
    expect(html).toContain('服务承诺');
    expect(html).toContain('name="score"');
    expect(html).not.toMatch(/<script|<a |\/api\/|href=/i);
    // The member's own data beyond the name never appears: phone, 身份证号, birth date, branch.
    const m = await t.platform.db.selectFrom('members as m').innerJoin('staff as s', 's.id', 'm.staff_id')
      .select(['s.name', 's.phone_enc', 's.birth_date', 'm.branch_id']).where('m.id', '=', active.memberId).executeTakeFirstOrThrow();
    expect(html).toContain(m.name);
    expect(html).not.toContain(m.birth_date);
    const branchName = (await t.platform.db.selectFrom('organisations').select('name').where('id', '=', m.branch_id).executeTakeFirstOrThrow()).name;
    expect(html).not.toContain(branchName);
    expect(html).not.toMatch(/1[3-9]\d{9}/); // no mobile number
    expect(html).not.toMatch(/\d{17}[\dXx]/); // no 身份证号
    const cookie = res.cookies.find((c) => c.name === 'dj_device')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/plaque', maxAge: 365 * 24 * 3600 });
  });

  it('every code that is not an active plaque gets the same 此岗位已撤销 page', async () => {
    const withdrawn = await t.platform.db.selectFrom('incentive_plaques').select('public_code').where('status', '=', 'withdrawn').where('public_code', 'is not', null).executeTakeFirstOrThrow();
    const approved = await t.platform.db.selectFrom('incentive_plaques').select('public_code').where('status', '=', 'approved').executeTakeFirstOrThrow();
    const pages = await Promise.all([
      withdrawn.public_code!, approved.public_code!, 'AAAAAAAAAAAAAAAAAAAAAA', active.code.slice(0, -1) + (active.code.endsWith('A') ? 'B' : 'A'), 'short', '..%2F..%2Fetc', '%3Cscript%3E', 'x'.repeat(90),
    ].map((c) => req('GET', `/plaque/${c}`)));
    for (const p of pages) {
      expect(p.statusCode).toBe(404);
      expect(p.body).toContain('此岗位已撤销');
      expect(p.body).toBe(pages[0]!.body);
    }
    expect((await rate(withdrawn.public_code!, { score: '5' })).statusCode).toBe(404);
    // A path longer than the router keeps is refused by the router itself (a 404 too, before this page).
    expect((await req('GET', `/plaque/${'x'.repeat(300)}`)).statusCode).toBe(404);
  });

  it('a rating is stored with hashed keys, its comment shown only after approval and escaped', async () => {
    const ip = nextIp();
    const before = (await ratingsOf(active.id)).length;
    const page = await req('GET', `/plaque/${active.code}`, { ip });
    const cookie = deviceCookie(page);
    const comment = '<script>alert(1)</script> 服务"很好"&周到';
    const res = await rate(active.code, { score: '4', comment }, { ip, cookie });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain('感谢您的评价，留言经审核后公开');
    const rows = await ratingsOf(active.id);
    expect(rows.length).toBe(before + 1);
    const mine = rows.find((r) => r.comment === comment)!;
    expect(mine).toMatchObject({ score: 4, comment_status: 'pending', rated_on: '2026-11-27' });
    expect(mine.address_key).toBe(keyedHash(t.platform, 'address', ip));
    expect(mine.address_key).not.toContain(ip);
    expect(mine.device_key).toMatch(/^[0-9a-f]{64}$/);
    expect((await req('GET', `/plaque/${active.code}`)).body).not.toContain('服务&quot;很好&quot;');
    // The same device again today: the friendly page, nothing stored.
    const again = await rate(active.code, { score: '5' }, { ip, cookie });
    expect([again.statusCode, again.body.includes('今天已评价过')]).toEqual([409, true]);
    expect((await ratingsOf(active.id)).length).toBe(before + 1);
    await t.platform.db.updateTable('incentive_ratings').set({ comment_status: 'approved' }).where('id', '=', mine.id).execute();
    const shown = (await req('GET', `/plaque/${active.code}`)).body;
    expect(shown).toContain('&lt;script&gt;alert(1)&lt;/script&gt; 服务&quot;很好&quot;&amp;周到');
    expect(shown).not.toContain('<script>');
  });

  it('two concurrent ratings from one device store exactly one', async () => {
    const [x] = others;
    const ip = nextIp();
    const cookie = deviceCookie(await req('GET', `/plaque/${x!.code}`, { ip }));
    const before = (await ratingsOf(x!.id)).length;
    const results = await Promise.all([1, 2, 3].map((i) => rate(x!.code, { score: String(i + 2) }, { ip: i === 1 ? ip : nextIp(), cookie })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    expect((await ratingsOf(x!.id)).length).toBe(before + 1);
  });

  it('one address rates at most the daily number over all plaques, then gets the limit page', async () => {
    const tenantId = (await t.platform.db.selectFrom('incentive_plaques').select('tenant_id').where('id', '=', active.id).executeTakeFirstOrThrow()).tenant_id;
    await t.platform.settings.set(t.platform.db, tenantId, PUBLIC_RATING, { perAddressPerDay: 5, commentMaxLength: 200 });
    const ip = nextIp();
    const codes = others.slice(1, 9);
    const statuses: number[] = [];
    // Each request without a cookie is a new device: only the address limit stops them.
    for (const x of codes) statuses.push((await rate(x.code, { score: '5' }, { ip })).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    const stored = await t.platform.db.selectFrom('incentive_ratings').select('id').where('address_key', '=', keyedHash(t.platform, 'address', ip)).execute();
    expect(stored.length).toBe(5);
    expect((await rate(codes[7]!.code, { score: '5' }, { ip })).body).toContain('今天的评价次数已满');
    await t.platform.settings.set(t.platform.db, tenantId, PUBLIC_RATING, PUBLIC_RATING.defaults);
  });

  it('flooding from one address: the minute limit holds with 429 pages, the stored ratings stay within the limits', async () => {
    const ip = nextIp();
    const before = await t.platform.db.selectFrom('incentive_ratings').select('id').execute();
    const res = await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 === 0
      ? req('GET', `/plaque/${others[10]!.code}`, { ip })
      : rate(others[10 + (i % 20)]!.code, { score: '3' }, { ip }))));
    const codes = res.map((r) => r.statusCode);
    expect(codes.filter((c) => c >= 500)).toEqual([]);
    // Within the minute 60 requests are served; every later one gets the flood page (a rating over the address's
    // daily number gets its own 429 page, counted among the served).
    expect(res.filter((r) => r.body.includes('访问过于频繁，请稍后再试')).length).toBe(200 - FLOOD_PER_MINUTE);
    expect(codes.filter((c) => c !== 429).length).toBeLessThanOrEqual(FLOOD_PER_MINUTE);
    const after = await t.platform.db.selectFrom('incentive_ratings').select('id').execute();
    // At most the per-address number of the day (20 by default) of the ≤ 30 rating posts that got through.
    expect(after.length - before.length).toBeLessThanOrEqual(PUBLIC_RATING.defaults.perAddressPerDay);
    // A minute later the address is let in again.
    t.clock.advanceMinutes(1);
    expect((await req('GET', `/plaque/${active.code}`, { ip })).statusCode).toBe(200);
  });

  it('refuses a post from another site and changes nothing', async () => {
    const before = (await ratingsOf(active.id)).length;
    const a = await rate(active.code, { score: '5' }, { headers: { origin: 'https://evil.example' } });
    const b = await rate(active.code, { score: '5' }, { headers: { 'sec-fetch-site': 'cross-site' } });
    for (const r of [a, b]) expect([r.statusCode, r.body.includes('拒绝来自其他网站的请求')]).toEqual([403, true]);
    expect((await rate(active.code, { score: '5' }, { headers: { origin: 'http://localhost:80', host: 'localhost' } })).statusCode).toBe(200);
    expect((await ratingsOf(active.id)).length).toBe(before + 1);
  });

  it('survives fuzzing: about 300 random and hostile bodies and content types, never a 5xx, never a stray rating', async () => {
    let seed = 0x5eed;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const junk = (n: number) => Array.from({ length: n }, () => String.fromCharCode(Math.floor(rnd() * 0xffff))).join('');
    const types = ['application/x-www-form-urlencoded', 'application/json', 'text/plain', 'multipart/form-data; boundary=x', 'application/xml', 'application/x-www-form-urlencoded; charset=gbk', ''];
    const bodies = [
      () => form({ score: pick(['0', '6', '-1', '3.5', '1e1', '', 'five', '５', '3 ']), comment: junk(20) }),
      () => form({ score: '5', comment: 'x'.repeat(201) }),
      () => form({ score: '5', comment: '字'.repeat(3000) }),
      () => JSON.stringify({ score: 5, comment: '<img src=x onerror=alert(1)>' }),
      () => `score=5&score=4&comment=${encodeURIComponent('<b>')}`,
      () => `score[]=5&comment[a]=1&__proto__[x]=1&constructor=1`,
      () => '%E0%A4%A&score=%',
      () => junk(Math.floor(rnd() * 600)),
      () => 'a='.repeat(2000),
      () => Buffer.from(Array.from({ length: 300 }, () => Math.floor(rnd() * 256))),
    ];
    const ids = async () => (await t.platform.db.selectFrom('incentive_ratings').select('id').execute()).map((r) => r.id);
    const before = new Set(await ids());
    const problems: string[] = [];
    for (let i = 0; i < 300; i++) {
      const type = pick(types);
      const res = await req('POST', `/plaque/${pick([active.code, others[30]!.code, 'forged0000000000000000', 'x'])}`, { type: type || undefined, body: pick(bodies)() });
      if (res.statusCode >= 500) problems.push(`${type}: ${res.statusCode}`);
      if (!String(res.headers['content-type']).startsWith('text/html')) problems.push(`${type}: answered ${String(res.headers['content-type'])}`);
    }
    expect(problems).toEqual([]);
    // Of all these bodies only "score=5&score=4&comment=<b>" sent as a form is a valid rating (the last value wins):
    // whatever was stored is exactly that, its comment waiting for moderation.
    const added = (await ids()).filter((id) => !before.has(id));
    const stored = await t.platform.db.selectFrom('incentive_ratings').select(['score', 'comment', 'comment_status']).where('id', 'in', added.length ? added : ['-']).execute();
    expect(stored.length).toBeGreaterThan(0);
    expect(stored).toEqual(stored.map(() => ({ score: 4, comment: '<b>', comment_status: 'pending' })));
    // A body over 4 KB is refused as too large.
    const huge = await rate(active.code, { score: '5', comment: 'x'.repeat(5000) });
    expect([huge.statusCode, huge.body.includes('提交的内容过长')]).toEqual([413, true]);
  });
});
