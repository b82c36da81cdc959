// Issue 16 item 9: a 通讯员's phone is encrypted at rest, masked for readers who may not see it, shown in clear
// only on an audited request by those who manage the team (or see members' sensitive fields), and the rows an
// older release stored in clear are encrypted by the migration.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, dialectLabel, freshDatabase, type TestApp } from '../../test/harness.js';
import { loadConfig } from '../../config.js';
import { openDatabase } from '../../db/connect.js';
import { migrateTo, migrateToLatest } from '../../db/migrate.js';
import { FieldCrypto } from '../../platform/crypto/fieldCrypto.js';
import { loadOrCreateKey } from '../../platform/crypto/keyFile.js';

const C = '/api/v1/publicity/correspondents';
/** The demo's first correspondent: tongxun, 机关第一党支部 (modules/publicity/demo.ts). */
const PHONE = '13909912000';

describe(`宣传 correspondents' phone numbers ${dialectLabel()}`, () => {
  let t: TestApp;
  let id: string;
  const as = (u: string) => t.login(u);
  const sensitiveViews = () => t.platform.db.selectFrom('audit_log').selectAll().where('action', '=', 'sensitive.view').where('entity', '=', 'correspondent').orderBy('seq').execute();

  beforeAll(async () => {
    t = await createTestApp();
    const tongxun = await t.platform.db.selectFrom('users').select('id').where('username', '=', 'tongxun').executeTakeFirstOrThrow();
    id = (await t.platform.db.selectFrom('publicity_correspondents').select('id').where('user_id', '=', tongxun.id).executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps no clear number in the database', async () => {
    const rows = await t.platform.db.selectFrom('publicity_correspondents').selectAll().execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(Object.keys(r)).not.toContain('phone');
      expect(r.phone_enc).toMatch(/^v1:/);
      expect(r.phone_enc).not.toMatch(/1\d{10}/);
    }
    const mine = rows.find((r) => r.id === id)!;
    expect(t.platform.fieldCrypto.decrypt(mine.phone_enc!)).toBe(PHONE);
  });

  it('shows the number masked (3 + 4) in the list and the record, to every reader', async () => {
    for (const user of ['weiyuan', 'tongxun', 'shenhe']) {
      const list = await t.call('GET', C, { cookie: await as(user) });
      expect(list.statusCode, user).toBe(200);
      expect(list.body).not.toContain(PHONE);
      expect(list.json().items.find((i: { id: string }) => i.id === id).phone).toBe('139****2000');
      const detail = await t.call('GET', `${C}/${id}`, { cookie: await as(user) });
      expect(detail.json().phone).toBe('139****2000');
      expect(detail.body).not.toContain(PHONE);
    }
  });

  it('refuses the clear number to a reader without the right, with nothing audited as seen', async () => {
    for (const user of ['weiyuan', 'tongxun']) {
      const cookie = await as(user);
      expect((await t.call('GET', `${C}/${id}`, { cookie })).json().canRevealPhone).toBe(false);
      const res = await t.call('POST', `${C}/${id}/phone`, { cookie });
      expect(res.statusCode, user).toBe(403);
      expect(res.json().error.message).toBe('您没有查看该通讯员联系电话的权限');
      expect(res.body).not.toContain(PHONE);
    }
    // Another branch's secretary does not see the correspondent at all.
    expect((await t.call('POST', `${C}/${id}/phone`, { cookie: await as('zb2') })).statusCode).toBe(404);
    expect(await sensitiveViews()).toHaveLength(0);
  });

  it('shows it in clear to the team’s editor and the branch secretary, each view audited', async () => {
    for (const user of ['shenhe', 'zb1']) {
      const cookie = await as(user);
      expect((await t.call('GET', `${C}/${id}`, { cookie })).json().canRevealPhone).toBe(true);
      const res = await t.call('POST', `${C}/${id}/phone`, { cookie });
      expect(res.statusCode, user).toBe(200);
      expect(res.json()).toEqual({ phone: PHONE });
    }
    const views = await sensitiveViews();
    expect(views.map((v) => [v.username, v.entity_id, JSON.parse(v.after!)])).toEqual([
      ['shenhe', id, { fields: ['phone'] }],
      ['zb1', id, { fields: ['phone'] }],
    ]);
    expect(views.every((v) => !`${v.before}${v.after}`.includes(PHONE))).toBe(true);
  });

  it('encrypts a number typed in, keeps it masked in the audit log, and refuses a masked number sent back', async () => {
    const cookie = await as('shenhe');
    const branch1 = await t.orgId('机关第一党支部');
    const created = await t.call('POST', C, { cookie, body: { orgId: branch1, name: '王五', phone: '13812345678', since: '2026-01-01' } });
    expect(created.statusCode, created.body).toBe(201);
    const newId = created.json().id as string;
    expect(created.json().phone).toBe('138****5678');
    const row = await t.platform.db.selectFrom('publicity_correspondents').selectAll().where('id', '=', newId).executeTakeFirstOrThrow();
    expect(row.phone_enc).not.toContain('13812345678');
    const entry = await t.platform.db.selectFrom('audit_log').selectAll().where('action', '=', 'publicity.correspondent.create').where('entity_id', '=', newId).executeTakeFirstOrThrow();
    expect(entry.after).not.toContain('13812345678');
    expect(JSON.parse(entry.after!).phone).toBe('138****5678');

    const masked = await t.call('PUT', `${C}/${newId}`, { cookie, body: { phone: '138****5678' } });
    expect(masked.statusCode).toBe(400);
    expect(masked.json().error.fields.phone).toBe('联系电话：只能填写数字、空格和 + - ( )');
    const after = await t.platform.db.selectFrom('publicity_correspondents').select('phone_enc').where('id', '=', newId).executeTakeFirstOrThrow();
    expect(after.phone_enc).toBe(row.phone_enc);

    // Leaving the phone out of a change keeps it; an empty one clears it.
    expect((await t.call('PUT', `${C}/${newId}`, { cookie, body: { note: '改备注' } })).json().phone).toBe('138****5678');
    expect((await t.call('PUT', `${C}/${newId}`, { cookie, body: { phone: '' } })).json().phone).toBeNull();
  });
});

