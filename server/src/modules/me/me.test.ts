// 我的 through the API: the member dy1 gets their own record (masked), branch and group and every module's section
// about them, each number equal to the module's own 我的… page; the reveal of their own 身份证号 and phone is audited;
// nothing of another member appears, and nothing in the request can point at someone else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { memberAttendance } from '../orgLife/index.js';
import type { OverviewView, SectionView, WhoView } from './schema.js';

let t: TestApp;
let dy1: string;
let own: { id: string; name: string; idNumber: string; phone: string | null; userId: string };
let other: { id: string; name: string; idNumber: string };

const get = async <T>(url: string, cookie: string): Promise<T> => {
  const res = await t.call('GET', url, { cookie });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
};
const section = (v: OverviewView, key: string): SectionView => {
  const s = v.sections.find((x) => x.key === key);
  expect(s, `section ${key}`).toBeDefined();
  expect(s!.unavailable, `section ${key} available`).toBe(false);
  return s!;
};
const figure = (s: SectionView, label: string) => s.figures.find((f) => f.label === label)!.value;
const sensitiveViews = () => t.platform.db.selectFrom('audit_log').selectAll().where('action', '=', 'sensitive.view').orderBy('seq').execute();

async function memberOfAccount(username: string) {
  const r = await t.platform.db.selectFrom('members as m')
    .innerJoin('staff as s', (j) => j.onRef('s.tenant_id', '=', 'm.tenant_id').onRef('s.id', '=', 'm.staff_id'))
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'm.tenant_id').onRef('u.id', '=', 'm.user_id'))
    .select(['m.id', 's.name', 's.id_number_enc', 's.phone_enc', 'u.id as user_id']).where('u.username', '=', username).where('m.deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  const c = t.platform.fieldCrypto;
  return { id: r.id, name: r.name, idNumber: c.decrypt(r.id_number_enc), phone: r.phone_enc ? c.decrypt(r.phone_enc) : null, userId: r.user_id };
}

beforeAll(async () => {
  t = await createTestApp();
  dy1 = await t.login('dy1');
  own = await memberOfAccount('dy1');
  // A member of another branch: never in dy1's answers.
  const branch2 = await t.orgId('机关第二党支部');
  const o = await t.platform.db.selectFrom('members as m')
    .innerJoin('staff as s', (j) => j.onRef('s.tenant_id', '=', 'm.tenant_id').onRef('s.id', '=', 'm.staff_id'))
    .select(['m.id', 's.name', 's.id_number_enc']).where('m.branch_id', '=', branch2).where('m.deleted_at', 'is', null).orderBy('m.id').limit(1).executeTakeFirstOrThrow();
  other = { id: o.id, name: o.name, idNumber: t.platform.fieldCrypto.decrypt(o.id_number_enc) };
});
afterAll(async () => t?.close());

