// 三员分立 on accounts: a reset of another account's password and disabling another 三员 account take two 三员
// accounts of different classes; no single one reaches business data or silences another.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, DEMO_PASSWORD, type TestApp } from '../../test/harness.js';
import { insertUser } from './service.js';
import { insertGrant } from '../access/grants.js';
import { hashPassword } from '../crypto/password.js';
import { newId } from '../../db/ids.js';

let t: TestApp;
let admin: string;
const R = '/api/v1/admin/account-requests';
const idOf = async (username: string) => (await t.platform.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
const userRow = async (username: string) => t.platform.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
const loginStatus = async (username: string, password: string) => (await t.call('POST', '/api/v1/auth/login', { body: { username, password } })).statusCode;

/** A further account with a built-in role over the whole committee, its password the demo one. */
async function makeAccount(username: string, roleCode: string): Promise<string> {
  const tenant = (await userRow('admin')).tenant_id;
  const now = t.clock.now();
  const hash = await hashPassword(DEMO_PASSWORD);
  await t.platform.db.transaction().execute(async (trx) => {
    const userId = await insertUser(trx, { tenantId: tenant, username, displayName: username, passwordHash: hash, mustChangePassword: false, now });
    const role = await trx.selectFrom('roles').select('id').where('tenant_id', '=', tenant).where('code', '=', roleCode).executeTakeFirstOrThrow();
    const root = await trx.selectFrom('organisations').select('id').where('tenant_id', '=', tenant).where('parent_id', 'is', null).executeTakeFirstOrThrow();
    await insertGrant(trx, { tenantId: tenant, userId, roleId: role.id, orgId: root.id, createdBy: null, now });
  });
  return t.login(username);
}

async function proposeReset(username: string, cookie = admin) {
  const res = await t.call('POST', `/api/v1/admin/users/${await idOf(username)}/reset-password`, { cookie });
  expect(res.statusCode).toBe(201);
  return res.json<{ request: { id: string; approverClass: string; status: string }; partA: string }>();
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
});
afterAll(async () => {
  await t.close();
});

