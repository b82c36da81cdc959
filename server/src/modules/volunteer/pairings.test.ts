// 结对 through the API: candidates within the secretary's scope, pairing up to the limit (also when two pairings of
// one volunteer race for the last place), ending with history kept, and the refusals with nothing changed. The demo
// pairs dy1 (机关第一党支部) with two residents of a 物业 branch: the candidates show them; the limit tests take
// members of the branch that have no pairing yet.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { membersUnder } from '../members/index.js';
import { insertResident } from './testing.js';
import type { VolunteerResidentTable } from './tables.js';
import { volunteerOfUser } from './volunteers.js';
import { VOLUNTEER_RULES } from './settings.js';

let t: TestApp;
let tenantId: string;
let zb1: string; // 书记 of 机关第一党支部: volunteer.write there
let zb2: string; // 书记 of 机关第二党支部
let weiyuan: string; // 委员: volunteer.read only
let branch1: string;
let dy1Member: string;
const TODAY = '2026-11-27';

const pair = (cookie: string, body: Record<string, unknown>) => t.call('POST', '/api/v1/volunteer/pairings', { cookie, body });
const openOf = async (volunteerId: string) => (await t.platform.db.selectFrom('volunteer_pairings').select('id').where('volunteer_id', '=', volunteerId).where('ended_on', 'is', null).execute()).length;
const branchMembers = async () => membersUnder(t.platform.db, tenantId, (await t.platform.db.selectFrom('organisations').select('path').where('id', '=', branch1).executeTakeFirstOrThrow()).path, { status: 'active' });
/** A member of 机关第一党支部 with all places free (not dy1, whom the tests use for refusals). */
async function freeMember(): Promise<string> {
  for (const m of await branchMembers()) if (m.id !== dy1Member && (await openOf(m.id)) === 0) return m.id;
  throw new Error('no member of 机关第一党支部 without pairings');
}
const resident = (over: Partial<Parameters<typeof insertResident>[2]> = {}) => insertResident(t.platform, tenantId, { orgId: branch1, ...over });

beforeAll(async () => {
  t = await createTestApp();
  [zb1, zb2, weiyuan] = (await Promise.all(['zb1', 'zb2', 'weiyuan'].map((u) => t.login(u)))) as [string, string, string];
  branch1 = await t.orgId('机关第一党支部');
  tenantId = (await t.platform.db.selectFrom('organisations').select('tenant_id').where('id', '=', branch1).executeTakeFirstOrThrow()).tenant_id;
  const dy1User = await t.platform.db.selectFrom('users').select('id').where('username', '=', 'dy1').executeTakeFirstOrThrow();
  dy1Member = (await volunteerOfUser(t.platform.db, tenantId, dy1User.id))!.id;
});
afterAll(async () => t.close());

