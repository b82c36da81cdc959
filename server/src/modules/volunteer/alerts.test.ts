// 超期未走访: who sees an overdue resident in 待办 (their volunteer and the responsible secretary, no one else), and
// the daily reminder sent once per resident per day however often it runs. The demo pairs dy1 with two residents of
// 物业 branches (one overdue, one visited on time) and leaves others overdue there: the test's residents sit in
// 机关第一党支部 (zb1), which has no demo residents, and dy1's demo residents are part of what dy1 must (not) see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { sendOverdueReminders } from './alerts.js';
import { insertResident } from './testing.js';
import type { VolunteerResidentTable } from './tables.js';
import { volunteerOfUser } from './volunteers.js';

let t: TestApp;
let tenantId: string;
let zb1: string;
let zb2: string;
let dy1: string;
let weiyuan: string;
const users: Record<string, string> = {};
let overdue: VolunteerResidentTable; // high risk, paired with dy1, last visit 11-10: due 11-17
let unpaired: VolunteerResidentTable; // low risk, never visited, registered 2026-09-01: due 10-01
let recent: VolunteerResidentTable; // visited yesterday
let moved: VolunteerResidentTable; // 迁出: never overdue
let demoOverdue: string; // the demo's resident of dy1 that is overdue
let demoOnTime: string; // the demo's other resident of dy1, visited on time

const todos = async (cookie: string) => ((await t.call('GET', '/api/v1/todos', { cookie })).json() as { items: { kind: string; entityId: string; due?: string; title: string }[] }).items.filter((i) => i.kind === 'volunteer.overdue');
const reminders = async () => (await t.platform.db.selectFrom('notifications').select(['user_id', 'title', 'dedupe_key']).where('kind', '=', 'volunteer.overdue').orderBy('user_id').orderBy('dedupe_key').execute())
  .map((n) => ({ ...n, dedupe_key: n.dedupe_key ?? '' }));
const residentOfKey = (key: string) => key.split(':')[1]!;

beforeAll(async () => {
  t = await createTestApp();
  [zb1, zb2, dy1, weiyuan] = (await Promise.all(['zb1', 'zb2', 'dy1', 'weiyuan'].map((u) => t.login(u)))) as [string, string, string, string];
  for (const u of await t.platform.db.selectFrom('users').select(['id', 'username']).execute()) users[u.username] = u.id;
  const branch1 = await t.orgId('机关第一党支部');
  tenantId = (await t.platform.db.selectFrom('organisations').select('tenant_id').where('id', '=', branch1).executeTakeFirstOrThrow()).tenant_id;
  const dy1Member = (await volunteerOfUser(t.platform.db, tenantId, users.dy1!))!.id;
  // Before the test adds anything: dy1's 待办 holds exactly the demo's overdue resident, not the one visited on time.
  const demoOwn = (await todos(dy1)).map((i) => i.entityId);
  const demoPaired = (await t.platform.db.selectFrom('volunteer_pairings').select('resident_id').where('volunteer_id', '=', dy1Member).where('ended_on', 'is', null).execute()).map((x) => x.resident_id);
  expect(demoOwn).toHaveLength(1);
  expect(demoPaired).toHaveLength(2);
  demoOverdue = demoOwn[0]!;
  expect(demoPaired).toContain(demoOverdue);
  demoOnTime = demoPaired.find((id) => id !== demoOverdue)!;

  overdue = await insertResident(t.platform, tenantId, { orgId: branch1, name: '周凤英', risk: 'high', registeredOn: '2026-09-01', lastVisitOn: '2026-11-10' });
  unpaired = await insertResident(t.platform, tenantId, { orgId: branch1, name: '吴淑兰', risk: 'low', registeredOn: '2026-09-01' });
  recent = await insertResident(t.platform, tenantId, { orgId: branch1, name: '郑桂芳', risk: 'high', registeredOn: '2026-09-01', lastVisitOn: '2026-11-26' });
  moved = await insertResident(t.platform, tenantId, { orgId: branch1, name: '冯玉兰', risk: 'high', registeredOn: '2026-09-01', status: 'movedOut' });
  const pair = (r: VolunteerResidentTable) => t.call('POST', '/api/v1/volunteer/pairings', { cookie: zb1, body: { residentId: r.id, volunteerKind: 'member', volunteerId: dy1Member, startedOn: '2026-10-01' } });
  const refused = await pair(moved);
  expect([refused.statusCode, refused.json().error.message]).toEqual([409, '该服务对象已迁出']);
  // dy1's last free place (the demo holds two of three).
  const res = await pair(overdue);
  expect(res.statusCode, res.body).toBe(201);
});
afterAll(async () => t.close());

