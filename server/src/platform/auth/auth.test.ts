import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, DEMO_PASSWORD, type TestApp } from '../../test/harness.js';
import { SECURITY_POLICY, type SecurityPolicy } from './policy.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const login = (username: string, password: string) => t.call('POST', '/api/v1/auth/login', { body: { username, password } });
/** A login from a given client address. */
const loginFrom = (remoteAddress: string, username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress });

/** Changes the demo committee's security policy as its 安全保密员 would, returning the policy before. */
async function setPolicy(change: Partial<SecurityPolicy>): Promise<SecurityPolicy> {
  const sec = await t.login('secadmin');
  const before = (await t.call('GET', '/api/v1/settings/security', { cookie: sec })).json() as SecurityPolicy;
  const res = await t.call('PUT', '/api/v1/settings/security', { cookie: sec, body: { ...before, ...change } });
  expect(res.statusCode, res.body).toBe(200);
  return before;
}
/** Puts a policy back directly (the 安全保密员's own password may have aged out by then). */
async function restorePolicy(policy: SecurityPolicy): Promise<void> {
  const tenant = await t.platform.db.selectFrom('users').select('tenant_id').where('username', '=', 'secadmin').executeTakeFirstOrThrow();
  await t.platform.settings.set(t.platform.db, tenant.tenant_id, SECURITY_POLICY, policy);
}
const failedLogins = async (username: string) =>
  (await t.platform.db.selectFrom('users').select(['failed_logins', 'locked_until']).where('username', '=', username).executeTakeFirstOrThrow());