describe(`结对 ${dialectLabel()}`, () => {
  it('offers the members of the secretary\'s own branch, with their open pairings and the limit', async () => {
    const res = await t.call('GET', '/api/v1/volunteer/candidates', { cookie: zb1 });
    expect(res.statusCode, res.body).toBe(200);
    const items = (res.json() as { items: { id: string; kind: string; openPairings: number; limit: number }[] }).items;
    const inBranch = (await branchMembers()).map((m) => m.id);
    expect(items.map((i) => i.id).sort()).toEqual(inBranch.sort());
    // dy1's two demo pairings count (their residents sit in another branch); the others have none.
    expect(items.find((i) => i.id === dy1Member)).toMatchObject({ kind: 'member', openPairings: 2, limit: 3 });
    for (const i of items) expect(i.openPairings, i.id).toBe(await openOf(i.id));
    expect((await t.call('GET', `/api/v1/volunteer/candidates?orgId=${branch1}`, { cookie: zb2 })).statusCode).toBe(404);
    expect((await t.call('GET', '/api/v1/volunteer/candidates', { cookie: weiyuan })).statusCode).toBe(403);
  });

  it('pairs up to the limit and refuses the next one in Chinese, changing nothing', async () => {
    const v = await freeMember();
    const created = async () => (await t.platform.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'volunteer.pairing.create').execute()).map((a) => a.entity_id);
    const auditBefore = await created();
    const rs: VolunteerResidentTable[] = [];
    for (let i = 0; i < 4; i++) rs.push(await resident());
    const ids: string[] = [];
    for (const [i, r] of rs.slice(0, 3).entries()) {
      const res = await pair(zb1, { residentId: r.id, volunteerKind: 'member', volunteerId: v, startedOn: '2026-10-01' });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ residentId: r.id, volunteerId: v, slot: i + 1, endedOn: null });
      ids.push(res.json().id as string);
    }
    const full = await pair(zb1, { residentId: rs[3]!.id, volunteerKind: 'member', volunteerId: v, startedOn: '2026-10-01' });
    expect(full.statusCode).toBe(409);
    expect(full.json().error.message).toBe('该志愿者已结对 3 人，达到上限');
    expect(await openOf(v)).toBe(3);
    const again = await pair(zb1, { residentId: rs[0]!.id, volunteerKind: 'member', volunteerId: v, startedOn: '2026-10-01' });
    expect([again.statusCode, again.json().error.message]).toEqual([409, '该志愿者已与该服务对象结对']);
    expect((await created()).filter((id) => !auditBefore.includes(id)).sort()).toEqual([...ids].sort());
    // dy1 holds two demo pairings: one place is left, then the same refusal.
    const [d1, d2] = [await resident(), await resident()];
    const last = await pair(zb1, { residentId: d1.id, volunteerKind: 'member', volunteerId: dy1Member, startedOn: TODAY });
    expect(last.statusCode, last.body).toBe(201);
    const over = await pair(zb1, { residentId: d2.id, volunteerKind: 'member', volunteerId: dy1Member, startedOn: TODAY });
    expect([over.statusCode, over.json().error.message]).toEqual([409, '该志愿者已结对 3 人，达到上限']);
    expect(await openOf(dy1Member)).toBe(3);

    // Ending keeps the row (history) and frees the place, which the next pairing takes.
    const first = (await t.platform.db.selectFrom('volunteer_pairings').selectAll().where('resident_id', '=', rs[0]!.id).executeTakeFirstOrThrow());
    expect((await t.call('POST', `/api/v1/volunteer/pairings/${first.id}/end`, { cookie: zb2, body: { endedOn: TODAY, reason: '志愿者工作调动' } })).statusCode).toBe(404);
    const badEnd = await t.call('POST', `/api/v1/volunteer/pairings/${first.id}/end`, { cookie: zb1, body: { endedOn: '2026-09-01', reason: '志愿者工作调动' } });
    expect(badEnd.statusCode).toBe(400);
    expect(badEnd.json().error.message).toBe('结束日期不能早于结对日期（2026-10-01）');
    expect((await t.call('POST', `/api/v1/volunteer/pairings/${first.id}/end`, { cookie: zb1, body: { endedOn: TODAY, reason: '' } })).statusCode).toBe(400);
    const ended = await t.call('POST', `/api/v1/volunteer/pairings/${first.id}/end`, { cookie: zb1, body: { endedOn: TODAY, reason: '志愿者工作调动' } });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ endedOn: TODAY, endReason: '志愿者工作调动' });
    expect((await t.call('POST', `/api/v1/volunteer/pairings/${first.id}/end`, { cookie: zb1, body: { endedOn: TODAY, reason: '重复' } })).statusCode).toBe(409);
    const next = await pair(zb1, { residentId: rs[3]!.id, volunteerKind: 'member', volunteerId: v, startedOn: TODAY });
    expect(next.statusCode, next.body).toBe(201);
    expect(next.json().slot).toBe(1);
    const history = await t.platform.db.selectFrom('volunteer_pairings').select(['ended_on', 'end_reason']).where('resident_id', '=', rs[0]!.id).execute();
    expect(history).toEqual([{ ended_on: TODAY, end_reason: '志愿者工作调动' }]);
  });

  it('refuses what the secretary may not do or what makes no sense, changing nothing', async () => {
    const r = await resident({ registeredOn: '2026-06-01' });
    const otherBranchMember = (await volunteerOfUser(t.platform.db, tenantId, (await t.platform.db.selectFrom('users').select('id').where('username', '=', 'zb2').executeTakeFirstOrThrow()).id))!.id;
    const cases: [string, Record<string, unknown>, number, string][] = [
      [zb1, { residentId: r.id, volunteerKind: 'member', volunteerId: otherBranchMember, startedOn: TODAY }, 400, '志愿者不存在、不是正常状态的党员，或不在您的管理范围内'],
      [zb1, { residentId: r.id, volunteerKind: 'member', volunteerId: dy1Member, startedOn: '2026-12-01' }, 400, '结对日期不能晚于今天'],
      [zb1, { residentId: r.id, volunteerKind: 'member', volunteerId: dy1Member, startedOn: '2026-05-01' }, 400, '结对日期不能早于登记日期（2026-06-01）'],
      [zb1, { residentId: r.id, volunteerKind: 'staff', volunteerId: dy1Member, startedOn: TODAY }, 400, '业务规则未允许非党员员工担任结对志愿者'],
      [zb1, { residentId: 'nobody', volunteerKind: 'member', volunteerId: dy1Member, startedOn: TODAY }, 404, '服务对象不存在或无权访问'],
      [zb2, { residentId: r.id, volunteerKind: 'member', volunteerId: otherBranchMember, startedOn: TODAY }, 404, '服务对象不存在或无权访问'],
    ];
    for (const [cookie, body, status, message] of cases) {
      const res = await pair(cookie, body);
      expect([res.statusCode, res.json().error.message]).toEqual([status, message]);
    }
    expect((await pair(weiyuan, { residentId: r.id, volunteerKind: 'member', volunteerId: dy1Member, startedOn: TODAY })).statusCode).toBe(403);
    const gone = await resident({ status: 'deceased' });
    const dead = await pair(zb1, { residentId: gone.id, volunteerKind: 'member', volunteerId: dy1Member, startedOn: TODAY });
    expect([dead.statusCode, dead.json().error.message]).toEqual([409, '该服务对象已去世']);
    const moved = await resident({ status: 'movedOut' });
    expect((await pair(zb1, { residentId: moved.id, volunteerKind: 'member', volunteerId: dy1Member, startedOn: TODAY })).json().error.message).toBe('该服务对象已迁出');
    expect(await t.platform.db.selectFrom('volunteer_pairings').select('id').where('resident_id', 'in', [r.id, gone.id, moved.id]).execute()).toEqual([]);
  });

  it('lets exactly one of two concurrent pairings take a volunteer\'s last place', async () => {
    const v = await freeMember();
    for (let i = 0; i < 2; i++) {
      const r = await resident();
      expect((await pair(zb1, { residentId: r.id, volunteerKind: 'member', volunteerId: v, startedOn: TODAY })).statusCode).toBe(201);
    }
    const [a, b] = [await resident(), await resident()];
    const results = await Promise.all([a, b].map((r) => pair(zb1, { residentId: r.id, volunteerKind: 'member', volunteerId: v, startedOn: TODAY })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.statusCode === 409)!.json().error.message).toBe('该志愿者已结对 3 人，达到上限');
    expect(await openOf(v)).toBe(3);
  });

  it('pairs an employee who is not a member only when the 业务规则 allow it', async () => {
    const db = t.platform.db;
    const employee = await db.selectFrom('staff as s').select(['s.id', 's.name']).where('s.tenant_id', '=', tenantId).where('s.deleted_at', 'is', null).where('s.employment', '<>', 'left')
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('members as m').select('m.id').whereRef('m.staff_id', '=', 's.id').where('m.deleted_at', 'is', null))))
      .orderBy('s.id').executeTakeFirstOrThrow();
    const memberStaff = await db.selectFrom('members').select('staff_id').where('id', '=', dy1Member).executeTakeFirstOrThrow();
    const r = await resident();
    const candidates = async () => ((await t.call('GET', `/api/v1/volunteer/candidates?keyword=${encodeURIComponent(employee.name)}`, { cookie: zb1 })).json() as { items: { kind: string; id: string }[] }).items;
    expect((await candidates()).filter((c) => c.kind === 'staff')).toEqual([]);
    await t.platform.settings.set(db, tenantId, VOLUNTEER_RULES, { ...VOLUNTEER_RULES.defaults, allowStaffVolunteers: true });
    expect((await candidates()).filter((c) => c.kind === 'staff').map((c) => c.id)).toContain(employee.id);
    const asMember = await pair(zb1, { residentId: r.id, volunteerKind: 'staff', volunteerId: memberStaff.staff_id, startedOn: TODAY });
    expect([asMember.statusCode, asMember.json().error.message]).toEqual([400, '该员工不存在、已离职，或是党员（党员请按党员结对）']);
    const ok = await pair(zb1, { residentId: r.id, volunteerKind: 'staff', volunteerId: employee.id, startedOn: TODAY });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ volunteerKind: 'staff', volunteerName: employee.name, slot: 1 });
    await t.platform.settings.set(db, tenantId, VOLUNTEER_RULES, VOLUNTEER_RULES.defaults);
  });
});
