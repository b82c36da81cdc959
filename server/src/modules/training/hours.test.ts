// 学时 against the yearly requirement, worked out by hand from rows written here in 2022 (the demo's 组织生活 starts
// in late 2023 and its courses in 2026, so nothing of the demo mixes in): online study capped at the required time,
// offline sessions held as 组织生活 activities, 党课 counted once (a 党课 held as a session earns the session's credit,
// not both), the ledger with who is behind, its Excel export, the learner's own 学时, the 业务规则 refusing a negative
// 学时, the secretary's 待办 and the metric; out-of-scope readers refused.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { newId } from '../../db/ids.js';
import { membersUnder, type MemberSummary } from '../members/index.js';
import type { Platform } from '../../platform/context.js';
import { memberYearHours } from './hours.js';
import { deleteSession, insertCourse, insertMaterial, insertSession, insertStudy } from './hoursTesting.js';

const tenantOf = async (p: Platform) => (await p.db.selectFrom('tenants').select('id').where('id', 'not like', '00000000-%').executeTakeFirstOrThrow()).id;
const orgRow = (p: Platform, id: string) => p.db.selectFrom('organisations').select(['id', 'path', 'name']).where('id', '=', id).executeTakeFirstOrThrow();
const userId = async (p: Platform, username: string) => (await p.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

type Org = { id: string; path: string; name: string };
type Row = { memberId: string; name: string; posts: string[]; requiredTenths: number; onlineTenths: number; offlineTenths: number; lectureTenths: number; totalTenths: number; behindTenths: number };
type Ledger = {
  orgId: string; orgName: string; year: string; requirement: { memberTenths: number; cadreTenths: number };
  summary: { members: number; met: number; rate: number | null; totalTenths: number };
  orgs: { orgId: string; orgName: string; members: number; met: number; rate: number | null }[];
  items: Row[]; total: number; page: number; pageSize: number;
};

let t: TestApp;
let tenantId: string;
let dw: string; let zb1: string; let zb2: string; let dy1: string; let wy: string; let admin: string;
let branch1: Org; let branch2: Org; let general: Org;
let m1: MemberSummary; // dy1's own member record, 机关第一党支部 (宣传委员: a cadre)
let m2: MemberSummary; // another member of 机关第一党支部 holding no post
let sec: MemberSummary; // zb1's member record: the secretary (a cadre)
let m3: MemberSummary; // a member of 机关第二党支部
let courseId: string;
let lecture2: string; // a 党课 later held as a session of the course

/** A 组织生活 activity of an organisation in 2022 with its sign-in sheet (组织生活's own rows). */
async function activity(org: Org, kind: string, on: string, lines: { m: MemberSummary; status: 'present' | 'leave' | 'absent' | 'visitor'; makeupOn?: string }[], o: { status?: 'planned' | 'held' | 'archived'; deleted?: boolean } = {}): Promise<string> {
  const id = newId(Date.parse(`${on}T01:00:00.000Z`));
  const status = o.status ?? 'held';
  const startsAt = `${on}T01:00:00.000Z`;
  await t.platform.db.insertInto('org_life_activities').values({
    tenant_id: tenantId, id, org_id: org.id, org_path: org.path, kind, title: `${org.name}${on}${kind === 'partyLecture' ? '党课' : '主题党日'}`, theme_id: null, status,
    starts_at: startsAt, ends_at: `${on}T03:00:00.000Z`, starts_on: on, place: '党员活动室', host_member_id: null, recorder_member_id: null, host_name: '', recorder_name: '',
    lecturer_name: '', agenda: '', minutes: '', decisions: '', votes: '[]', allow_visitors: 1, created_by: null, created_at: startsAt, updated_by: null, updated_at: startsAt,
    held_at: status === 'planned' ? null : startsAt, archived_at: null, deleted_at: o.deleted ? startsAt : null,
  }).execute();
  for (const l of lines) {
    await t.platform.db.insertInto('org_life_attendance').values({
      tenant_id: tenantId, activity_id: id, member_id: l.m.id, expected: l.status === 'visitor' ? 0 : 1, status: l.status, reason: l.status === 'present' || l.status === 'visitor' ? null : '出差',
      signed_in_at: null, method: null, makeup_on: l.makeupOn ?? null, makeup_note: l.makeupOn ? '自学补课' : null, updated_by: null, updated_at: startsAt,
    }).execute();
  }
  return id;
}

const ledger = async (cookie: string, q: string): Promise<Ledger> => {
  const res = await t.call('GET', `/api/v1/training/hours?${q}`, { cookie });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Ledger;
};
const rowOf = (l: Ledger, m: MemberSummary) => l.items.find((r) => r.memberId === m.id);
const hoursRule = async () => ((await t.call('GET', '/api/v1/settings/rules', { cookie: dw })).json() as { items: { key: string; value: Record<string, unknown> }[] }).items.find((i) => i.key === 'training.hours')!.value;
const setRule = (cookie: string, value: Record<string, unknown>) => t.call('PUT', '/api/v1/settings/rules/training.hours', { cookie, body: { value: { memberHours: 32, cadreHours: 56, lectureTenths: 20, remindFrom: '10-01', ...value } } });

beforeAll(async () => {
  t = await createTestApp();
  const p = t.platform;
  tenantId = await tenantOf(p);
  [dw, zb1, zb2, dy1, wy, admin] = (await Promise.all(['dangwei', 'zb1', 'zb2', 'dy1', 'weiyuan', 'admin'].map((u) => t.login(u)))) as [string, string, string, string, string, string];
  branch1 = await orgRow(p, await t.orgId('机关第一党支部'));
  branch2 = await orgRow(p, await t.orgId('机关第二党支部'));
  general = await orgRow(p, await t.orgId('机关党总支'));
  const b1 = await membersUnder(p.db, tenantId, branch1.path, { status: 'active' });
  const [dy1Id, zb1Id] = await Promise.all([userId(p, 'dy1'), userId(p, 'zb1')]);
  m1 = b1.find((m) => m.userId === dy1Id)!;
  sec = b1.find((m) => m.userId === zb1Id)!;
  const holders = new Set((await p.db.selectFrom('org_posts').select('member_id').where('tenant_id', '=', tenantId).where('ended_on', 'is', null).execute()).map((r) => r.member_id));
  m2 = b1.find((m) => m.id !== m1.id && m.id !== sec.id && m.userId === null && !holders.has(m.id))!;
  m3 = (await membersUnder(p.db, tenantId, branch2.path, { status: 'active' }))[0]!;

  // Online: A 2.5 学时 for 30 minutes (40 minutes studied in the year: capped, 2.5), B 1 学时 for 10 minutes (5 studied:
  // 0.5), study in 2021 (another year); and the secretary's 5 学时 on a material deleted since (earned time stays).
  courseId = await insertCourse(p, tenantId, branch1, '2022年度党员教育');
  const a = await insertMaterial(p, tenantId, courseId, { title: '学习党章', creditTenths: 25, requiredMinutes: 30 });
  const b = await insertMaterial(p, tenantId, courseId, { title: '党的纪律', creditTenths: 10, requiredMinutes: 10 });
  const gone = await insertMaterial(p, tenantId, courseId, { title: '已删除的材料', creditTenths: 50, requiredMinutes: 1, deleted: true });
  await insertStudy(p, tenantId, m1.id, a, '2022-03-01', 1200);
  await insertStudy(p, tenantId, m1.id, a, '2022-03-02', 1200);
  await insertStudy(p, tenantId, m1.id, a, '2021-12-31', 600);
  await insertStudy(p, tenantId, m1.id, b, '2022-04-01', 300);
  await insertStudy(p, tenantId, sec.id, gone, '2022-04-01', 600);

  // 组织生活 of 机关第一党支部 in 2022: two held 党课 (m2 made the first up), a planned one, a deleted one, one in 2021,
  // and a 主题党日 held as a session of the course (1.5 学时). m3 of 机关第二党支部 sat in the first 党课 as 列席.
  await activity(branch1, 'partyLecture', '2022-06-10', [{ m: m1, status: 'present' }, { m: m2, status: 'absent', makeupOn: '2022-06-20' }, { m: sec, status: 'leave' }, { m: m3, status: 'visitor' }]);
  lecture2 = await activity(branch1, 'partyLecture', '2022-09-10', [{ m: m1, status: 'present' }, { m: m2, status: 'present' }]);
  await activity(branch1, 'partyLecture', '2022-12-10', [{ m: m1, status: 'present' }], { status: 'planned' });
  await activity(branch1, 'partyLecture', '2022-05-10', [{ m: m1, status: 'present' }], { deleted: true });
  await activity(branch1, 'partyLecture', '2021-12-20', [{ m: m1, status: 'present' }]);
  const themeDay = await activity(branch1, 'themeDay', '2022-07-10', [{ m: m1, status: 'present' }, { m: m2, status: 'present' }, { m: sec, status: 'absent' }]);
  await insertSession(p, tenantId, courseId, themeDay, 15);
});

afterAll(async () => {
  await t?.close();
});

describe(`学时 ${dialectLabel()}`, () => {
  it('adds online study (capped), sessions and 党课 attended or made up in the year, in tenths', async () => {
    const h = await memberYearHours(t.platform.db, tenantId, [m1.id, m2.id, sec.id, m3.id], 2022);
    expect(h.get(m1.id)).toEqual({ online: 30, offline: 15, lectures: 40, total: 85 });
    expect(h.get(m2.id)).toEqual({ online: 0, offline: 15, lectures: 40, total: 55 });
    expect(h.get(sec.id)).toEqual({ online: 50, offline: 0, lectures: 0, total: 50 });
    expect(h.get(m3.id)).toEqual({ online: 0, offline: 0, lectures: 20, total: 20 });
    expect((await memberYearHours(t.platform.db, tenantId, [m1.id], 2021)).get(m1.id)).toEqual({ online: 8, offline: 0, lectures: 20, total: 28 });
  });

  it('counts a 党课 held as a course session once: the session credit replaces the lecture credit, not adds to it', async () => {
    const before = (await memberYearHours(t.platform.db, tenantId, [m1.id], 2022)).get(m1.id)!;
    const session = await insertSession(t.platform, tenantId, courseId, lecture2, 30);
    const linked = (await memberYearHours(t.platform.db, tenantId, [m1.id], 2022)).get(m1.id)!;
    expect(linked).toEqual({ online: 30, offline: 45, lectures: 20, total: 95 });
    expect(linked.total).toBe(before.total - 20 + 30);
    const mine = (await t.call('GET', '/api/v1/training/my/hours?year=2022', { cookie: dy1 })).json() as { items: { refId: string; source: string }[] };
    expect(mine.items.filter((i) => i.refId === lecture2).map((i) => i.source)).toEqual(['offline']);
    // Unlinked (the session deleted), the 党课 earns the lecture credit again.
    await deleteSession(t.platform, tenantId, session);
    expect((await memberYearHours(t.platform.db, tenantId, [m1.id], 2022)).get(m1.id)).toEqual(before);
  });

  it('lists every member of the organisation against the requirement, the furthest behind first, with the summary', async () => {
    const all = await ledger(dw, `orgId=${branch1.id}&year=2022&pageSize=200`);
    const n = (await membersUnder(t.platform.db, tenantId, branch1.path, { status: 'active' })).length;
    expect(all.total).toBe(n);
    expect(all.requirement).toEqual({ memberTenths: 320, cadreTenths: 560 });
    expect(rowOf(all, m1)).toMatchObject({ posts: ['宣传委员'], requiredTenths: 560, onlineTenths: 30, offlineTenths: 15, lectureTenths: 40, totalTenths: 85, behindTenths: 475 });
    expect(rowOf(all, m2)).toMatchObject({ posts: [], requiredTenths: 320, totalTenths: 55, behindTenths: 265 });
    expect(rowOf(all, sec)).toMatchObject({ requiredTenths: 560, totalTenths: 50, behindTenths: 510 });
    expect(rowOf(all, sec)!.posts).toContain('书记');
    const behind = all.items.map((r) => r.behindTenths);
    expect(behind).toEqual([...behind].sort((x, y) => y - x));
    expect(all.summary).toMatchObject({ members: n, met: 0, rate: 0 });
    expect(all.orgs.reduce((s, o) => s + o.members, 0)).toBe(n);
    // A page, a name filter.
    const page = await ledger(dw, `orgId=${branch1.id}&year=2022&pageSize=5&page=2`);
    expect(page.items.map((r) => r.memberId)).toEqual(all.items.slice(5, 10).map((r) => r.memberId));
    const named = await ledger(dw, `orgId=${branch1.id}&year=2022&keyword=${encodeURIComponent(m1.name)}`);
    expect(named.items.map((r) => r.memberId)).toContain(m1.id);
    expect(named.items.every((r) => r.name.includes(m1.name))).toBe(true);
  });

  it('never answers from stale totals: study, a material, a course, a session and a sign-in sheet show at once', async () => {
    // 2023 is a year no other test writes. The ledger keeps a committee's totals per process (hoursCache.ts); after
    // each change it must agree with the totals computed afresh for the member.
    const p = t.platform;
    const fresh = async () => (await memberYearHours(p.db, tenantId, [m3.id], 2023)).get(m3.id)!.total;
    const shown = async () => rowOf(await ledger(dw, `orgId=${branch2.id}&year=2023&pageSize=200`), m3)!.totalTenths;
    expect(await shown()).toBe(0);
    const course = await insertCourse(p, tenantId, branch2, '2023年度学习', 2023);
    const material = await insertMaterial(p, tenantId, course, { title: '两个务必', creditTenths: 20, requiredMinutes: 20 });
    await insertStudy(p, tenantId, m3.id, material, '2023-03-01', 1200);
    expect(await shown()).toBe(20);
    await p.db.updateTable('training_materials').set({ credit_tenths: 30 }).where('id', '=', material).execute();
    expect(await shown()).toBe(30);
    const lecture = await activity(branch2, 'partyLecture', '2023-05-10', [{ m: m3, status: 'present' }]);
    expect(await shown()).toBe(50);
    const session = await insertSession(p, tenantId, course, lecture, 40);
    expect(await shown()).toBe(70);
    await deleteSession(p, tenantId, session);
    await p.db.updateTable('org_life_attendance').set({ status: 'absent', reason: '出差' }).where('activity_id', '=', lecture).where('member_id', '=', m3.id).execute();
    expect(await shown()).toBe(30);
    await p.db.updateTable('training_courses').set({ deleted_at: '2023-06-01T00:00:00.000Z' }).where('id', '=', course).execute();
    expect(await shown()).toBe(0);
    expect(await fresh()).toBe(0);
  });

  it('follows the 业务规则: a lower requirement makes a member meet it, and 只看未达标 leaves them out', async () => {
    expect((await setRule(dw, { memberHours: 6, cadreHours: 8 })).statusCode).toBe(200);
    try {
      const l = await ledger(dw, `orgId=${branch1.id}&year=2022&pageSize=200`);
      expect(rowOf(l, m1)).toMatchObject({ requiredTenths: 80, behindTenths: 0 });
      expect(rowOf(l, m2)).toMatchObject({ requiredTenths: 60, totalTenths: 55, behindTenths: 5 });
      expect(l.summary.met).toBe(1);
      const behind = await ledger(dw, `orgId=${branch1.id}&year=2022&behind=1&pageSize=200`);
      expect(behind.total).toBe(l.total - 1);
      expect(rowOf(behind, m1)).toBeUndefined();
      const metric = await t.platform.metrics.compute('training.hoursRate', {
        db: t.platform.db, dialect: t.platform.data.dialect, tenantId, period: { from: '2022-01-01', to: '2022-12-31' }, targetIds: [branch1.id, branch2.id],
      });
      expect(metric.get(branch1.id)).toBe(Math.round(1000 / l.total) / 10);
      expect(metric.get(branch2.id)).toBe(0);
    } finally {
      expect((await setRule(dw, {})).statusCode).toBe(200);
    }
  });

  it('refuses a negative 学时 in the 业务规则 in Chinese and changes nothing; a secretary may not change it', async () => {
    const before = await hoursRule();
    for (const value of [{ memberHours: -1 }, { cadreHours: -8 }, { lectureTenths: -5 }]) {
      const res = await setRule(dw, value);
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('不能为负数');
    }
    expect((await setRule(dw, { memberHours: 2.5 })).body).toContain('应为整数');
    expect((await setRule(dw, { remindFrom: '13-01' })).body).toContain('提醒开始日期应为 MM-DD');
    expect(await hoursRule()).toEqual(before);
    expect((await setRule(zb1, { memberHours: 10 })).statusCode).toBe(403);
    expect(await hoursRule()).toEqual(before);
  });

  it('refuses readers out of scope: another branch 404, a member without training.read 403', async () => {
    expect((await t.call('GET', `/api/v1/training/hours?orgId=${branch1.id}&year=2022`, { cookie: zb2 })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/training/hours/export.xlsx?orgId=${branch1.id}&year=2022`, { cookie: zb2 })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/training/hours?orgId=${general.id}&year=2022`, { cookie: wy })).statusCode).toBe(404);
    const own = await ledger(zb2, 'year=2022&pageSize=200');
    expect(own.orgId).toBe(branch2.id);
    expect(rowOf(own, m1)).toBeUndefined();
    expect(rowOf(own, m3)).toMatchObject({ lectureTenths: 20 });
    const wyOwn = await ledger(wy, 'year=2022&pageSize=200');
    expect(wyOwn.orgId).toBe(branch1.id);
    expect((await t.call('GET', '/api/v1/training/hours?year=2022', { cookie: dy1 })).statusCode).toBe(403);
    expect((await t.call('GET', '/api/v1/training/hours/export.xlsx?year=2022', { cookie: dy1 })).statusCode).toBe(403);
    expect((await t.call('GET', '/api/v1/training/hours?year=2022', { cookie: admin })).statusCode).toBe(403);
    expect((await t.call('GET', '/api/v1/training/my/hours', { cookie: admin })).statusCode).toBe(403);
    expect((await t.call('GET', '/api/v1/training/hours?year=22', { cookie: dw })).body).toContain('年份格式应为 YYYY');
  });

  it('exports the ledger as filtered, with 学时 in one decimal', async () => {
    const res = await t.call('GET', `/api/v1/training/hours/export.xlsx?orgId=${branch1.id}&year=2022&behind=1`, { cookie: dw });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['姓名', '所在组织', '职务', '应完成学时', '线上学习', '线下培训', '党课', '合计学时', '尚差学时', '是否达标']);
    const rows = ws.getSheetValues().slice(2).filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows.length).toBe((await ledger(dw, `orgId=${branch1.id}&year=2022&behind=1`)).total);
    expect(rows.find((r) => r[0] === m1.name && r[7] === '8.5')).toEqual([m1.name, expect.any(String), '宣传委员', '56.0', '3.0', '1.5', '4.0', '8.5', '47.5', '未达标']);
  });

  it('shows a learner their own 学时 by source with the lines that earned them', async () => {
    const res = await t.call('GET', '/api/v1/training/my/hours?year=2022', { cookie: dy1 });
    expect(res.statusCode, res.body).toBe(200);
    const mine = res.json() as { name: string; requiredTenths: number; totalTenths: number; behindTenths: number; items: { source: string; title: string; tenths: number; date: string; makeupOn: string | null }[] };
    expect(mine).toMatchObject({ name: m1.name, requiredTenths: 560, totalTenths: 85, behindTenths: 475 });
    expect(mine.items.map((i) => [i.source, i.tenths, i.date])).toEqual([
      ['lecture', 20, '2022-09-10'], ['offline', 15, '2022-07-10'], ['lecture', 20, '2022-06-10'], ['online', 5, '2022-04-01'], ['online', 25, '2022-03-02'],
    ]);
  });

  it('answers my 学时 of an account without a linked member record with an empty page that says so', async () => {
    const dy1Id = await userId(t.platform, 'dy1');
    await t.platform.db.updateTable('members').set({ user_id: null }).where('id', '=', m1.id).execute();
    try {
      const res = await t.call('GET', '/api/v1/training/my/hours?year=2022', { cookie: dy1 });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ linked: false, totalTenths: 0, items: [] });
    } finally {
      await t.platform.db.updateTable('members').set({ user_id: dy1Id }).where('id', '=', m1.id).execute();
    }
  });

  it('reminds a secretary of the members behind from remindFrom to the year end, per organisation', async () => {
    // The fake clock stands at 2026-11-27: after the default 10-01.
    const todos = async (cookie: string) => ((await t.call('GET', '/api/v1/todos', { cookie })).json() as { items: { kind: string; title: string; link: string }[] }).items.filter((i) => i.kind === 'training.hoursBehind');
    const behind = (await ledger(zb1, 'year=2026&behind=1')).total;
    const mine = await todos(zb1);
    if (behind === 0) expect(mine).toEqual([]);
    else {
      expect(mine).toHaveLength(1);
      expect(mine[0]!.title).toBe(`学时未达标：${branch1.name} ${behind} 人未完成 2026 年度学时`);
      expect(mine[0]!.link).toBe(`/training/hours?orgId=${branch1.id}&year=2026&behind=1`);
    }
    expect((await todos(zb2)).every((i) => !i.title.includes(branch1.name))).toBe(true);
    expect(await todos(dy1)).toEqual([]);
    expect((await setRule(dw, { remindFrom: '12-01' })).statusCode).toBe(200);
    try {
      expect(await todos(zb1)).toEqual([]);
    } finally {
      expect((await setRule(dw, {})).statusCode).toBe(200);
    }
  });
});