describe(`password reset needs two 三员 accounts ${dialectLabel()}`, () => {
  it('the 系统管理员 alone cannot sign in as a 党委管理员 after a reset: the old one-step reset sets no password', async () => {
    const before = (await userRow('dangwei')).password_hash;
    const res = await t.call('POST', `/api/v1/admin/users/${await idOf('dangwei')}/reset-password`, { cookie: admin, body: { password: 'Chosen#2026x' } });
    expect(res.statusCode).toBe(201);
    const { partA, request } = res.json();
    expect(request).toMatchObject({ status: 'pending', approverClass: 'secadmin', approverClassName: '安全保密员', kindName: '重置密码' });
    expect((await userRow('dangwei')).password_hash).toBe(before);
    expect(await loginStatus('dangwei', 'Chosen#2026x')).toBe(401);
    expect(await loginStatus('dangwei', partA)).toBe(401);
    // The 党委管理员 keeps working with the old password until someone else approves.
    expect(await loginStatus('dangwei', DEMO_PASSWORD)).toBe(200);
    // The 系统管理员 cannot approve it either, and a second request for the same account waits for the first.
    const self = await t.call('POST', `${R}/${request.id}/approve`, { cookie: admin });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.message).toBe('不能批准自己提出的申请');
    const again = await t.call('POST', `/api/v1/admin/users/${await idOf('dangwei')}/reset-password`, { cookie: admin });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('已有待批准的“重置密码”申请');
    expect((await t.call('POST', `${R}/${request.id}/cancel`, { cookie: admin })).statusCode).toBe(204);
  });

  it('the full two-person flow: each holds one half, the user signs in with both and must change the password first', async () => {
    const old = await t.login('kaohe');
    const { partA, request } = await proposeReset('kaohe');
    expect(partA).toMatch(/^[A-Za-z2-9]{6,}$/);
    const sec = await t.login('secadmin');
    const pending = (await t.call('GET', R, { cookie: sec })).json().items;
    expect(pending.map((r: { id: string; canDecide: boolean }) => [r.id, r.canDecide])).toEqual([[request.id, true]]);
    const todos = (await t.call('GET', '/api/v1/todos', { cookie: sec })).json();
    expect(todos.items.filter((i: { kind: string }) => i.kind === 'account.approve').map((i: { title: string; link: string }) => [i.title, i.link]))
      .toEqual([[`重置密码：${(await t.platform.db.selectFrom('users').select('display_name').where('username', '=', 'kaohe').executeTakeFirstOrThrow()).display_name}（kaohe），系统管理员申请`, '/admin/approvals']]);
    const approved = await t.call('POST', `${R}/${request.id}/approve`, { cookie: sec });
    expect(approved.statusCode).toBe(200);
    const { partB } = approved.json();
    expect(partB).toMatch(/^[A-Za-z2-9]{6,}$/);
    // Old sessions end; neither half alone opens the account; both together do, for a password change only.
    expect((await t.call('GET', '/api/v1/auth/me', { cookie: old })).statusCode).toBe(401);
    expect(await loginStatus('kaohe', partA)).toBe(401);
    expect(await loginStatus('kaohe', partB)).toBe(401);
    expect(await loginStatus('kaohe', DEMO_PASSWORD)).toBe(401);
    const fresh = await t.login('kaohe', partA + partB);
    expect((await t.call('GET', '/api/v1/auth/me', { cookie: fresh })).json().user.mustChangePassword).toBe(true);
    const blocked = await t.call('GET', '/api/v1/assessment/rounds', { cookie: fresh });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await t.call('POST', '/api/v1/auth/password', { cookie: fresh, body: { currentPassword: partA + partB, newPassword: 'Scorer#Own2026' } })).statusCode).toBe(204);
    expect(await loginStatus('kaohe', 'Scorer#Own2026')).toBe(200);
    // A decided request is closed: no second approval, nothing left of part A, and the audit never holds a half.
    expect((await t.call('POST', `${R}/${request.id}/approve`, { cookie: sec })).statusCode).toBe(409);
    const row = await t.platform.db.selectFrom('account_requests').selectAll().where('id', '=', request.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'approved', part_a: null });
    const audit = await t.platform.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('action', 'in', ['account.request.create', 'account.request.approve', 'user.password.reset']).execute();
    expect(new Set(audit.map((a) => a.action))).toEqual(new Set(['account.request.create', 'account.request.approve', 'user.password.reset']));
    const allAudit = JSON.stringify(await t.platform.db.selectFrom('audit_log').selectAll().execute());
    expect(allAudit).not.toContain(partA);
    expect(allAudit).not.toContain(partB);
  });

  it('neither the same class, the proposer, the target nor a business role may approve', async () => {
    const admin2 = await makeAccount('admin2', 'sysadmin');
    const { request } = await proposeReset('zb1');
    const same = await t.call('POST', `${R}/${request.id}/approve`, { cookie: admin2 });
    expect(same.statusCode).toBe(403);
    expect(same.json().error.message).toBe('此申请须由安全保密员处理');
    const aud = await t.login('auditor');
    expect((await t.call('POST', `${R}/${request.id}/approve`, { cookie: aud })).statusCode).toBe(404);
    const dangwei = await t.login('dangwei');
    expect((await t.call('POST', `${R}/${request.id}/approve`, { cookie: dangwei })).statusCode).toBe(403);
    expect((await t.call('GET', R, { cookie: dangwei })).statusCode).toBe(403);
    // Refusing follows the same rule as approving, and a refused attempt leaves the request pending.
    expect((await t.call('POST', `${R}/${request.id}/refuse`, { cookie: admin2 })).statusCode).toBe(403);
    expect((await t.call('POST', `${R}/${request.id}/refuse`, { cookie: dangwei })).statusCode).toBe(403);
    expect((await t.platform.db.selectFrom('account_requests').select('status').where('id', '=', request.id).executeTakeFirstOrThrow()).status).toBe('pending');
    // Only the 系统管理员 proposes account acts, only the 安全保密员 a role's revoking.
    const secCookie = await t.login('secadmin');
    expect((await t.call('POST', `/api/v1/admin/users/${await idOf('zb1')}/reset-password`, { cookie: secCookie })).statusCode).toBe(403);
    expect((await t.call('POST', `/api/v1/admin/users/${await idOf('auditor')}/status-request`, { cookie: dangwei, body: { disabled: true } })).statusCode).toBe(403);
    const audGrant = (await t.call('GET', `/api/v1/admin/grants?userId=${await idOf('auditor')}`, { cookie: secCookie })).json().items[0];
    expect((await t.call('POST', `/api/v1/admin/grants/${audGrant.id}/revoke-request`, { cookie: admin })).statusCode).toBe(403);
    expect((await t.platform.db.selectFrom('account_requests').select('id').where('status', '=', 'pending').execute())).toHaveLength(1);
    // The proposer's colleague cannot withdraw it; only the proposer can.
    expect((await t.call('POST', `${R}/${request.id}/cancel`, { cookie: admin2 })).statusCode).toBe(403);
    expect((await t.call('POST', `${R}/${request.id}/cancel`, { cookie: admin })).statusCode).toBe(204);

    // The 安全保密员's own reset is decided by the 安全审计员, never by the 安全保密员 themself.
    const sec = await t.login('secadmin');
    const own = await proposeReset('secadmin');
    expect(own.request.approverClass).toBe('auditor');
    const selfApprove = await t.call('POST', `${R}/${own.request.id}/approve`, { cookie: sec });
    expect(selfApprove.statusCode).toBe(403);
    expect(selfApprove.json().error.message).toBe('不能处理针对自己账号的申请');
    expect((await t.call('POST', `${R}/${own.request.id}/refuse`, { cookie: aud })).statusCode).toBe(204);
    expect(await loginStatus('secadmin', DEMO_PASSWORD)).toBe(200);
    // Nobody resets their own password here: that is 修改密码.
    const selfReset = await t.call('POST', `/api/v1/admin/users/${await idOf('admin')}/reset-password`, { cookie: admin });
    expect(selfReset.statusCode).toBe(409);
  });

  it('an expired, cancelled or refused request changes nothing', async () => {
    const before = (await userRow('zb2')).password_hash;
    const cancelled = await proposeReset('zb2');
    expect((await t.call('POST', `${R}/${cancelled.request.id}/cancel`, { cookie: admin })).statusCode).toBe(204);
    let sec = await t.login('secadmin');
    const late = await t.call('POST', `${R}/${cancelled.request.id}/approve`, { cookie: sec });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toBe('该申请已处理，不能再次处理');

    const expiring = await proposeReset('zb2');
    t.clock.advanceMinutes(24 * 60 + 1);
    sec = await t.login('secadmin');
    const expired = await t.call('POST', `${R}/${expiring.request.id}/approve`, { cookie: sec });
    expect(expired.statusCode).toBe(409);
    expect(expired.json().error.message).toContain('申请已过期');
    expect((await t.call('GET', R, { cookie: sec })).json().items).toEqual([]);
    expect((await t.call('GET', `${R}?status=all`, { cookie: sec })).json().items.find((r: { id: string }) => r.id === expiring.request.id).status).toBe('expired');
    expect((await userRow('zb2')).password_hash).toBe(before);
    expect(await loginStatus('zb2', DEMO_PASSWORD)).toBe(200);
    // The lapsed request no longer blocks a new one.
    admin = await t.login('admin');
    const next = await proposeReset('zb2');
    expect((await t.call('POST', `${R}/${next.request.id}/cancel`, { cookie: admin })).statusCode).toBe(204);
  });

  it('two approvals at the same moment apply once', async () => {
    const sec2 = await makeAccount('secadmin2', 'secadmin');
    const sec = await t.login('secadmin');
    const { request, partA } = await proposeReset('zb3');
    const [a, b] = await Promise.all([
      t.call('POST', `${R}/${request.id}/approve`, { cookie: sec }),
      t.call('POST', `${R}/${request.id}/approve`, { cookie: sec2 }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const winner = (a.statusCode === 200 ? a : b).json().partB as string;
    expect(await loginStatus('zb3', partA + winner)).toBe(200);
    const approvals = await t.platform.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'account.request.approve').where('entity_id', '=', request.id).execute();
    expect(approvals).toHaveLength(1);
  });
});

