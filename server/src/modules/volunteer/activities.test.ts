// 志愿活动 through the API: a secretary records an activity of their branch with each participant's minutes; who sees
// and edits it; every bad input refused in Chinese with nothing written; editing replaces the hours, deleting stops
// them counting; an activity taken from a held 义务劳动日 has the present members, and the record is taken once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import type { MemberSummary } from '../members/index.js';
import { VOLUNTEER_RULES } from './settings.js';
import { newId } from '../../db/ids.js';
import type { Platform } from '../../platform/context.js';
import { activeMembers } from './hoursTesting.js';

/** The demo tenant and its organisations by name (read here: the fixtures file may only name volunteer tables). */
const tenantOf = async (p: Platform) => (await p.db.selectFrom('tenants').select('id').where('id', 'not like', '00000000-%').executeTakeFirstOrThrow()).id;
const orgRow = (p: Platform, id: string) => p.db.selectFrom('organisations').select(['id', 'path', 'name']).where('id', '=', id).executeTakeFirstOrThrow();

/** A held 义务劳动日 of an organisation with its sign-in sheet: members marked present or on leave. */
async function insertLabourDay(p: Platform, tenantId: string, org: { id: string; path: string }, o: { title: string; on: string; present: string[]; leave?: string[]; status?: 'held' | 'planned' }): Promise<string> {
  const id = newId();
  const at = `${o.on}T01:00:00.000Z`;
  await p.db.insertInto('org_life_activities').values({
    tenant_id: tenantId, id, org_id: org.id, org_path: org.path, kind: 'labourDay', title: o.title, theme_id: null, status: o.status ?? 'held',
    starts_at: at, ends_at: `${o.on}T03:00:00.000Z`, starts_on: o.on, place: '小区中心广场', host_member_id: null, recorder_member_id: null, host_name: '', recorder_name: '',
    lecturer_name: '', agenda: '义务劳动', minutes: '', decisions: '', votes: '[]', allow_visitors: 0, created_by: null, created_at: at, updated_by: null, updated_at: at,
    held_at: o.status === 'planned' ? null : at, archived_at: null, deleted_at: null,
  }).execute();
  const sheet = [...o.present.map((m) => ({ m, status: 'present' as const })), ...(o.leave ?? []).map((m) => ({ m, status: 'leave' as const }))];
  if (sheet.length) {
    await p.db.insertInto('org_life_attendance').values(sheet.map((s) => ({
      tenant_id: tenantId, activity_id: id, member_id: s.m, expected: 1, status: s.status, reason: null, signed_in_at: null, method: null, makeup_on: null, makeup_note: null,
      updated_by: null, updated_at: at,
    }))).execute();
  }
  return id;
}

let t: TestApp;
let tenantId: string;
let zb1: string; // 书记 of 机关第一党支部: volunteer.write there
let zb2: string; // 书记 of 机关第二党支部
let weiyuan: string; // 委员 of 机关第一党支部: volunteer.read only
let dy1: string; // 党员: volunteer.serve only
let branch1: { id: string; path: string; name: string };
let branch2: { id: string; path: string; name: string };
let b1: MemberSummary[];
let b2: MemberSummary[];

const API = '/api/v1/volunteer/activities';
type View = { id: string; orgId: string; title: string; heldOn: string; participants: number; minutes: number; fromOrgLife: boolean; allowed: string[]; participantList: { id: string; name: string; minutes: number; orgName: string }[] };

async function counts() {
  const [a, h, audit] = await Promise.all([
    t.platform.db.selectFrom('volunteer_activities').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    t.platform.db.selectFrom('volunteer_activity_hours').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    t.platform.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('entity', '=', 'volunteerActivity').executeTakeFirstOrThrow(),
  ]);
  return [Number(a.n), Number(h.n), Number(audit.n)];
}
const body = (over: Record<string, unknown> = {}) => ({
  orgId: branch1.id, title: '小区卫生治理', heldOn: '2025-06-01', place: '幸福里小区', description: '清理楼道杂物、拔除绿地杂草',
  participants: [{ kind: 'member', id: b1[0]!.id, minutes: 120 }, { kind: 'member', id: b1[1]!.id, minutes: 90 }], ...over,
});

