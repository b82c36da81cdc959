// A person's 住址 follows the privacy rule of the 身份证号 and phone beside it (docs/DOMAIN.md, Privacy): encrypted at
// rest, masked in every list, record, export, history and audit entry, in clear only through the audited reveal
// or an unmasked export, and the addresses an older release stored in clear are encrypted by migration 0028.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { createTestApp, dialectLabel, freshDatabase, type TestApp } from '../../test/harness.js';
import { loadConfig } from '../../config.js';
import { openDatabase } from '../../db/connect.js';
import { migrateTo, migrateToLatest } from '../../db/migrate.js';
import { FieldCrypto } from '../../platform/crypto/fieldCrypto.js';
import { loadOrCreateKey } from '../../platform/crypto/keyFile.js';
import { maskAddress, remaskStored } from '../../platform/crypto/mask.js';
import { makeIdNumber } from './idNumber.js';
import { accountWithRole } from './testing.js';

const ADDRESS = '平顶山市新华区建设路12号院3号楼2单元501室';
const MASK = `平顶山市新华${'＊'.repeat(Array.from(ADDRESS).length - 6)}`;
const NEW_ADDRESS = '平顶山市卫东区光明路8号院1号楼1单元102室';

describe('the address mask', () => {
  it('keeps at most six characters and at most a third, keeps the length, and masks a mask to itself', () => {
    expect(maskAddress(ADDRESS)).toBe(MASK);
    expect(maskAddress('建设路12号院3号楼')).toBe('建设路＊＊＊＊＊＊＊');
    expect(maskAddress('3号楼')).toBe('3＊＊');
    expect(maskAddress('5栋')).toBe('＊＊');
    expect(maskAddress('')).toBe('');
    for (const v of [ADDRESS, NEW_ADDRESS, '建设路12号院3号楼', '3号楼']) expect(maskAddress(maskAddress(v))).toBe(maskAddress(v));
  });

  it('masks addresses kept in clear by older history and audit entries, and leaves a mask as written', () => {
    expect(remaskStored({ address: ADDRESS, nested: [{ address: NEW_ADDRESS, name: '甲' }], phone: '138****5678' }))
      .toEqual({ address: MASK, nested: [{ address: maskAddress(NEW_ADDRESS), name: '甲' }], phone: '138****5678' });
    expect(remaskStored({ address: MASK })).toEqual({ address: MASK });
    // The volunteer register's constant mask stays as it was written.
    expect(remaskStored({ address: '******' })).toEqual({ address: '******' });
  });
});

