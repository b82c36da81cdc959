import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { checkDigit, makeIdNumber } from '../people/idNumber.js';
import { accountWithRole, idNumbersConsistentWith, oldIdMask } from '../people/testing.js';
import { insertOrg } from '../org/index.js';

let t: TestApp;
let dw: string; // 党委管理员 over the committee
let shuji: string; // 书记 over 机关第一党支部
let weiyuan: string; // 委员 over 机关第一党支部: member.write but no member.sensitive
let unitId: string;
let branch1: string;
let branch2: string;
let group1: string; // 第一党小组 of 机关第一党支部
let group2: string; // 第一党小组 of 机关第二党支部
let general: string; // 机关党总支
let seq = 100;

const TODAY = '2026-11-27'; // the fake clock's date in Asia/Shanghai

/** A new person: valid 身份证号 agreeing with birth date and gender. */
function person(birthDate: string, gender: 'male' | 'female' = 'male', name = `测试${seq}`) {
  seq += 2;
  const id = makeIdNumber('110105', birthDate, gender === 'male' ? seq + 1 : seq);
  return { name, gender, birthDate, idNumber: id, phone: '13812345678', employment: 'active', unitId, education: '大学本科' };
}

const memberBody = (over: Record<string, unknown> = {}) => ({
  ...person('1990-05-12'), branchId: branch1, groupId: group1, type: 'full', joinedOn: '2015-07-01', confirmedOn: '2016-07-01', ...over,
});

async function create(cookie: string, body: Record<string, unknown>) {
  return t.call('POST', '/api/v1/members', { cookie, body });
}
async function memberCount() {
  const r = await t.platform.db.selectFrom('members').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const s = await t.platform.db.selectFrom('staff').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return `${Number(r.n)}/${Number(s.n)}`;
}
async function sensitiveViews() {
  return t.platform.db.selectFrom('audit_log').selectAll().where('action', '=', 'sensitive.view').orderBy('seq').execute();
}
const groupOf = async (branchId: string, name: string) =>
  (await t.platform.db.selectFrom('organisations').select('id').where('parent_id', '=', branchId).where('name', '=', name).executeTakeFirstOrThrow()).id;

beforeAll(async () => {
  t = await createTestApp();
  dw = await t.login('dangwei');
  shuji = await accountWithRole(t, 'pt_shuji', '测试书记', 'secretary', '机关第一党支部');
  weiyuan = await accountWithRole(t, 'pt_weiyuan', '测试委员', 'committeeMember', '机关第一党支部');
  branch1 = await t.orgId('机关第一党支部');
  branch2 = await t.orgId('机关第二党支部');
  general = await t.orgId('机关党总支');
  group1 = await groupOf(branch1, '第一党小组');
  group2 = await groupOf(branch2, '第一党小组');
  const unit = await t.call('POST', '/api/v1/units', { cookie: dw, body: { kind: 'office', name: '测试党群部' } });
  expect(unit.statusCode).toBe(201);
  unitId = unit.json().id;
});
afterAll(async () => {
  await t?.close();
});