beforeAll(async () => {
  t = await createTestApp();
  tenantId = await tenantOf(t.platform);
  [zb1, zb2, weiyuan, dy1] = (await Promise.all(['zb1', 'zb2', 'weiyuan', 'dy1'].map((u) => t.login(u)))) as [string, string, string, string];
  branch1 = await orgRow(t.platform, await t.orgId('机关第一党支部'));
  branch2 = await orgRow(t.platform, await t.orgId('机关第二党支部'));
  b1 = await activeMembers(t.platform, tenantId, branch1.path);
  b2 = await activeMembers(t.platform, tenantId, branch2.path);
});
afterAll(async () => t.close());

describe(`志愿活动 ${dialectLabel()}`, () => {
  let made: View;

  it('a secretary records an activity of their branch with each participant\'s minutes, audited', async () => {
    const res = await t.call('POST', API, { cookie: zb1, body: body() });
    expect(res.statusCode, res.body).toBe(201);
    made = res.json() as View;
    expect(made).toMatchObject({ orgId: branch1.id, title: '小区卫生治理', heldOn: '2025-06-01', participants: 2, minutes: 210, fromOrgLife: false, allowed: ['edit', 'delete'] });
    expect(made.participantList.map((x) => [x.name, x.minutes]).sort()).toEqual([[b1[0]!.name, 120], [b1[1]!.name, 90]].sort());
    // Hours counted where each participant sits (their group or branch), on the activity's day.
    const hours = await t.platform.db.selectFrom('volunteer_activity_hours').selectAll().where('activity_id', '=', made.id).execute();
    expect(hours.map((h) => [h.volunteer_id, h.volunteer_org_path, h.held_on]).sort()).toEqual(b1.slice(0, 2).map((m) => [m.id, m.orgPath, '2025-06-01']).sort());
    const audit = await t.platform.db.selectFrom('audit_log').select(['action', 'after']).where('entity_id', '=', made.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['volunteer.activity.create']);
  });

  it('is seen over its branch only: another branch\'s secretary gets 404 and an empty list; a 委员 reads but may not edit; a member has no list', async () => {
    const mine = (await t.call('GET', `${API}?year=2025`, { cookie: zb1 })).json() as { items: { id: string }[]; total: number };
    expect(mine.items.map((i) => i.id)).toContain(made.id);
    const other = (await t.call('GET', `${API}?pageSize=200`, { cookie: zb2 })).json() as { items: { id: string; orgId: string }[] };
    expect(other.items.map((i) => i.id)).not.toContain(made.id);
    expect((await t.call('GET', `${API}/${made.id}`, { cookie: zb2 })).statusCode).toBe(404);
    expect((await t.call('PATCH', `${API}/${made.id}`, { cookie: zb2, body: { title: '改' } })).statusCode).toBe(404);
    expect((await t.call('DELETE', `${API}/${made.id}`, { cookie: zb2 })).statusCode).toBe(404);
    const read = await t.call('GET', `${API}/${made.id}`, { cookie: weiyuan });
    expect(read.statusCode).toBe(200);
    expect((read.json() as View).allowed).toEqual([]);
    expect((await t.call('PATCH', `${API}/${made.id}`, { cookie: weiyuan, body: { title: '改' } })).statusCode).toBe(403);
    expect((await t.call('GET', API, { cookie: dy1 })).statusCode).toBe(403);
    expect((await t.call('POST', API, { cookie: dy1, body: body() })).statusCode).toBe(403);
  });

  it('refuses bad input in Chinese and writes nothing', async () => {
    const before = await counts();
    const cases: [Record<string, unknown>, string][] = [
      [{ heldOn: '2026-11-28' }, '活动日期不能晚于今天'],
      [{ heldOn: '2025-02-30' }, '不是有效的日期'],
      [{ participants: [{ kind: 'member', id: b1[0]!.id, minutes: -30 }] }, '服务时长至少 1 分钟'],
      [{ participants: [{ kind: 'member', id: b1[0]!.id, minutes: 1441 }] }, '不能超过 1440 分钟'],
      [{ participants: [{ kind: 'member', id: b1[0]!.id, minutes: 1.5 }] }, '整数'],
      [{ participants: [{ kind: 'member', id: b1[0]!.id, minutes: 60 }, { kind: 'member', id: b2[0]!.id, minutes: 60 }] }, `${b2[0]!.name}不是本组织（含下级）在册党员`],
      [{ participants: [{ kind: 'member', id: 'no-such-member', minutes: 60 }] }, '参与人不存在'],
      [{ participants: [{ kind: 'member', id: b1[0]!.id, minutes: 60 }, { kind: 'member', id: b1[0]!.id, minutes: 30 }] }, '参与人重复'],
      [{ participants: [] }, '请至少添加一名参与人'],
      [{ participants: [{ kind: 'staff', id: 'any', minutes: 60 }] }, '非党员员工不能作为志愿者'],
      [{ orgId: 'no-such-org' }, '组织不存在或不在您的管理范围内'],
      [{ orgId: branch2.id }, '组织不存在或不在您的管理范围内'],
      [{ title: '  ' }, '请填写活动名称'],
    ];
    for (const [over, message] of cases) {
      const res = await t.call('POST', API, { cookie: zb1, body: body(over) });
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(res.body).toContain(message);
    }
    const patch = await t.call('PATCH', `${API}/${made.id}`, { cookie: zb1, body: { heldOn: '2027-01-01', participants: [{ kind: 'member', id: b2[0]!.id, minutes: 10 }] } });
    expect(patch.statusCode).toBe(400);
    expect(await counts()).toEqual(before);
    const still = (await t.call('GET', `${API}/${made.id}`, { cookie: zb1 })).json() as View;
    expect(still).toMatchObject({ heldOn: '2025-06-01', minutes: 210, participants: 2 });
  });

  it('an employee may take part once the committee allows it, their hours counted at the activity\'s organisation', async () => {
    const d = await t.platform.db.selectFrom('tenants').select('id').where('id', '=', tenantId).executeTakeFirstOrThrow();
    await t.platform.settings.set(t.platform.db, d.id, VOLUNTEER_RULES, { ...VOLUNTEER_RULES.defaults, allowStaffVolunteers: true });
    const employee = await t.platform.db.selectFrom('staff').select(['id', 'name']).where('tenant_id', '=', tenantId).where('deleted_at', 'is', null).orderBy('id').executeTakeFirstOrThrow();
    const res = await t.call('POST', API, { cookie: zb1, body: body({ title: '绿地补植', participants: [{ kind: 'staff', id: employee.id, minutes: 45 }] }) });
    expect(res.statusCode, res.body).toBe(201);
    const v = res.json() as View;
    expect(v.participantList).toEqual([expect.objectContaining({ id: employee.id, name: employee.name, minutes: 45 })]);
    const h = await t.platform.db.selectFrom('volunteer_activity_hours').selectAll().where('activity_id', '=', v.id).executeTakeFirstOrThrow();
    expect([h.volunteer_kind, h.volunteer_org_id]).toEqual(['staff', branch1.id]);
    await t.platform.settings.set(t.platform.db, d.id, VOLUNTEER_RULES, VOLUNTEER_RULES.defaults);
    expect((await t.call('DELETE', `${API}/${v.id}`, { cookie: zb1 })).statusCode).toBe(204);
  });

  it('editing replaces the participants and moves the day; deleting stops the hours counting', async () => {
    const res = await t.call('PATCH', `${API}/${made.id}`, { cookie: zb1, body: { heldOn: '2025-06-02', participants: [{ kind: 'member', id: b1[2]!.id, minutes: 30 }] } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ heldOn: '2025-06-02', participants: 1, minutes: 30 });
    const hours = await t.platform.db.selectFrom('volunteer_activity_hours').selectAll().where('activity_id', '=', made.id).execute();
    expect(hours.map((h) => [h.volunteer_id, h.held_on, h.minutes])).toEqual([[b1[2]!.id, '2025-06-02', 30]]);
    expect((await t.call('DELETE', `${API}/${made.id}`, { cookie: zb1 })).statusCode).toBe(204);
    expect((await t.call('GET', `${API}/${made.id}`, { cookie: zb1 })).statusCode).toBe(404);
    const left = await t.platform.db.selectFrom('volunteer_activity_hours').select('deleted_at').where('activity_id', '=', made.id).execute();
    expect(left.every((h) => h.deleted_at !== null)).toBe(true);
    const actions = (await t.platform.db.selectFrom('audit_log').select('action').where('entity_id', '=', made.id).orderBy('seq').execute()).map((a) => a.action);
    expect(actions).toEqual(['volunteer.activity.create', 'volunteer.activity.update', 'volunteer.activity.delete']);
  });
});

