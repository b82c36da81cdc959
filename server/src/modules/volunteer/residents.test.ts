// The register of residents cared for (服务对象) through the API: who sees which record (a volunteer only their own
// residents, another branch's secretary nothing: 404 on every record route), masking everywhere a GET or a masked
// export answers, clear values only through the audited POSTs to those who may, and bad input refused with a clear
// Chinese message and nothing changed.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../db/ids.js';
import { bumpCounter } from '../../db/versions.js';
import { shanghaiDate, addDays } from '../../platform/calendar.js';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { makeIdNumber } from '../people/idNumber.js';
import { overdueDays } from './due.js';
import { VOLUNTEER_RULES } from './settings.js';
import type { VolunteerResidentTable } from './tables.js';
import { volunteerOfUser } from './volunteers.js';

let t: TestApp;
let dw: string; // 党委管理员: volunteer.write over the committee, no volunteer.sensitive
let zb1: string; // 书记 of 机关第一党支部: volunteer.sensitive there
let zb2: string; // 书记 of 机关第二党支部
let dy1: string; // 党员 of 机关第一党支部: volunteer.serve only
let branch1: string;
let branch2: string;
let today: string;
// The demo's register (residents of the 物业 branches, some paired with dy1), as it stands before these tests write.
let demo: VolunteerResidentTable[];

const API = '/api/v1/volunteer';
const CLEAR = {
  address: '7幢3单元502室', phone: '13967781234', idNumber: makeIdNumber('330106', '1940-05-12', 22), health: '糖尿病，需按时服药',
  contactName: '欧阳明远', contactPhone: '13811112222',
};
const base = (over: Record<string, unknown> = {}) => ({
  orgId: branch1, name: '陈桂兰', gender: 'female', birthDate: '1940-05-12', community: '翠苑一区', address: CLEAR.address, phone: CLEAR.phone,
  idNumber: CLEAR.idNumber, living: ['emptyNest', 'elderly'], health: CLEAR.health, needs: '每周代购蔬菜', risk: 'high',
  emergency: [{ name: CLEAR.contactName, relation: '儿子', phone: CLEAR.contactPhone }], ...over,
});
const clearValues = () => [CLEAR.address, CLEAR.phone, CLEAR.idNumber, CLEAR.health, CLEAR.contactName, CLEAR.contactPhone, CLEAR.phone.slice(3, 7), CLEAR.idNumber.slice(6, 14)];

async function create(cookie: string, over: Record<string, unknown> = {}) {
  const r = await t.call('POST', `${API}/residents`, { cookie, body: base(over) });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as Detail;
}
interface Detail {
  id: string; name: string; age: number; address: string; phone: string | null; idNumber: string | null; health: string | null; birthDate: string;
  emergency: { name: string; relation: string; phone: string }[]; allowed: string[]; masked: boolean; status: string; statusOn: string | null;
  pairings: { endedOn: string | null; endReason: string | null }[]; volunteers: { name: string }[]; nextDueOn: string | null; overdueDays: number;
}
const count = async (table: 'volunteer_residents' | 'audit_log', where?: [string, string]) => {
  let q = t.platform.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
  if (where) q = q.where(where[0] as never, '=', where[1] as never);
  return Number((await q.executeTakeFirstOrThrow()).n);
};
const sensitiveViews = () => count('audit_log', ['action', 'sensitive.view']);
const row = (id: string) => t.platform.db.selectFrom('volunteer_residents').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

