// 服务时长 and 志愿服务记录证明 through the API, and the three metrics, against numbers worked out by hand from the
// visits and activities written here (year 2025, 机关 branches, so the demo's own data never mixes in): visits count for
// the volunteer's organisation on the day, deleted visits and other years do not; another branch's secretary sees
// none of it; the Excel summary and the Word certificate carry the same numbers.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { unzip } from '../../test/unzip.js';
import type { MemberSummary } from '../members/index.js';
import type { Platform } from '../../platform/context.js';
import { activeMembers, insertPairing, insertResident, insertVisit } from './hoursTesting.js';

/** The demo tenant and its organisations by name (read here: the fixtures file may only name volunteer tables). */
const tenantOf = async (p: Platform) => (await p.db.selectFrom('tenants').select('id').where('id', 'not like', '00000000-%').executeTakeFirstOrThrow()).id;
const orgRow = (p: Platform, id: string) => p.db.selectFrom('organisations').select(['id', 'path', 'name']).where('id', '=', id).executeTakeFirstOrThrow();

let t: TestApp;
let tenantId: string;
let dw: string;
let zb1: string;
let zb2: string;
let dy1: string;
let sh: string; // 宣传审核员: an employee with no volunteer permission
let general: { id: string; path: string; name: string }; // 机关党总支
let branch1: { id: string; path: string; name: string };
let branch2: { id: string; path: string; name: string };
let m1: MemberSummary; // dy1's own member record (机关第一党支部 第一党小组)
let m2: MemberSummary; // another member of 机关第一党支部
let m3: MemberSummary; // a member of 机关第二党支部
let b1Members: MemberSummary[];
let b2Members: MemberSummary[];

type Hours = {
  orgId: string; year: string; months: { month: string; visitMinutes: number; activityMinutes: number; visits: number }[];
  orgs: { orgId: string; orgName: string; minutes: number; volunteers: number; monthMinutes: number[] }[];
  volunteers: { kind: string; id: string; name: string; orgName: string; visitMinutes: number; activityMinutes: number; visits: number }[];
  total: { visitMinutes: number; activityMinutes: number; visits: number; volunteers: number };
};
const hours = async (cookie: string, q: string) => {
  const res = await t.call('GET', `/api/v1/volunteer/hours?${q}`, { cookie });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Hours;
};
const docText = (buf: Buffer) => unzip(buf).get('word/document.xml')!.toString('utf8').replace(/<[^>]+>/g, '');

beforeAll(async () => {
  t = await createTestApp();
  tenantId = await tenantOf(t.platform);
  [dw, zb1, zb2, dy1, sh] = (await Promise.all(['dangwei', 'zb1', 'zb2', 'dy1', 'shenhe'].map((u) => t.login(u)))) as [string, string, string, string, string];
  general = await orgRow(t.platform, await t.orgId('机关党总支'));
  branch1 = await orgRow(t.platform, await t.orgId('机关第一党支部'));
  branch2 = await orgRow(t.platform, await t.orgId('机关第二党支部'));
  b1Members = await activeMembers(t.platform, tenantId, branch1.path);
  b2Members = await activeMembers(t.platform, tenantId, branch2.path);
  const dy1User = await t.platform.db.selectFrom('users').select('id').where('username', '=', 'dy1').executeTakeFirstOrThrow();
  m1 = b1Members.find((m) => m.userId === dy1User.id)!;
  m2 = b1Members.find((m) => m.id !== m1.id && m.orgPath !== m1.orgPath)!;
  m3 = b2Members[0]!;

  // Residents of 机关第一党支部: R1 高 (7 days), R2 中 (14, registered late), R3 低 (30, never visited), R5 去世 in February,
  // R6 registered after the first quarter; of 机关第二党支部: R4 低.
  const p = t.platform;
  const r1 = await insertResident(p, tenantId, branch1, { name: '张秀英', risk: 'high', registeredOn: '2025-01-01' });
  const r2 = await insertResident(p, tenantId, branch1, { name: '李桂兰', risk: 'medium', registeredOn: '2025-03-20' });
  const r3 = await insertResident(p, tenantId, branch1, { name: '王淑珍', risk: 'low', registeredOn: '2025-01-01' });
  const r5 = await insertResident(p, tenantId, branch1, { name: '赵玉梅', risk: 'high', registeredOn: '2025-01-01', status: 'deceased', statusOn: '2025-02-01' });
  await insertResident(p, tenantId, branch1, { name: '刘凤英', risk: 'low', registeredOn: '2025-05-01' });
  const r4 = await insertResident(p, tenantId, branch2, { name: '陈桂芳', risk: 'low', registeredOn: '2025-01-01' });
  await insertPairing(p, r1, m1, '2025-01-01');
  await insertPairing(p, r2, m2, '2025-04-01');
  await insertPairing(p, r3, m2, '2025-01-01', '2025-03-01');
  await insertPairing(p, r4, m3, '2025-01-01');
  await insertVisit(p, r1, m1, '2025-03-05', 60);
  await insertVisit(p, r1, m1, '2025-03-20', 30);
  await insertVisit(p, r1, m1, '2025-03-21', 999, true); // deleted: never counts
  await insertVisit(p, r1, m1, '2024-12-20', 40); // another year
  await insertVisit(p, r5, m1, '2025-01-15', 20);
  await insertVisit(p, r2, m2, '2025-04-10', 45);
  await insertVisit(p, r4, m3, '2025-03-07', 50);
  // A 小区卫生治理 of 机关第一党支部 on 2025-03-15: m1 120 minutes, m2 60.
  const act = await t.call('POST', '/api/v1/volunteer/activities', {
    cookie: zb1, body: { orgId: branch1.id, title: '小区卫生治理', heldOn: '2025-03-15', participants: [{ kind: 'member', id: m1.id, minutes: 120 }, { kind: 'member', id: m2.id, minutes: 60 }] },
  });
  expect(act.statusCode, act.body).toBe(201);
});
afterAll(async () => t.close());

