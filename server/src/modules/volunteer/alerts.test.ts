// 超期未走访: who sees an overdue resident in 待办 (their volunteer and the responsible secretary, no one else), and
// the daily reminder sent once per resident per day however often it runs.
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

const todos = async (cookie: string) => ((await t.call('GET', '/api/v1/todos', { cookie })).json() as { items: { kind: string; entityId: string; due?: string; title: string }[] }).items.filter((i) => i.kind === 'volunteer.overdue');
const reminders = () => t.platform.db.selectFrom('notifications').select(['user_id', 'title', 'dedupe_key']).where('kind', '=', 'volunteer.overdue').orderBy('user_id').orderBy('dedupe_key').execute();

beforeAll(async () => {
  t = await createTestApp();
  [zb1, zb2, dy1, weiyuan] = (await Promise.all(['zb1', 'zb2', 'dy1', 'weiyuan'].map((u) => t.login(u)))) as [string, string, string, string];
  for (const u of await t.platform.db.selectFrom('users').select(['id', 'username']).execute()) users[u.username] = u.id;
  const branch1 = await t.orgId('机关第一党支部');
  tenantId = (await t.platform.db.selectFrom('organisations').select('tenant_id').where('id', '=', branch1).executeTakeFirstOrThrow()).tenant_id;
  const dy1Member = (await volunteerOfUser(t.platform.db, tenantId, users.dy1!))!.id;
  overdue = await insertResident(t.platform, tenantId, { orgId: branch1, name: '周凤英', risk: 'high', registeredOn: '2026-09-01', lastVisitOn: '2026-11-10' });
  unpaired = await insertResident(t.platform, tenantId, { orgId: branch1, name: '吴淑兰', risk: 'low', registeredOn: '2026-09-01' });
  recent = await insertResident(t.platform, tenantId, { orgId: branch1, name: '郑桂芳', risk: 'high', registeredOn: '2026-09-01', lastVisitOn: '2026-11-26' });
  moved = await insertResident(t.platform, tenantId, { orgId: branch1, name: '冯玉兰', risk: 'high', registeredOn: '2026-09-01', status: 'movedOut' });
  for (const r of [overdue, recent, moved]) {
    const res = await t.call('POST', '/api/v1/volunteer/pairings', { cookie: zb1, body: { residentId: r.id, volunteerKind: 'member', volunteerId: dy1Member, startedOn: '2026-10-01' } });
    expect([201, 409]).toContain(res.statusCode); // the 迁出 one is refused
  }
});
afterAll(async () => t.close());

describe(`超期未走访 ${dialectLabel()}`, () => {
  it('is in the volunteer\'s 待办 for their own residents and in the responsible secretary\'s for the branch', async () => {
    const own = await todos(dy1);
    expect(own.map((i) => i.entityId)).toEqual([overdue.id]);
    expect(own[0]).toMatchObject({ due: '2026-11-17', title: '超期未走访：周凤英（阳光小区，已超 10 天）' });
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
    expect(await todos(dy1)).toEqual([]);
    expect((await todos(zb1)).map((i) => i.entityId)).toEqual([unpaired.id]);
    // Back to overdue for the reminder test: the visit is undone in the data.
    await t.platform.db.deleteFrom('volunteer_visits').where('resident_id', '=', overdue.id).execute();
    await t.platform.db.updateTable('volunteer_residents').set({ last_visit_on: '2026-11-10' }).where('id', '=', overdue.id).execute();
  });

  it('the daily reminder reaches the volunteer and the secretary once per resident per day', async () => {
    const day1 = new Date('2026-11-27T00:30:00.000Z');
    expect(await sendOverdueReminders(t.platform, t.platform.db, tenantId, day1)).toBe(3); // dy1 + zb1 for one, zb1 for the other
    expect(await sendOverdueReminders(t.platform, t.platform.db, tenantId, day1)).toBe(0);
    const sent = await reminders();
    expect(sent.map((n) => [n.user_id, n.dedupe_key]).sort()).toEqual([
      [users.dy1, `volunteer.overdue:${overdue.id}:2026-11-27`],
      [users.zb1, `volunteer.overdue:${overdue.id}:2026-11-27`],
      [users.zb1, `volunteer.overdue:${unpaired.id}:2026-11-27`],
    ].sort());
    expect(sent.find((n) => n.user_id === users.dy1)!.title).toBe('周凤英（阳光小区）已超期未走访');
    expect(await sendOverdueReminders(t.platform, t.platform.db, tenantId, new Date('2026-11-28T00:30:00.000Z'))).toBe(3);
    expect(await reminders()).toHaveLength(6);
  });
});