describe(`超期未走访 ${dialectLabel()}`, () => {
  it('is in the volunteer\'s 待办 for their own residents and in the responsible secretary\'s for the branch', async () => {
    const own = await todos(dy1);
    expect(own.map((i) => i.entityId).sort()).toEqual([demoOverdue, overdue.id].sort());
    expect(own.map((i) => i.entityId)).not.toContain(demoOnTime);
    expect(own.find((i) => i.entityId === overdue.id)).toMatchObject({ due: '2026-11-17', title: '超期未走访：周凤英（阳光小区，已超 10 天）' });
    const secretary = await todos(zb1);
    // The oldest first: never visited since 09-01 before last visited 11-10.
    expect(secretary.map((i) => i.entityId)).toEqual([unpaired.id, overdue.id]);
    expect(secretary[0]!.due).toBe('2026-10-01');
    expect(await todos(zb2)).toEqual([]);
    expect(await todos(weiyuan)).toEqual([]); // reads the branch, but answers for nobody
    expect(secretary.map((i) => i.entityId)).not.toContain(recent.id);
    expect(secretary.map((i) => i.entityId)).not.toContain(moved.id);
  });

  it('a visit takes the resident out of 待办', async () => {
    const res = await t.call('POST', '/api/v1/volunteer/visits', { cookie: dy1, body: { residentId: overdue.id, visitedOn: '2026-11-27', kind: 'chat', minutes: 30, notes: '', condition: 'normal' } });
    expect(res.statusCode, res.body).toBe(201);
    expect((await todos(dy1)).map((i) => i.entityId)).toEqual([demoOverdue]);
    expect((await todos(zb1)).map((i) => i.entityId)).toEqual([unpaired.id]);
    // Back to overdue for the reminder test: the visit is undone in the data.
    await t.platform.db.deleteFrom('volunteer_visits').where('resident_id', '=', overdue.id).execute();
    await t.platform.db.updateTable('volunteer_residents').set({ last_visit_on: '2026-11-10' }).where('id', '=', overdue.id).execute();
  });

  it('the daily reminder reaches the volunteer and the secretary once per resident per day', async () => {
    const ours = new Set([overdue.id, unpaired.id, recent.id, moved.id]);
    const onDay = (day: string) => async () => (await reminders()).filter((n) => n.dedupe_key.endsWith(`:${day}`));
    const day1 = new Date('2026-11-27T00:30:00.000Z');
    const count1 = await sendOverdueReminders(t.platform, t.platform.db, tenantId, day1);
    expect(await sendOverdueReminders(t.platform, t.platform.db, tenantId, day1)).toBe(0);
    const sent = await onDay('2026-11-27')();
    expect(count1).toBe(sent.length);
    // The test's residents: dy1 + zb1 for the overdue one, zb1 for the unpaired one.
    expect(sent.filter((n) => ours.has(residentOfKey(n.dedupe_key))).map((n) => [n.user_id, n.dedupe_key]).sort()).toEqual([
      [users.dy1, `volunteer.overdue:${overdue.id}:2026-11-27`],
      [users.zb1, `volunteer.overdue:${overdue.id}:2026-11-27`],
      [users.zb1, `volunteer.overdue:${unpaired.id}:2026-11-27`],
    ].sort());
    // The reminders say what 待办 says: dy1 hears of both overdue residents (the demo's too), zb1 of the branch's two,
    // the 物业 branches' overdue residents (demo) go to their own secretaries, not to zb1.
    const about = (userId: string) => sent.filter((n) => n.user_id === userId).map((n) => residentOfKey(n.dedupe_key)).sort();
    expect(about(users.dy1!)).toEqual([demoOverdue, overdue.id].sort());
    expect(about(users.zb1!)).toEqual([overdue.id, unpaired.id].sort());
    const zb3 = await t.login('zb3');
    expect(about(users.zb3!)).toEqual((await todos(zb3)).map((i) => i.entityId).sort());
    expect(about(users.zb3!).length).toBeGreaterThan(0);
    expect(about(users.zb2!)).toEqual([]);
    expect(sent.find((n) => n.user_id === users.dy1 && n.dedupe_key.includes(overdue.id))!.title).toBe('周凤英（阳光小区）已超期未走访');

    const count2 = await sendOverdueReminders(t.platform, t.platform.db, tenantId, new Date('2026-11-28T00:30:00.000Z'));
    const sent2 = await onDay('2026-11-28')();
    expect(count2).toBe(sent2.length);
    expect(sent2.filter((n) => ours.has(residentOfKey(n.dedupe_key))).map((n) => n.user_id).sort()).toEqual([users.dy1, users.zb1, users.zb1].sort());
    expect(await reminders()).toHaveLength(count1 + count2);
  });
});