async function pair(residentId: string, username: string, startedOn = today) {
  const tenant = (await row(residentId)).tenant_id;
  const user = await t.platform.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  const member = await t.platform.db.selectFrom('members').select('id').where('user_id', '=', user.id).executeTakeFirstOrThrow();
  const slot = 1 + await t.platform.db.selectFrom('volunteer_pairings').select('id').where('volunteer_id', '=', member.id).where('ended_on', 'is', null).execute().then((r) => r.length);
  await t.platform.db.insertInto('volunteer_pairings').values({
    tenant_id: tenant, id: newId(), resident_id: residentId, volunteer_kind: 'member', volunteer_id: member.id, slot, started_on: startedOn, ended_on: null,
    end_reason: null, created_by: null, created_at: new Date().toISOString(), ended_by: null, ended_at: null,
  }).execute();
  // Written past the API: raise the tenant's write counter as a write request would, so kept list pages are read again.
  await bumpCounter(t.platform.db, 'write_versions', tenant);
}

async function xlsxRows(buf: Buffer): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buf as unknown as ArrayBuffer);
  const out: string[][] = [];
  book.worksheets[0]!.eachRow((r) => out.push((r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return out;
}

beforeAll(async () => {
  t = await createTestApp();
  [dw, zb1, zb2, dy1] = (await Promise.all(['dangwei', 'zb1', 'zb2', 'dy1'].map((u) => t.login(u)))) as [string, string, string, string];
  branch1 = await t.orgId('机关第一党支部');
  branch2 = await t.orgId('机关第二党支部');
  today = shanghaiDate(t.clock.now());
  demo = await t.platform.db.selectFrom('volunteer_residents').selectAll().execute();
});
afterAll(async () => t.close());

describe(`服务对象: register, scope and masking ${dialectLabel()}`, () => {
  let a: Detail; // branch 1, paired with dy1 below
  let b: Detail; // branch 1, not paired
  let c: Detail; // branch 2

  it('registers a resident and answers masked: sensitive values encrypted at rest, shown only as the design masks them', async () => {
    // Rows of lists and exports are found by name below: the demo's register must not hold these names.
    expect(demo.length).toBeGreaterThan(0);
    for (const name of ['陈桂兰', '周德福', '孙玉梅']) expect(demo.map((r) => r.name)).not.toContain(name);
    a = await create(zb1);
    expect(a).toMatchObject({
      name: '陈桂兰', address: '******', phone: '139****1234', idNumber: `3${'*'.repeat(17)}`, health: '（已隐藏）', birthDate: '1940-05-12', masked: true,
      emergency: [{ name: '欧*', relation: '儿子', phone: '138****2222' }], status: 'active',
    });
    expect(a.age).toBe(Number(today.slice(0, 4)) - 1940 - (today.slice(5) < '05-12' ? 1 : 0));
    expect(a.allowed).toEqual(expect.arrayContaining(['edit', 'status', 'pair', 'reveal', 'recordVisit']));
    const stored = await row(a.id);
    for (const v of [stored.address_enc, stored.phone_enc, stored.id_number_enc, stored.health_enc, stored.emergency_enc]) {
      for (const clear of clearValues()) expect(v).not.toContain(clear);
    }
    // A high-risk resident with no visit is due 7 days after registration.
    expect(a.nextDueOn).toBe(addDays(today, 7));
    const audit = await t.platform.db.selectFrom('audit_log').select(['before', 'after']).where('action', '=', 'volunteerResident.create').where('entity_id', '=', a.id).executeTakeFirstOrThrow();
    for (const clear of clearValues()) expect(`${audit.before}${audit.after}`).not.toContain(clear);
    b = await create(zb1, { name: '周德福', gender: 'male', birthDate: '1938-02-01', idNumber: null, community: '翠苑二区', risk: 'low', living: ['alone'], emergency: [] });
    c = await create(zb2, { orgId: branch2, name: '孙玉梅', idNumber: makeIdNumber('330106', '1940-05-12', 42), community: '翠苑三区' });
  });

  it('never shows a clear value in a list, a detail, the masked exports, or to anyone by a GET', async () => {
    const before = await sensitiveViews();
    const exports = await count('audit_log', ['action', 'export']);
    for (const cookie of [zb1, dw]) {
      const list = await t.call('GET', `${API}/residents?pageSize=200`, { cookie });
      expect(list.statusCode).toBe(200);
      const items = (list.json() as { items: { id: string; address: string; masked: boolean }[] }).items;
      expect(items.map((i) => i.id)).toContain(a.id);
      expect(items.every((i) => i.address === '******' && i.masked)).toBe(true);
      const detail = await t.call('GET', `${API}/residents/${a.id}`, { cookie });
      for (const res of [list, detail]) for (const clear of clearValues()) expect(res.body).not.toContain(clear);
      for (const res of [await t.call('GET', `${API}/residents/export.xlsx`, { cookie }), await t.call('GET', `${API}/residents?format=xlsx`, { cookie })]) {
        expect(res.statusCode).toBe(200);
        const rows = await xlsxRows(res.rawPayload);
        const text = JSON.stringify(rows);
        expect(rows[0]).toEqual(expect.arrayContaining(['姓名', '详细地址', '联系电话', '身份证号', '健康状况', '紧急联系人']));
        const mine = rows.find((r) => r.includes('陈桂兰'))!;
        expect(mine).toEqual(expect.arrayContaining(['******', '139****1234', `3${'*'.repeat(17)}`, '（已隐藏）', '欧*/儿子/138****2222']));
        for (const clear of clearValues()) expect(text).not.toContain(clear);
      }
    }
    // Masked answers are not sensitive views; the exports are recorded as exports.
    expect(await sensitiveViews()).toBe(before);
    expect(await count('audit_log', ['action', 'export'])).toBe(exports + 4);
  });

  it('a volunteer sees only the residents paired with them now, in whatever branch, and may reveal those (audited)', async () => {
    // The demo pairs dy1 (机关第一党支部) with residents of a 物业 branch: in sight by the pairing alone.
    const dy1User = await t.platform.db.selectFrom('users').select('id').where('username', '=', 'dy1').executeTakeFirstOrThrow();
    const self = (await volunteerOfUser(t.platform.db, (await row(a.id)).tenant_id, dy1User.id))!;
    const pairedIds = new Set((await t.platform.db.selectFrom('volunteer_pairings').select('resident_id').where('volunteer_kind', '=', 'member')
      .where('volunteer_id', '=', self.id).where('ended_on', 'is', null).execute()).map((p) => p.resident_id));
    const theirs = demo.filter((r) => pairedIds.has(r.id));
    expect(theirs.length).toBeGreaterThan(0);
    for (const r of theirs) expect(r.org_id).not.toBe(branch1);
    type List = { items: { id: string; volunteers: unknown[] }[]; total: number };
    const listed = async () => (await t.call('GET', `${API}/residents?pageSize=200`, { cookie: dy1 })).json() as List;
    const first = await listed();
    expect(first.items.map((i) => i.id).sort()).toEqual(theirs.map((r) => r.id).sort());
    expect(first.total).toBe(theirs.length);
    expect((await t.call('GET', `${API}/residents/${a.id}`, { cookie: dy1 })).statusCode).toBe(404);
    await pair(a.id, 'dy1');
    const list = await listed();
    expect(list.items.map((i) => i.id).sort()).toEqual([...theirs.map((r) => r.id), a.id].sort());
    expect(list.total).toBe(theirs.length + 1);
    // A list names the paired volunteer without their roster id.
    expect(list.items.find((i) => i.id === a.id)!.volunteers).toEqual([{ kind: 'member', name: self.name }]);
    const shown = ((await t.call('GET', `${API}/residents/communities`, { cookie: dy1 })).json() as { items: string[] }).items;
    expect([...shown].sort()).toEqual([...new Set([...theirs.map((r) => r.community), '翠苑一区'])].sort());
    // The detail reads the pairings and the latest visits (written by the visits part; inserted here).
    const vp = await t.platform.db.selectFrom('volunteer_pairings').selectAll().where('resident_id', '=', a.id).executeTakeFirstOrThrow();
    const r = await row(a.id);
    for (const [i, day] of [addDays(today, -3), addDays(today, -1)].entries()) {
      await t.platform.db.insertInto('volunteer_visits').values({
        tenant_id: r.tenant_id, id: newId(), resident_id: a.id, org_path: r.org_path, volunteer_kind: 'member', volunteer_id: vp.volunteer_id, volunteer_org_id: branch1,
        volunteer_org_path: r.org_path, visited_on: day, kind: i ? 'shopping' : 'visit', minutes: 45, notes: `第${i + 1}次`, condition: 'normal', handled_at: null,
        handled_by: null, handled_note: null, recorded_by: 'x', created_at: new Date().toISOString(), deleted_at: null,
      }).execute();
    }
    const detail = (await t.call('GET', `${API}/residents/${a.id}`, { cookie: dy1 })).json() as Detail & { recentVisits: { visitedOn: string; kind: string; volunteerName: string }[]; pairings: { volunteerName: string }[] };
    expect(detail.allowed.sort()).toEqual(['recordVisit', 'reveal']);
    expect(detail.pairings).toHaveLength(1);
    const dy1Name = detail.pairings[0]!.volunteerName;
    expect(dy1Name).toBe(self.name);
    expect(detail.recentVisits).toEqual([
      expect.objectContaining({ visitedOn: addDays(today, -1), kind: 'shopping', volunteerName: dy1Name }),
      expect.objectContaining({ visitedOn: addDays(today, -3), kind: 'visit', volunteerName: dy1Name }),
    ]);
    for (const path of [`/residents/${b.id}`, `/residents/${c.id}`]) expect((await t.call('GET', `${API}${path}`, { cookie: dy1 })).statusCode).toBe(404);
    expect((await t.call('POST', `${API}/residents/${b.id}/reveal`, { cookie: dy1 })).statusCode).toBe(404);
    const before = await sensitiveViews();
    const clear = await t.call('POST', `${API}/residents/${a.id}/reveal`, { cookie: dy1 });
    expect(clear.statusCode).toBe(200);
    expect(clear.json()).toMatchObject({ address: CLEAR.address, phone: CLEAR.phone, idNumber: CLEAR.idNumber, health: CLEAR.health, masked: false, emergency: [{ name: CLEAR.contactName, phone: CLEAR.contactPhone }] });
    expect(await sensitiveViews()).toBe(before + 1);
    const entry = await t.platform.db.selectFrom('audit_log').select(['entity', 'entity_id', 'after', 'username']).where('action', '=', 'sensitive.view').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ entity: 'volunteerResident', entity_id: a.id, username: 'dy1' });
    for (const v of clearValues()) expect(entry.after).not.toContain(v);
    // A volunteer registers and edits nothing, and exports nothing in clear.
    expect((await t.call('PATCH', `${API}/residents/${a.id}`, { cookie: dy1, body: { needs: '无' } })).statusCode).toBe(403);
    expect((await t.call('POST', `${API}/residents/${a.id}/status`, { cookie: dy1, body: { status: 'movedOut', on: today } })).statusCode).toBe(403);
    expect((await t.call('POST', `${API}/residents/export.xlsx`, { cookie: dy1, body: { unmasked: true } })).statusCode).toBe(403);
  });

  it('another branch\'s secretary gets 404 on every record route and sees the records in no list or export', async () => {
    const n = await count('volunteer_residents');
    const before = JSON.stringify(await row(a.id));
    const answers = await Promise.all([
      t.call('GET', `${API}/residents/${a.id}`, { cookie: zb2 }),
      t.call('POST', `${API}/residents/${a.id}/reveal`, { cookie: zb2 }),
      t.call('PATCH', `${API}/residents/${a.id}`, { cookie: zb2, body: { needs: '改' } }),
      t.call('POST', `${API}/residents/${a.id}/status`, { cookie: zb2, body: { status: 'deceased', on: today } }),
    ]);
    for (const res of answers) {
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: { message: '服务对象不存在或无权访问' } });
    }
    expect(JSON.stringify(await row(a.id))).toBe(before);
    expect(await count('volunteer_residents')).toBe(n);
    const list = (await t.call('GET', `${API}/residents?status=all&pageSize=200`, { cookie: zb2 })).json() as { items: { id: string }[] };
    expect(list.items.map((i) => i.id)).toEqual([c.id]);
    for (const res of [await t.call('GET', `${API}/residents/export.xlsx`, { cookie: zb2 }), await t.call('POST', `${API}/residents/export.xlsx`, { cookie: zb2, body: { unmasked: true } })]) {
      expect(res.statusCode).toBe(200);
      const text = JSON.stringify(await xlsxRows(res.rawPayload));
      expect(text).toContain('孙玉梅');
      expect(text).not.toContain('陈桂兰');
      expect(text).not.toContain('周德福');
    }
    expect(((await t.call('GET', `${API}/residents/communities`, { cookie: zb2 })).json() as { items: string[] }).items).toEqual(['翠苑三区']);
  });

  it('the responsible secretary reveals and exports in clear (audited); the 党委管理员 without volunteer.sensitive gets 403', async () => {
    let before = await sensitiveViews();
    const clear = await t.call('POST', `${API}/residents/${a.id}/reveal`, { cookie: zb1 });
    expect(clear.statusCode).toBe(200);
    expect(clear.json()).toMatchObject({ address: CLEAR.address, idNumber: CLEAR.idNumber, masked: false });
    expect(await sensitiveViews()).toBe(before + 1);
    before = await sensitiveViews();
    const refused = await t.call('POST', `${API}/residents/${a.id}/reveal`, { cookie: dw });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: { message: '您没有查看该服务对象敏感信息的权限' } });
    const refusedExport = await t.call('POST', `${API}/residents/export.xlsx`, { cookie: dw, body: { unmasked: true } });
    expect(refusedExport.statusCode).toBe(403);
    expect(refusedExport.json()).toMatchObject({ error: { message: '您没有导出服务对象敏感信息的权限' } });
    for (const v of clearValues()) expect(refused.body + refusedExport.body).not.toContain(v);
    expect(await sensitiveViews()).toBe(before);
    const exported = await t.call('POST', `${API}/residents/export.xlsx`, { cookie: zb1, body: { unmasked: true } });
    expect(exported.statusCode).toBe(200);
    const rows = await xlsxRows(exported.rawPayload);
    expect(rows.find((r) => r.includes('陈桂兰'))).toEqual(expect.arrayContaining([CLEAR.address, CLEAR.phone, CLEAR.idNumber, CLEAR.health, `${CLEAR.contactName}/儿子/${CLEAR.contactPhone}`]));
    expect(await sensitiveViews()).toBe(before + 1);
    const entry = await t.platform.db.selectFrom('audit_log').select('after').where('action', '=', 'sensitive.view').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(entry.after!)).toMatchObject({ export: true, count: 2, total: 2 });
  });

  it('filters the list in SQL: 小区, risk, living, keyword, paired, overdue, organisation, status', async () => {
    const ids = async (q: string) => ((await t.call('GET', `${API}/residents?pageSize=200&${q}`, { cookie: dw })).json() as { items: { id: string }[] }).items.map((i) => i.id).sort();
    // The 党委管理员 sees the demo's register too: each filter returns exactly the matching ones of the demo's 在册
    // residents (judged here row by row) besides ours.
    const db = t.platform.db;
    const rules = await t.platform.settings.get((await row(a.id)).tenant_id, VOLUNTEER_RULES);
    const theirs = (await db.selectFrom('volunteer_residents').selectAll().where('id', 'in', demo.map((r) => r.id)).execute()).filter((r) => r.status === 'active');
    const open = new Set((await db.selectFrom('volunteer_pairings').select('resident_id').where('ended_on', 'is', null).execute()).map((p) => p.resident_id));
    const plus = (match: (r: VolunteerResidentTable) => boolean, ...ours: string[]) => [...theirs.filter(match).map((r) => r.id), ...ours].sort();
    const overdue = (r: VolunteerResidentTable) => overdueDays(r, rules, today) > 0;
    // The demo leaves some residents overdue and some unpaired, so both sides of those filters are at stake.
    expect(theirs.filter(overdue).length).toBeGreaterThan(0);
    expect(theirs.filter((r) => !open.has(r.id)).length).toBeGreaterThan(0);
    expect(await ids(`community=${encodeURIComponent('翠苑二区')}`)).toEqual([b.id]);
    expect(await ids('risk=low')).toEqual(plus((r) => r.risk === 'low', b.id));
    expect(await ids('living=alone')).toEqual(plus((r) => (JSON.parse(r.living) as string[]).includes('alone'), b.id));
    expect(await ids(`keyword=${encodeURIComponent('桂')}`)).toEqual(plus((r) => r.name.includes('桂'), a.id));
    expect(await ids('paired=true')).toEqual(plus((r) => open.has(r.id), a.id));
    expect(await ids('paired=false')).toEqual(plus((r) => !open.has(r.id), b.id, c.id));
    expect(await ids(`orgId=${branch2}`)).toEqual([c.id]);
    expect(await ids('overdue=true')).toEqual(plus(overdue));
    // Registered eight days ago, the high-risk residents (interval 7) are overdue; the low-risk one (30) is not.
    const eightAgo = addDays(today, -8);
    await db.updateTable('volunteer_residents').set({ registered_on: eightAgo }).where('id', 'in', [a.id, b.id, c.id]).execute();
    await bumpCounter(db, 'write_versions', (await row(a.id)).tenant_id);
    expect(await ids('overdue=true')).toEqual(plus(overdue, a.id, c.id));
    const item = ((await t.call('GET', `${API}/residents?overdue=true&orgId=${branch1}`, { cookie: dw })).json() as { items: { overdueDays: number; nextDueOn: string }[] }).items[0]!;
    expect(item).toMatchObject({ overdueDays: 1, nextDueOn: addDays(eightAgo, 7) });
    expect(((await t.call('GET', `${API}/residents?pageSize=1`, { cookie: dw })).json() as { total: number }).total).toBe(theirs.length + 3);
    // Within 机关党总支 (no demo residents): three, the second page of two holds one.
    const page = (await t.call('GET', `${API}/residents?pageSize=2&page=2&orgId=${await t.orgId('机关党总支')}`, { cookie: dw })).json() as { items: unknown[]; total: number };
    expect(page).toMatchObject({ total: 3 });
    expect(page.items).toHaveLength(1);
  });

  it('refuses bad input with a clear Chinese message, leaking no clear value, and changes nothing', async () => {
    const n = await count('volunteer_residents');
    const cases: [string, Record<string, unknown>, number, string][] = [
      [zb1, { birthDate: addDays(today, 1), idNumber: null, name: '未来人' }, 400, '出生日期不能晚于今天'],
      [zb1, { orgId: '01900000-0000-7000-8000-00000000dead', name: '甲' }, 400, '负责组织不存在或不在您的管理范围内'],
      [zb1, { orgId: branch2, name: '乙' }, 400, '负责组织不存在或不在您的管理范围内'],
      [zb1, { phone: '12345', name: '丙', idNumber: null }, 400, '联系电话应为 11 位手机号或带区号的固定电话'],
      [zb1, { idNumber: `${CLEAR.idNumber.slice(0, 17)}${CLEAR.idNumber[17] === '1' ? '2' : '1'}`, name: '丁' }, 400, '身份证号校验位不正确'],
      [zb1, { idNumber: makeIdNumber('330106', '1941-05-12', 22) }, 400, '出生日期与身份证号不一致'],
      [zb1, { emergency: [{ name: '王五', relation: '女儿', phone: '999' }], idNumber: null, name: '戊' }, 400, '第 1 位紧急联系人的电话应为'],
      [zb1, { address: '******', idNumber: null, name: '己' }, 400, '详细地址不能含“*”'],
      [zb1, {}, 409, '该服务对象已登记'],
    ];
    for (const [cookie, over, status, message] of cases) {
      const res = await t.call('POST', `${API}/residents`, { cookie, body: base(over) });
      expect(res.statusCode, res.body).toBe(status);
      expect((res.json() as { error: { message: string } }).error.message).toContain(message);
      // The answer without its random request id (a UUID may hold "999" by chance).
      const answer = JSON.stringify({ ...(res.json() as { error: object }).error, requestId: undefined });
      for (const v of [CLEAR.address, CLEAR.phone, CLEAR.health, CLEAR.contactPhone, '王五', '999']) expect(answer).not.toContain(v);
    }
    expect((await t.call('POST', `${API}/residents`, { cookie: zb1, body: { ...base(), risk: 'extreme' } })).statusCode).toBe(400);
    expect(await count('volunteer_residents')).toBe(n);
    // A bad edit changes nothing either.
    const before = JSON.stringify(await row(a.id));
    const bad = await t.call('PATCH', `${API}/residents/${a.id}`, { cookie: zb1, body: { phone: '0000', needs: '改了' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { message: expect.stringContaining('联系电话应为') } });
    expect(JSON.stringify(await row(a.id))).toBe(before);
  });

  it('edits: a masked value sent back unchanged keeps the stored one; a new value is stored encrypted and named in the audit', async () => {
    const shown = (await t.call('GET', `${API}/residents/${a.id}`, { cookie: zb1 })).json() as Detail;
    const res = await t.call('PATCH', `${API}/residents/${a.id}`, { cookie: zb1, body: { address: shown.address, phone: shown.phone, idNumber: shown.idNumber, health: shown.health, emergency: shown.emergency, needs: '每周两次代购' } });
    expect(res.statusCode, res.body).toBe(200);
    const clear = (await t.call('POST', `${API}/residents/${a.id}/reveal`, { cookie: zb1 })).json() as Detail;
    expect(clear).toMatchObject({ address: CLEAR.address, phone: CLEAR.phone, idNumber: CLEAR.idNumber, health: CLEAR.health });
    expect((await t.call('PATCH', `${API}/residents/${a.id}`, { cookie: zb1, body: { phone: '0571-88886666' } })).json()).toMatchObject({ phone: '057******6666' });
    const entry = await t.platform.db.selectFrom('audit_log').select(['before', 'after']).where('action', '=', 'volunteerResident.update').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(entry.after!)).toMatchObject({ changedSensitive: ['phone'] });
    expect(`${entry.before}${entry.after}`).not.toContain('88886666');
    expect(`${entry.before}${entry.after}`).not.toContain(CLEAR.phone);
    // The 党委管理员 writes (volunteer.write) without seeing: the answer stays masked.
    expect((await t.call('PATCH', `${API}/residents/${b.id}`, { cookie: dw, body: { risk: 'medium' } })).json()).toMatchObject({ risk: 'medium', masked: true });
  });

  it('status: 迁出 and 去世 need a date not ahead of today; a death is final and ends the open pairings', async () => {
    const before = JSON.stringify(await row(a.id));
    const refusals: [Record<string, unknown>, number, string][] = [
      [{ status: 'deceased' }, 400, '请填写去世日期'],
      [{ status: 'movedOut', on: null }, 400, '请填写迁出日期'],
      [{ status: 'deceased', on: addDays(today, 1) }, 400, '去世日期不能晚于今天'],
      [{ status: 'deceased', on: '1930-01-01' }, 400, '去世日期不能早于出生日期'],
      [{ status: 'active' }, 409, '该服务对象已是“在册”状态'],
      [{ status: 'dead', on: today }, 400, ''],
    ];
    for (const [body, status, message] of refusals) {
      const res = await t.call('POST', `${API}/residents/${a.id}/status`, { cookie: zb1, body });
      expect(res.statusCode, res.body).toBe(status);
      expect((res.json() as { error: { message: string } }).error.message).toContain(message);
    }
    expect(JSON.stringify(await row(a.id))).toBe(before);
    const dead = await t.call('POST', `${API}/residents/${a.id}/status`, { cookie: zb1, body: { status: 'deceased', on: today, note: '家属告知' } });
    expect(dead.statusCode, dead.body).toBe(200);
    expect(dead.json()).toMatchObject({ status: 'deceased', statusOn: today, nextDueOn: null, volunteers: [], pairings: [{ endedOn: today, endReason: '服务对象去世' }] });
    expect((dead.json() as Detail).allowed).not.toContain('recordVisit');
    expect((dead.json() as Detail).allowed).not.toContain('pair');
    const again = await t.call('POST', `${API}/residents/${a.id}/status`, { cookie: zb1, body: { status: 'deceased', on: today } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { message: '该服务对象已去世，不能再变更状态' } });
    // The volunteer's pairing ended, so the record is out of their sight; the default list shows 在册 only.
    expect((await t.call('GET', `${API}/residents/${a.id}`, { cookie: dy1 })).statusCode).toBe(404);
    const listed = async (q: string) => ((await t.call('GET', `${API}/residents?pageSize=200${q}`, { cookie: zb1 })).json() as { items: { id: string }[] }).items.map((i) => i.id);
    expect(await listed('')).not.toContain(a.id);
    expect(await listed('&status=deceased')).toEqual([a.id]);
    // 迁出 and back.
    expect((await t.call('POST', `${API}/residents/${b.id}/status`, { cookie: zb1, body: { status: 'movedOut', on: today } })).json()).toMatchObject({ status: 'movedOut', statusOn: today });
    expect((await t.call('POST', `${API}/residents/${b.id}/status`, { cookie: zb1, body: { status: 'active' } })).json()).toMatchObject({ status: 'active', statusOn: null });
  });
  it('a list page is kept per reader until the tenant writes: a write request (even of another record) shows a change made past the API', async () => {
    const names = async (cookie: string) => ((await t.call('GET', `${API}/residents?keyword=${encodeURIComponent('孙玉梅')}&status=all`, { cookie })).json() as { items: { name: string }[] }).items.map((i) => i.name);
    expect(await names(zb2)).toEqual(['孙玉梅']);
    // Another tool renames the record in the database: the kept page stands (for at most a minute)…
    await t.platform.db.updateTable('volunteer_residents').set({ name: '孙玉梅（改）' }).where('id', '=', c.id).execute();
    expect(await names(zb2)).toEqual(['孙玉梅']);
    // …a refused write request changes nothing and keeps it…
    expect((await t.call('PATCH', `${API}/residents/${a.id}`, { cookie: dy1, body: { needs: '无' } })).statusCode).toBe(403);
    expect(await names(zb2)).toEqual(['孙玉梅']);
    // …and any write of the committee, here of another branch's resident, makes every reader's page read again.
    expect((await t.call('PATCH', `${API}/residents/${a.id}`, { cookie: zb1, body: { needs: '每周代购蔬菜和药品' } })).statusCode).toBe(200);
    expect(await names(zb2)).toEqual(['孙玉梅（改）']);
    // A reader who never saw the record (another branch's secretary) does not see it through another reader's page.
    expect(await names(zb1)).toEqual([]);
    await t.platform.db.updateTable('volunteer_residents').set({ name: '孙玉梅' }).where('id', '=', c.id).execute();
    await bumpCounter(t.platform.db, 'write_versions', (await row(c.id)).tenant_id);
  });
});
