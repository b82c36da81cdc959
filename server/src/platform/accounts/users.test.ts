import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, DEMO_PASSWORD, type TestApp } from '../../test/harness.js';

let t: TestApp;
let admin: string;
const idOf = async (username: string) => (await t.platform.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
});
afterAll(async () => {
  await t.close();
});

describe(`user administration by the 系统管理员 ${dialectLabel()}`, () => {
  it('lists users with a keyword and paging, and exports them to Excel', async () => {
    const all = (await t.call('GET', '/api/v1/admin/users?pageSize=5', { cookie: admin })).json();
    expect(all.total).toBe(16);
    expect(all.items).toHaveLength(5);
    const page3 = (await t.call('GET', '/api/v1/admin/users?pageSize=5&page=4', { cookie: admin })).json();
    expect(page3.items).toHaveLength(1);
    const found = (await t.call('GET', `/api/v1/admin/users?keyword=${encodeURIComponent('审计')}`, { cookie: admin })).json();
    expect(found.items.map((u: { username: string }) => u.username)).toEqual(['auditor']);
    const xlsx = await t.call('GET', '/api/v1/admin/users?format=xlsx', { cookie: admin });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('finds usernames with _ or % literally and ignores letter case, the same on both databases', async () => {
    expect((await t.call('POST', '/api/v1/admin/users', { cookie: admin, body: { username: 'zhang_san', displayName: '张三', password: 'Valid#2026x' } })).statusCode).toBe(201);
    const found = (await t.call('GET', '/api/v1/admin/users?keyword=ZHANG_', { cookie: admin })).json();
    expect(found.items.map((u: { username: string }) => u.username)).toEqual(['zhang_san']);
    expect((await t.call('GET', '/api/v1/admin/users?keyword=%25', { cookie: admin })).json().total).toBe(0);
    expect((await t.call('GET', '/api/v1/admin/users?keyword=g_s', { cookie: admin })).json().total).toBe(1);
    expect((await t.call('GET', '/api/v1/admin/users?keyword=gxs', { cookie: admin })).json().total).toBe(0);
  });

  it('refuses a duplicate or malformed username in Chinese and creates nothing', async () => {
    const dup = await t.call('POST', '/api/v1/admin/users', { cookie: admin, body: { username: 'dangwei', displayName: '重复', password: 'Valid#2026x' } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toBe('用户名“dangwei”已被使用');
    const bad = await t.call('POST', '/api/v1/admin/users', { cookie: admin, body: { username: '张三', displayName: '张三', password: 'Valid#2026x' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.username).toContain('用户名为 3–32 位');
    expect((await t.call('GET', '/api/v1/admin/users', { cookie: admin })).json().total).toBe(17);
  });

  it('disables an account, which ends its sessions and refuses its login', async () => {
    const session = await t.login('tongxun');
    const res = await t.call('PATCH', `/api/v1/admin/users/${await idOf('tongxun')}`, { cookie: admin, body: { disabled: true } });
    expect(res.statusCode).toBe(200);
    expect(res.json().disabled).toBe(true);
    expect((await t.call('GET', '/api/v1/auth/me', { cookie: session })).statusCode).toBe(401);
    const login = await t.call('POST', '/api/v1/auth/login', { body: { username: 'tongxun', password: DEMO_PASSWORD } });
    expect(login.statusCode).toBe(403);
    expect(login.json().error.message).toBe('账号已停用，请联系系统管理员');
    await t.call('PATCH', `/api/v1/admin/users/${await idOf('tongxun')}`, { cookie: admin, body: { disabled: false } });
    expect((await t.call('POST', '/api/v1/auth/login', { body: { username: 'tongxun', password: DEMO_PASSWORD } })).statusCode).toBe(200);
  });

  it('cannot disable itself', async () => {
    const res = await t.call('PATCH', `/api/v1/admin/users/${await idOf('admin')}`, { cookie: admin, body: { disabled: true } });
    expect(res.statusCode).toBe(409);
  });

  it('unlocks a locked account before the 15 minutes are up', async () => {
    for (let i = 0; i < 5; i++) await t.call('POST', '/api/v1/auth/login', { body: { username: 'shenhe', password: 'Wrong#pass1' } });
    expect((await t.call('POST', '/api/v1/auth/login', { body: { username: 'shenhe', password: DEMO_PASSWORD } })).statusCode).toBe(423);
    const list = (await t.call('GET', '/api/v1/admin/users?keyword=shenhe', { cookie: admin })).json();
    expect(list.items[0].lockedUntil).not.toBeNull();
    expect((await t.call('POST', `/api/v1/admin/users/${await idOf('shenhe')}/unlock`, { cookie: admin })).statusCode).toBe(204);
    expect((await t.call('POST', '/api/v1/auth/login', { body: { username: 'shenhe', password: DEMO_PASSWORD } })).statusCode).toBe(200);
  });

  it('does not reset a password alone: a reset is only proposed, and the account keeps its password and sessions', async () => {
    const old = await t.login('kaohe');
    const res = await t.call('POST', `/api/v1/admin/users/${await idOf('kaohe')}/reset-password`, { cookie: admin, body: { password: 'Reset#2026k' } });
    expect(res.statusCode).toBe(201);
    expect((await t.call('GET', '/api/v1/auth/me', { cookie: old })).statusCode).toBe(200);
    expect((await t.call('POST', '/api/v1/auth/login', { body: { username: 'kaohe', password: 'Reset#2026k' } })).statusCode).toBe(401);
  });

  it('is refused to everyone without user.manage, including the other two 三员', async () => {
    for (const who of ['secadmin', 'auditor', 'dangwei']) {
      const cookie = await t.login(who);
      expect((await t.call('GET', '/api/v1/admin/users', { cookie })).statusCode).toBe(403);
      expect((await t.call('POST', '/api/v1/admin/users', { cookie, body: { username: 'intruder', displayName: '入侵', password: 'Valid#2026x' } })).statusCode).toBe(403);
    }
    expect((await t.call('GET', '/api/v1/admin/users?keyword=intruder', { cookie: admin })).json().total).toBe(0);
  });
});

describe(`security policy by the 安全保密员 ${dialectLabel()}`, () => {
  it('changes the lockout threshold, which the next logins obey, and refuses nonsense', async () => {
    const sec = await t.login('secadmin');
    const current = (await t.call('GET', '/api/v1/settings/security', { cookie: sec })).json();
    // The per-address login allowance is raised by the test harness; the rest are the defaults.
    expect(current).toMatchObject({ idleTimeoutMinutes: 30, absoluteTimeoutHours: 12, maxFailedLogins: 5, lockoutMinutes: 15, passwordMinLength: 8, passwordHistory: 5, passwordMaxAgeDays: 180 });
    const bad = await t.call('PUT', '/api/v1/settings/security', { cookie: sec, body: { ...current, idleTimeoutMinutes: 0 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.idleTimeoutMinutes).toContain('空闲超时（分钟）');
    expect((await t.call('PUT', '/api/v1/settings/security', { cookie: sec, body: { ...current, maxFailedLogins: 3 } })).statusCode).toBe(200);
    for (let i = 0; i < 2; i++) expect((await t.call('POST', '/api/v1/auth/login', { body: { username: 'xz1', password: 'Wrong#pass1' } })).statusCode).toBe(401);
    expect((await t.call('POST', '/api/v1/auth/login', { body: { username: 'xz1', password: 'Wrong#pass1' } })).statusCode).toBe(423);
    expect((await t.call('GET', '/api/v1/settings/security', { cookie: admin })).statusCode).toBe(403);
  });
});
