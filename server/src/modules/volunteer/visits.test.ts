// 走访 through the API: the volunteer's 我的结对老人, recording a visit (the next due date moves), the refusals
// with nothing changed, a 需关注 visit reaching the responsible secretary (notification and 待办) and being handled
// or turned into one 督办 task, photos, and another branch's secretary seeing none of it. The demo pairs dy1 with two
// residents of a 物业 branch (their visits are dy1's too); the test's 王秀英 takes dy1's last place, and one of the
// demo's residents is the one who dies (dy1 has no place left for another).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { multipart, samplePdf, samplePng } from '../../platform/files/testing.js';
import { insertResident } from './testing.js';
import type { VolunteerResidentTable } from './tables.js';
import { volunteerOfUser } from './volunteers.js';
import { ID_RESOLVERS, type ResolveCtx } from '../../test/sweepIds.js';
import { SWEEP_ACCOUNTS } from '../../test/sweep.js';

let t: TestApp;
let tenantId: string;
let zb1: string; // 书记 of 机关第一党支部: volunteer.write and volunteer.sensitive there
let zb2: string; // 书记 of 机关第二党支部
let dy1: string; // 党员 of 机关第一党支部: volunteer.serve only
let xz1: string; // 党小组长 in 机关第一党支部, not paired
let weiyuan: string; // 委员: volunteer.read over 机关第一党支部, not paired
let branch1: string;
const users: Record<string, string> = {};
let dy1Member: string;
let paired: VolunteerResidentTable;
let demoResidents: string[]; // dy1's residents from the demo
let gone: string; // the demo's resident of dy1 who dies in the first test
const TODAY = '2026-11-27';

const visit = (cookie: string, body: Record<string, unknown>) => t.call('POST', '/api/v1/volunteer/visits', { cookie, body });
const ok = { kind: 'visit', minutes: 45, notes: '老人精神状态良好，帮忙打扫了卫生', condition: 'normal' };
const visitCount = async () => (await t.platform.db.selectFrom('volunteer_visits').select('id').execute()).length;
const lastVisitOn = async (id: string) => (await t.platform.db.selectFrom('volunteer_residents').select('last_visit_on').where('id', '=', id).executeTakeFirstOrThrow()).last_visit_on;
const todos = async (cookie: string, kind: string) => ((await t.call('GET', '/api/v1/todos', { cookie })).json() as { items: { kind: string; entityId: string; title: string }[] }).items.filter((i) => i.kind === kind);
type Mine = { items: { residentId: string; lastVisitOn: string | null; nextDueOn: string; overdueDays: number; phone: string | null; lastCondition: string | null }[]; limit: number; volunteer: { name: string } | null };

async function pairWithDy1(r: VolunteerResidentTable, startedOn = '2026-10-01') {
  const res = await t.call('POST', '/api/v1/volunteer/pairings', { cookie: zb1, body: { residentId: r.id, volunteerKind: 'member', volunteerId: dy1Member, startedOn } });
  expect(res.statusCode, res.body).toBe(201);
}

beforeAll(async () => {
  t = await createTestApp();
  [zb1, zb2, dy1, xz1, weiyuan] = (await Promise.all(['zb1', 'zb2', 'dy1', 'xz1', 'weiyuan'].map((u) => t.login(u)))) as [string, string, string, string, string];
  for (const u of await t.platform.db.selectFrom('users').select(['id', 'username']).execute()) users[u.username] = u.id;
  branch1 = await t.orgId('机关第一党支部');
  tenantId = (await t.platform.db.selectFrom('organisations').select('tenant_id').where('id', '=', branch1).executeTakeFirstOrThrow()).tenant_id;
  dy1Member = (await volunteerOfUser(t.platform.db, tenantId, users.dy1!))!.id;
  demoResidents = (await t.platform.db.selectFrom('volunteer_pairings').select('resident_id').where('volunteer_id', '=', dy1Member).where('ended_on', 'is', null).orderBy('resident_id').execute()).map((x) => x.resident_id);
  expect(demoResidents).toHaveLength(2);
  paired = await insertResident(t.platform, tenantId, { orgId: branch1, name: '王秀英', risk: 'high', registeredOn: '2026-09-01', lastVisitOn: '2026-11-10' });
  await pairWithDy1(paired);
});
afterAll(async () => t.close());