describe(`login and sessions ${dialectLabel()}`, () => {
  it('logs in with the right password and sets an HttpOnly, SameSite=Strict session cookie', async () => {
    const res = await login('dangwei', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json().user.displayName).toBe('党委管理员');
    expect(res.json().permissions).toContain('member.read');
    const cookie = res.cookies.find((c) => c.name === 'dj_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    expect(cookie.secure).toBeFalsy();
    const me = await t.call('GET', '/api/v1/auth/me', { cookie: `dj_session=${cookie.value}` });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.username).toBe('dangwei');
  });

  it('marks the cookie Secure when served over HTTPS', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'shenhe', password: DEMO_PASSWORD }, headers: { 'x-forwarded-proto': 'https' } });
    // Without a trusted proxy the forwarded header is ignored, so this stays plain HTTP.
    expect(res.cookies.find((c) => c.name === 'dj_session')!.secure).toBeFalsy();
  });

  it('refuses a wrong password or an unknown user with the same Chinese message', async () => {
    const wrong = await login('dangwei', 'Wrong@pass1');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toMatchObject({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' });
    const unknown = await login('nobody', 'Wrong@pass1');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error.message).toBe('用户名或密码错误');
    expect(wrong.cookies).toHaveLength(0);
  });

  it('names the missing field in Chinese', async () => {
    const res = await t.call('POST', '/api/v1/auth/login', { body: { username: 'dangwei' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.password).toBe('请填写密码');
  });

  it('locks the account after 5 failures and unlocks it after 15 minutes', async () => {
    for (let i = 1; i <= 4; i++) expect((await login('weiyuan', `Wrong@pass${i}`)).statusCode).toBe(401);
    const fifth = await login('weiyuan', 'Wrong@pass5');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.message).toContain('锁定');
    // Even the right password is refused while locked.
    const locked = await login('weiyuan', DEMO_PASSWORD);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.message).toMatch(/请 15 分钟后再试/);
    t.clock.advanceMinutes(14);
    expect((await login('weiyuan', DEMO_PASSWORD)).statusCode).toBe(423);
    t.clock.advanceMinutes(1);
    expect((await login('weiyuan', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('counts concurrent wrong passwords one by one: 20 at once lock the account after 5, the rest are refused unchecked', async () => {
    const tries = await Promise.all(Array.from({ length: 20 }, (_, i) => login('xz1', `Wrong@pass${i}`)));
    const codes = tries.map((r) => r.statusCode).sort();
    // Four failures answered as such, the fifth locks, fifteen are refused by the lock without a check.
    expect(codes.filter((c) => c === 401)).toHaveLength(4);
    expect(codes.filter((c) => c === 423)).toHaveLength(16);
    expect((await login('xz1', DEMO_PASSWORD)).statusCode).toBe(423);
    const audited = await t.platform.db.selectFrom('audit_log').select('action').where('username', '=', 'xz1')
      .where('action', 'in', ['auth.login.failed', 'auth.login.locked']).execute();
    expect(audited.map((a) => a.action).sort()).toEqual(['auth.login.failed', 'auth.login.failed', 'auth.login.failed', 'auth.login.failed', 'auth.login.locked']);
    t.clock.advanceMinutes(15);
    expect((await login('xz1', DEMO_PASSWORD)).statusCode).toBe(200);
    // A new window starts with the full allowance.
    for (let i = 1; i <= 4; i++) expect((await login('xz1', `Wrong@again${i}`)).statusCode).toBe(401);
    expect((await login('xz1', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('locks, and later lets in, an account whose failures already reach a lowered allowance', async () => {
    for (let i = 1; i <= 4; i++) expect((await login('shenhe', `Wrong@pass${i}`)).statusCode).toBe(401);
    // The 安全保密员 lowers the allowance to 3 while shenhe has 4 failures.
    const sec = await t.login('secadmin');
    const policy = (await t.call('GET', '/api/v1/settings/security', { cookie: sec })).json();
    expect((await t.call('PUT', '/api/v1/settings/security', { cookie: sec, body: { ...policy, maxFailedLogins: 3 } })).statusCode).toBe(200);
    try {
      const next = await login('shenhe', 'Wrong@pass5');
      expect(next.statusCode).toBe(423);
      expect(next.json().error.message).toMatch(/请 15 分钟后再试/);
      t.clock.advanceMinutes(15);
      expect((await login('shenhe', DEMO_PASSWORD)).statusCode).toBe(200);
    } finally {
      await t.call('PUT', '/api/v1/settings/security', { cookie: sec, body: policy });
    }
  });

  it('locks an unknown name exactly like a real one, so the lockout does not tell which names exist', async () => {
    const seq = async (username: string) => {
      const out: [number, string][] = [];
      for (let i = 1; i <= 6; i++) {
        const r = await login(username, `Wrong@guess${i}`);
        out.push([r.statusCode, r.json().error.message as string]);
      }
      return out;
    };
    const real = await seq('tongxun');
    const ghost = await seq('no_such_person');
    expect(real.map(([s]) => s)).toEqual([401, 401, 401, 401, 423, 423]);
    expect(ghost).toEqual(real);
    t.clock.advanceMinutes(15);
    expect((await login('no_such_person', 'Wrong@again')).statusCode).toBe(401);
    expect((await login('tongxun', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('behind a trusted proxy takes the client address the proxy added, not what the client wrote in X-Forwarded-For', async () => {
    const { buildApp } = await import('../../app.js');
    const behindProxy = await buildApp({ ...t.platform, config: { ...t.platform.config, trustProxy: ['loopback'] } }, { logger: false });
    const res = await behindProxy.inject({
      method: 'POST', url: '/api/v1/auth/login', payload: { username: 'kaohe', password: DEMO_PASSWORD },
      headers: { 'x-forwarded-for': '6.6.6.6, 203.0.113.9', 'x-forwarded-proto': 'https' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.cookies.find((c) => c.name === 'dj_session')!.secure).toBe(true);
    const entry = await t.platform.db.selectFrom('audit_log').select('ip').where('action', '=', 'auth.login').where('username', '=', 'kaohe').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(entry.ip).toBe('203.0.113.9');
    // A client connecting directly (not from the proxy's address) forges nothing: its own address is taken.
    const direct = await behindProxy.inject({
      method: 'POST', url: '/api/v1/auth/login', payload: { username: 'kaohe', password: DEMO_PASSWORD },
      headers: { 'x-forwarded-for': '6.6.6.6', 'x-forwarded-proto': 'https' }, remoteAddress: '198.51.100.7',
    });
    expect(direct.statusCode).toBe(200);
    expect(direct.cookies.find((c) => c.name === 'dj_session')!.secure).toBeFalsy();
    const second = await t.platform.db.selectFrom('audit_log').select('ip').where('action', '=', 'auth.login').where('username', '=', 'kaohe').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(second.ip).toBe('198.51.100.7');
    await behindProxy.close();
  });

  it('limits login attempts per client address: the one over the limit is 429 with Retry-After and never reaches the password check', async () => {
    const before = await setPolicy({ loginAttemptsPerMinute: 5 });
    try {
      // Four wrong passwords for dy1 and one right login for zb2 use up the address's five attempts.
      for (let i = 1; i <= 4; i++) expect((await loginFrom('192.0.2.10', 'dy1', `Wrong@pass${i}`)).statusCode).toBe(401);
      expect((await loginFrom('192.0.2.10', 'zb2', DEMO_PASSWORD)).statusCode).toBe(200);
      expect(await failedLogins('dy1')).toMatchObject({ failed_logins: 4, locked_until: null });

      const sixth = await loginFrom('192.0.2.10', 'dy1', 'Wrong@pass5');
      expect(sixth.statusCode).toBe(429);
      expect(sixth.json().error).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: '登录尝试过于频繁，请 60 秒后再试' });
      expect(sixth.headers['retry-after']).toBe('60');
      expect(sixth.cookies).toHaveLength(0);
      // Not counted against dy1 (the fifth failure would have locked it), and the right password is refused too.
      expect(await failedLogins('dy1')).toMatchObject({ failed_logins: 4, locked_until: null });
      t.clock.advance(20_000);
      const right = await loginFrom('192.0.2.10', 'zb2', DEMO_PASSWORD);
      expect(right.statusCode).toBe(429);
      expect(right.headers['retry-after']).toBe('40');

      // Another address still logs in, and clears dy1's failures.
      expect((await loginFrom('192.0.2.11', 'dy1', DEMO_PASSWORD)).statusCode).toBe(200);
      // The first refusal of the minute is audited; the rest of a flood is not written one by one.
      const audited = await t.platform.db.selectFrom('audit_log').select(['ip', 'status']).where('action', '=', 'auth.login.throttled').execute();
      expect(audited).toEqual([{ ip: '192.0.2.10', status: 429 }]);

      // A minute after the address's first attempt, it starts again.
      t.clock.advance(40_000);
      expect((await loginFrom('192.0.2.10', 'zb2', DEMO_PASSWORD)).statusCode).toBe(200);
    } finally {
      await restorePolicy(before);
    }
  });

  it('limits unknown names by the default of 30 a minute, and counts the address Fastify derives behind a trusted proxy', async () => {
    for (let i = 1; i <= 30; i++) expect((await loginFrom('192.0.2.20', `ghost${i}`, 'Wrong@guess1')).statusCode).toBe(401);
    expect((await loginFrom('192.0.2.20', 'ghost31', 'Wrong@guess1')).statusCode).toBe(429);

    const before = await setPolicy({ loginAttemptsPerMinute: 5 });
    const { buildApp } = await import('../../app.js');
    const behindProxy = await buildApp({ ...t.platform, config: { ...t.platform.config, trustProxy: ['loopback'] } }, { logger: false });
    try {
      const viaProxy = (forwardedFor: string) => behindProxy.inject({
        method: 'POST', url: '/api/v1/auth/login', payload: { username: 'weiyuan', password: DEMO_PASSWORD }, headers: { 'x-forwarded-for': forwardedFor },
      });
      // Whatever the client writes at the left end, the address the proxy saw is the one counted.
      for (let i = 1; i <= 5; i++) expect((await viaProxy(`10.9.9.${i}, 203.0.113.50`)).statusCode).toBe(200);
      expect((await viaProxy('10.9.9.99, 203.0.113.50')).statusCode).toBe(429);
      expect((await viaProxy('203.0.113.51')).statusCode).toBe(200);
      // The proxy's own address is not what is counted: a direct client from elsewhere is unaffected.
      expect((await loginFrom('192.0.2.30', 'weiyuan', DEMO_PASSWORD)).statusCode).toBe(200);
    } finally {
      await behindProxy.close();
      await restorePolicy(before);
    }
    t.clock.advanceMinutes(1);
  });

  it('ends a session after 30 idle minutes', async () => {
    const cookie = await t.login('kaohe');
    t.clock.advanceMinutes(29);
    expect((await t.call('GET', '/api/v1/auth/me', { cookie })).statusCode).toBe(200);
    t.clock.advanceMinutes(29); // active 29 minutes ago: still fine
    expect((await t.call('GET', '/api/v1/auth/me', { cookie })).statusCode).toBe(200);
    t.clock.advanceMinutes(31);
    const res = await t.call('GET', '/api/v1/auth/me', { cookie });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({ code: 'SESSION_EXPIRED', message: '登录已超时，请重新登录' });
    // Once expired it stays expired, even if used again at once.
    expect((await t.call('GET', '/api/v1/auth/me', { cookie })).statusCode).toBe(401);
  });

  it('ends a session 12 hours after login however active it is', async () => {
    const cookie = await t.login('tongxun');
    for (let i = 0; i < 35; i++) {
      t.clock.advanceMinutes(20); // active every 20 minutes, never idle
      expect((await t.call('GET', '/api/v1/auth/me', { cookie })).statusCode).toBe(200);
    }
    t.clock.advanceMinutes(19); // 11 h 59 min after login
    const late = await t.call('GET', '/api/v1/auth/me', { cookie });
    expect(late.statusCode, late.body).toBe(200);
    t.clock.advanceMinutes(1);
    expect((await t.call('GET', '/api/v1/auth/me', { cookie })).json().error.code).toBe('SESSION_EXPIRED');
  });

  it('logout revokes the session on the server, so the old cookie no longer works', async () => {
    const cookie = await t.login('xz1');
    expect((await t.call('POST', '/api/v1/auth/logout', { cookie })).statusCode).toBe(204);
    const after = await t.call('GET', '/api/v1/auth/me', { cookie });
    expect(after.statusCode).toBe(401);
  });

  it('answers 401 in Chinese without a session', async () => {
    const res = await t.call('GET', '/api/v1/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录' });
    expect((await t.call('GET', '/api/v1/auth/me', { cookie: 'dj_session=forged.value' })).statusCode).toBe(401);
  });

  it('lists the user’s own sessions and ends one of them', async () => {
    const a = await t.login('zb1');
    const b = await t.login('zb1');
    const list = await t.call('GET', '/api/v1/auth/sessions', { cookie: a });
    const items = list.json().items as { id: string; current: boolean }[];
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(items.filter((s) => s.current)).toHaveLength(1);
    const other = items.find((s) => !s.current)!;
    expect((await t.call('DELETE', `/api/v1/auth/sessions/${other.id}`, { cookie: a })).statusCode).toBe(204);
    expect((await t.call('GET', '/api/v1/auth/me', { cookie: b })).statusCode).toBe(401);
    expect((await t.call('GET', '/api/v1/auth/me', { cookie: a })).statusCode).toBe(200);
    // Another user's session id is not found.
    const mine = await t.login('dangwei');
    const theirs = ((await t.call('GET', '/api/v1/auth/sessions', { cookie: mine })).json().items as { id: string }[])[0]!.id;
    expect((await t.call('DELETE', `/api/v1/auth/sessions/${theirs}`, { cookie: a })).statusCode).toBe(404);
  });

  it('refuses a state-changing request from another site’s Origin and changes nothing', async () => {
    const cookie = await t.login('dangwei');
    const res = await t.call('POST', '/api/v1/auth/logout', { cookie, headers: { origin: 'https://evil.example.com' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'CROSS_SITE_REQUEST', message: '拒绝来自其他网站的请求' });
    expect((await t.call('GET', '/api/v1/auth/me', { cookie })).statusCode).toBe(200);
    const fetchSite = await t.call('POST', '/api/v1/auth/logout', { cookie, headers: { 'sec-fetch-site': 'cross-site' } });
    expect(fetchSite.statusCode).toBe(403);
    // The same site's own Origin passes.
    const same = await t.call('POST', '/api/v1/auth/logout', { cookie, headers: { origin: 'http://localhost:80', host: 'localhost:80' } });
    expect(same.statusCode).toBe(204);
  });
});

describe(`passwords ${dialectLabel()}`, () => {
  const create = async (admin: string, username: string, password: string) =>
    t.call('POST', '/api/v1/admin/users', { cookie: admin, body: { username, displayName: '测试用户', password } });

  it('enforces at least 8 characters with 3 of 4 classes, with a Chinese message', async () => {
    const admin = await t.login('admin');
    for (const weak of ['Ab1!', 'abcdefgh', 'abcdefg1', 'ABCDEFG1']) {
      const res = await create(admin, `weak${weak.length}${weak.charCodeAt(0)}`, weak);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields.password).toBe('密码至少 8 位，且包含大写字母、小写字母、数字、符号中的至少 3 类');
    }
    const count = await t.platform.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('username', 'like', 'weak%').executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
    expect((await create(admin, 'strong1', 'kestrel7!')).statusCode).toBe(201);
  });

  it('forces an administrator-created account to change its password at first login', async () => {
    const admin = await t.login('admin');
    expect((await create(admin, 'newclerk', 'Initial#2026')).statusCode).toBe(201);
    const cookie = await t.login('newclerk', 'Initial#2026');
    const me = await t.call('GET', '/api/v1/auth/me', { cookie });
    expect(me.json().user.mustChangePassword).toBe(true);
    // Give the account a business role so that a business route exists to be blocked.
    const sec = await t.login('secadmin');
    const users = await t.call('GET', '/api/v1/admin/users?keyword=newclerk', { cookie: admin });
    const roles = (await t.call('GET', '/api/v1/admin/roles', { cookie: sec })).json().items as { id: string; code: string }[];
    const grant = await t.call('POST', '/api/v1/admin/grants', { cookie: sec, body: { userId: users.json().items[0].id, roleId: roles.find((r) => r.code === 'committeeAdmin')!.id, orgId: await t.orgId('社区党委') } });
    expect(grant.statusCode).toBe(201);
    const blocked = await t.call('GET', '/api/v1/orgs/tree', { cookie });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');

    const same = await t.call('POST', '/api/v1/auth/password', { cookie, body: { currentPassword: 'Initial#2026', newPassword: 'Initial#2026' } });
    expect(same.statusCode).toBe(400);
    const wrongCurrent = await t.call('POST', '/api/v1/auth/password', { cookie, body: { currentPassword: 'nope', newPassword: 'Better#2027x' } });
    expect(wrongCurrent.json().error.fields.currentPassword).toBe('当前密码不正确');
    const weak = await t.call('POST', '/api/v1/auth/password', { cookie, body: { currentPassword: 'Initial#2026', newPassword: 'short' } });
    expect(weak.statusCode).toBe(400);
    expect((await t.login('newclerk', 'Initial#2026')).length).toBeGreaterThan(0); // nothing changed

    // Long enough and three classes, but built on words guessing lists try first.
    for (const guessable of ['Password1', 'P@ssw0rd', 'Admin@123', '#Qwerty2026', 'Dangjian@2026', 'Welcome!1']) {
      const r = await t.call('POST', '/api/v1/auth/password', { cookie, body: { currentPassword: 'Initial#2026', newPassword: guessable } });
      expect(r.statusCode, guessable).toBe(400);
      expect(r.json().error.fields.newPassword, guessable).toBe('密码过于常见，容易被猜中，请换一个不常见的组合');
    }
    const ok = await t.call('POST', '/api/v1/auth/password', { cookie, body: { currentPassword: 'Initial#2026', newPassword: 'Better#2027x' } });
    expect(ok.statusCode).toBe(204);
    expect((await t.call('GET', '/api/v1/orgs/tree', { cookie })).statusCode).toBe(200);
    expect((await login('newclerk', 'Initial#2026')).statusCode).toBe(401);
    expect((await login('newclerk', 'Better#2027x')).statusCode).toBe(200);
  });

  it('demo accounts are not forced to change their password', async () => {
    const res = await login('dy1', DEMO_PASSWORD);
    expect(res.json().user.mustChangePassword).toBe(false);
    expect(res.json().user.passwordExpired).toBe(false);
  });

  /** An account created by the 系统管理员 that has already made its first change; returns its session. */
  async function freshAccount(username: string, password: string): Promise<string> {
    const admin = await t.login('admin');
    expect((await create(admin, username, 'Initial#2026')).statusCode).toBe(201);
    const cookie = await t.login(username, 'Initial#2026');
    expect((await t.call('POST', '/api/v1/auth/password', { cookie, body: { currentPassword: 'Initial#2026', newPassword: password } })).statusCode).toBe(204);
    return cookie;
  }

  it('refuses passwords with one letter or two around digits, and keyboard walks, each with a Chinese reason', async () => {
    const cookie = await freshAccount('walker', 'Lantern%2864');
    const refused = async (newPassword: string) => {
      const r = await t.call('POST', '/api/v1/auth/password', { cookie, body: { currentPassword: 'Lantern%2864', newPassword } });
      expect(r.statusCode, newPassword).toBe(400);
      return r.json().error.fields.newPassword as string;
    };
    for (const few of ['Aa123456', 'Qq123456', 'Zz!23456', 'A1234567!', 'Bbbbb#2026']) {
      expect(await refused(few), few).toBe('密码中的字母太少或只是同一个字母，请使用更多不同的字母');
    }
    // The walks of the issue, upper or lower case, with the shifted keys read as the keys they are typed on.
    for (const walk of ['Qazwsx@2026', '1qaz2wsX', '1qaz@WSX', '1QAZ2wsx!', 'Qwertyu#2026', 'Asdfghj!77', 'Zxcvbnm.88', '123Qwer!@#', '#2026zXcVbNm']) {
      expect(await refused(walk), walk).toBe('密码不能是键盘上相邻按键的连续组合（如 qwerty、1qaz2wsx），容易被猜中');
    }
    // qwerty and asdfgh themselves are also on the common-word list, which answers first.
    for (const word of ['Qwerty@2026', 'Asdfgh#2026']) expect(await refused(word), word).toMatch(/容易被猜中/);
    // Nothing changed: the old password still logs in.
    expect((await login('walker', 'Lantern%2864')).statusCode).toBe(200);
  });

  it('refuses a new password equal to any of the last 5 (the current one included), an administrator\'s reset notwithstanding', async () => {
    const passwords = ['Kestrel#2031', 'Harbour!4472', 'Meadow$9153', 'Orchid^7730', 'Pebble&5184', 'Willow*3620'];
    let cookie = await freshAccount('historian', passwords[0]!);
    let current = passwords[0]!;
    const change = (newPassword: string) => t.call('POST', '/api/v1/auth/password', { cookie, body: { currentPassword: current, newPassword } });
    for (const next of passwords.slice(1, 5)) {
      expect((await change(next)).statusCode, next).toBe(204);
      current = next;
    }
    // Current Pebble; before it Orchid, Meadow, Harbour, Kestrel (and Initial#2026, six back).
    for (const old of ['Pebble&5184', 'Orchid^7730', 'Kestrel#2031']) {
      const r = await change(old);
      expect(r.statusCode, old).toBe(400);
      expect(r.json().error.fields.newPassword).toBe('新密码不能与最近使用过的密码相同（最近 5 次）');
    }
    expect((await login('historian', current)).statusCode).toBe(200); // unchanged
    // Only what the policy counts is kept: four earlier hashes beside the current one.
    const kept = await t.platform.db.selectFrom('password_history as h').innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'h.tenant_id').onRef('u.id', '=', 'h.user_id'))
      .select('h.password_hash').where('u.username', '=', 'historian').execute();
    expect(kept).toHaveLength(4);
    expect(kept.every((k) => k.password_hash.startsWith('scrypt$'))).toBe(true);

    // The 系统管理员 and the 安全保密员 reset the password (two halves): the replaced one is still remembered.
    const admin = await t.login('admin');
    const id = ((await t.call('GET', '/api/v1/admin/users?keyword=historian', { cookie: admin })).json().items as { id: string }[])[0]!.id;
    const proposed = await t.call('POST', `/api/v1/admin/users/${id}/reset-password`, { cookie: admin });
    expect(proposed.statusCode).toBe(201);
    const approved = await t.call('POST', `/api/v1/admin/account-requests/${proposed.json().request.id as string}/approve`, { cookie: await t.login('secadmin') });
    expect(approved.statusCode).toBe(200);
    current = `${proposed.json().partA as string}${approved.json().partB as string}`;
    cookie = await t.login('historian', current);
    expect((await change('Pebble&5184')).json().error.fields.newPassword).toBe('新密码不能与最近使用过的密码相同（最近 5 次）');
    // Six passwords back has dropped out of the window.
    expect((await change('Initial#2026')).statusCode).toBe(204);
  });
});

describe(`password expiry ${dialectLabel()}`, () => {
  it('lets an aged password log in but only to change it, held on open sessions too; 0 days means never', async () => {
    const admin = await t.login('admin');
    expect((await t.call('POST', '/api/v1/admin/users', { cookie: admin, body: { username: 'ager', displayName: '测试用户', password: 'Initial#2026' } })).statusCode).toBe(201);
    const first = await t.login('ager', 'Initial#2026');
    expect((await t.call('POST', '/api/v1/auth/password', { cookie: first, body: { currentPassword: 'Initial#2026', newPassword: 'Saffron#6620' } })).statusCode).toBe(204);
    const before = await setPolicy({ passwordMaxAgeDays: 30 });
    try {
      t.clock.advance(30 * 24 * 3600_000 - 10 * 60_000); // ten minutes short of 30 days
      const young = await login('ager', 'Saffron#6620');
      expect(young.json().user).toMatchObject({ mustChangePassword: false, passwordExpired: false });
      const cookie = `dj_session=${young.cookies.find((c) => c.name === 'dj_session')!.value}`;
      expect((await t.call('GET', '/api/v1/todos', { cookie })).statusCode).toBe(200);

      t.clock.advanceMinutes(10);
      // The session opened before is held from now on.
      const held = await t.call('GET', '/api/v1/todos', { cookie });
      expect(held.statusCode).toBe(403);
      expect(held.json().error).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED', message: '密码已超过有效期，请先修改密码' });
      // A new login succeeds and says why the change is needed.
      const aged = await login('ager', 'Saffron#6620');
      expect(aged.statusCode).toBe(200);
      expect(aged.json().user).toMatchObject({ mustChangePassword: true, passwordExpired: true });
      const me = await t.call('GET', '/api/v1/auth/me', { cookie });
      expect(me.json().user).toMatchObject({ mustChangePassword: true, passwordExpired: true });

      // The same password again is refused; a new one frees the session.
      expect((await t.call('POST', '/api/v1/auth/password', { cookie, body: { currentPassword: 'Saffron#6620', newPassword: 'Saffron#6620' } })).statusCode).toBe(400);
      expect((await t.call('POST', '/api/v1/auth/password', { cookie, body: { currentPassword: 'Saffron#6620', newPassword: 'Juniper@3187' } })).statusCode).toBe(204);
      expect((await t.call('GET', '/api/v1/todos', { cookie })).statusCode).toBe(200);
      expect((await t.call('GET', '/api/v1/auth/me', { cookie })).json().user).toMatchObject({ mustChangePassword: false, passwordExpired: false });

      // dy1 never changed the demo password: its age counts from the account's creation. 0 days lifts the rule.
      expect((await login('dy1', DEMO_PASSWORD)).json().user.passwordExpired).toBe(true);
      await restorePolicy({ ...before, passwordMaxAgeDays: 0 });
      t.clock.advance(3650 * 24 * 3600_000);
      expect((await login('dy1', DEMO_PASSWORD)).json().user).toMatchObject({ mustChangePassword: false, passwordExpired: false });
    } finally {
      await restorePolicy(before);
    }
  });
});
