import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';

let t: TestApp;
let sec: string;
let roles: { id: string; code: string; separation: string | null }[];
const userId = async (username: string) =>
  (await t.platform.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
const roleId = (code: string) => roles.find((r) => r.code === code)!.id;
const grant = (cookie: string, username: string, role: string, org: string) =>
  Promise.all([userId(username), t.orgId(org)]).then(([u, o]) => t.call('POST', '/api/v1/admin/grants', { cookie, body: { userId: u, roleId: roleId(role), orgId: o } }));

beforeAll(async () => {
  t = await createTestApp();
  sec = await t.login('secadmin');
  roles = (await t.call('GET', '/api/v1/admin/roles', { cookie: sec })).json().items;
});
afterAll(async () => {
  await t.close();
});

describe(`三员分立 ${dialectLabel()}`, () => {
  it('refuses to give one account two of the three administrator roles', async () => {
    for (const [user, role] of [['admin', 'auditor'], ['admin', 'secadmin'], ['auditor', 'sysadmin']] as const) {
      const res = await grant(sec, user, role, '社区党委');
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('SEPARATION_OF_DUTIES');
      expect(res.json().error.message).toMatch(/^三员分立：/);
    }
    const held = await t.platform.db.selectFrom('grants').select('id').where('user_id', '=', await userId('admin')).where('revoked_at', 'is', null).execute();
    expect(held).toHaveLength(1);
  });

  it('refuses to mix an administrator role with a business role, either way round', async () => {
    expect((await grant(sec, 'admin', 'committeeAdmin', '社区党委')).json().error.code).toBe('SEPARATION_OF_DUTIES');
    expect((await grant(sec, 'dangwei', 'auditor', '社区党委')).json().error.code).toBe('SEPARATION_OF_DUTIES');
  });

  it('lets only the 安全保密员 grant roles, and never to themselves', async () => {
    for (const who of ['admin', 'dangwei', 'auditor']) {
      const cookie = await t.login(who);
      expect((await grant(cookie, 'kaohe', 'assessor', '机关第一党支部')).statusCode).toBe(403);
    }
    expect((await grant(sec, 'secadmin', 'committeeAdmin', '社区党委')).statusCode).toBe(400);
    expect((await grant(sec, 'kaohe', 'assessor', '机关第一党支部')).statusCode).toBe(201);
  });

  it('lets only the 安全审计员 read the audit log', async () => {
    for (const who of ['admin', 'secadmin', 'dangwei', 'zb1']) {
      const cookie = await t.login(who);
      expect((await t.call('GET', '/api/v1/audit', { cookie })).statusCode).toBe(403);
    }
    expect((await t.call('GET', '/api/v1/audit', { cookie: await t.login('auditor') })).statusCode).toBe(200);
  });

  it('gives the 系统管理员 no business-data permission', async () => {
    const admin = await t.login('admin');
    const me = (await t.call('GET', '/api/v1/auth/me', { cookie: admin })).json();
    expect(me.permissions).toEqual(expect.arrayContaining(['user.manage']));
    expect(me.permissions.filter((p: string) => /^(org|member|staff|info|orgLife|task|assessment|publicity)\./.test(p))).toEqual([]);
    expect((await t.call('GET', '/api/v1/orgs/tree', { cookie: admin })).statusCode).toBe(403);
  });

  it('lets the 安全保密员 look up users to grant to, showing nothing beyond name and username', async () => {
    const res = await t.call('GET', `/api/v1/admin/grantees?keyword=${encodeURIComponent('曾博彬')}`, { cookie: sec });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([{ id: await userId('zb1'), username: 'zb1', displayName: '曾博彬' }]);
    expect((await t.call('GET', '/api/v1/admin/grantees', { cookie: await t.login('admin') })).statusCode).toBe(403);
    expect((await t.call('GET', '/api/v1/admin/users', { cookie: sec })).statusCode).toBe(403);
  });

  it('refuses custom roles that carry a 三员 permission', async () => {
    const res = await t.call('POST', '/api/v1/admin/roles', { cookie: sec, body: { code: 'sneaky', name: '混合角色', permissions: ['org.read', 'audit.read'] } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('三员专用权限');
    const ok = await t.call('POST', '/api/v1/admin/roles', { cookie: sec, body: { code: 'orgViewer', name: '组织查看', permissions: ['org.read'] } });
    expect(ok.statusCode).toBe(201);
  });
});

describe(`a 安全保密员 over one branch ${dialectLabel()}`, () => {
  it('lists and offers only the grants and organisations of that branch', async () => {
    const admin = await t.login('admin');
    await t.call('POST', '/api/v1/admin/users', { cookie: admin, body: { username: 'secA', displayName: '支部保密员', password: 'Start#2026s' } });
    const first = await t.login('secA', 'Start#2026s');
    await t.call('POST', '/api/v1/auth/password', { cookie: first, body: { currentPassword: 'Start#2026s', newPassword: 'Branch#2026s' } });
    expect((await grant(sec, 'secA', 'secadmin', '机关第一党支部')).statusCode).toBe(201);
    const branchSec = await t.login('secA', 'Branch#2026s');

    const all = (await t.call('GET', '/api/v1/admin/grants?limit=200', { cookie: sec })).json().items as { orgName: string }[];
    expect(all.some((g) => g.orgName === '社区党委')).toBe(true);
    const own = await t.call('GET', '/api/v1/admin/grants?limit=200', { cookie: branchSec });
    expect(own.statusCode).toBe(200);
    const names = (own.json().items as { orgName: string }[]).map((g) => g.orgName);
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => n === '机关第一党支部' || n.startsWith('第'))).toBe(true);

    const orgs = (await t.call('GET', '/api/v1/admin/orgs', { cookie: branchSec })).json().items as { name: string; kind: string }[];
    expect(orgs[0]!.name).toBe('机关第一党支部');
    expect(orgs.slice(1).every((o) => o.kind === 'group')).toBe(true);
  });
});

describe(`organisation scope ${dialectLabel()}`, () => {
  let branchA: string;
  let branchB: string;
  let clerk: string;

  beforeAll(async () => {
    branchA = await t.orgId('机关第一党支部');
    branchB = await t.orgId('机关第二党支部');
    // A user with write rights over branch A only.
    const admin = await t.login('admin');
    await t.call('POST', '/api/v1/admin/users', { cookie: admin, body: { username: 'clerkA', displayName: '支部干事', password: 'Start#2026a' } });
    const c = await t.login('clerkA', 'Start#2026a');
    await t.call('POST', '/api/v1/auth/password', { cookie: c, body: { currentPassword: 'Start#2026a', newPassword: 'Branch#2026a' } });
    expect((await grant(sec, 'clerkA', 'committeeAdmin', '机关第一党支部')).statusCode).toBe(201);
    clerk = await t.login('clerkA', 'Branch#2026a');
  });

  it('sees its own branch and the groups under it, nothing else', async () => {
    const tree = (await t.call('GET', '/api/v1/orgs/tree', { cookie: clerk })).json().items as { id: string; kind: string }[];
    expect(tree).toHaveLength(5);
    expect(tree[0]!.id).toBe(branchA);
    expect(tree.slice(1).every((o) => o.kind === 'group')).toBe(true);
    expect((await t.call('GET', `/api/v1/orgs/${branchA}`, { cookie: clerk })).statusCode).toBe(200);
  });

  it('answers 404 for branch B, exactly as for an id that does not exist', async () => {
    const b = await t.call('GET', `/api/v1/orgs/${branchB}`, { cookie: clerk });
    const missing = await t.call('GET', '/api/v1/orgs/00000000-0000-7000-8000-00000000abcd', { cookie: clerk });
    expect(b.statusCode).toBe(404);
    expect(b.json().error.message).toBe(missing.json().error.message);
    const parent = await t.call('GET', `/api/v1/orgs/${await t.orgId('机关党总支')}`, { cookie: clerk });
    expect(parent.statusCode).toBe(404);
  });

  it('cannot change branch B, and branch B stays as it was', async () => {
    const res = await t.call('PATCH', `/api/v1/orgs/${branchB}`, { cookie: clerk, body: { name: '被篡改的支部' } });
    expect(res.statusCode).toBe(404);
    const row = await t.platform.db.selectFrom('organisations').select('name').where('id', '=', branchB).executeTakeFirstOrThrow();
    expect(row.name).toBe('机关第二党支部');
    const ok = await t.call('PATCH', `/api/v1/orgs/${branchA}`, { cookie: clerk, body: { name: '机关第一党支部（更名）' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().name).toBe('机关第一党支部（更名）');
  });

  it('a grant over the committee covers every branch', async () => {
    const dw = await t.login('dangwei');
    expect((await t.call('GET', '/api/v1/orgs/tree', { cookie: dw })).json().items).toHaveLength(34);
    expect((await t.call('GET', `/api/v1/orgs/${branchB}`, { cookie: dw })).statusCode).toBe(200);
  });

  it('a revoked grant stops working at once', async () => {
    const list = await t.call('GET', `/api/v1/admin/grants?userId=${await userId('clerkA')}`, { cookie: sec });
    const id = list.json().items[0].id;
    expect((await t.call('DELETE', `/api/v1/admin/grants/${id}`, { cookie: sec })).statusCode).toBe(204);
    expect((await t.call('GET', `/api/v1/orgs/${branchA}`, { cookie: clerk })).statusCode).toBe(403);
  });
});
