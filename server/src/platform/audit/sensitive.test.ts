import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe(`audit of unmasked sensitive fields ${dialectLabel()}`, () => {
  it('records who saw which fields of which record, without the values, in the chain', async () => {
    const ctx = { tenantId: (await t.platform.db.selectFrom('users').select('tenant_id').where('username', '=', 'dangwei').executeTakeFirstOrThrow()).tenant_id, userId: 'u1', username: 'dangwei', ip: '10.0.0.8', requestId: 'r1' };
    await t.platform.audit.sensitiveView(ctx, { entity: 'member', entityId: 'm-42', fields: ['idNumber', 'phone'] });
    const row = await t.platform.db.selectFrom('audit_log').selectAll().where('action', '=', 'sensitive.view').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ username: 'dangwei', ip: '10.0.0.8', entity: 'member', entity_id: 'm-42' });
    expect(JSON.parse(row.after!)).toEqual({ fields: ['idNumber', 'phone'] });
    expect((await t.platform.audit.verify()).ok).toBe(true);
  });
});