describe(`migration 0017 encrypts the phone numbers stored before ${dialectLabel()}`, () => {
  it('turns every clear number into ciphertext the field key reads back, and drops the clear column', async () => {
    const fresh = await freshDatabase();
    const config = loadConfig(fresh.env);
    const data = openDatabase(config.dialect, config.databaseUrl);
    try {
      const crypto = new FieldCrypto(loadOrCreateKey(config.keyFile, null));
      await migrateTo(data.db, data.dialect, '0016_password_history');
      const at = '2026-01-01T00:00:00.000Z';
      const tenant = '0190d5a0-0000-7000-8000-0000000000aa';
      const org = '0190d5a0-0000-7000-8000-0000000000ab';
      await sql`insert into tenants (id, name, region_path, created_at) values (${tenant}, '测试党委', '/', ${at})`.execute(data.db);
      await sql`insert into organisations (tenant_id, id, parent_id, kind, name, path, depth, created_at, updated_at)
        values (${tenant}, ${org}, null, 'committee', '测试党委', ${`/${org}/`}, 0, ${at}, ${at})`.execute(data.db);
      const rows = [['0190d5a0-0000-7000-8000-0000000000b1', '13900001111'], ['0190d5a0-0000-7000-8000-0000000000b2', null]] as const;
      for (const [rid, phone] of rows) {
        await sql`insert into publicity_correspondents (tenant_id, id, org_id, org_path, name, phone, since, note, created_at, updated_at)
          values (${tenant}, ${rid}, ${org}, ${`/${org}/`}, '通讯员', ${phone}, '2025-01-01', '', ${at}, ${at})`.execute(data.db);
      }
      // Without the key there is no way to encrypt them: the migration stops instead of losing the numbers.
      await expect(migrateToLatest(data.db, data.dialect)).rejects.toThrow(/field-encryption key/);
      await migrateToLatest(data.db, data.dialect, crypto);
      const after = await data.db.selectFrom('publicity_correspondents').selectAll().orderBy('id').execute();
      expect(Object.keys(after[0]!)).not.toContain('phone');
      expect(after[0]!.phone_enc).not.toContain('13900001111');
      expect(crypto.decrypt(after[0]!.phone_enc!)).toBe('13900001111');
      expect(after[1]!.phone_enc).toBeNull();
    } finally {
      await data.close();
      await fresh.drop();
    }
  });
});
