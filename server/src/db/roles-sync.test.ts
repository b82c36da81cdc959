import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../test/harness.js';
import { migrateToLatest } from './migrate.js';
import { BUILTIN_ROLES } from '../platform/access/roles.js';

// An installation made before a module existed has built-in roles without that module's permissions; the
// next start (migrate) must give them, since nobody can edit a built-in role by hand.
describe(`built-in roles follow the code on migrate ${dialectLabel()}`, () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(); });
  afterAll(async () => { await t.close(); });

  const permissionsOf = async (code: string) => {
    const row = await t.platform.db.selectFrom('roles').select('permissions').where('code', '=', code).executeTakeFirstOrThrow();
    return JSON.parse(row.permissions) as string[];
  };

  it('restores a built-in role stored with an older permission list, and leaves custom roles alone', async () => {
    const admin = await t.login('secadmin');
    const created = await t.call('POST', '/api/v1/admin/roles', { cookie: admin, body: { code: 'pressOnly', name: '只看稿件', description: '', permissions: ['publicity.read'] } });
    expect(created.statusCode).toBe(201);
    await t.platform.db.updateTable('roles').set({ permissions: JSON.stringify(['org.read']) }).where('code', '=', 'secretary').execute();

    const before = await t.login('zb2');
    expect((await t.call('GET', '/api/v1/members?pageSize=1', { cookie: before })).statusCode).toBe(403);

    await migrateToLatest(t.platform.db, t.platform.data.dialect);

    expect(await permissionsOf('secretary')).toEqual(BUILTIN_ROLES.find((r) => r.code === 'secretary')!.permissions);
    expect(await permissionsOf('pressOnly')).toEqual(['publicity.read']);
    const after = await t.login('zb2');
    expect((await t.call('GET', '/api/v1/members?pageSize=1', { cookie: after })).statusCode).toBe(200);
  });
});