describe(`members: validation a clerk can trust ${dialectLabel()}`, () => {
  const cases: [string, () => Record<string, unknown>, string, RegExp][] = [
    ['wrong check digit', () => { const b = memberBody(); const id = b.idNumber as string; return { ...b, idNumber: id.slice(0, 17) + (id[17] === '0' ? '1' : '0') }; }, 'idNumber', /身份证号校验位/],
    ['birth date disagreeing with the 身份证号', () => ({ ...memberBody(), birthDate: '1990-05-13' }), 'birthDate', /出生日期与身份证号不一致/],
    ['gender disagreeing with the 身份证号', () => ({ ...memberBody(), gender: 'female' }), 'gender', /性别与身份证号不一致/],
    ['a mobile number that is not one', () => ({ ...memberBody(), phone: '12812345678' }), 'phone', /手机号码/],
    ['a join date in the future', () => memberBody({ joinedOn: '2026-11-28', type: 'probationary', confirmedOn: null }), 'joinedOn', /入党日期不能晚于今天/],
    ['under 18 on the join date', () => ({ ...memberBody({ type: 'probationary', confirmedOn: null }), ...person('2000-03-10'), joinedOn: '2018-03-09' }), 'joinedOn', /未满 18 周岁/],
    ['转正 less than a year after joining', () => memberBody({ joinedOn: '2020-07-01', confirmedOn: '2021-06-30' }), 'confirmedOn', /转正日期不能早于 2021-07-01/],
    ['转正 before the extended probation ended', () => memberBody({ joinedOn: '2020-07-01', confirmedOn: '2021-12-31', probationExtendedMonths: 6 }), 'confirmedOn', /不能早于 2022-01-01.*延长预备期 6 个月/],
    ['a probationary member with a 转正 date', () => memberBody({ type: 'probationary', joinedOn: '2026-01-01', confirmedOn: '2026-06-01' }), 'confirmedOn', /预备党员不应填写转正日期/],
    ['a group of another branch', () => memberBody({ groupId: group2 }), 'groupId', /党小组不属于该党支部/],
    ['a 党总支 instead of a branch', () => memberBody({ branchId: general, groupId: null }), 'branchId', /党支部/],
  ];
  for (const [name, body, field, message] of cases) {
    it(`refuses ${name}, names the field in Chinese and changes nothing`, async () => {
      const before = await memberCount();
      const res = await create(dw, body());
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.fields[field]).toMatch(message);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(await memberCount()).toBe(before);
    });
  }

  it('accepts 转正 exactly one year (plus extension) after joining', async () => {
    expect((await create(dw, memberBody({ joinedOn: '2020-07-01', confirmedOn: '2021-07-01' }))).statusCode).toBe(201);
    expect((await create(dw, memberBody({ joinedOn: '2020-07-01', confirmedOn: '2022-01-01', probationExtendedMonths: 6 }))).statusCode).toBe(201);
  });

  it('refuses a 身份证号 already in the tenant with 409 naming 身份证号, and changes nothing', async () => {
    const first = memberBody();
    expect((await create(dw, first)).statusCode).toBe(201);
    const before = await memberCount();
    const again = await create(dw, { ...memberBody(), idNumber: (first.idNumber as string).toLowerCase(), birthDate: first.birthDate, gender: first.gender });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields.idNumber).toMatch(/身份证号已登记/);
    expect(await memberCount()).toBe(before);
  });

  it('names a date that does not exist by its Chinese label', async () => {
    const res = await create(dw, memberBody({ joinedOn: '2015-02-30' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.joinedOn).toBe('入党日期：不是有效的日期');
  });

  it('normalises a lower-case x in the 身份证号 and finds the person either way', async () => {
    let body = memberBody();
    while (!(body.idNumber as string).endsWith('X')) body = memberBody();
    const res = await create(dw, { ...body, idNumber: (body.idNumber as string).toLowerCase() });
    expect(res.statusCode, res.body).toBe(201);
    expect((await t.call('POST', `/api/v1/members/${res.json().id}/reveal`, { cookie: dw })).json().idNumber).toBe(body.idNumber);
    const found = (await t.call('GET', `/api/v1/members?keyword=${(body.idNumber as string).toLowerCase()}`, { cookie: dw })).json();
    expect(found.items.map((m: { id: string }) => m.id)).toEqual([res.json().id]);
  });

  it('names every missing identity field when neither a staff member nor an identity is given', async () => {
    const res = await create(dw, { branchId: branch1, type: 'probationary', joinedOn: '2026-01-01' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toMatchObject({ name: '请填写姓名', idNumber: '请填写身份证号', unitId: '请填写所在单位' });
  });
});

describe(`members: scope, masking and reveal ${dialectLabel()}`, () => {
  let mine: { id: string; idNumber: string; phone: string; name: string };
  let other: { id: string; name: string };

  beforeAll(async () => {
    const a = memberBody({ name: '范围甲' });
    const ra = await create(dw, { ...a, name: '范围甲' });
    expect(ra.statusCode, ra.body).toBe(201);
    mine = { id: ra.json().id, idNumber: a.idNumber as string, phone: '13812345678', name: '范围甲' };
    const rb = await create(dw, { ...memberBody(), name: '范围乙', branchId: branch2, groupId: group2 });
    expect(rb.statusCode, rb.body).toBe(201);
    other = { id: rb.json().id, name: '范围乙' };
  });

  it('stores 身份证号 and phone encrypted, never in clear', async () => {
    const s = await t.platform.db.selectFrom('staff').selectAll().where('name', '=', '范围甲').executeTakeFirstOrThrow();
    expect(s.id_number_enc).not.toContain(mine.idNumber);
    expect(t.platform.fieldCrypto.decrypt(s.id_number_enc)).toBe(mine.idNumber);
    expect(s.phone_enc).not.toContain('13812345678');
  });

  it('masks 身份证号 and phone in lists and in the default detail', async () => {
    const list = (await t.call('GET', `/api/v1/members?keyword=${encodeURIComponent('范围甲')}`, { cookie: dw })).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ idNumber: `${mine.idNumber[0]}${'*'.repeat(17)}`, phone: '138****5678', masked: true });
    const detail = (await t.call('GET', `/api/v1/members/${mine.id}`, { cookie: dw })).json();
    expect(detail).toMatchObject({ idNumber: list.items[0].idNumber, phone: '138****5678', masked: true, branchName: '机关第一党支部', groupName: '第一党小组' });
  });

  it('never reveals on a GET: ?reveal=true answers the masked record and writes no sensitive.view', async () => {
    const before = (await sensitiveViews()).length;
    for (const cookie of [dw, shuji]) {
      const res = await t.call('GET', `/api/v1/members/${mine.id}?reveal=true`, { cookie });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ idNumber: `${mine.idNumber[0]}${'*'.repeat(17)}`, phone: '138****5678', masked: true });
      expect(res.body).not.toContain(mine.idNumber);
    }
    expect(await sensitiveViews()).toHaveLength(before);
  });

  it('reveals by POST to a holder of member.sensitive over the member and audits it; others get 403, another branch 404', async () => {
    const before = (await sensitiveViews()).length;
    const clear = await t.call('POST', `/api/v1/members/${mine.id}/reveal`, { cookie: shuji });
    expect(clear.statusCode, clear.body).toBe(200);
    expect(clear.json()).toMatchObject({ idNumber: mine.idNumber, phone: mine.phone, masked: false });
    const views = await sensitiveViews();
    expect(views).toHaveLength(before + 1);
    expect(views.at(-1)).toMatchObject({ username: 'pt_shuji', entity: 'member', entity_id: mine.id });
    expect(views.at(-1)!.after).not.toContain(mine.idNumber);

    // 委员 and 党小组长 read the member but hold no member.sensitive; a plain 党员 cannot read the roster at all.
    const groupLeader = await accountWithRole(t, 'pt_xz', '测试组长', 'groupLeader', '机关第一党支部');
    const plain = await accountWithRole(t, 'pt_dy', '测试党员', 'member', '机关第一党支部');
    for (const cookie of [weiyuan, groupLeader, plain]) {
      const res = await t.call('POST', `/api/v1/members/${mine.id}/reveal`, { cookie });
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain(mine.idNumber);
    }
    // Another branch's secretary: the member is not there for him.
    const shuji2 = await accountWithRole(t, 'pt_shuji2', '测试二支书记', 'secretary', '机关第二党支部');
    expect((await t.call('POST', `/api/v1/members/${mine.id}/reveal`, { cookie: shuji2 })).statusCode).toBe(404);
    expect((await t.call('POST', `/api/v1/members/${other.id}/reveal`, { cookie: shuji })).statusCode).toBe(404);
    expect((await t.call('POST', `/api/v1/members/${other.id}/reveal`, { cookie: shuji2 })).statusCode).toBe(200);
    expect(await sensitiveViews()).toHaveLength(before + 2);
  });

  it('leaves a 党小组长 (no member.sensitive) hundreds of candidates for every number in the list, detail, export and history', async () => {
    const groupLeader = await t.login('pt_xz');
    const region = mine.idNumber.slice(0, 6); // 籍贯 and 住址 may tell it: assumed known
    const seen = (await t.call('GET', '/api/v1/members?pageSize=200', { cookie: groupLeader })).json().items as { id: string; idNumber: string; birthDate: string; gender: 'male' | 'female' }[];
    const shown = seen.find((m) => m.id === mine.id)!;
    expect(shown).toBeDefined();
    const candidates = idNumbersConsistentWith(shown, region);
    expect(candidates).toContain(mine.idNumber);
    expect(candidates.length).toBeGreaterThanOrEqual(50);
    // The test can tell: under the old mask the same facts left exactly the real number.
    expect(idNumbersConsistentWith({ ...shown, idNumber: oldIdMask(mine.idNumber) }, region)).toEqual([mine.idNumber]);
    for (const m of seen) {
      const demo = await t.platform.db.selectFrom('members as m').innerJoin('staff as s', 's.id', 'm.staff_id').select('s.id_number_enc').where('m.id', '=', m.id).executeTakeFirstOrThrow();
      const real = t.platform.fieldCrypto.decrypt(demo.id_number_enc);
      expect(idNumbersConsistentWith(m, real.slice(0, 6)).length, m.id).toBeGreaterThanOrEqual(50);
    }

    const detail = (await t.call('GET', `/api/v1/members/${mine.id}`, { cookie: groupLeader })).json();
    expect(idNumbersConsistentWith(detail, region).length).toBeGreaterThanOrEqual(50);

    const xlsx = await t.call('GET', '/api/v1/members/export.xlsx', { cookie: groupLeader });
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    const row = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(header.indexOf('姓名') + 1).text === mine.name)!;
    const cell = (h: string) => row.getCell(header.indexOf(h) + 1).text;
    const fromSheet = { idNumber: cell('身份证号'), birthDate: cell('出生日期'), gender: cell('性别') === '男' ? 'male' as const : 'female' as const };
    expect(idNumbersConsistentWith(fromSheet, region).length).toBeGreaterThanOrEqual(50);

    // An identity edit puts the number (masked) into the history and the audit log.
    const fixed = `${mine.idNumber.slice(0, 14)}${mine.idNumber[14] === '9' ? '8' : '9'}${mine.idNumber.slice(15, 17)}`; // same birth date and sex
    const newId = fixed + checkDigit(fixed);
    expect((await t.call('PATCH', `/api/v1/members/${mine.id}`, { cookie: dw, body: { idNumber: newId, reason: '更正身份证号' } })).statusCode).toBe(200);
    const [edited] = (await t.call('GET', `/api/v1/members/${mine.id}/history`, { cookie: groupLeader })).json().items;
    expect(edited).toMatchObject({ kind: 'edited', before: { idNumber: `${mine.idNumber[0]}${'*'.repeat(17)}` }, after: { idNumber: `${newId[0]}${'*'.repeat(17)}` } });
    const entry = await t.platform.db.selectFrom('audit_log').select(['before', 'after']).where('action', '=', 'member.update').where('entity_id', '=', mine.id).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(entry.before!).idNumber).toBe(`${mine.idNumber[0]}${'*'.repeat(17)}`);
    expect(`${entry.before}${entry.after}`).not.toContain(newId.slice(6, 14));
    expect((await t.call('PATCH', `/api/v1/members/${mine.id}`, { cookie: dw, body: { idNumber: mine.idNumber, reason: '恢复' } })).statusCode).toBe(200);
  });

  it('shows history written under the older mask (first 6, last 4) masked by today\'s rule', async () => {
    const tenantId = (await t.platform.db.selectFrom('members').select('tenant_id').where('id', '=', mine.id).executeTakeFirstOrThrow()).tenant_id;
    await t.platform.db.insertInto('member_events').values({
      tenant_id: tenantId, id: 'old-mask-event', member_id: mine.id, kind: 'edited', occurred_on: '2020-01-01', reason: '旧记录',
      before: JSON.stringify({ idNumber: oldIdMask(mine.idNumber) }), after: JSON.stringify({ idNumber: oldIdMask(mine.idNumber), phone: '138****5678' }),
      recorded_by: null, recorded_at: '2020-01-01T00:00:00.000Z',
    }).execute();
    const items = (await t.call('GET', `/api/v1/members/${mine.id}/history`, { cookie: await t.login('pt_xz') })).json().items;
    const old = items.find((e: { id: string }) => e.id === 'old-mask-event');
    expect(old).toMatchObject({ before: { idNumber: `${mine.idNumber[0]}${'*'.repeat(17)}` }, after: { idNumber: `${mine.idNumber[0]}${'*'.repeat(17)}`, phone: '138****5678' } });
    const shownIds = items.flatMap((e: { before: { idNumber?: string } | null; after: { idNumber?: string } | null }) => [e.before?.idNumber, e.after?.idNumber]).filter(Boolean);
    expect(shownIds.length).toBeGreaterThanOrEqual(2);
    for (const v of shownIds) expect(v).toMatch(/^\d\*{17}$/);
  });

  it('finds by the full 身份证号 only where the searcher may see it in clear: no guess-checking by a masked viewer', async () => {
    const groupLeader = await t.login('pt_xz');
    expect((await t.call('GET', `/api/v1/members?keyword=${mine.name}`, { cookie: groupLeader })).json().total).toBe(1);
    expect((await t.call('GET', `/api/v1/members?keyword=${mine.idNumber}`, { cookie: groupLeader })).json().total).toBe(0);
    expect((await t.call('GET', `/api/v1/members?keyword=${mine.idNumber}`, { cookie: weiyuan })).json().total).toBe(0);
    expect((await t.call('GET', `/api/v1/members?keyword=${mine.idNumber}`, { cookie: shuji })).json().items.map((m: { id: string }) => m.id)).toEqual([mine.id]);
  });

  it('hides another branch from a 支部书记: absent from the list, 404 by id, history and writes, absent from the export', async () => {
    const list = (await t.call('GET', '/api/v1/members?pageSize=200', { cookie: shuji })).json();
    const names = list.items.map((m: { name: string }) => m.name);
    expect(names).toContain(mine.name);
    expect(names).not.toContain(other.name);
    expect((await t.call('GET', `/api/v1/members?orgId=${branch2}`, { cookie: shuji })).json().total).toBe(0);
    for (const url of [`/api/v1/members/${other.id}`, `/api/v1/members/${other.id}/history`, `/api/v1/orgs/${branch2}/stats`]) {
      expect((await t.call('GET', url, { cookie: shuji })).statusCode, url).toBe(404);
    }
    expect((await t.call('PATCH', `/api/v1/members/${other.id}`, { cookie: shuji, body: { post: 'x' } })).statusCode).toBe(404);
    const xlsx = await t.call('POST', '/api/v1/members/export.xlsx', { cookie: shuji, body: { unmasked: true } });
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['姓名', '身份证号', '手机号码', '所在党支部', '党员类别', '入党日期', '党籍状态']));
    const col = (h: string) => header.indexOf(h) + 1;
    const rows = sheet.getRows(2, sheet.rowCount - 1)!.map((r) => ({ name: r.getCell(col('姓名')).text, id: r.getCell(col('身份证号')).text }));
    expect(rows.map((r) => r.name)).toContain(mine.name);
    expect(rows.map((r) => r.name)).not.toContain(other.name);
    // shuji holds member.sensitive over his branch: clear values, one audit entry for the whole export.
    expect(rows.find((r) => r.name === mine.name)!.id).toBe(mine.idNumber);
    const last = (await sensitiveViews()).at(-1)!;
    expect(JSON.parse(last.after!)).toMatchObject({ export: true, count: rows.length, total: rows.length });
  });

  it('exports in clear only by POST, with the list filters in the body; a POST without member.sensitive is refused', async () => {
    const before = (await sensitiveViews()).length;
    const filtered = await t.call('POST', '/api/v1/members/export.xlsx', { cookie: dw, body: { unmasked: true, keyword: mine.name, orgId: branch1, sort: 'name', order: 'desc' } });
    expect(filtered.statusCode, filtered.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(filtered.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    expect(sheet.getRows(2, sheet.rowCount - 1)!.map((r) => r.getCell(header.indexOf('身份证号') + 1).text)).toEqual([mine.idNumber]);
    expect(JSON.parse((await sensitiveViews()).at(-1)!.after!)).toEqual({ fields: ['idNumber', 'phone', 'address'], export: true, count: 1, total: 1 });
    const refused = await t.call('POST', '/api/v1/members/export.xlsx', { cookie: weiyuan, body: { unmasked: true } });
    expect(refused.statusCode).toBe(403);
    expect((await t.call('POST', '/api/v1/members/export.xlsx', { cookie: dw, body: { unmasked: 'yes' } })).statusCode).toBe(400);
    expect(await sensitiveViews()).toHaveLength(before + 1);
  });

  it('exports masked on every GET (whatever the query says) and for users without member.sensitive, each export audited once', async () => {
    const exports = () => t.platform.db.selectFrom('audit_log').selectAll().where('action', '=', 'export').orderBy('seq').execute();
    const cases = [
      [dw, 'GET', '/api/v1/members/export.xlsx', undefined], [dw, 'GET', '/api/v1/members/export.xlsx?unmasked=true', undefined],
      [shuji, 'GET', '/api/v1/members?format=xlsx&unmasked=true', undefined], [dw, 'GET', '/api/v1/members?format=xlsx', undefined],
      [weiyuan, 'POST', '/api/v1/members/export.xlsx', {}], [dw, 'POST', '/api/v1/members/export.xlsx', { unmasked: false }],
    ] as const;
    for (const [cookie, method, url, body] of cases) {
      const before = (await sensitiveViews()).length;
      const audited = (await exports()).length;
      const res = await t.call(method, url, { cookie, body });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      const header = (sheet.getRow(1).values as string[]).slice(1);
      const ids = sheet.getRows(2, sheet.rowCount - 1)!.map((r) => r.getCell(header.indexOf('身份证号') + 1).text);
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) expect(id).toMatch(/^\d\*{17}$/);
      expect(await sensitiveViews()).toHaveLength(before);
      const entries = await exports();
      expect(entries, url).toHaveLength(audited + 1);
      expect(entries.at(-1)).toMatchObject({ entity: 'member', entity_id: null });
      expect(JSON.parse(entries.at(-1)!.after!)).toEqual({ count: ids.length, masked: true });
    }
    // A page of the list on screen is not an export.
    const audited = (await exports()).length;
    await t.call('GET', '/api/v1/members', { cookie: dw });
    expect(await exports()).toHaveLength(audited);
  });

  it('refuses a 支部书记 to move his member into another branch, and any write on a member outside his scope', async () => {
    const res = await t.call('POST', `/api/v1/members/${mine.id}/move`, { cookie: shuji, body: { branchId: branch2, occurredOn: TODAY, reason: '工作调动' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.branchId).toMatch(/不在您的管理范围/);
    const out = await t.call('POST', `/api/v1/members/${other.id}/status`, { cookie: shuji, body: { status: 'flowing', occurredOn: TODAY, reason: '外出务工' } });
    expect(out.statusCode).toBe(404);
  });

  it('finds a member by the exact 身份证号 (through the keyed hash), not by a part of it', async () => {
    const exact = (await t.call('GET', `/api/v1/members?keyword=${mine.idNumber}`, { cookie: dw })).json();
    expect(exact.items.map((m: { id: string }) => m.id)).toEqual([mine.id]);
    expect((await t.call('GET', `/api/v1/members?keyword=${mine.idNumber.slice(0, 10)}`, { cookie: dw })).json().total).toBe(0);
  });
});

describe(`members: history of moves, 转正 and status changes ${dialectLabel()}`, () => {
  it('keeps a dated timeline, newest first, with who recorded each step', async () => {
    const created = await create(dw, memberBody({ name: '历史丙', type: 'probationary', joinedOn: '2024-03-01', confirmedOn: null, reason: '支部大会通过' }));
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const post = (path: string, body: unknown, cookie = dw) => t.call('POST', `/api/v1/members/${id}/${path}`, { cookie, body });

    const moved = await post('move', { branchId: branch1, groupId: await groupOf(branch1, '第二党小组'), occurredOn: '2024-06-01', reason: '小组调整' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().groupName).toBe('第二党小组');

    expect((await post('extend-probation', { months: 5, occurredOn: '2025-02-01', reason: 'x' })).statusCode).toBe(400);
    const extended = await post('extend-probation', { months: 6, occurredOn: '2025-02-01', reason: '考察期表现需进一步观察' });
    expect(extended.statusCode, extended.body).toBe(200);
    expect((await post('extend-probation', { months: 6, occurredOn: '2025-02-02', reason: '再次' })).statusCode).toBe(409);

    const early = await post('confirm', { occurredOn: '2025-08-31' });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.fields.occurredOn).toMatch(/转正日期不能早于 2025-09-01/);
    const future = await post('confirm', { occurredOn: '2026-11-28' });
    expect(future.json().error.fields.occurredOn).toMatch(/不能晚于今天/);
    const confirmed = await post('confirm', { occurredOn: '2025-09-01', reason: '支部大会讨论通过' });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ type: 'full', confirmedOn: '2025-09-01', partyAgeYears: 1 });

    const flowing = await post('status', { status: 'flowing', occurredOn: '2026-03-01', reason: '外出务工' });
    expect(flowing.json().status).toBe('flowing');
    const edited = await t.call('PATCH', `/api/v1/members/${id}`, { cookie: dw, body: { phone: '13900001111', partyPosts: ['组织委员'], reason: '更正电话' } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ phone: '139****1111', partyPosts: ['组织委员'] });
    const out = await post('status', { status: 'transferredOut', occurredOn: '2026-10-01', reason: '转至外单位' });
    expect(out.statusCode).toBe(200);

    const history = (await t.call('GET', `/api/v1/members/${id}/history`, { cookie: dw })).json().items;
    expect(history.map((e: { kind: string }) => e.kind)).toEqual(['edited', 'transferOut', 'statusChanged', 'confirmed', 'probationExtended', 'moved', 'admitted']);
    const byKind = (k: string) => history.find((e: { kind: string }) => e.kind === k);
    expect(byKind('moved')).toMatchObject({ occurredOn: '2024-06-01', reason: '小组调整', before: { groupName: '第一党小组' }, after: { groupName: '第二党小组' }, recordedByName: '党委管理员' });
    expect(byKind('confirmed')).toMatchObject({ before: { type: 'probationary' }, after: { type: 'full', confirmedOn: '2025-09-01' } });
    expect(byKind('transferOut')).toMatchObject({ before: { status: 'flowing' }, after: { status: 'transferredOut' } });
    expect(byKind('edited')).toMatchObject({ reason: '更正电话', before: { phone: '138****5678', partyPosts: [] }, after: { phone: '139****1111', partyPosts: ['组织委员'] } });
    expect(byKind('admitted')).toMatchObject({ occurredOn: '2024-03-01', reason: '支部大会通过', after: { type: 'probationary' } });

    const audit = await t.platform.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity_id', '=', id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['member.create', 'member.move', 'member.extendProbation', 'member.confirm', 'member.status', 'member.update', 'member.status']);
    expect(JSON.parse(audit[1]!.before!).groupName).toBe('第一党小组');
    expect(audit.map((a) => `${a.before}${a.after}`).join('')).not.toContain('13900001111');
  });

  it('refuses an edit that breaks a rule and leaves the record as it was', async () => {
    const created = await create(dw, memberBody({ name: '编辑丁' }));
    const id = created.json().id;
    const bad = await t.call('PATCH', `/api/v1/members/${id}`, { cookie: dw, body: { birthDate: '1991-01-01' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.birthDate).toMatch(/出生日期与身份证号不一致/);
    expect((await t.call('GET', `/api/v1/members/${id}`, { cookie: dw })).json().birthDate).toBe(created.json().birthDate);
    expect((await t.call('GET', `/api/v1/members/${id}/history`, { cookie: dw })).json().items).toHaveLength(1);
  });

  it('lets a 支部书记 edit his own member, recorded under his name', async () => {
    const id = (await create(dw, memberBody({ name: '书记改' }))).json().id;
    const res = await t.call('PATCH', `/api/v1/members/${id}`, { cookie: shuji, body: { education: '研究生', reason: '学历提升' } });
    expect(res.statusCode, res.body).toBe(200);
    const [edited] = (await t.call('GET', `/api/v1/members/${id}/history`, { cookie: shuji })).json().items;
    expect(edited).toMatchObject({ kind: 'edited', occurredOn: TODAY, recordedByName: '测试书记', before: { education: '大学本科' }, after: { education: '研究生' } });
  });

  it('moves a member out of a 支部书记 scope: he no longer sees them', async () => {
    const id = (await create(dw, memberBody({ name: '调动戊' }))).json().id;
    expect((await t.call('GET', `/api/v1/members/${id}`, { cookie: shuji })).statusCode).toBe(200);
    const res = await t.call('POST', `/api/v1/members/${id}/move`, { cookie: dw, body: { branchId: branch2, occurredOn: TODAY, reason: '工作调动' } });
    expect(res.json()).toMatchObject({ branchName: '机关第二党支部', groupId: null });
    expect((await t.call('GET', `/api/v1/members/${id}`, { cookie: shuji })).statusCode).toBe(404);
  });
});

describe(`members: filters, sorting and statistics ${dialectLabel()}`, () => {
  let branch: string;
  let groupA: string;
  beforeAll(async () => {
    // A fresh branch of our own, so the counts do not depend on the demo data.
    const committee = await t.platform.db.selectFrom('organisations').selectAll().where('id', '=', await t.orgId('社区党委')).executeTakeFirstOrThrow();
    await t.platform.db.transaction().execute(async (trx) => {
      const b = await insertOrg(trx, { tenantId: committee.tenant_id, parent: committee, kind: 'branch', name: '统计测试党支部', now: t.clock.now() });
      const g = await insertOrg(trx, { tenantId: committee.tenant_id, parent: b, kind: 'group', name: '统计测试党小组', now: t.clock.now() });
      branch = b.id;
      groupA = g.id;
    });
    const people = [
      { ...person('1995-01-10', 'female', '统计一'), type: 'probationary', joinedOn: '2026-01-15', confirmedOn: null, education: '研究生', groupId: groupA },
      { ...person('1980-06-01', 'male', '统计二'), type: 'full', joinedOn: '2005-07-01', confirmedOn: '2006-07-01', education: '大学本科', groupId: groupA },
      { ...person('1960-02-02', 'male', '统计三'), type: 'full', joinedOn: '1985-07-01', confirmedOn: '1986-07-01', education: '高中', employment: 'retired', groupId: null },
      { ...person('1988-09-09', 'female', '统计四'), type: 'full', joinedOn: '2012-07-01', confirmedOn: '2013-07-01', education: '大学本科', groupId: groupA },
    ];
    for (const p of people) {
      const res = await create(dw, { ...p, branchId: branch });
      expect(res.statusCode, res.body).toBe(201);
    }
    const gone = (await t.call('GET', `/api/v1/members?orgId=${branch}&keyword=${encodeURIComponent('统计四')}`, { cookie: dw })).json().items[0].id;
    expect((await t.call('POST', `/api/v1/members/${gone}/status`, { cookie: dw, body: { status: 'deceased', occurredOn: '2026-05-01', reason: '病故' } })).statusCode).toBe(200);
  });

  const names = async (query: string) =>
    (await t.call('GET', `/api/v1/members?orgId=${branch}&${query}`, { cookie: dw })).json().items.map((m: { name: string }) => m.name);

  it('filters by subtree, type, gender, education, employment, age band, status and join years', async () => {
    expect(await names('sort=name')).toEqual(['统计一', '统计三', '统计二', '统计四'].sort());
    expect((await t.call('GET', `/api/v1/members?orgId=${groupA}`, { cookie: dw })).json().total).toBe(3);
    expect(await names('type=probationary')).toEqual(['统计一']);
    expect((await names('gender=female')).sort()).toEqual(['统计一', '统计四'].sort());
    expect((await names('education=大学本科')).sort()).toEqual(['统计二', '统计四'].sort());
    expect(await names('employment=retired')).toEqual(['统计三']);
    expect(await names('ageBand=-35')).toEqual(['统计一']);
    expect(await names('ageBand=46-55')).toEqual(['统计二']);
    expect(await names('ageBand=61-')).toEqual(['统计三']);
    expect(await names('status=deceased')).toEqual(['统计四']);
    expect((await names('joinYearFrom=2005&joinYearTo=2012')).sort()).toEqual(['统计二', '统计四'].sort());
    expect(await names(`keyword=${encodeURIComponent('计三')}`)).toEqual(['统计三']);
  });

  it('sorts and pages', async () => {
    expect(await names('sort=joinedOn&order=asc')).toEqual(['统计三', '统计二', '统计四', '统计一']);
    expect(await names('sort=partyAge&order=desc')).toEqual(['统计三', '统计二', '统计四', '统计一']);
    expect(await names('sort=age&order=asc')).toEqual(['统计一', '统计四', '统计二', '统计三']);
    const page2 = (await t.call('GET', `/api/v1/members?orgId=${branch}&sort=joinedOn&pageSize=3&page=2`, { cookie: dw })).json();
    expect(page2).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(page2.items.map((m: { name: string }) => m.name)).toEqual(['统计一']);
  });

  it('counts the members still belonging to the subtree', async () => {
    const res = await t.call('GET', `/api/v1/orgs/${branch}/stats`, { cookie: dw });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      total: 3,
      byType: { full: 2, probationary: 1 },
      byGender: { male: 2, female: 1 },
      byAgeBand: { '-35': 1, '36-45': 0, '46-55': 1, '56-60': 0, '61-': 1 },
      byEducation: { 研究生: 1, 大学本科: 1, 大学专科: 0, 中专: 0, 高中: 1, 初中及以下: 0 },
      byPartyAge: { '-5': 1, '6-10': 0, '11-20': 1, '21-30': 0, '31-': 1 },
      byStatus: { active: 3, flowing: 0, lostContact: 0, suspended: 0 },
    });
    expect((await t.call('GET', `/api/v1/orgs/${groupA}/stats`, { cookie: dw })).json().total).toBe(2);
  });
});

