// The actor's grants are cached per server process (actor.ts cachedGrants) behind the tenant's grant/role
// and organisation counters, which the session statement reads: a grant, role or organisation changed by
// another process, or directly in SQL, takes effect on the very next request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

interface Me { roles: { roleCode: string; orgName: string }[]; permissions: string[] }
const me = async (cookie: string) => (await t.call('GET', '/api/v1/auth/me', { cookie })).json() as Me;
const userId = async (username: string) =>
  (await t.platform.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

describe(`grant cache ${dialectLabel()}`, () => {
  it('a grant revoked in SQL is refused on the next request, and restored on the next one', async () => {
    const cookie = await t.login('zb1');
    const branch = await t.orgId('机关第一党支部');
    const members = () => t.call('GET', `/api/v1/members?orgId=${branch}&pageSize=5`, { cookie });
    expect((await members()).statusCode).toBe(200);
    expect((await members()).statusCode).toBe(200); // served from the cache

    const zb1 = await userId('zb1');
    const at = new Date().toISOString();
    await t.platform.db.updateTable('grants').set({ revoked_at: at }).where('user_id', '=', zb1).where('revoked_at', 'is', null).execute();
    const refused = await members();
    expect(refused.statusCode).toBe(403);
    expect((await me(cookie)).roles).toEqual([]);

    await t.platform.db.updateTable('grants').set({ revoked_at: null }).where('user_id', '=', zb1).where('revoked_at', '=', at).execute();
    expect((await members()).statusCode).toBe(200);
  });

  it('a role\'s permissions changed in SQL apply to every holder on the next request', async () => {
    const cookie = await t.login('zb1');
    expect((await me(cookie)).permissions).toContain('member.read');
    const role = await t.platform.db.selectFrom('roles').select(['id', 'permissions']).where('code', '=', 'secretary').executeTakeFirstOrThrow();
    const without = (JSON.parse(role.permissions) as string[]).filter((p) => p !== 'member.read');
    await t.platform.db.updateTable('roles').set({ permissions: JSON.stringify(without) }).where('id', '=', role.id).execute();
    expect((await me(cookie)).permissions).not.toContain('member.read');
    await t.platform.db.updateTable('roles').set({ permissions: role.permissions }).where('id', '=', role.id).execute();
    expect((await me(cookie)).permissions).toContain('member.read');
  });

  it('a renamed organisation shows in the grants on the next request', async () => {
    const cookie = await t.login('zb2');
    const before = (await me(cookie)).roles.map((r) => r.orgName);
    expect(before).toContain('机关第二党支部');
    await sql`update organisations set name = ${'机关二支部'} where name = ${'机关第二党支部'}`.execute(t.platform.db);
    const after = (await me(cookie)).roles.map((r) => r.orgName);
    expect(after).toContain('机关二支部');
    expect(after).not.toContain('机关第二党支部');
  });
});