describe(`disabling another 三员 account needs a second 三员 ${dialectLabel()}`, () => {
  it('the 系统管理员 cannot disable the 安全审计员 alone; the 安全保密员 approves, and enabling again is approved too', async () => {
    const aud = await t.login('auditor');
    // The page learns which accounts are 三员 (their status changes go through a request).
    const listed = (await t.call('GET', '/api/v1/admin/users?keyword=auditor', { cookie: admin })).json().items[0];
    expect(listed.adminClass).toBe('auditor');
    expect((await t.call('GET', '/api/v1/admin/users?keyword=tongxun', { cookie: admin })).json().items[0].adminClass).toBeNull();
    const alone = await t.call('PATCH', `/api/v1/admin/users/${await idOf('auditor')}`, { cookie: admin, body: { disabled: true } });
    expect(alone.statusCode).toBe(409);
    expect(alone.json().error.message).toContain('须经另一名三员批准');
    expect((await userRow('auditor')).disabled).toBe(0);
    expect((await t.call('GET', '/api/v1/auth/me', { cookie: aud })).statusCode).toBe(200);
    // Renaming stays a one-person act.
    expect((await t.call('PATCH', `/api/v1/admin/users/${await idOf('auditor')}`, { cookie: admin, body: { displayName: '审计员' } })).statusCode).toBe(200);

    const req = await t.call('POST', `/api/v1/admin/users/${await idOf('auditor')}/status-request`, { cookie: admin, body: { disabled: true } });
    expect(req.statusCode).toBe(201);
    expect(req.json()).toMatchObject({ kind: 'account.disable', approverClass: 'secadmin', status: 'pending' });
    expect((await t.call('POST', `${R}/${req.json().id}/approve`, { cookie: aud })).statusCode).toBe(403);
    const sec = await t.login('secadmin');
    const ok = await t.call('POST', `${R}/${req.json().id}/approve`, { cookie: sec });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().partB).toBeNull();
    expect((await t.call('GET', '/api/v1/auth/me', { cookie: aud })).statusCode).toBe(401);
    expect(await loginStatus('auditor', DEMO_PASSWORD)).toBe(403);

    const enableAlone = await t.call('PATCH', `/api/v1/admin/users/${await idOf('auditor')}`, { cookie: admin, body: { disabled: false } });
    expect(enableAlone.statusCode).toBe(409);
    const enable = (await t.call('POST', `/api/v1/admin/users/${await idOf('auditor')}/status-request`, { cookie: admin, body: { disabled: false } })).json();
    expect((await t.call('POST', `${R}/${enable.id}/approve`, { cookie: sec })).statusCode).toBe(200);
    expect(await loginStatus('auditor', DEMO_PASSWORD)).toBe(200);
  });

  it('the 安全保密员 is disabled only with the 安全审计员\'s approval; an ordinary account needs no request', async () => {
    const req = (await t.call('POST', `/api/v1/admin/users/${await idOf('secadmin')}/status-request`, { cookie: admin, body: { disabled: true } })).json();
    expect(req.approverClass).toBe('auditor');
    const sec = await t.login('secadmin');
    expect((await t.call('POST', `${R}/${req.id}/approve`, { cookie: sec })).statusCode).toBe(403);
    expect((await t.call('POST', `${R}/${req.id}/cancel`, { cookie: admin })).statusCode).toBe(204);
    const plain = await t.call('POST', `/api/v1/admin/users/${await idOf('tongxun')}/status-request`, { cookie: admin, body: { disabled: true } });
    expect(plain.statusCode).toBe(409);
    expect(plain.json().error.message).toBe('普通账号可直接停用或启用，无需申请');
  });
});