describe(`members: the member's own login account ${dialectLabel()}`, () => {
  const account = (cookie: string, id: string) => t.call('GET', `/api/v1/members/${id}/account`, { cookie });
  const link = (cookie: string, id: string, username: string | null) => t.call('PUT', `/api/v1/members/${id}/account`, { cookie, body: { username } });
  // The demo links tongxun and kaohe to employees who are not members; freed here, they serve as accounts to link.
  beforeAll(async () => {
    for (const username of ['tongxun', 'kaohe']) {
      const u = await t.platform.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
      const s = await t.platform.db.selectFrom('staff').select('id').where('user_id', '=', u.id).executeTakeFirstOrThrow();
      expect((await t.call('PUT', `/api/v1/staff/${s.id}/account`, { cookie: dw, body: { username: null } })).json()).toEqual({ account: null });
    }
  });
  const free = async () => {
    const m = await t.platform.db.selectFrom('members').select(['id', 'tenant_id']).where('branch_id', '=', branch1).where('user_id', 'is', null).where('status', '=', 'active').orderBy('id').executeTakeFirstOrThrow();
    return m;
  };

  it('links an account so the member can act as themselves, and unlinks it; each change audited', async () => {
    const m = await free();
    expect((await account(shuji, m.id)).json()).toEqual({ account: null });
    const res = await link(shuji, m.id, 'tongxun');
    expect(res.statusCode, res.body).toBe(200);
    const name = (await t.platform.db.selectFrom('staff').select('name').where('id', '=', (await t.platform.db.selectFrom('members').select('staff_id').where('id', '=', m.id).executeTakeFirstOrThrow()).staff_id).executeTakeFirstOrThrow()).name;
    // The account is now shown as the person it is, not as its post.
    expect(res.json().account).toMatchObject({ username: 'tongxun', displayName: name });
    const userId = res.json().account.userId as string;
    const { memberOfUser } = await import('./index.js');
    expect((await memberOfUser(t.platform.db, m.tenant_id, userId))?.id).toBe(m.id);
    expect((await link(shuji, m.id, null)).json()).toEqual({ account: null });
    expect(await memberOfUser(t.platform.db, m.tenant_id, userId)).toBeUndefined();
    const audit = await t.platform.db.selectFrom('audit_log').select(['before', 'after']).where('action', '=', 'member.linkAccount').where('entity_id', '=', m.id).orderBy('seq').execute();
    expect(audit.map((a) => [JSON.parse(a.before!).account, JSON.parse(a.after!).account])).toEqual([[null, 'tongxun'], ['tongxun', null]]);
  });

  it('refuses an unknown account, a 三员 account and an account already linked, changing nothing', async () => {
    const m = await free();
    const unknown = await link(shuji, m.id, 'nobody_here');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields.username).toBe('登录账号不存在或已停用');
    const admin = await link(dw, m.id, 'admin');
    expect(admin.statusCode).toBe(400);
    expect(admin.json().error.fields.username).toBe('系统管理员账号不能关联党员');
    const taken = await link(dw, m.id, 'dy1');
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.message).toBe('该账号已关联其他党员');
    expect((await account(dw, m.id)).json()).toEqual({ account: null });
  });

  it('lets a branch link only accounts that act within its own scope, never a 党委 or another branch\'s account', async () => {
    const m = await free();
    for (const outside of ['dangwei', 'zb2', 'kaohe']) {
      const r = await link(shuji, m.id, outside);
      expect(r.statusCode, outside).toBe(400);
      expect(r.json().error.fields.username).toBe('该账号还用于您管理范围以外的组织，请由上级党组织管理员关联');
    }
    expect((await account(dw, m.id)).json()).toEqual({ account: null });
    // A 三员 account reads like any account beyond the branch: the branch learns nothing about it.
    expect((await link(shuji, m.id, 'auditor')).json().error.fields.username).toBe('该账号还用于您管理范围以外的组织，请由上级党组织管理员关联');
    // An account with no role yet may be meant for anyone: only the 党委 links it.
    const { insertUser } = await import('../../platform/accounts/service.js');
    await t.platform.db.transaction().execute((trx) => insertUser(trx, { tenantId: m.tenant_id, username: 'no_role_yet', displayName: '新账号', passwordHash: 'x', mustChangePassword: true, now: t.clock.now() }));
    expect((await link(shuji, m.id, 'no_role_yet')).statusCode).toBe(400);
    expect((await account(dw, m.id)).json()).toEqual({ account: null });
    // The 党委, whose scope covers every account's grants, may.
    expect((await link(dw, m.id, 'kaohe')).statusCode).toBe(200);
  });

  const displayName = async (username: string) => (await t.platform.db.selectFrom('users').select('display_name').where('username', '=', username).executeTakeFirstOrThrow()).display_name;

  it('names a linked account after the member, keeps it in step when the member or the staff record is renamed, and leaves other accounts alone', async () => {
    const m = await free();
    const { insertUser } = await import('../../platform/accounts/service.js');
    for (const [username, shown] of [['pt_named', '岗位账号'], ['pt_alone', '独立账号']] as const) {
      await t.platform.db.transaction().execute((trx) => insertUser(trx, { tenantId: m.tenant_id, username, displayName: shown, passwordHash: 'x', mustChangePassword: true, now: t.clock.now() }));
    }
    expect((await link(dw, m.id, 'pt_named')).statusCode).toBe(200);
    const staffId = (await t.platform.db.selectFrom('members').select('staff_id').where('id', '=', m.id).executeTakeFirstOrThrow()).staff_id;
    const staffName = async () => (await t.platform.db.selectFrom('staff').select('name').where('id', '=', staffId).executeTakeFirstOrThrow()).name;
    expect(await displayName('pt_named')).toBe(await staffName());

    const renamed = await t.call('PATCH', `/api/v1/members/${m.id}`, { cookie: dw, body: { name: '改名后', reason: '更正姓名' } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(await displayName('pt_named')).toBe('改名后');
    const viaStaff = await t.call('PATCH', `/api/v1/staff/${staffId}`, { cookie: dw, body: { name: '再改名' } });
    expect(viaStaff.statusCode, viaStaff.body).toBe(200);
    expect(await displayName('pt_named')).toBe('再改名');
    expect((await account(dw, m.id)).json().account).toMatchObject({ username: 'pt_named', displayName: '再改名' });
    // An account linked to nobody keeps the name it was given.
    expect(await displayName('pt_alone')).toBe('独立账号');

    // 用户管理 shows the person behind the account and refuses a name that would drift from the member's.
    const admin = await t.login('admin');
    const listed = (await t.call('GET', '/api/v1/admin/users?keyword=pt_', { cookie: admin })).json().items as { username: string; displayName: string; person: { name: string; detail: string } | null }[];
    expect(listed.find((u) => u.username === 'pt_named')).toMatchObject({ displayName: '再改名', person: { name: '再改名', detail: expect.stringContaining('机关第一党支部') } });
    expect(listed.find((u) => u.username === 'pt_alone')?.person).toBeNull();
    const userId = (await account(dw, m.id)).json().account.userId as string;
    const refused = await t.call('PATCH', `/api/v1/admin/users/${userId}`, { cookie: admin, body: { displayName: '别的名字' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields.displayName).toBe('该账号已关联党员“再改名”，姓名随党员档案，请在党员信息中修改');
    expect(await displayName('pt_named')).toBe('再改名');

    // Unlinked, the account keeps the person's last name and is renamed no more.
    expect((await link(dw, m.id, null)).statusCode).toBe(200);
    expect((await t.call('PATCH', `/api/v1/members/${m.id}`, { cookie: dw, body: { name: '第三个名', reason: '更正姓名' } })).statusCode).toBe(200);
    expect(await displayName('pt_named')).toBe('再改名');
  });

  it('a branch may not link an account beyond its scope, and that account keeps its name', async () => {
    const m = await free();
    const before = await displayName('kaohe');
    expect((await link(shuji, m.id, 'kaohe')).statusCode).toBe(400);
    expect(await displayName('kaohe')).toBe(before);
  });

  it('needs member.write over the member: another branch gets 404, a plain member 403', async () => {
    const m = await free();
    const zb2 = await t.login('zb2');
    expect((await link(zb2, m.id, 'kaohe')).statusCode).toBe(404);
    expect((await account(zb2, m.id)).statusCode).toBe(404);
    const dy1 = await t.login('dy1');
    expect((await link(dy1, m.id, 'kaohe')).statusCode).toBe(403);
    expect((await account(dw, m.id)).json()).toEqual({ account: null });
  });
});