describe(`由义务劳动日登记 ${dialectLabel()}`, () => {
  let source: string;

  it('lists held 义务劳动日 records not yet taken with their present members, to those who manage the branch', async () => {
    source = await insertLabourDay(t.platform, tenantId, branch1, { title: '清洁家园 党员先行', on: '2025-09-20', present: [b1[0]!.id, b1[1]!.id, b1[2]!.id], leave: [b1[3]!.id] });
    const res = await t.call('GET', `${API}/org-life-sources?orgId=${branch1.id}`, { cookie: zb1 });
    expect(res.statusCode, res.body).toBe(200);
    const item = (res.json() as { items: { id: string; heldOn: string; suggestedMinutes: number; attendees: { id: string }[] }[] }).items.find((i) => i.id === source);
    expect(item).toMatchObject({ heldOn: '2025-09-20', suggestedMinutes: 120 });
    expect(item!.attendees.map((a) => a.id).sort()).toEqual([b1[0]!.id, b1[1]!.id, b1[2]!.id].sort());
    const other = (await t.call('GET', `${API}/org-life-sources`, { cookie: zb2 })).json() as { items: { id: string }[] };
    expect(other.items.map((i) => i.id)).not.toContain(source);
    expect((await t.call('GET', `${API}/org-life-sources?orgId=${branch1.id}`, { cookie: zb2 })).statusCode).toBe(400);
    expect((await t.call('GET', `${API}/org-life-sources`, { cookie: weiyuan })).statusCode).toBe(403);
  });

  it('takes the present members with the given minutes, once per record (409), and never from another branch\'s record', async () => {
    expect((await t.call('POST', `${API}/from-org-life`, { cookie: zb2, body: { orgLifeActivityId: source, minutes: 120 } })).statusCode).toBe(404);
    const bad = await t.call('POST', `${API}/from-org-life`, { cookie: zb1, body: { orgLifeActivityId: source, minutes: 0 } });
    expect(bad.statusCode).toBe(400);
    const res = await t.call('POST', `${API}/from-org-life`, { cookie: zb1, body: { orgLifeActivityId: source, minutes: 100 } });
    expect(res.statusCode, res.body).toBe(201);
    const v = res.json() as View;
    expect(v).toMatchObject({ title: '清洁家园 党员先行', heldOn: '2025-09-20', orgId: branch1.id, participants: 3, minutes: 300, fromOrgLife: true });
    expect(v.participantList.map((x) => x.id).sort()).toEqual([b1[0]!.id, b1[1]!.id, b1[2]!.id].sort());
    const before = await counts();
    const again = await t.call('POST', `${API}/from-org-life`, { cookie: zb1, body: { orgLifeActivityId: source, minutes: 100 } });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('已登记为志愿活动');
    expect(await counts()).toEqual(before);
    const open = (await t.call('GET', `${API}/org-life-sources?orgId=${branch1.id}`, { cookie: zb1 })).json() as { items: { id: string }[] };
    expect(open.items.map((i) => i.id)).not.toContain(source);
    // Deleted, the record may be taken again.
    expect((await t.call('DELETE', `${API}/${v.id}`, { cookie: zb1 })).statusCode).toBe(204);
    expect((await t.call('POST', `${API}/from-org-life`, { cookie: zb1, body: { orgLifeActivityId: source, minutes: 60 } })).statusCode).toBe(201);
  });

  it('refuses a record not held, not a 义务劳动日, or with nobody present', async () => {
    const planned = await insertLabourDay(t.platform, tenantId, branch1, { title: '计划中的义务劳动', on: '2025-10-20', present: [b1[0]!.id], status: 'planned' });
    expect((await t.call('POST', `${API}/from-org-life`, { cookie: zb1, body: { orgLifeActivityId: planned, minutes: 60 } })).statusCode).toBe(404);
    const study = await t.platform.db.selectFrom('org_life_activities').select('id').where('org_path', 'like', `${branch1.path}%`).where('kind', '!=', 'labourDay').executeTakeFirst();
    if (study) expect((await t.call('POST', `${API}/from-org-life`, { cookie: zb1, body: { orgLifeActivityId: study.id, minutes: 60 } })).statusCode).toBe(404);
    const empty = await insertLabourDay(t.platform, tenantId, branch1, { title: '无人出席', on: '2025-10-21', present: [], leave: [b1[0]!.id] });
    const before = await counts();
    const res = await t.call('POST', `${API}/from-org-life`, { cookie: zb1, body: { orgLifeActivityId: empty, minutes: 60 } });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('没有出席的在册党员');
    expect(await counts()).toEqual(before);
  });
});