describe(`taking a 三员 role away needs a third 三员 ${dialectLabel()}`, () => {
  it('the 安全保密员 cannot revoke the 安全审计员\'s role alone; the 系统管理员 approves it', async () => {
    const sec = await t.login('secadmin');
    let aud = await t.login('auditor');
    const grant = (await t.call('GET', `/api/v1/admin/grants?userId=${await idOf('auditor')}`, { cookie: sec })).json().items[0];
    const alone = await t.call('DELETE', `/api/v1/admin/grants/${grant.id}`, { cookie: sec });
    expect(alone.statusCode).toBe(409);
    expect(alone.json().error.message).toContain('须经另一名三员批准');
    expect((await t.call('GET', '/api/v1/audit', { cookie: aud })).statusCode).toBe(200);

    const req = await t.call('POST', `/api/v1/admin/grants/${grant.id}/revoke-request`, { cookie: sec });
    expect(req.statusCode).toBe(201);
    expect(req.json()).toMatchObject({ kind: 'grant.revoke', kindName: '收回三员角色', approverClass: 'sysadmin', canCancel: true });
    expect((await t.call('POST', `${R}/${req.json().id}/approve`, { cookie: sec })).statusCode).toBe(403);
    expect((await t.call('POST', `${R}/${req.json().id}/approve`, { cookie: aud })).statusCode).toBe(403);
    expect((await t.call('GET', '/api/v1/audit', { cookie: aud })).statusCode).toBe(200);
    // The 系统管理员 sees it among their 待办 and approves; the role is gone at once.
    const todos = (await t.call('GET', '/api/v1/todos', { cookie: admin })).json().items.filter((i: { kind: string }) => i.kind === 'account.approve');
    expect(todos.map((i: { link: string }) => i.link)).toEqual(['/admin/users']);
    expect((await t.call('POST', `${R}/${req.json().id}/approve`, { cookie: admin })).statusCode).toBe(200);
    aud = await t.login('auditor');
    expect((await t.call('GET', '/api/v1/audit', { cookie: aud })).statusCode).toBe(403);
    // Business grants stay a one-person act of the 安全保密员 (covered in access.test.ts); a business grant is no 三员 grant here.
    const business = (await t.call('GET', `/api/v1/admin/grants?userId=${await idOf('dangwei')}`, { cookie: sec })).json().items[0];
    expect((await t.call('POST', `/api/v1/admin/grants/${business.id}/revoke-request`, { cookie: sec })).statusCode).toBe(404);
  });
});