describe(`服务时长 ${dialectLabel()}`, () => {
  it('sums visits and activities per month, per child organisation and per volunteer of the branch', async () => {
    const h = await hours(zb1, 'year=2025');
    expect(h.orgId).toBe(branch1.id);
    expect(h.months).toHaveLength(12);
    expect(h.months[0]).toEqual({ month: '2025-01', visitMinutes: 20, activityMinutes: 0, visits: 1 });
    expect(h.months[2]).toEqual({ month: '2025-03', visitMinutes: 90, activityMinutes: 180, visits: 2 });
    expect(h.months[3]).toEqual({ month: '2025-04', visitMinutes: 45, activityMinutes: 0, visits: 1 });
    expect(h.months.filter((m) => ![0, 2, 3].includes(Number(m.month.slice(5)) - 1)).every((m) => m.visitMinutes + m.activityMinutes === 0)).toBe(true);
    expect(h.total).toEqual({ visitMinutes: 155, activityMinutes: 180, visits: 4, volunteers: 2 });
    const v1 = h.volunteers.find((v) => v.id === m1.id);
    const v2 = h.volunteers.find((v) => v.id === m2.id);
    expect(v1).toMatchObject({ kind: 'member', name: m1.name, visitMinutes: 110, activityMinutes: 120, visits: 3 });
    expect(v2).toMatchObject({ kind: 'member', name: m2.name, visitMinutes: 45, activityMinutes: 60, visits: 1 });
    expect(h.volunteers.map((v) => v.id)).toEqual([m1.id, m2.id]); // most hours first
    // Each volunteer's minutes land in the child organisation (党小组, or the branch itself) they sit in.
    const bucket = (m: MemberSummary) => h.orgs.find((o) => o.orgId === (m.groupId ?? branch1.id))!;
    expect(bucket(m1)).toMatchObject({ minutes: 230, volunteers: 1 });
    expect(bucket(m1).monthMinutes.slice(0, 4)).toEqual([20, 0, 210, 0]);
    expect(bucket(m2)).toMatchObject({ minutes: 105, volunteers: 1 });
    expect(h.orgs.reduce((s, o) => s + o.minutes, 0)).toBe(335);
  });

  it('a committee-wide reader gets the branches of a 党总支; another branch\'s secretary sees none of branch 1', async () => {
    const h = await hours(dw, `orgId=${general.id}&year=2025`);
    const row = (id: string) => h.orgs.find((o) => o.orgId === id);
    expect(row(branch1.id)).toMatchObject({ orgName: expect.stringContaining('机关第一党支部'), minutes: 335, volunteers: 2 });
    expect(row(branch2.id)).toMatchObject({ minutes: 50, volunteers: 1 });
    expect(h.total).toEqual({ visitMinutes: 205, activityMinutes: 180, visits: 5, volunteers: 3 });

    const other = await hours(zb2, 'year=2025');
    expect(other.orgId).toBe(branch2.id);
    expect(other.volunteers.map((v) => v.id)).toEqual([m3.id]);
    expect(other.total).toEqual({ visitMinutes: 50, activityMinutes: 0, visits: 1, volunteers: 1 });
    const refused = await t.call('GET', `/api/v1/volunteer/hours?orgId=${branch1.id}&year=2025`, { cookie: zb2 });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('组织不存在或不在您的查看范围内');
    expect((await t.call('GET', '/api/v1/volunteer/hours?orgId=no-such-org', { cookie: dw })).statusCode).toBe(400);
    expect((await t.call('GET', '/api/v1/volunteer/hours?year=25', { cookie: dw })).body).toContain('年份格式应为 YYYY');
    expect((await t.call('GET', '/api/v1/volunteer/hours', { cookie: dy1 })).statusCode).toBe(403);
    expect((await t.call('GET', '/api/v1/volunteer/hours', { cookie: sh })).statusCode).toBe(403);
  });

  it('exports the monthly summary per organisation to Excel, in hours with one decimal', async () => {
    const res = await t.call('GET', `/api/v1/volunteer/hours?orgId=${general.id}&year=2025&format=xlsx`, { cookie: dw });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const rows = sheet.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows[0]!.slice(0, 4)).toEqual(['组织', '1月（小时）', '2月（小时）', '3月（小时）']);
    expect(rows[0]!.slice(-2)).toEqual(['合计（小时）', '志愿者人数']);
    const b1 = rows.find((r) => String(r[0]).includes('机关第一党支部'))!;
    // January 20 minutes, March 90 + 180, April 45: 0.3, 4.5, 0.8 hours; 335 minutes in all.
    expect(b1.slice(1, 5)).toEqual(['0.3', '0.0', '4.5', '0.8']);
    expect(b1.slice(-2)).toEqual(['5.6', 2]);
    const total = rows[rows.length - 1]!;
    expect(String(total[0])).toContain('合计');
    expect(total.slice(-2)).toEqual(['6.4', 3]);
  });

  it('a volunteer reads their own hours and records, and downloads their 志愿服务记录证明', async () => {
    const res = await t.call('GET', '/api/v1/volunteer/hours/mine?year=2025', { cookie: dy1 });
    expect(res.statusCode, res.body).toBe(200);
    const mine = res.json() as { volunteer: { id: string }; total: Hours['total']; records: { date: string; source: string; title: string; minutes: number }[] };
    expect(mine.volunteer.id).toBe(m1.id);
    expect(mine.total).toEqual({ visitMinutes: 110, activityMinutes: 120, visits: 3 });
    expect(mine.records.map((r) => [r.date, r.source, r.minutes])).toEqual([
      ['2025-03-20', 'visit', 30], ['2025-03-15', 'activity', 120], ['2025-03-05', 'visit', 60], ['2025-01-15', 'visit', 20],
    ]);
    expect(mine.records[1]!.title).toBe('志愿活动：小区卫生治理');
    expect(mine.records[0]!.title).toBe('探访：张秀英');

    const doc = await t.call('GET', '/api/v1/volunteer/hours/mine/certificate.docx?year=2025', { cookie: dy1 });
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toContain('wordprocessingml');
    const text = docText(doc.rawPayload);
    expect(text).toContain('志愿服务记录证明');
    // 110 + 120 minutes = 3.8 hours; 3 visits and 1 activity; issued by the committee.
    expect(text).toContain(`兹证明${m1.name}（`);
    expect(text).toContain('走访服务 3 次、志愿活动 1 次，累计服务时长 3.8 小时');
    expect(text).toContain('社区党委');
    expect(text).toContain('小区卫生治理');
    // An employee account without a member or volunteer permission has no certificate to download.
    expect((await t.call('GET', '/api/v1/volunteer/hours/mine/certificate.docx', { cookie: sh })).statusCode).toBe(403);
  });

  it('issues another volunteer\'s certificate only over their organisation (404 otherwise)', async () => {
    const ok = await t.call('GET', `/api/v1/volunteer/volunteers/member/${m1.id}/certificate.docx?year=2025`, { cookie: zb1 });
    expect(ok.statusCode).toBe(200);
    expect(docText(ok.rawPayload)).toContain('累计服务时长 3.8 小时');
    expect((await t.call('GET', `/api/v1/volunteer/volunteers/member/${m1.id}/certificate.docx?year=2025`, { cookie: zb2 })).statusCode).toBe(404);
    expect((await t.call('GET', '/api/v1/volunteer/volunteers/member/no-such-member/certificate.docx', { cookie: zb1 })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/volunteer/volunteers/staff/${m1.id}/certificate.docx`, { cookie: dw })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/volunteer/volunteers/member/${m1.id}/certificate.docx`, { cookie: dy1 })).statusCode).toBe(403);
    const empty = await t.call('GET', `/api/v1/volunteer/volunteers/member/${m3.id}/certificate.docx?year=2024`, { cookie: dw });
    expect(docText(empty.rawPayload)).toContain('2024年度暂无志愿服务记录');
  });
  it('shows a new visit, an edited activity, a deleted visit and a renamed member at once (the kept summary follows the counter)', async () => {
    const before = await hours(zb1, 'year=2025');
    const r = await t.platform.db.selectFrom('volunteer_residents').selectAll().where('name', '=', '张秀英').executeTakeFirstOrThrow();
    const id = await insertVisit(t.platform, r, m1, '2025-06-10', 25);
    const added = await hours(zb1, 'year=2025');
    expect(added.months[5]).toEqual({ month: '2025-06', visitMinutes: 25, activityMinutes: 0, visits: 1 });
    expect(added.total.visitMinutes).toBe(before.total.visitMinutes + 25);
    await t.platform.db.updateTable('volunteer_visits').set({ deleted_at: '2025-06-11T00:00:00.000Z' }).where('id', '=', id).execute();
    expect(await hours(zb1, 'year=2025')).toEqual(before);
    const list = (await t.call('GET', '/api/v1/volunteer/activities?year=2025', { cookie: zb1 })).json() as { items: { id: string; title: string }[] };
    const act = list.items.find((i) => i.title === '小区卫生治理')!;
    const patched = await t.call('PATCH', `/api/v1/volunteer/activities/${act.id}`, { cookie: zb1, body: { participants: [{ kind: 'member', id: m1.id, minutes: 120 }, { kind: 'member', id: m2.id, minutes: 75 }] } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await hours(zb1, 'year=2025')).total.activityMinutes).toBe(195);
    await t.call('PATCH', `/api/v1/volunteer/activities/${act.id}`, { cookie: zb1, body: { participants: [{ kind: 'member', id: m1.id, minutes: 120 }, { kind: 'member', id: m2.id, minutes: 60 }] } });
    expect(await hours(zb1, 'year=2025')).toEqual(before);
    // A renamed member is named anew (the names are behind the same counter).
    const staffId = (await t.platform.db.selectFrom('members').select('staff_id').where('id', '=', m2.id).executeTakeFirstOrThrow()).staff_id;
    await t.platform.db.updateTable('staff').set({ name: '改名测试' }).where('id', '=', staffId).execute();
    expect((await hours(zb1, 'year=2025')).volunteers.find((v) => v.id === m2.id)!.name).toBe('改名测试');
    await t.platform.db.updateTable('staff').set({ name: m2.name }).where('id', '=', staffId).execute();
    expect(await hours(zb1, 'year=2025')).toEqual(before);
  });
});

