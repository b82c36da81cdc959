// The 大屏 through the API: a 党委管理员 issues a link (shown once, only its hash stored), the screen reads the
// committee's figures by it without a session — the same numbers as the 工作台 and no person's name, phone or
// 身份证号 anywhere — and once revoked, expired, forged, malformed or of another committee the link answers the same
// bare 404. Managing links needs display.manage (403), and another committee's manager cannot see or revoke (404).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { FLOOD_PER_MINUTE } from '../../platform/http/floodLimiter.js';
import type { DashboardView } from '../dashboard/schema.js';
import { otherCommittee, type OtherCommittee } from '../transfers/testing.js';
import type { ScreenView } from './schema.js';

let t: TestApp;
let dangwei: string;
let zb1: string;
let other: OtherCommittee;
let committee: string;
let branch2: string;
let ipSeq = 0;
/** A fresh client address per use, so one test's requests do not count against another's flood limit. */
const nextIp = () => `10.9.${Math.floor(++ipSeq / 250) % 250}.${(ipSeq % 250) + 1}`;

const screen = (path: string, ip = nextIp()) => t.app.inject({ method: 'GET', url: `/api/v1${path.replace(/^\/display/, '/display')}`, remoteAddress: ip });
const issue = async (cookie: string, body: Record<string, unknown>) => t.call('POST', '/api/v1/display/links', { cookie, body });
const issued = async (body: Record<string, unknown> = {}) => {
  const res = await issue(dangwei, { orgId: committee, place: '党建活动室', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { link: { id: string; status: string; orgName: string }; path: string };
};
const expectGone = (res: { statusCode: number; body: string }) => {
  expect(res.statusCode).toBe(404);
  expect(JSON.parse(res.body)).toEqual({ error: { code: 'NOT_FOUND', message: '链接无效或已停用' } });
};

beforeAll(async () => {
  t = await createTestApp();
  [dangwei, zb1] = await Promise.all([t.login('dangwei'), t.login('zb1')]);
  [committee, branch2] = await Promise.all([t.orgId('社区党委'), t.orgId('机关第二党支部')]);
  other = await otherCommittee(t, '东区社区党委', 'dongqu');
}, 60_000);
afterAll(async () => t?.close());

describe(`大屏 ${dialectLabel()}`, () => {
  it('an issued link shows the committee’s figures without a session, the same numbers as the 工作台', async () => {
    const { link, path } = await issued();
    expect(link).toMatchObject({ status: 'active', orgName: '社区党委' });
    expect(path).toMatch(/^\/display\/[A-Za-z0-9_-]{43}$/);
    // Only the hash is kept: the token is nowhere in the database or the audit log.
    const token = path.split('/').pop()!;
    const row = await t.platform.db.selectFrom('display_links').selectAll().where('id', '=', link.id).executeTakeFirstOrThrow();
    expect(row.token_hash).not.toContain(token);
    const audit = await t.platform.db.selectFrom('audit_log').select(['action', 'after']).where('entity_id', '=', link.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['display.issue']);
    expect(JSON.stringify(audit)).not.toContain(token);

    const res = await screen(path);
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json() as ScreenView;
    expect(v).toMatchObject({ place: '党建活动室', org: { name: '社区党委' } });
    const board = (await t.call('GET', '/api/v1/dashboard', { cookie: dangwei })).json() as DashboardView;
    expect(v.cards.map((c) => c.key)).toEqual(board.cards.map((c) => c.key));
    for (const c of v.cards) {
      const b = board.cards.find((x) => x.key === c.key)!;
      expect(c.figures.map((f) => [f.label, f.value]), c.key).toEqual(b.figures.map((f) => [f.label, f.value]));
      expect(c.chart, c.key).toEqual(b.chart);
    }
    expect(v.cards.find((c) => c.key === 'members.roster')!.figures[0]!.value).toBeGreaterThan(100);
    // Nothing that leads into the system: no page links, no ids.
    expect(res.body).not.toMatch(/"link"|orgId|\/members|[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(res.headers['cache-control']).toBe('no-store');

    const list = (await t.call('GET', '/api/v1/display/links', { cookie: dangwei })).json() as { items: { id: string; lastSeenAt: string | null; createdByName: string }[]; orgs: { id: string }[] };
    expect(list.items.find((x) => x.id === link.id)).toMatchObject({ lastSeenAt: t.clock.now().toISOString(), createdByName: '党委管理员' });
    expect(list.orgs[0]!.id).toBe(committee);
    expect(JSON.stringify(list)).not.toContain(token);
  });

  it('the screen shows no member’s name, phone or 身份证号 anywhere in its answer', async () => {
    const { path } = await issued({ place: '一楼大厅' });
    const body = (await screen(path)).body;
    const people = await t.platform.db.selectFrom('staff').select(['name', 'phone_enc', 'id_number_enc']).execute();
    expect(people.length).toBeGreaterThan(100);
    const found: string[] = [];
    for (const s of people) {
      const phone = s.phone_enc ? t.platform.fieldCrypto.decrypt(s.phone_enc) : null;
      const id = t.platform.fieldCrypto.decrypt(s.id_number_enc);
      for (const v of [s.name, phone, id, id.slice(-6), phone?.slice(-4) && phone.slice(0, 7)]) if (v && body.includes(v)) found.push(v);
    }
    expect(found).toEqual([]);
    expect(body).not.toMatch(/1[3-9]\d{9}|\d{17}[\dXx]/);
  });

  it('a branch link shows that branch’s figures only', async () => {
    const res = await issue(dangwei, { orgId: branch2, place: '支部活动室' });
    expect(res.statusCode, res.body).toBe(201);
    const v = (await screen((res.json() as { path: string }).path)).json() as ScreenView;
    const stats = (await t.call('GET', `/api/v1/orgs/${branch2}/stats`, { cookie: dangwei })).json() as { total: number };
    expect(v.org.name).toBe('机关第二党支部');
    expect(v.cards.find((c) => c.key === 'members.roster')!.figures[0]!.value).toBe(stats.total);
  });

  it('revoked → the same bare 404, audited; revoking twice is refused', async () => {
    const { link, path } = await issued({ place: '会议室' });
    expect((await screen(path)).statusCode).toBe(200);
    const res = await t.call('POST', `/api/v1/display/links/${link.id}/revoke`, { cookie: dangwei });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'revoked', revokedByName: '党委管理员' });
    expectGone(await screen(path));
    const again = await t.call('POST', `/api/v1/display/links/${link.id}/revoke`, { cookie: dangwei });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { message: '该链接已停用' } });
    const audit = await t.platform.db.selectFrom('audit_log').select('action').where('entity_id', '=', link.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['display.issue', 'display.revoke']);
  });

  it('forged and malformed tokens answer the same bare 404; another committee’s link shows its own committee', async () => {
    const { path } = await issued();
    const token = path.split('/').pop()!;
    const forged = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of [forged, 'A'.repeat(43), token.slice(1), `${token}x`, '..%2F..%2Fetc', encodeURIComponent("x' or 1=1 --"), '%E4%B8%AD']) expectGone(await screen(`/display/${bad}`));
    // A NUL never reaches the route: the platform's guard refuses it for every path (400), saying nothing of links.
    expect((await screen('/display/%00')).statusCode).toBe(400);

    // Another committee's own link works for its own screen and shows its own name, never ours.
    const theirs = await issue(other.cookie, { orgId: (await t.platform.db.selectFrom('organisations').select('id').where('tenant_id', '=', other.tenantId).where('kind', '=', 'committee').executeTakeFirstOrThrow()).id, place: '活动室' });
    expect(theirs.statusCode, theirs.body).toBe(201);
    const v = (await screen((theirs.json() as { path: string }).path)).json() as ScreenView;
    expect(v.org.name).toBe('东区社区党委');
  });

  it('bad input is refused in Chinese and stores nothing', async () => {
    const count = async () => (await t.platform.db.selectFrom('display_links').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const before = Number(await count());
    const cases: [Record<string, unknown>, number, string][] = [
      [{ orgId: committee, place: '' }, 400, '请填写大屏位置'],
      [{ orgId: committee, place: '活'.repeat(41) }, 400, '大屏位置最多 40 个字'],
      [{ orgId: committee, place: '活动室', expiresOn: '2026-02-30' }, 400, '不是有效的日期'],
      [{ orgId: committee, place: '活动室', expiresOn: '2020-01-01' }, 400, '有效期不能早于今天'],
      [{ orgId: 'no-such-org', place: '活动室' }, 404, '组织不存在'],
    ];
    for (const [body, status, message] of cases) {
      const res = await issue(dangwei, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.body).toContain(message);
    }
    expect(Number(await count())).toBe(before);
  });

  it('without display.manage the management routes are 403; another committee’s manager gets 404 and changes nothing', async () => {
    const { link, path } = await issued();
    for (const [method, url, body] of [['GET', '/api/v1/display/links', undefined], ['POST', '/api/v1/display/links', { orgId: committee, place: '活动室' }], ['POST', `/api/v1/display/links/${link.id}/revoke`, undefined]] as const) {
      const res = await t.call(method, url, { cookie: zb1, ...(body ? { body } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect((await t.call(method, url, body ? { body } : {})).statusCode).toBe(401);
    }
    const revoke = await t.call('POST', `/api/v1/display/links/${link.id}/revoke`, { cookie: other.cookie });
    expect(revoke.statusCode).toBe(404);
    expect((await issue(other.cookie, { orgId: committee, place: '活动室' })).statusCode).toBe(404);
    const theirList = (await t.call('GET', '/api/v1/display/links', { cookie: other.cookie })).json() as { items: { id: string }[]; orgs: { id: string }[] };
    expect(theirList.items.map((x) => x.id)).not.toContain(link.id);
    expect(theirList.orgs.map((o) => o.id)).not.toContain(committee);
    expect((await screen(path)).statusCode).toBe(200);
  });

  it('one address calling too often gets 429 after the minute’s number, forged tokens included', async () => {
    const { path } = await issued();
    const ip = '10.200.0.1';
    const codes: number[] = [];
    for (let i = 0; i < FLOOD_PER_MINUTE + 3; i++) codes.push((await screen(i % 2 ? path : '/display/forged', ip)).statusCode);
    expect(codes.slice(0, FLOOD_PER_MINUTE).every((c) => c === 200 || c === 404)).toBe(true);
    expect(codes.slice(FLOOD_PER_MINUTE)).toEqual([429, 429, 429]);
    expect((await screen(path, '10.200.0.2')).statusCode).toBe(200);
    t.clock.advance(61_000);
    expect((await screen(path, ip)).statusCode).toBe(200);
  });

  // Last: the clock moves on two days, past every session.
  it('a link past its last day answers the same bare 404 and is listed as expired', async () => {
    const today = t.clock.now().toISOString().slice(0, 10);
    const short = await issued({ expiresOn: today });
    expect((await screen(short.path)).statusCode).toBe(200);
    t.clock.advance(2 * 24 * 3600_000);
    expectGone(await screen(short.path));
    dangwei = await t.login('dangwei');
    const list = (await t.call('GET', '/api/v1/display/links', { cookie: dangwei })).json() as { items: { id: string; status: string }[] };
    expect(list.items.find((x) => x.id === short.link.id)!.status).toBe('expired');
  });
});