describe(`我的 ${dialectLabel()}`, () => {
  it('dy1 gets their own record masked, their branch and group, and every section, none failing', async () => {
    const v = await get<OverviewView>('/api/v1/me/overview', dy1);
    expect(v).toMatchObject({ linked: true, name: own.name, branchName: '机关第一党支部' });
    expect(v.groupName).toBeTruthy();
    expect(v.sections.map((s) => s.key)).toEqual([
      'members.record', 'orgLife.attendance', 'assessment.mine', 'publicity.manuscripts', 'proposals.mine', 'training.hours', 'dues.mine', 'volunteer.hours',
    ]);
    expect(v.sections.filter((s) => s.unavailable)).toEqual([]);
    const record = section(v, 'members.record');
    const field = (key: string) => record.fields.find((f) => f.key === key)!;
    expect(field('name').value).toBe(own.name);
    expect(field('branch').value).toBe('机关第一党支部');
    expect(field('group').value).toBe(v.groupName);
    expect(field('idNumber')).toMatchObject({ revealable: true, value: `${own.idNumber[0]}${'*'.repeat(17)}` });
    expect(res(v)).not.toContain(own.idNumber);
    if (own.phone) expect(res(v)).not.toContain(own.phone);
    // Who am I (the home page's greeting): the same person.
    expect(await get<WhoView>('/api/v1/me', dy1)).toEqual({ linked: true, name: own.name, branchName: v.branchName, groupName: v.groupName });
  });

  it('each section’s numbers equal the module’s own page for dy1', async () => {
    const v = await get<OverviewView>('/api/v1/me/overview', dy1);
    const year = v.year;

    const attendance = section(v, 'orgLife.attendance');
    const counts = await memberAttendance(t.platform.db, (await t.platform.db.selectFrom('members').select('tenant_id').where('id', '=', own.id).executeTakeFirstOrThrow()).tenant_id, own.id, `${year}-01-01`, `${year}-12-31`);
    expect([figure(attendance, '应参加'), figure(attendance, '出席')]).toEqual([counts.expected, counts.present]);
    expect(counts.expected).toBeGreaterThan(0);
    const lines = await t.platform.db.selectFrom('org_life_attendance as a')
      .innerJoin('org_life_activities as act', (j) => j.onRef('act.tenant_id', '=', 'a.tenant_id').onRef('act.id', '=', 'a.activity_id'))
      .select(['act.title', 'a.status']).where('a.member_id', '=', own.id).where('act.status', 'in', ['held', 'archived']).where('act.deleted_at', 'is', null)
      .where('act.starts_on', '>=', `${year}-01-01`).where('act.starts_on', '<=', `${year}-12-31`).execute();
    expect(attendance.items).toHaveLength(lines.length);
    expect(attendance.items.filter((i) => i.tag === '出席').length).toBe(lines.filter((l) => l.status === 'present').length);

    const dues = await get<{ paidMonths: number; paidFen: number; dueMonths: string[]; monthlyFen: number | null }>(`/api/v1/dues/me?year=${year}`, dy1);
    const d = section(v, 'dues.mine');
    expect([figure(d, '已交'), figure(d, '已交金额'), figure(d, '欠交'), figure(d, '每月应交')])
      .toEqual([dues.paidMonths, dues.paidFen / 100, dues.dueMonths.length, dues.monthlyFen === null ? null : dues.monthlyFen / 100]);

    const hours = await get<{ requiredTenths: number; totalTenths: number; behindTenths: number }>(`/api/v1/training/my/hours?year=${year}`, dy1);
    const h = section(v, 'training.hours');
    expect([figure(h, '应完成'), figure(h, '已完成'), figure(h, '尚差')]).toEqual([hours.requiredTenths / 10, hours.totalTenths / 10, hours.behindTenths / 10]);

    const service = await get<{ total: { visitMinutes: number; activityMinutes: number; visits: number } }>(`/api/v1/volunteer/hours/mine?year=${year}`, dy1);
    const s = section(v, 'volunteer.hours');
    expect([figure(s, '服务时长'), figure(s, '走访')]).toEqual([Math.round((service.total.visitMinutes + service.total.activityMinutes) / 6) / 10, service.total.visits]);

    const manuscripts = await get<{ total: number }>('/api/v1/publicity/manuscripts?mine=1&pageSize=1', dy1);
    expect(figure(section(v, 'publicity.manuscripts'), '稿件')).toBe(manuscripts.total);
    const proposals = await get<{ total: number }>('/api/v1/proposals?mine=1&pageSize=1', dy1);
    expect(figure(section(v, 'proposals.mine'), '提出')).toBe(proposals.total);
  });

  it('never shows another member: no id, name or number of theirs in dy1’s answers', async () => {
    const body = (await t.call('GET', '/api/v1/me/overview', { cookie: dy1 })).body;
    expect(body).not.toContain(other.id);
    expect(body).not.toContain(other.idNumber);
    const record = (JSON.parse(body) as OverviewView).sections.find((s) => s.key === 'members.record')!;
    expect(record.fields.map((f) => f.value)).not.toContain(other.name);
  });

  it('nothing in the request may point at someone else: extra parameters are refused in Chinese and nothing is revealed', async () => {
    const before = (await sensitiveViews()).length;
    const forged = await t.call('GET', `/api/v1/me/overview?memberId=${other.id}`, { cookie: dy1 });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(forged.body).not.toContain(other.name);
    const reveal = await t.call('POST', '/api/v1/me/reveal', { cookie: dy1, body: { memberId: other.id } });
    expect(reveal.statusCode).toBe(400);
    expect(reveal.body).not.toContain(other.idNumber);
    expect(await sensitiveViews()).toHaveLength(before);
  });

  it('reveals dy1’s own 身份证号 and phone by POST and audits it as sensitive.view of their record', async () => {
    const before = (await sensitiveViews()).length;
    const clear = await t.call('POST', '/api/v1/me/reveal', { cookie: dy1 });
    expect(clear.statusCode, clear.body).toBe(200);
    expect(clear.json()).toMatchObject({ idNumber: own.idNumber, phone: own.phone });
    const views = await sensitiveViews();
    expect(views).toHaveLength(before + 1);
    expect(views.at(-1)).toMatchObject({ username: 'dy1', entity: 'member', entity_id: own.id });
  });

  it('an account with no member record gets an empty page that says who it is, not a refusal; its reveal is 404', async () => {
    const admin = await t.login('admin');
    const v = await get<OverviewView>('/api/v1/me/overview', admin);
    expect(v).toMatchObject({ linked: false, branchName: null, sections: [] });
    expect(v.name).toBeTruthy();
    const before = (await sensitiveViews()).length;
    expect((await t.call('POST', '/api/v1/me/reveal', { cookie: admin })).statusCode).toBe(404);
    expect(await sensitiveViews()).toHaveLength(before);
    expect((await t.call('GET', '/api/v1/me/overview')).statusCode).toBe(401);
  });

  it('the 三员 accounts have no member record and no business 待办: an empty 我的, and only account approvals to do', async () => {
    for (const username of ['admin', 'secadmin', 'auditor']) {
      const cookie = await t.login(username);
      expect(await get<OverviewView>('/api/v1/me/overview', cookie), username).toMatchObject({ linked: false, sections: [] });
      const todos = await get<{ items: { kind: string }[]; kinds: { kind: string }[] }>('/api/v1/todos', cookie);
      expect(todos.items.filter((i) => !i.kind.startsWith('account.')), username).toEqual([]);
    }
  });
});

const res = (v: unknown) => JSON.stringify(v);