describe(`住址 of staff and members ${dialectLabel()}`, () => {
  let t: TestApp;
  let dw: string;
  let shuji: string; // 书记 of 机关第一党支部: member.sensitive there
  let weiyuan: string; // 委员 of 机关第一党支部: reads and writes members, no member.sensitive
  let unitId: string;
  let branch1: string;
  let seq = 500;
  const person = (name: string, address: string | null) => {
    seq += 2;
    return { name, gender: 'male', birthDate: '1986-03-14', idNumber: makeIdNumber('410402', '1986-03-14', seq + 1), phone: '13912345678', employment: 'active', unitId, address };
  };
  const staffRow = (id: string) => t.platform.db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const storedAddress = async (id: string) => {
    const r = await staffRow(id);
    return r.address_enc === null ? null : t.platform.fieldCrypto.decrypt(r.address_enc);
  };
  const lastAudit = (action: string) => t.platform.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('seq', 'desc').executeTakeFirstOrThrow();
  async function sheetColumn(res: { rawPayload: Buffer }, header: string): Promise<string[]> {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const headers = (sheet.getRow(1).values as string[]).slice(1);
    expect(headers).toContain(header);
    return sheet.getRows(2, sheet.rowCount - 1)!.map((r) => r.getCell(headers.indexOf(header) + 1).text);
  }

  beforeAll(async () => {
    t = await createTestApp();
    dw = await t.login('dangwei');
    shuji = await accountWithRole(t, 'addr_shuji', '住址书记', 'secretary', '机关第一党支部');
    weiyuan = await accountWithRole(t, 'addr_weiyuan', '住址委员', 'committeeMember', '机关第一党支部');
    branch1 = await t.orgId('机关第一党支部');
    const unit = await t.call('POST', '/api/v1/units', { cookie: dw, body: { kind: 'office', name: '住址测试科' } });
    expect(unit.statusCode, unit.body).toBe(201);
    unitId = unit.json().id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps no clear address in the database, the seeded ones included', async () => {
    const rows = await t.platform.db.selectFrom('staff').selectAll().execute();
    expect(rows.length).toBeGreaterThan(100);
    for (const r of rows) {
      expect(Object.keys(r)).not.toContain('address');
      if (r.address_enc !== null) expect(r.address_enc).toMatch(/^v1:/);
    }
    expect(rows.filter((r) => r.address_enc !== null).length).toBeGreaterThan(100);
    expect(t.platform.fieldCrypto.decrypt(rows.find((r) => r.address_enc)!.address_enc!)).toMatch(/号院\d+号楼\d单元\d+室$/);
  });

  it('staff: stored encrypted; the answer, list, record and export show the mask; reveal and an unmasked export show it, audited', async () => {
    const created = await t.call('POST', '/api/v1/staff', { cookie: dw, body: person('住址甲', ADDRESS) });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect(created.json().address).toBe(MASK);
    const row = await staffRow(id);
    expect(row.address_enc).not.toContain('建设路');
    expect(await storedAddress(id)).toBe(ADDRESS);
    // The create's audit entry holds the mask only.
    const audit = await lastAudit('staff.create');
    expect(audit.after).toContain(MASK);
    expect(audit.after).not.toContain('12号院');

    const list = (await t.call('GET', '/api/v1/staff?keyword=住址甲', { cookie: dw })).json();
    expect(list.items.map((i: { address: string }) => i.address)).toEqual([MASK]);
    expect((await t.call('GET', `/api/v1/staff/${id}?reveal=true`, { cookie: dw })).json().address).toBe(MASK);
    expect(await sheetColumn(await t.call('GET', '/api/v1/staff/export.xlsx?keyword=住址甲', { cookie: dw }), '住址')).toEqual([MASK]);

    const views = async () => (await t.platform.db.selectFrom('audit_log').select('seq').where('action', '=', 'sensitive.view').execute()).length;
    const before = await views();
    const revealed = await t.call('POST', `/api/v1/staff/${id}/reveal`, { cookie: dw });
    expect(revealed.json()).toMatchObject({ address: ADDRESS, masked: false });
    const entry = await lastAudit('sensitive.view');
    expect(JSON.parse(entry.after!)).toEqual({ fields: ['idNumber', 'phone', 'address'] });
    expect(entry.entity_id).toBe(id);
    const clear = await t.call('POST', '/api/v1/staff/export.xlsx', { cookie: dw, body: { keyword: '住址甲', unmasked: true } });
    expect(await sheetColumn(clear, '住址')).toEqual([ADDRESS]);
    expect(JSON.parse((await lastAudit('sensitive.view')).after!)).toMatchObject({ fields: ['idNumber', 'phone', 'address'], export: true, count: 1 });
    expect(await views()).toBe(before + 2);

    // Without member.sensitive over the committee: no clear address, nothing audited as seen.
    expect((await t.call('POST', `/api/v1/staff/${id}/reveal`, { cookie: shuji })).statusCode).toBe(403);
    expect(await views()).toBe(before + 2);
  });

  it('members: masked to a reader without member.sensitive, in clear only through the secretary\'s audited reveal', async () => {
    const body = { ...person('住址乙', ADDRESS), branchId: branch1, type: 'full', joinedOn: '2012-07-01', confirmedOn: '2013-07-01' };
    const created = await t.call('POST', '/api/v1/members', { cookie: dw, body });
    expect(created.statusCode, created.body).toBe(201);
    const member = created.json();
    expect(member.address).toBe(MASK);
    expect(await storedAddress(member.staffId)).toBe(ADDRESS);

    const list = (await t.call('GET', '/api/v1/members?keyword=住址乙', { cookie: weiyuan })).json();
    expect(list.items.map((i: { address: string }) => i.address)).toEqual([MASK]);
    expect((await t.call('GET', `/api/v1/members/${member.id}`, { cookie: weiyuan })).json().address).toBe(MASK);
    const refused = await t.call('POST', `/api/v1/members/${member.id}/reveal`, { cookie: weiyuan });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain('建设路');

    const revealed = await t.call('POST', `/api/v1/members/${member.id}/reveal`, { cookie: shuji });
    expect(revealed.json()).toMatchObject({ address: ADDRESS, masked: false });
    const entry = await lastAudit('sensitive.view');
    expect(entry).toMatchObject({ entity: 'member', entity_id: member.id });
    expect(JSON.parse(entry.after!)).toEqual({ fields: ['idNumber', 'phone', 'address'] });
  });

  it('an edit of other fields keeps the address; a mask sent back is refused and changes nothing; a change is recorded masked', async () => {
    const staff = (await t.call('POST', '/api/v1/staff', { cookie: dw, body: person('住址丙', ADDRESS) })).json();
    expect((await t.call('PATCH', `/api/v1/staff/${staff.id}`, { cookie: dw, body: { post: '干事' } })).json()).toMatchObject({ post: '干事', address: MASK });
    expect(await storedAddress(staff.id)).toBe(ADDRESS);

    // The form's masked value saved back would replace the address with its stars.
    const stored = (await staffRow(staff.id)).address_enc;
    const back = await t.call('PATCH', `/api/v1/staff/${staff.id}`, { cookie: dw, body: { address: MASK, post: '科员' } });
    expect(back.statusCode).toBe(400);
    expect(back.json().error.fields.address).toMatch(/住址不能含“＊”/);
    expect(await staffRow(staff.id)).toMatchObject({ address_enc: stored, post: '干事' });

    const body = { ...person('住址丁', ADDRESS), branchId: branch1, type: 'full', joinedOn: '2012-07-01', confirmedOn: '2013-07-01' };
    const member = (await t.call('POST', '/api/v1/members', { cookie: dw, body })).json();
    const edited = await t.call('PATCH', `/api/v1/members/${member.id}`, { cookie: weiyuan, body: { phone: '13700001111', reason: '核对' } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(await storedAddress(member.staffId)).toBe(ADDRESS);

    const moved = await t.call('PATCH', `/api/v1/members/${member.id}`, { cookie: weiyuan, body: { address: NEW_ADDRESS, reason: '搬家' } });
    expect(moved.json().address).toBe(maskAddress(NEW_ADDRESS));
    expect(await storedAddress(member.staffId)).toBe(NEW_ADDRESS);
    const [change] = (await t.call('GET', `/api/v1/members/${member.id}/history`, { cookie: weiyuan })).json().items;
    expect(change).toMatchObject({ kind: 'edited', before: { address: MASK }, after: { address: maskAddress(NEW_ADDRESS) } });
    // Neither the history nor the audit log keeps either address in clear.
    const events = await t.platform.db.selectFrom('member_events').select(['before', 'after']).where('member_id', '=', member.id).execute();
    const audits = await t.platform.db.selectFrom('audit_log').select(['before', 'after']).where('entity_id', 'in', [member.id, member.staffId]).execute();
    for (const text of [...events, ...audits].flatMap((e) => [e.before ?? '', e.after ?? ''])) {
      expect(text).not.toContain('建设路12号院');
      expect(text).not.toContain('光明路8号院');
    }

    // A change of 住址 recorded in clear by the release before is masked when read.
    await t.platform.db.insertInto('member_events').values({
      tenant_id: (await staffRow(member.staffId)).tenant_id, id: 'old-clear-address', member_id: member.id, kind: 'edited', occurred_on: '2020-01-01',
      reason: '旧记录', before: JSON.stringify({ address: NEW_ADDRESS }), after: JSON.stringify({ address: ADDRESS }), recorded_by: null, recorded_at: '2020-01-01T00:00:00.000Z',
    }).execute();
    const old = (await t.call('GET', `/api/v1/members/${member.id}/history`, { cookie: weiyuan })).json().items.find((e: { id: string }) => e.id === 'old-clear-address');
    expect(old).toMatchObject({ before: { address: maskAddress(NEW_ADDRESS) }, after: { address: MASK } });
  });

  it('the staff import stores the address encrypted, and the same address again is no change', async () => {
    const upload = async (address: string) => {
      const book = new ExcelJS.Workbook();
      const ws = book.addWorksheet('员工');
      ws.addRow(['姓名', '性别', '身份证号', '出生日期', '手机号码', '所在单位', '在岗状态', '住址']);
      ws.addRow(['住址戊', '男', makeIdNumber('410402', '1979-09-09', 901), '1979-09-09', '13512345678', '住址测试科', '在岗', address]);
      const file = Buffer.from(await book.xlsx.writeBuffer());
      const boundary = '----djaddress' + Math.random().toString(16).slice(2);
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="staff.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`),
        file, Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return (await t.app.inject({ method: 'POST', url: '/api/v1/staff/import?dryRun=false', headers: { cookie: dw, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload })).json();
    };
    expect(await upload(ADDRESS)).toMatchObject({ committed: true, created: 1 });
    const row = await t.platform.db.selectFrom('staff').selectAll().where('name', '=', '住址戊').executeTakeFirstOrThrow();
    expect(row.address_enc).not.toContain('建设路');
    expect(await storedAddress(row.id)).toBe(ADDRESS);
    expect(await upload(ADDRESS)).toMatchObject({ committed: true, unchanged: 1 });
    // A masked address (a masked export filled back in) is a row problem, not a new address.
    const masked = await upload(MASK);
    expect(masked).toMatchObject({ committed: false });
    expect(masked.problems).toEqual([expect.objectContaining({ column: '住址', message: expect.stringMatching(/住址不能含/) })]);
    expect(await storedAddress(row.id)).toBe(ADDRESS);
  });
});

/** The names of the staff table's triggers and indexes (dialect by dialect). */
async function staffSchemaObjects(db: Kysely<Database>, dialect: string): Promise<string[]> {
  const rows = dialect === 'postgres'
    ? await sql<{ name: string }>`select tgname as name from pg_trigger where tgrelid = 'staff'::regclass and not tgisinternal
        union all select indexname as name from pg_indexes where tablename = 'staff'`.execute(db)
    : await sql<{ name: string }>`select name from sqlite_master where tbl_name = 'staff' and type in ('trigger', 'index')`.execute(db);
  return rows.rows.map((r) => r.name).sort();
}

describe(`migration 0028 encrypts the addresses stored before ${dialectLabel()}`, () => {
  it('turns every clear address into ciphertext the field key reads back, drops the clear column, keeps the triggers and indexes', async () => {
    const fresh = await freshDatabase();
    const config = loadConfig(fresh.env);
    const data = openDatabase(config.dialect, config.databaseUrl);
    try {
      const crypto = new FieldCrypto(loadOrCreateKey(config.keyFile, null));
      await migrateTo(data.db, data.dialect, '0025_training_talent');
      const at = '2026-01-01T00:00:00.000Z';
      const tenant = '0190d5a0-0000-7000-8000-0000000000ca';
      const unit = '0190d5a0-0000-7000-8000-0000000000cb';
      await sql`insert into tenants (id, name, region_path, created_at) values (${tenant}, '测试党委', '/', ${at})`.execute(data.db);
      await sql`insert into units (tenant_id, id, parent_id, kind, name, path, depth, created_at, updated_at)
        values (${tenant}, ${unit}, null, 'office', '测试科', ${`/${unit}/`}, 0, ${at}, ${at})`.execute(data.db);
      const rows = [['0190d5a0-0000-7000-8000-0000000000d1', ADDRESS], ['0190d5a0-0000-7000-8000-0000000000d2', null]] as const;
      for (const [i, [rid, address]] of rows.entries()) {
        const idNumber = makeIdNumber('410402', '1980-01-01', 11 + i * 2);
        await sql`insert into staff (tenant_id, id, unit_id, name, gender, ethnicity, birth_date, id_number_enc, id_number_hash, phone_enc, address, employment, created_at, updated_at)
          values (${tenant}, ${rid}, ${unit}, ${`员工${i}`}, 'male', '汉族', '1980-01-01', ${crypto.encrypt(idNumber)}, ${crypto.lookupHash(idNumber)}, null, ${address}, 'active', ${at}, ${at})`.execute(data.db);
      }
      const objects = await staffSchemaObjects(data.db, data.dialect);
      expect(objects.filter((n) => /version/.test(n)).length).toBeGreaterThanOrEqual(2);
      // Without the key there is no way to encrypt them: the migration stops instead of losing the addresses.
      await expect(migrateToLatest(data.db, data.dialect)).rejects.toThrow(/field-encryption key/);
      await migrateToLatest(data.db, data.dialect, crypto);
      const after = await data.db.selectFrom('staff').selectAll().orderBy('id').execute();
      expect(Object.keys(after[0]!)).not.toContain('address');
      expect(after[0]!.address_enc).not.toContain('建设路');
      expect(crypto.decrypt(after[0]!.address_enc!)).toBe(ADDRESS);
      expect(after[1]!.address_enc).toBeNull();
      expect(await staffSchemaObjects(data.db, data.dialect)).toEqual(objects);
    } finally {
      await data.close();
      await fresh.drop();
    }
  });
});
