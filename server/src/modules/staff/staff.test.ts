import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { makeIdNumber } from '../people/idNumber.js';
import { accountWithRole, idNumbersConsistentWith } from '../people/testing.js';
import { insertStaff, LOOKUP_LIMIT, type StaffInput } from './service.js';

let t: TestApp;
let dw: string;
let shuji: string;
let unitId: string;
let sectionId: string;
let seq = 300;

function person(birthDate: string, gender: 'male' | 'female' = 'male', name = `员工${seq}`) {
  seq += 2;
  return { name, gender, birthDate, idNumber: makeIdNumber('320102', birthDate, gender === 'male' ? seq + 1 : seq), phone: '13912345678', employment: 'active', unitId: sectionId, education: '大学专科' };
}
const staffCount = async () => Number((await t.platform.db.selectFrom('staff').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const sensitiveViews = () => t.platform.db.selectFrom('audit_log').selectAll().where('action', '=', 'sensitive.view').orderBy('seq').execute();

beforeAll(async () => {
  t = await createTestApp();
  dw = await t.login('dangwei');
  shuji = await accountWithRole(t, 'ps_shuji', '测试书记', 'secretary', '机关第一党支部');
  const unit = await t.call('POST', '/api/v1/units', { cookie: dw, body: { kind: 'grassroots', name: '测试采煤队', code: 'T01' } });
  expect(unit.statusCode, unit.body).toBe(201);
  unitId = unit.json().id;
  const section = await t.call('POST', '/api/v1/units', { cookie: dw, body: { parentId: unitId, kind: 'section', name: '测试综采班' } });
  expect(section.statusCode, section.body).toBe(201);
  sectionId = section.json().id;
});
afterAll(async () => {
  await t?.close();
});

describe(`units ${dialectLabel()}`, () => {
  it('keeps a tree with paths and staff counts, and refuses to delete a unit with staff or children', async () => {
    expect((await t.call('POST', '/api/v1/staff', { cookie: dw, body: person('1985-04-04') })).statusCode).toBe(201);
    const items = (await t.call('GET', '/api/v1/units', { cookie: dw })).json().items;
    const unit = items.find((u: { id: string }) => u.id === unitId);
    const section = items.find((u: { id: string }) => u.id === sectionId);
    expect(unit).toMatchObject({ parentId: null, kind: 'grassroots', name: '测试采煤队', code: 'T01', depth: 0, path: `/${unitId}/` });
    expect(section).toMatchObject({ parentId: unitId, depth: 1, path: `/${unitId}/${sectionId}/`, staffCount: 1 });
    expect((await t.call('DELETE', `/api/v1/units/${unitId}`, { cookie: dw })).json().error.code).toBe('UNIT_HAS_CHILDREN');
    expect((await t.call('DELETE', `/api/v1/units/${sectionId}`, { cookie: dw })).json().error.code).toBe('UNIT_HAS_STAFF');
    const orphan = await t.call('POST', '/api/v1/units', { cookie: dw, body: { kind: 'section', name: '无上级科室' } });
    expect(orphan.json().error.fields.parentId).toMatch(/科室须设在某个单位之下/);
  });

  it('moves a unit with its subtree, and soft-deletes an empty one', async () => {
    const a = (await t.call('POST', '/api/v1/units', { cookie: dw, body: { kind: 'office', name: '测试机关部门' } })).json();
    const b = (await t.call('POST', '/api/v1/units', { cookie: dw, body: { kind: 'section', name: '测试科室', parentId: a.id } })).json();
    const moved = await t.call('PATCH', `/api/v1/units/${a.id}`, { cookie: dw, body: { parentId: unitId, name: '测试机关部门（调整）' } });
    expect(moved.json()).toMatchObject({ path: `/${unitId}/${a.id}/`, depth: 1, name: '测试机关部门（调整）' });
    expect((await t.call('GET', `/api/v1/units/${b.id}`, { cookie: dw })).json()).toMatchObject({ path: `/${unitId}/${a.id}/${b.id}/`, depth: 2 });
    expect((await t.call('PATCH', `/api/v1/units/${a.id}`, { cookie: dw, body: { parentId: b.id } })).statusCode).toBe(400);
    expect((await t.call('DELETE', `/api/v1/units/${b.id}`, { cookie: dw })).statusCode).toBe(204);
    expect((await t.call('GET', `/api/v1/units/${b.id}`, { cookie: dw })).statusCode).toBe(404);
    expect(await t.platform.db.selectFrom('units').select('deleted_at').where('id', '=', b.id).executeTakeFirstOrThrow()).toMatchObject({ deleted_at: expect.any(String) });
  });

  it('is a committee-level record: a 支部书记 gets 403 on units and staff', async () => {
    for (const url of ['/api/v1/units', '/api/v1/staff', `/api/v1/units/${unitId}`, '/api/v1/staff/export.xlsx']) {
      expect((await t.call('GET', url, { cookie: shuji })).statusCode, url).toBe(403);
    }
  });

  it('tells the web which permissions are held over the whole committee', async () => {
    const me = (await t.call('GET', '/api/v1/auth/me', { cookie: shuji })).json();
    expect(me.permissions).toContain('staff.read');
    expect(me.rootPermissions).toEqual([]);
    expect((await t.call('GET', '/api/v1/auth/me', { cookie: dw })).json().rootPermissions).toEqual(expect.arrayContaining(['staff.read', 'staff.write', 'member.write']));
  });
});

describe(`staff ${dialectLabel()}`, () => {
  const cases: [string, () => Record<string, unknown>, string, RegExp][] = [
    ['a wrong check digit', () => { const b = person('1990-01-01'); return { ...b, idNumber: b.idNumber.slice(0, 17) + (b.idNumber[17] === '1' ? '2' : '1') }; }, 'idNumber', /校验位/],
    ['a 身份证号 of 17 characters', () => { const b = person('1990-01-01'); return { ...b, idNumber: b.idNumber.slice(0, 17) }; }, 'idNumber', /18 位/],
    ['a birth date disagreeing with the 身份证号', () => ({ ...person('1990-01-01'), birthDate: '1990-01-02' }), 'birthDate', /出生日期与身份证号不一致/],
    ['a gender disagreeing with the 身份证号', () => ({ ...person('1990-01-01', 'female'), gender: 'male' }), 'gender', /性别与身份证号不一致（身份证号中为女）/],
    ['a bad mobile number', () => ({ ...person('1990-01-01'), phone: '1381234567' }), 'phone', /手机号码应为 11 位/],
    ['a work start in the future', () => ({ ...person('1990-01-01'), workStartedOn: '2026-11-28' }), 'workStartedOn', /参加工作日期不能晚于今天/],
    ['an unknown unit', () => ({ ...person('1990-01-01'), unitId: 'nope' }), 'unitId', /所在单位不存在/],
  ];
  for (const [name, body, field, message] of cases) {
    it(`refuses ${name} with the Chinese field message and writes nothing`, async () => {
      const before = await staffCount();
      const res = await t.call('POST', '/api/v1/staff', { cookie: dw, body: body() });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.fields[field]).toMatch(message);
      expect(await staffCount()).toBe(before);
    });
  }

  it('refuses a duplicate 身份证号 with 409 naming 身份证号', async () => {
    const p = person('1979-09-09', 'female');
    expect((await t.call('POST', '/api/v1/staff', { cookie: dw, body: p })).statusCode).toBe(201);
    const before = await staffCount();
    const res = await t.call('POST', '/api/v1/staff', { cookie: dw, body: { ...p, name: '另一人' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields.idNumber).toMatch(/身份证号/);
    expect(await staffCount()).toBe(before);
  });

  it('masks in list and detail, reveals by POST with member.sensitive over the committee and audits it, finds by exact 身份证号', async () => {
    const p = person('1972-12-12', 'male', '查找甲');
    const created = await t.call('POST', '/api/v1/staff', { cookie: dw, body: { ...p, idNumber: p.idNumber.toLowerCase() } });
    expect(created.json()).toMatchObject({ idNumber: `${p.idNumber[0]}${'*'.repeat(17)}`, phone: '139****5678', masked: true, memberId: null, unitName: '测试综采班', age: 53 });
    const id = created.json().id;
    const list = (await t.call('GET', `/api/v1/staff?keyword=${encodeURIComponent('查找')}`, { cookie: dw })).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0].masked).toBe(true);
    expect(idNumbersConsistentWith(list.items[0], p.idNumber.slice(0, 6)).length).toBeGreaterThanOrEqual(50);

    const before = (await sensitiveViews()).length;
    // A GET never reveals, whatever it asks.
    const get = await t.call('GET', `/api/v1/staff/${id}?reveal=true`, { cookie: dw });
    expect(get.json()).toMatchObject({ idNumber: `${p.idNumber[0]}${'*'.repeat(17)}`, masked: true });
    expect(await sensitiveViews()).toHaveLength(before);
    const clear = (await t.call('POST', `/api/v1/staff/${id}/reveal`, { cookie: dw })).json();
    expect(clear).toMatchObject({ idNumber: p.idNumber, phone: '13912345678', masked: false });
    expect((await sensitiveViews()).at(-1)).toMatchObject({ entity: 'staff', entity_id: id, username: 'dangwei' });
    expect(await sensitiveViews()).toHaveLength(before + 1);
    // A 支部书记 holds member.sensitive over his branch only, not over the committee's roster; the 三员 not at all.
    expect((await t.call('POST', `/api/v1/staff/${id}/reveal`, { cookie: shuji })).statusCode).toBe(403);
    const auditorCookie = await t.login('auditor');
    expect((await t.call('POST', `/api/v1/staff/${id}/reveal`, { cookie: auditorCookie })).statusCode).toBe(403);
    expect((await t.call('POST', '/api/v1/staff/no-such-id/reveal', { cookie: dw })).statusCode).toBe(404);
    expect(await sensitiveViews()).toHaveLength(before + 1);

    const found = (await t.call('GET', `/api/v1/staff/lookup?idNumber=${p.idNumber}`, { cookie: dw })).json();
    expect(found.item).toMatchObject({ id, masked: true });
    expect((await t.call('GET', `/api/v1/staff/lookup?idNumber=${p.idNumber.slice(0, 17)}0`, { cookie: dw })).json().item).toBeNull();
    expect((await t.call('GET', `/api/v1/staff?keyword=${p.idNumber}`, { cookie: dw })).json().items.map((s: { id: string }) => s.id)).toEqual([id]);
    // A 支部书记 filing an existing employee as a member finds them by the full number only, masked.
    const shown = (await t.call('GET', `/api/v1/staff/lookup?idNumber=${p.idNumber}`, { cookie: shuji })).json().item;
    expect(shown).toMatchObject({ id, masked: true, phone: '139****5678' });
    expect(idNumbersConsistentWith(shown, p.idNumber.slice(0, 6)).length).toBeGreaterThanOrEqual(50);
    expect((await t.call('GET', `/api/v1/staff/lookup?idNumber=${p.idNumber}`, { cookie: auditorCookie })).statusCode).toBe(403);
  });

  it('audits every look-up by 身份证号 and limits those of one who may not see the numbers, who could otherwise test guesses', async () => {
    const p = person('1981-01-01', 'female', '查找庚');
    const id = (await t.call('POST', '/api/v1/staff', { cookie: dw, body: p })).json().id;
    const lookups = () => t.platform.db.selectFrom('audit_log').selectAll().where('action', '=', 'staff.lookup').orderBy('seq').execute();
    const weiyuan = await accountWithRole(t, 'ps_weiyuan', '测试委员', 'committeeMember', '机关第一党支部');
    const before = (await lookups()).length;
    const hit = await t.call('GET', `/api/v1/staff/lookup?idNumber=${p.idNumber}`, { cookie: weiyuan });
    expect(hit.json().item).toMatchObject({ id, masked: true });
    const entries = await lookups();
    expect(entries).toHaveLength(before + 1);
    expect(entries.at(-1)).toMatchObject({ username: 'ps_weiyuan', entity: 'staff', entity_id: id });
    expect(JSON.parse(entries.at(-1)!.after!)).toEqual({ found: true });
    expect(JSON.stringify(entries.at(-1))).not.toContain(p.idNumber);
    // Every candidate a masked viewer is left with, tried in turn: the limit stops the guessing long before the end.
    const candidates = idNumbersConsistentWith({ ...p, idNumber: hit.json().item.idNumber, gender: 'female' }, p.idNumber.slice(0, 6)).filter((c) => c !== p.idNumber);
    let refusedAt = -1;
    for (let i = 0; i < candidates.length && refusedAt < 0; i++) {
      const res = await t.call('GET', `/api/v1/staff/lookup?idNumber=${candidates[i]}`, { cookie: weiyuan });
      if (res.statusCode === 429) refusedAt = i;
      else expect(res.json().item).toBeNull();
    }
    expect(refusedAt).toBe(LOOKUP_LIMIT.count - 1);
    expect((await t.call('GET', `/api/v1/staff/lookup?idNumber=${p.idNumber}`, { cookie: weiyuan })).statusCode).toBe(429);
    // An hour later the account may look up again; a holder of member.sensitive over the committee is never limited.
    t.clock.advance(LOOKUP_LIMIT.windowMs + 1000);
    [dw, shuji] = [await t.login('dangwei'), await t.login('ps_shuji')]; // sessions went idle meanwhile
    const again = await t.login('ps_weiyuan');
    expect((await t.call('GET', `/api/v1/staff/lookup?idNumber=${p.idNumber}`, { cookie: again })).statusCode).toBe(200);
    for (let i = 0; i < LOOKUP_LIMIT.count + 2; i++) expect((await t.call('GET', `/api/v1/staff/lookup?idNumber=${candidates[i]}`, { cookie: dw })).statusCode).toBe(200);
  });

  it('edits with before/after in the audit log (masked), and refuses an edit that breaks a rule', async () => {
    const p = person('1988-08-08', 'male', '修改乙');
    const id = (await t.call('POST', '/api/v1/staff', { cookie: dw, body: p })).json().id;
    const bad = await t.call('PATCH', `/api/v1/staff/${id}`, { cookie: dw, body: { gender: 'female' } });
    expect(bad.json().error.fields.gender).toMatch(/性别与身份证号不一致/);
    const ok = await t.call('PATCH', `/api/v1/staff/${id}`, { cookie: dw, body: { phone: '13700001234', post: '技术员', employment: 'retired' } });
    expect(ok.json()).toMatchObject({ phone: '137****1234', post: '技术员', employment: 'retired' });
    const entry = await t.platform.db.selectFrom('audit_log').selectAll().where('action', '=', 'staff.update').where('entity_id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.parse(entry.before!)).toMatchObject({ phone: '139****5678', post: null });
    expect(JSON.parse(entry.after!)).toMatchObject({ phone: '137****1234', post: '技术员' });
    expect(`${entry.before}${entry.after}`).not.toContain(p.idNumber);
  });

  it('filters, sorts and exports with Chinese headers: masked on every GET, in clear only by a POST from a holder; each export audited once', async () => {
    const names = async (q: string) => (await t.call('GET', `/api/v1/staff?unitId=${unitId}&${q}`, { cookie: dw })).json().items.map((s: { name: string }) => s.name);
    await t.call('POST', '/api/v1/staff', { cookie: dw, body: { ...person('2000-02-02', 'female', '筛选丙'), education: '研究生' } });
    expect(await names('education=研究生')).toEqual(['筛选丙']);
    expect(await names('ageBand=-35')).toEqual(['筛选丙']);
    expect(await names('employment=retired')).toEqual(['修改乙']);
    expect((await names('sort=age&order=asc'))[0]).toBe('筛选丙');
    expect((await names('isMember=true'))).toEqual([]);

    const read = async (method: 'GET' | 'POST', url: string, body?: unknown) => {
      const res = await t.call(method, url, { cookie: dw, body });
      expect(res.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      const header = (sheet.getRow(1).values as string[]).slice(1);
      expect(header).toEqual(expect.arrayContaining(['姓名', '性别', '出生日期', '身份证号', '手机号码', '单位', '在岗状态']));
      return sheet.getRows(2, sheet.rowCount - 1)!.map((r) => r.getCell(header.indexOf('身份证号') + 1).text);
    };
    const before = (await sensitiveViews()).length;
    const exports = () => t.platform.db.selectFrom('audit_log').selectAll().where('action', '=', 'export').orderBy('seq').execute();
    const audited = (await exports()).length;
    // Masked on every GET, whatever the query says; each export audited once, with the count.
    for (const url of [`/api/v1/staff/export.xlsx?unitId=${unitId}`, `/api/v1/staff/export.xlsx?unitId=${unitId}&unmasked=true`, `/api/v1/staff?unitId=${unitId}&format=xlsx&unmasked=true`]) {
      const masked = await read('GET', url);
      expect(masked.length).toBeGreaterThan(3);
      for (const id of masked) expect(id).toMatch(/^\d\*{17}$/);
      expect(JSON.parse((await exports()).at(-1)!.after!)).toEqual({ count: masked.length, masked: true });
    }
    expect(await exports()).toHaveLength(audited + 3);
    expect((await exports()).at(-1)).toMatchObject({ entity: 'staff', username: 'dangwei' });
    expect(await sensitiveViews()).toHaveLength(before);
    const clear = await read('POST', '/api/v1/staff/export.xlsx', { unitId, unmasked: true, isMember: false, sort: 'age' });
    expect(clear.length).toBeGreaterThan(3);
    for (const id of clear) expect(id).toMatch(/^\d{17}[\dX]$/);
    const views = await sensitiveViews();
    expect(views).toHaveLength(before + 1);
    expect(JSON.parse(views.at(-1)!.after!)).toMatchObject({ export: true, count: clear.length });
    // A POST without member.sensitive over the committee is refused, and nothing is exported or audited as a view.
    const reader = await accountWithRole(t, 'ps_reader', '测试员工查看', 'committeeMember', '社区党委');
    expect((await t.call('POST', '/api/v1/staff/export.xlsx', { cookie: reader, body: { unmasked: true } })).statusCode).toBe(403);
    expect((await t.call('POST', '/api/v1/staff/export.xlsx', { cookie: shuji, body: { unmasked: true } })).statusCode).toBe(403);
    expect(await sensitiveViews()).toHaveLength(before + 1);
    // Nor may it find anyone by the full 身份证号 in the list.
    const someone = (await t.call('GET', `/api/v1/staff?unitId=${unitId}`, { cookie: reader })).json().items[0];
    expect(someone).toBeDefined();
    const real = (await t.call('POST', `/api/v1/staff/${someone.id}/reveal`, { cookie: dw })).json().idNumber;
    expect((await t.call('GET', `/api/v1/staff?keyword=${real}`, { cookie: reader })).json().total).toBe(0);
    expect((await t.call('GET', `/api/v1/staff?keyword=${real}`, { cookie: dw })).json().total).toBe(1);
  });

  it('soft-deletes a staff member who is not a member, refuses one who is', async () => {
    const p = person('1970-07-07', 'male', '删除丁');
    const id = (await t.call('POST', '/api/v1/staff', { cookie: dw, body: p })).json().id;
    const member = await t.call('POST', '/api/v1/members', { cookie: dw, body: { staffId: id, branchId: await t.orgId('机关第一党支部'), type: 'full', joinedOn: '1995-07-01', confirmedOn: '1996-07-01' } });
    expect(member.statusCode, member.body).toBe(201);
    expect(member.json()).toMatchObject({ staffId: id, name: '删除丁', unitName: '测试综采班' });
    expect((await t.call('POST', '/api/v1/members', { cookie: dw, body: { staffId: id, branchId: await t.orgId('机关第一党支部'), type: 'probationary', joinedOn: '2026-01-01' } })).statusCode).toBe(409);
    expect((await t.call('GET', `/api/v1/staff/${id}`, { cookie: dw })).json().memberId).toBe(member.json().id);
    expect((await t.call('DELETE', `/api/v1/staff/${id}`, { cookie: dw })).json().error.code).toBe('STAFF_IS_MEMBER');
    const other = (await t.call('POST', '/api/v1/staff', { cookie: dw, body: person('1971-07-07') })).json().id;
    expect((await t.call('DELETE', `/api/v1/staff/${other}`, { cookie: dw })).statusCode).toBe(204);
    expect((await t.call('GET', `/api/v1/staff/${other}`, { cookie: dw })).statusCode).toBe(404);
  });
});

describe(`staff: simultaneous saves of one person ${dialectLabel()}`, () => {
  it('turns the unique key of the 身份证号 into the same 409, whichever save loses', async () => {
    const p = person('1966-06-06', 'female', '并发戊');
    const tenantId = (await t.platform.db.selectFrom('units').select('tenant_id').where('id', '=', sectionId).executeTakeFirstOrThrow()).tenant_id;
    const normalised = { idNumber: p.idNumber, phone: null };
    await t.platform.db.transaction().execute((trx) => insertStaff(trx, t.platform, tenantId, p as StaffInput, normalised));
    const second = t.platform.db.transaction().execute((trx) => insertStaff(trx, t.platform, tenantId, { ...p, name: '并发己' } as StaffInput, normalised));
    await expect(second).rejects.toMatchObject({ status: 409, code: 'DUPLICATE_ID_NUMBER', fields: { idNumber: expect.stringContaining('身份证号') } });
  });
});

describe(`staff: an employee's own login account ${dialectLabel()}`, () => {
  const account = (cookie: string, id: string) => t.call('GET', `/api/v1/staff/${id}/account`, { cookie });
  const link = (cookie: string, id: string, username: string | null) => t.call('PUT', `/api/v1/staff/${id}/account`, { cookie, body: { username } });
  const displayName = async (username: string) => (await t.platform.db.selectFrom('users').select('display_name').where('username', '=', username).executeTakeFirstOrThrow()).display_name;
  const newAccount = async (username: string, shown: string) => {
    const tenantId = (await t.platform.db.selectFrom('units').select('tenant_id').where('id', '=', sectionId).executeTakeFirstOrThrow()).tenant_id;
    const { insertUser } = await import('../../platform/accounts/service.js');
    await t.platform.db.transaction().execute((trx) => insertUser(trx, { tenantId, username, displayName: shown, passwordHash: 'x', mustChangePassword: true, now: t.clock.now() }));
  };
  const newEmployee = async (name: string, birthDate: string) => {
    const res = await t.call('POST', '/api/v1/staff', { cookie: dw, body: { ...person(birthDate, 'female', name), post: '通讯员' } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };

  it('names the account after the employee, follows a rename, shows the person in 用户管理, and keeps the last name when unlinked', async () => {
    const id = await newEmployee('账号甲', '1988-03-03');
    await newAccount('st_linked', '岗位账号');
    expect((await account(dw, id)).json()).toEqual({ account: null });
    const res = await link(dw, id, 'st_linked');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().account).toMatchObject({ username: 'st_linked', displayName: '账号甲' });
    expect(await displayName('st_linked')).toBe('账号甲');
    expect((await account(dw, id)).json().account).toMatchObject({ username: 'st_linked', displayName: '账号甲' });

    expect((await t.call('PATCH', `/api/v1/staff/${id}`, { cookie: dw, body: { name: '账号乙' } })).statusCode).toBe(200);
    expect(await displayName('st_linked')).toBe('账号乙');

    const admin = await t.login('admin');
    const listed = (await t.call('GET', '/api/v1/admin/users?keyword=st_linked', { cookie: admin })).json().items as { username: string; person: unknown }[];
    expect(listed.find((u) => u.username === 'st_linked')?.person).toEqual({ kind: 'staff', name: '账号乙', detail: '测试综采班 · 通讯员' });
    const userId = (await account(dw, id)).json().account.userId as string;
    const refused = await t.call('PATCH', `/api/v1/admin/users/${userId}`, { cookie: admin, body: { displayName: '别的名字' } });
    expect(refused.json().error.fields.displayName).toBe('该账号已关联员工“账号乙”，姓名随员工档案，请在员工信息中修改');

    expect((await link(dw, id, null)).json()).toEqual({ account: null });
    expect(await displayName('st_linked')).toBe('账号乙');
    expect((await t.call('PATCH', `/api/v1/staff/${id}`, { cookie: dw, body: { name: '账号丙' } })).statusCode).toBe(200);
    expect(await displayName('st_linked')).toBe('账号乙');
    const audit = await t.platform.db.selectFrom('audit_log').select(['before', 'after']).where('action', '=', 'staff.linkAccount').where('entity_id', '=', id).orderBy('seq').execute();
    expect(audit.map((a) => [JSON.parse(a.before!).account, JSON.parse(a.after!).account])).toEqual([[null, 'st_linked'], ['st_linked', null]]);
  });

  it('refuses an unknown account, a 三员 account, an account already another employee\'s or a member\'s, and a member\'s record, changing nothing', async () => {
    const id = await newEmployee('账号丁', '1989-04-04');
    const other = await newEmployee('账号戊', '1990-05-05');
    await newAccount('st_taken', '占用账号');
    expect((await link(dw, other, 'st_taken')).statusCode).toBe(200);

    const unknown = await link(dw, id, 'nobody_here');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields.username).toBe('登录账号不存在或已停用');
    const admin = await link(dw, id, 'admin');
    expect(admin.statusCode).toBe(400);
    expect(admin.json().error.fields.username).toBe('系统管理员账号不能关联员工');
    const taken = await link(dw, id, 'st_taken');
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.fields.username).toBe('该账号已关联其他员工');
    const member = await link(dw, id, 'dy1');
    expect(member.statusCode).toBe(409);
    expect(member.json().error.fields.username).toBe('该账号已关联党员，请在党员名册中管理');
    expect((await account(dw, id)).json()).toEqual({ account: null });
    expect(await displayName('st_taken')).toBe('账号戊');

    // A member's account is linked on the member record; the member link refuses an employee's account in turn.
    const memberStaff = await newEmployee('账号己', '1991-06-06');
    const filed = await t.call('POST', '/api/v1/members', { cookie: dw, body: { staffId: memberStaff, branchId: await t.orgId('机关第一党支部'), type: 'full', joinedOn: '2015-07-01', confirmedOn: '2016-07-01' } });
    expect(filed.statusCode, filed.body).toBe(201);
    await newAccount('st_member', '党员账号');
    expect((await link(dw, memberStaff, 'st_member')).json().error.fields.username).toBe('该员工是党员，请在党员名册中关联登录账号');
    const viaMember = await t.call('PUT', `/api/v1/members/${filed.json().id}/account`, { cookie: dw, body: { username: 'st_taken' } });
    expect(viaMember.statusCode).toBe(409);
    expect(viaMember.json().error.fields.username).toBe('该账号已关联员工，请先在员工名册中解除关联');
    expect((await t.call('GET', `/api/v1/members/${filed.json().id}/account`, { cookie: dw })).json()).toEqual({ account: null });
    expect(await displayName('st_taken')).toBe('账号戊');
  });

  it('needs staff.write over the committee: a branch secretary and a plain member are refused, and the account keeps its name', async () => {
    const id = await newEmployee('账号庚', '1992-07-07');
    await newAccount('st_refused', '原名');
    for (const who of [shuji, await t.login('dy1')]) {
      expect((await link(who, id, 'st_refused')).statusCode).toBe(403);
    }
    expect((await account(dw, id)).json()).toEqual({ account: null });
    expect(await displayName('st_refused')).toBe('原名');
  });

  it('drops the link when the employee is deleted, so the account may be linked again', async () => {
    const id = await newEmployee('账号辛', '1993-08-08');
    const next = await newEmployee('账号壬', '1994-09-09');
    await newAccount('st_deleted', '原名');
    expect((await link(dw, id, 'st_deleted')).statusCode).toBe(200);
    expect((await t.call('DELETE', `/api/v1/staff/${id}`, { cookie: dw })).statusCode).toBe(204);
    expect(await displayName('st_deleted')).toBe('账号辛');
    expect((await link(dw, next, 'st_deleted')).json().account).toMatchObject({ username: 'st_deleted', displayName: '账号壬' });
  });
});
