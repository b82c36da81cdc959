import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
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

describe(`audit entries written under the older 身份证号 mask ${dialectLabel()}`, () => {
  it('are shown (list and Excel) masked by today\'s rule, and the chain stays intact', async () => {
    const tenantId = (await t.platform.db.selectFrom('users').select('tenant_id').where('username', '=', 'dangwei').executeTakeFirstOrThrow()).tenant_id;
    const ctx = { tenantId, userId: 'u1', username: 'dangwei', ip: null, requestId: 'r2' };
    // As member.update wrote it before issue 16: the first 6 and last 4 beside the birth date rebuild the number.
    await t.platform.audit.recordAlone(ctx, {
      action: 'member.update', entity: 'member', entityId: 'm-old',
      before: { name: '旧甲', birthDate: '1949-12-31', idNumber: '110105********0021', phone: '138****5678' },
      after: { rows: [{ idNumber: '110105********002X' }] },
    });
    const auditor = await t.login('auditor');
    const page = (await t.call('GET', '/api/v1/audit?action=member.update', { cookie: auditor })).json();
    const entry = page.items.find((e: { entityId: string }) => e.entityId === 'm-old');
    expect(entry.before).toEqual({ name: '旧甲', birthDate: '1949-12-31', idNumber: '1*****************', phone: '138****5678' });
    expect(entry.after).toEqual({ rows: [{ idNumber: '1*****************' }] });
    const xlsx = await t.call('GET', '/api/v1/audit?action=member.update&format=xlsx', { cookie: auditor });
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const text = book.worksheets[0]!.getSheetValues().flat().map(String).join(' ');
    expect(text).toContain('1*****************');
    expect(text).not.toContain('110105*');
    expect((await t.platform.audit.verify()).ok).toBe(true);
  });
});