describe(`我的结对老人与走访 ${dialectLabel()}`, () => {
  it('shows the volunteer their own 在册 residents with the next due date, overdue days and a masked phone', async () => {
    const before = ((await t.call('GET', '/api/v1/volunteer/mine', { cookie: dy1 })).json() as Mine).items.map((i) => i.residentId);
    expect(before.sort()).toEqual([...demoResidents, paired.id].sort());
    gone = demoResidents[0]!;
    await t.platform.db.updateTable('volunteer_residents').set({ status: 'deceased', status_on: TODAY }).where('id', '=', gone).execute();
    await insertResident(t.platform, tenantId, { orgId: branch1, name: '未结对老人' });
    const res = await t.call('GET', '/api/v1/volunteer/mine', { cookie: dy1 });
    expect(res.statusCode, res.body).toBe(200);
    const mine = res.json() as Mine;
    expect(mine.volunteer?.name).toBeTruthy();
    expect(mine.limit).toBe(3);
    // The deceased one is gone from the list, the unpaired one never was in it.
    expect(mine.items.map((i) => i.residentId).sort()).toEqual([demoResidents[1]!, paired.id].sort());
    // High risk: every 7 days; last visit 11-10 → due 11-17, ten days overdue on 11-27.
    expect(mine.items.find((i) => i.residentId === paired.id)).toEqual(expect.objectContaining({ lastVisitOn: '2026-11-10', nextDueOn: '2026-11-17', overdueDays: 10, phone: '138****5678', lastCondition: null }));
    expect(res.body).not.toContain('13812345678');
    for (const i of mine.items) if (i.phone !== null) expect(i.phone).toContain('*'); // the demo resident's phone too
    // Someone who is no volunteer gets an empty list, not an error.
    const tongxun = await t.login('tongxun');
    const none = await t.call('GET', '/api/v1/volunteer/mine', { cookie: tongxun });
    expect([403, 200]).toContain(none.statusCode);
  });

  it('records a visit: the last visit and next due date move, an older visit does not move them back', async () => {
    const res = await visit(dy1, { ...ok, residentId: paired.id, visitedOn: '2026-11-26' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ residentId: paired.id, residentName: '王秀英', visitedOn: '2026-11-26', minutes: 45, condition: 'normal', volunteerId: dy1Member, allowed: ['photo'] });
    expect(await lastVisitOn(paired.id)).toBe('2026-11-26');
    const mine = (await t.call('GET', '/api/v1/volunteer/mine', { cookie: dy1 })).json() as Mine;
    expect(mine.items.find((i) => i.residentId === paired.id)).toMatchObject({ lastVisitOn: '2026-11-26', nextDueOn: '2026-12-03', overdueDays: 0, lastCondition: 'normal' });
    expect((await visit(dy1, { ...ok, residentId: paired.id, visitedOn: '2026-11-20' })).statusCode).toBe(201);
    expect(await lastVisitOn(paired.id)).toBe('2026-11-26');
    const audit = await t.platform.db.selectFrom('audit_log').select(['entity_id', 'after']).where('action', '=', 'volunteer.visit.create').execute();
    expect(audit.map((a) => a.entity_id)).toContain(res.json().id);
    // The secretary records for the paired volunteer (naming them); without naming one, he is asked to.
    const forDy1 = await visit(zb1, { ...ok, residentId: paired.id, visitedOn: TODAY, volunteerKind: 'member', volunteerId: dy1Member });
    expect(forDy1.statusCode, forDy1.body).toBe(201);
    expect(forDy1.json().volunteerId).toBe(dy1Member);
    expect(await lastVisitOn(paired.id)).toBe(TODAY);
    const unnamed = await visit(zb1, { ...ok, residentId: paired.id, visitedOn: TODAY });
    expect([unnamed.statusCode, unnamed.json().error.message]).toEqual([400, '请选择为其记录走访的结对志愿者']);
  });

  it('refuses bad visits in Chinese and changes nothing', async () => {
    const notMine = await insertResident(t.platform, tenantId, { orgId: branch1, name: '孙玉梅' });
    const before = await visitCount();
    const last = await lastVisitOn(paired.id);
    const cases: [string, Record<string, unknown>, number, string][] = [
      [dy1, { ...ok, residentId: 'no-such-resident', visitedOn: TODAY }, 404, '服务对象不存在或无权访问'],
      [dy1, { ...ok, residentId: paired.id, visitedOn: '2026-11-28' }, 400, '走访日期不能晚于今天'],
      [dy1, { ...ok, residentId: paired.id, visitedOn: '2026-09-15' }, 400, '走访日期不能早于结对日期（2026-10-01）'],
      [dy1, { ...ok, residentId: paired.id, visitedOn: '2026-08-15' }, 400, '走访日期不能早于登记日期（2026-09-01）'],
      [dy1, { ...ok, residentId: paired.id, visitedOn: '2026-13-01' }, 400, '走访日期：不是有效的日期'],
      [dy1, { ...ok, residentId: paired.id, visitedOn: TODAY, minutes: 0 }, 400, '服务时长：应大于 0 分钟'],
      [dy1, { ...ok, residentId: paired.id, visitedOn: TODAY, minutes: -30 }, 400, '服务时长：应大于 0 分钟'],
      [dy1, { ...ok, residentId: paired.id, visitedOn: TODAY, minutes: 1441 }, 400, '服务时长：不能超过 1440 分钟（24 小时）'],
      [dy1, { ...ok, residentId: gone, visitedOn: TODAY }, 409, '该服务对象已去世'],
      // A member who does not see the resident (not paired, no volunteer.read) is told nothing of them.
      [xz1, { ...ok, residentId: paired.id, visitedOn: TODAY }, 404, '服务对象不存在或无权访问'],
      [dy1, { ...ok, residentId: notMine.id, visitedOn: TODAY }, 404, '服务对象不存在或无权访问'],
      // The 委员 sees the branch's residents but is not paired with this one.
      [weiyuan, { ...ok, residentId: paired.id, visitedOn: TODAY }, 403, '只能为本人结对的服务对象记录走访'],
      [zb2, { ...ok, residentId: paired.id, visitedOn: TODAY }, 404, '服务对象不存在或无权访问'],
    ];
    for (const [cookie, body, status, message] of cases) {
      const res = await visit(cookie, body);
      expect([res.statusCode, res.json().error.message], JSON.stringify(body)).toEqual([status, message]);
    }
    const invalidDate = await visit(dy1, { ...ok, residentId: paired.id, visitedOn: '2026-02-30' });
    expect(invalidDate.statusCode).toBe(400);
    expect(await visitCount()).toBe(before);
    expect(await lastVisitOn(paired.id)).toBe(last);
  });

  it('a 需关注 visit reaches the responsible secretary at once, in 待办 until handled', async () => {
    const res = await visit(dy1, { ...ok, residentId: paired.id, visitedOn: TODAY, condition: 'attention', notes: '老人说最近头晕，血压偏高' });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    const sent = await t.platform.db.selectFrom('notifications').select(['user_id', 'title', 'link']).where('kind', '=', 'volunteer.attention').execute();
    expect(sent).toEqual([{ user_id: users.zb1, title: '需关注：王秀英（阳光小区）', link: `/volunteer/residents?id=${paired.id}&visit=${id}` }]);
    expect((await todos(zb1, 'volunteer.attention')).map((i) => i.entityId)).toEqual([id]);
    expect(await todos(zb2, 'volunteer.attention')).toEqual([]);
    expect(await todos(dy1, 'volunteer.attention')).toEqual([]);

    // Only the secretary's side deals with it; another branch's secretary does not even see it.
    expect((await t.call('POST', `/api/v1/volunteer/visits/${id}/handle`, { cookie: zb2, body: { note: '已电话联系' } })).statusCode).toBe(404);
    expect((await t.call('POST', `/api/v1/volunteer/visits/${id}/handle`, { cookie: dy1, body: { note: '已电话联系' } })).statusCode).toBe(403);
    expect((await t.call('POST', `/api/v1/volunteer/visits/${id}/handle`, { cookie: zb1, body: { note: ' ' } })).statusCode).toBe(400);
    const handled = await t.call('POST', `/api/v1/volunteer/visits/${id}/handle`, { cookie: zb1, body: { note: '已联系社区医生上门测量血压' } });
    expect(handled.statusCode, handled.body).toBe(200);
    expect(handled.json()).toMatchObject({ handledNote: '已联系社区医生上门测量血压', handledByName: expect.any(String) });
    expect(await todos(zb1, 'volunteer.attention')).toEqual([]);
    const again = await t.call('POST', `/api/v1/volunteer/visits/${id}/handle`, { cookie: zb1, body: { note: '再次处理' } });
    expect([again.statusCode, again.json().error.message]).toEqual([409, '该记录已处理']);
    const normal = (await t.call('GET', `/api/v1/volunteer/visits?residentId=${paired.id}&condition=normal&pageSize=1`, { cookie: zb1 })).json().items[0].id as string;
    expect((await t.call('POST', `/api/v1/volunteer/visits/${normal}/handle`, { cookie: zb1, body: { note: '无' } })).statusCode).toBe(409);
  });

  it('turns an urgent visit into one 督办 task owned by the secretary: a second click returns the same task', async () => {
    const res = await visit(dy1, { ...ok, residentId: paired.id, visitedOn: TODAY, condition: 'urgent', notes: '老人摔倒，已送医' });
    const id = res.json().id as string;
    expect((await t.call('POST', `/api/v1/volunteer/visits/${id}/task`, { cookie: zb2, body: {} })).statusCode).toBe(404);
    expect((await t.call('POST', `/api/v1/volunteer/visits/${id}/task`, { cookie: dy1, body: {} })).statusCode).toBe(403);
    expect((await t.call('POST', `/api/v1/volunteer/visits/${id}/task`, { cookie: zb1, body: { dueOn: '2026-11-01' } })).statusCode).toBe(400);
    const first = await t.call('POST', `/api/v1/volunteer/visits/${id}/task`, { cookie: zb1, body: {} });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().created).toBe(true);
    const second = await t.call('POST', `/api/v1/volunteer/visits/${id}/task`, { cookie: zb1, body: {} });
    expect(second.json()).toEqual({ taskId: first.json().taskId, created: false });
    const task = await t.platform.db.selectFrom('tasks').selectAll().where('source_kind', '=', 'volunteer').where('source_id', '=', id).execute();
    expect(task).toHaveLength(1);
    expect(task[0]).toMatchObject({ id: first.json().taskId, owner_id: users.zb1, owner_org_id: branch1, due_on: '2026-12-04' });
    const view = (await t.call('GET', `/api/v1/volunteer/visits/${id}`, { cookie: zb1 })).json();
    expect(view).toMatchObject({ taskId: first.json().taskId, handledNote: '已转督办' });
    expect((await todos(zb1, 'volunteer.attention')).map((i) => i.entityId)).not.toContain(id);
  });

  it('lists visits in scope only: the volunteer their own, another branch\'s secretary none', async () => {
    const db = t.platform.db;
    const branchPath = (await db.selectFrom('organisations').select('path').where('id', '=', branch1).executeTakeFirstOrThrow()).path;
    const inBranch = (await db.selectFrom('volunteer_visits').select('id').where('org_path', 'like', `${branchPath}%`).where('deleted_at', 'is', null).execute()).map((v) => v.id);
    expect(await visitCount()).toBeGreaterThan(inBranch.length); // the demo's visits in the 物业 branches
    const all = (await t.call('GET', '/api/v1/volunteer/visits?pageSize=200', { cookie: zb1 })).json() as { items: { id: string; residentId: string }[]; total: number };
    expect(all.total).toBe(inBranch.length);
    expect(all.items.map((i) => i.id).sort()).toEqual(inBranch.sort());
    // dy1 sees the visits they made, the demo's in the 物业 branch included, and no one else's.
    const own = (await t.call('GET', '/api/v1/volunteer/visits?pageSize=200', { cookie: dy1 })).json() as { items: { id: string; residentId: string; volunteerName: string }[]; total: number };
    const made = (await db.selectFrom('volunteer_visits').select('id').where('volunteer_id', '=', dy1Member).where('deleted_at', 'is', null).execute()).map((v) => v.id);
    expect(made.length).toBeLessThan(200);
    expect(own.total).toBe(made.length);
    expect(own.items.map((i) => i.id).sort()).toEqual(made.sort());
    expect(own.items.some((i) => demoResidents.includes(i.residentId))).toBe(true);
    expect(own.items.some((i) => i.residentId === paired.id)).toBe(true);
    expect((await t.call('GET', '/api/v1/volunteer/visits?pageSize=200', { cookie: zb2 })).json()).toMatchObject({ items: [], total: 0 });
    expect((await t.call('GET', `/api/v1/volunteer/visits?residentId=${paired.id}`, { cookie: zb2 })).json().total).toBe(0);
    const open = (await t.call('GET', '/api/v1/volunteer/visits?open=true', { cookie: zb1 })).json();
    expect(open.total).toBe(0);
  });

  it('names the volunteer in a list without their roster id, which another branch\'s secretary must not collect', async () => {
    // The demo's visits by dy1 (机关第一党支部) to residents of 物业第一党支部, read by that branch's secretary.
    const zb3 = await t.login('zb3');
    const demoResident = demoResidents[1]!;
    const list = await t.call('GET', `/api/v1/volunteer/visits?residentId=${demoResident}&pageSize=200`, { cookie: zb3 });
    expect(list.statusCode, list.body).toBe(200);
    const items = (list.json() as { items: { volunteerKind: string; volunteerName: string }[] }).items;
    const dy1Name = (await t.call('GET', '/api/v1/volunteer/mine', { cookie: dy1 })).json().volunteer.name as string;
    expect(items.some((i) => i.volunteerKind === 'member' && i.volunteerName === dy1Name)).toBe(true);
    expect(list.body).not.toContain(dy1Member);
  });

  it('takes photos (images only) from the volunteer; another branch\'s secretary gets 404', async () => {
    const id = (await visit(dy1, { ...ok, residentId: paired.id, visitedOn: TODAY })).json().id as string;
    const png = multipart({ name: '走访.png', data: samplePng() });
    const up = await t.call('POST', `/api/v1/volunteer/visits/${id}/photos`, { cookie: dy1, body: png.payload, headers: { 'content-type': png.contentType } });
    expect(up.statusCode, up.body).toBe(201);
    const fileId = up.json().id as string;
    const pdf = multipart({ name: '记录.pdf', data: samplePdf() });
    const bad = await t.call('POST', `/api/v1/volunteer/visits/${id}/photos`, { cookie: dy1, body: pdf.payload, headers: { 'content-type': pdf.contentType } });
    expect(bad.statusCode).toBe(400);
    const other = await t.call('POST', `/api/v1/volunteer/visits/${id}/photos`, { cookie: zb2, body: png.payload, headers: { 'content-type': png.contentType } });
    expect(other.statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/volunteer/visits/${id}/photos/${fileId}?inline=true`, { cookie: zb1 })).headers['content-type']).toBe('image/png');
    expect((await t.call('GET', `/api/v1/volunteer/visits/${id}/photos/${fileId}`, { cookie: zb2 })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/volunteer/visits/${id}`, { cookie: dy1 })).json().photos).toHaveLength(1);
  });

  it('the access sweep\'s resolvers find these records for another branch\'s secretary, who gets 404 on each', async () => {
    const pathOf = async (name: string) => (await t.platform.db.selectFrom('organisations').select(['id', 'path']).where('name', '=', name).executeTakeFirstOrThrow());
    const [b1, b2] = [await pathOf('机关第一党支部'), await pathOf('机关第二党支部')];
    const c: ResolveCtx = { db: t.platform.db, tenantId, account: SWEEP_ACCOUNTS.find((a) => a.username === 'zb2')!, userId: users.zb2!, outPath: b1.path, outOrgId: b1.id, mine: b2.path };
    const urls: [string, string, 'GET' | 'POST'][] = [
      ['/volunteer/visits/:id', '/api/v1/volunteer/visits/:id', 'GET'],
      ['/volunteer/visits/:id', '/api/v1/volunteer/visits/:id/handle', 'POST'],
      ['/volunteer/visits/:id', '/api/v1/volunteer/visits/:id/task', 'POST'],
      ['/volunteer/visits/:id/photos/:fileId', '/api/v1/volunteer/visits/:id/photos/:fileId', 'GET'],
      ['/volunteer/pairings/:id', '/api/v1/volunteer/pairings/:id/end', 'POST'],
    ];
    for (const [key, url, method] of urls) {
      const values = await ID_RESOLVERS[key]!.find(c);
      expect(values, key).not.toBeNull();
      const filled = Object.entries(values!).reduce((u, [k, v]) => u.replace(`:${k}`, v), url);
      const res = await t.call(method, filled, { cookie: zb2, body: method === 'POST' ? { note: '处理', endedOn: TODAY, reason: '调整' } : undefined });
      expect(res.statusCode, filled).toBe(404);
    }
  });
});