describe(`志愿服务指标 ${dialectLabel()}`, () => {
  const ctx = () => ({ db: t.platform.db, dialect: t.platform.data.dialect, tenantId, period: { from: '2025-01-01', to: '2025-03-31' }, targetIds: [branch1.id, branch2.id, general.id] });

  it('volunteer.onTimeRate: residents 在册 at the period end not past their interval', async () => {
    // Branch 1 on 2025-03-31: R1 高 last visited 03-20, due 03-27 — late; R2 中 registered 03-20, due 04-03 — on time;
    // R3 低 never visited, due 01-31 — late; R5 died in February and R6 came later: not counted. 1 of 3.
    // Branch 2: R4 低 visited 03-07, due 04-06 — on time. The 党总支: 2 of 4.
    const v = await t.platform.metrics.compute('volunteer.onTimeRate', ctx());
    expect(Object.fromEntries(v)).toEqual({ [branch1.id]: 33.3, [branch2.id]: 100, [general.id]: 50 });
  });

  it('volunteer.coverage: residents with a pairing open at the period end', async () => {
    // Branch 1: R1 paired since January — covered; R2 paired only from April; R3's pairing ended 03-01. 1 of 3. Branch 2: 1 of 1.
    const v = await t.platform.metrics.compute('volunteer.coverage', ctx());
    expect(Object.fromEntries(v)).toEqual({ [branch1.id]: 33.3, [branch2.id]: 100, [general.id]: 50 });
  });

  it('volunteer.hoursPerMember: hours in the period over the members 在册', async () => {
    // Branch 1 in the first quarter: visits 20 + 60 + 30, activity 120 + 60 = 290 minutes; branch 2: 50 minutes.
    const v = await t.platform.metrics.compute('volunteer.hoursPerMember', ctx());
    const per = (minutes: number, members: number) => Math.round((10 * minutes) / 60 / members) / 10;
    expect(v.get(branch1.id)).toBe(per(290, b1Members.length));
    expect(v.get(branch2.id)).toBe(per(50, b2Members.length));
    expect(v.get(general.id)).toBe(per(340, b1Members.length + b2Members.length));
    expect(b1Members.length).toBeGreaterThan(0);
    const names = t.platform.metrics.list().filter((m) => m.key.startsWith('volunteer.')).map((m) => [m.key, m.name, m.unit]);
    expect(names).toEqual([
      ['volunteer.coverage', '空巢老人结对覆盖率', '%'], ['volunteer.hoursPerMember', '党员人均志愿服务时长', '小时'], ['volunteer.onTimeRate', '空巢老人按时走访率', '%'],
    ]);
  });
});