describe(`what the 系统管理员 still does alone grants no business data ${dialectLabel()}`, () => {
  it('an account it creates has no role, whatever the request says, so its known password opens nothing', async () => {
    const res = await t.call('POST', '/api/v1/admin/users', { cookie: admin, body: { username: 'shadow', displayName: '影子', password: 'Shade#2026x', roles: ['committeeAdmin'], roleId: 'committeeAdmin' } });
    expect(res.statusCode).toBe(201);
    const cookie = await t.login('shadow', 'Shade#2026x');
    expect((await t.call('POST', '/api/v1/auth/password', { cookie, body: { currentPassword: 'Shade#2026x', newPassword: 'Shade#2026y' } })).statusCode).toBe(204);
    const me = (await t.call('GET', '/api/v1/auth/me', { cookie })).json();
    expect(me.roles).toEqual([]);
    expect(me.permissions).toEqual([]);
    expect((await t.call('GET', '/api/v1/members', { cookie })).statusCode).toBe(403);
    expect((await t.call('GET', '/api/v1/staff', { cookie })).statusCode).toBe(403);
  });
});

describe(`account requests stay inside their tenant ${dialectLabel()}`, () => {
  it('answers 404 for another tenant\'s account or request and changes nothing', async () => {
    const now = t.clock.now();
    const other = newId();
    await t.platform.db.insertInto('tenants').values({ id: other, name: '另一社区党委', region_path: '/', created_at: now.toISOString() }).execute();
    const theirs = await t.platform.db.transaction().execute((trx) =>
      insertUser(trx, { tenantId: other, username: 'elsewhere', displayName: '外委', passwordHash: 'x', mustChangePassword: false, now }));
    const reqId = newId();
    await t.platform.db.insertInto('account_requests').values({
      tenant_id: other, id: reqId, kind: 'account.disable', target_user_id: theirs, approver_class: 'secadmin', status: 'pending', part_a: null,
      proposed_by: theirs, proposed_at: now.toISOString(), expires_at: new Date(now.getTime() + 3600_000).toISOString(), decided_by: null, decided_at: null,
    }).execute();
    expect((await t.call('POST', `/api/v1/admin/users/${theirs}/reset-password`, { cookie: admin })).statusCode).toBe(404);
    expect((await t.call('POST', `/api/v1/admin/users/${theirs}/status-request`, { cookie: admin, body: { disabled: true } })).statusCode).toBe(404);
    const sec = await t.login('secadmin');
    for (const action of ['approve', 'refuse']) expect((await t.call('POST', `${R}/${reqId}/${action}`, { cookie: sec })).statusCode).toBe(404);
    expect((await t.call('POST', `${R}/${reqId}/cancel`, { cookie: admin })).statusCode).toBe(404);
    expect((await t.call('GET', `${R}?status=all`, { cookie: admin })).json().items.some((r: { id: string }) => r.id === reqId)).toBe(false);
    const row = await t.platform.db.selectFrom('account_requests').select('status').where('tenant_id', '=', other).where('id', '=', reqId).executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
  });
});
