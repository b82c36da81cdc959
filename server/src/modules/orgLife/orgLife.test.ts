// 组织生活 records through the API: creating within scope (another branch's → 404, no permission → 403, a
// kind the organisation does not hold → 400 naming the field, nothing changed on refusals), the status
// machine with archived records read-only, the attendance sheet, docs/DOMAIN.md's quorum and vote rules, the
// information-base union, the path rewrite on moves and the 待补记录 待办.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { infoSources } from '../info/index.js';
import { quorumOf, voteResult } from './kinds.js';
import { registerOrgLifeCoreServices } from './sources.js';

let t: TestApp;
let dw: string; // 党委管理员
let zb1: string; // 书记 of 机关第一党支部
let zb2: string; // 书记 of 机关第二党支部
let wy: string; // 委员 of 机关第一党支部
let dy1: string; // 党员: orgLife.signIn only
let branch1: string;
let branch2: string;
let group1: string; // 第一党小组 of 机关第一党支部

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
// The fake clock: 2026-11-27T02:00Z = 10:00 in Shanghai.
const PAST = { startsAt: '2026-11-26T06:30:00.000Z', endsAt: '2026-11-26T08:00:00.000Z' };
const FUTURE = { startsAt: '2026-12-08T06:30:00.000Z', endsAt: '2026-12-08T08:00:00.000Z' };

/** Creates a record; same-day repeats are confirmed (the warning itself has its own test). */
async function create(cookie: string, body: Record<string, unknown>) {
  const r = await t.call('POST', '/api/v1/org-life/activities', { cookie, body: { confirmDuplicate: true, ...body } });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}
const get = (cookie: string, id: string) => t.call('GET', `/api/v1/org-life/activities/${id}`, { cookie });
const act = (cookie: string, id: string, action: 'hold' | 'archive') => t.call('POST', `/api/v1/org-life/activities/${id}/${action}`, { cookie, body: {} });
const sheet = (cookie: string, id: string, rows: unknown[]) => t.call('PUT', `/api/v1/org-life/activities/${id}/attendance`, { cookie, body: { rows } });
async function activityCount() {
  return Number((await t.platform.db.selectFrom('org_life_activities').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}
/** Live members with their names, and whether they sit directly in `path` or below it. */
async function namedMembers() {
  return t.platform.db.selectFrom('members as m').innerJoin('staff as s', (j) => j.onRef('s.tenant_id', '=', 'm.tenant_id').onRef('s.id', '=', 'm.staff_id'))
    .select(['m.id', 's.name', 'm.org_path']).where('m.deleted_at', 'is', null).orderBy('m.id').execute();
}
async function activeMembersUnder(orgId: string) {
  const org = await t.platform.db.selectFrom('organisations').select('path').where('id', '=', orgId).executeTakeFirstOrThrow();
  return t.platform.db.selectFrom('members').select(['id', 'type']).where('deleted_at', 'is', null).where('status', '=', 'active')
    .where('org_path', '>=', org.path).where('org_path', '<', `${org.path.slice(0, -1)}0`).orderBy('id').execute();
}
function multipart(name: string, mime: string, data: Buffer) {
  const boundary = '----orglife';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${mime}\r\n\r\n`),
    data, Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

beforeAll(async () => {
  t = await createTestApp();
  // services.ts (reports helper) calls registerOrgLifeCoreServices; register here only when it does not yet.
  if (!infoSources(t.platform).list().some((s) => s.key === 'orgLife.meetings')) registerOrgLifeCoreServices(t.platform);
  [dw, zb1, zb2, wy, dy1] = (await Promise.all(['dangwei', 'zb1', 'zb2', 'weiyuan', 'dy1'].map((u) => t.login(u)))) as [string, string, string, string, string];
  branch1 = await t.orgId('机关第一党支部');
  branch2 = await t.orgId('机关第二党支部');
  group1 = (await t.platform.db.selectFrom('organisations').select('id').where('parent_id', '=', branch1).where('name', '=', '第一党小组').executeTakeFirstOrThrow()).id;
});
afterAll(async () => t.close());

describe(`组织生活 records ${dialectLabel()}`, () => {
  it('lists the kind catalogue and the rules', async () => {
    const r = await t.call('GET', '/api/v1/org-life/kinds', { cookie: zb1 });
    expect(r.statusCode).toBe(200);
    const k = r.json();
    expect(k.kinds.map((x: { name: string }) => x.name)).toEqual(['党员大会', '支委会', '党小组会', '党课', '主题党日', '组织生活会', '民主评议党员', '学习日', '义务劳动日', '理论研讨日']);
    expect(k.dayKinds.map((x: { code: string }) => x.code)).toEqual(['studyDay', 'labourDay', 'discussionDay']);
    expect(k.rules).toMatchObject({ attendanceWarnPercent: 85, silentDays: 30, signInGraceBeforeMinutes: 30 });
  });

  it('creates a 主题党日 with the default title, the month’s theme and every active member of the branch expected', async () => {
    const a = await create(zb1, { orgId: branch1, kind: 'themeDay', ...PAST, place: '党员活动室' });
    expect(a).toMatchObject({ title: '机关第一党支部主题党日（2026年11月）', status: 'planned', orgName: '机关第一党支部', kindName: '主题党日', category: 'activity' });
    const theme = await t.platform.db.selectFrom('org_life_themes').select(['id', 'title']).where('month', '=', '2026-11').executeTakeFirstOrThrow();
    expect(a.themeId).toBe(theme.id);
    expect(a.theme.title).toBe(theme.title);
    const members = await activeMembersUnder(branch1);
    expect(a.expected).toBe(members.length);
    expect(a.attendance.map((l: { memberId: string }) => l.memberId).sort()).toEqual(members.map((m) => m.id).sort());
    expect(a.attendance.every((l: { status: string; expected: boolean; name: string }) => l.status === 'unmarked' && l.expected && l.name)).toBe(true);
    expect(a.can).toEqual({ edit: true, hold: true, archive: false, delete: true, attendance: true, attach: true, qr: true });
    const audit = await t.platform.db.selectFrom('audit_log').select('action').where('entity_id', '=', a.id).execute();
    expect(audit.map((x) => x.action)).toContain('orgLife.create');
  });

  it('a 党小组会 expects the group’s members only; the branch secretary reads the group’s record', async () => {
    const a = await create(wy, { orgId: group1, kind: 'groupMeeting', ...FUTURE });
    const members = await activeMembersUnder(group1);
    expect(a.expected).toBe(members.length);
    expect(a.themeId).toBeNull();
    expect((await get(zb1, a.id)).statusCode).toBe(200);
  });

  it('edits the expected list: added members get unmarked lines, removed ones leave the sheet', async () => {
    const a = await create(zb1, { orgId: branch1, kind: 'partyCongress', ...FUTURE });
    const ids = a.attendance.map((l: { memberId: string }) => l.memberId) as string[];
    const outsider = (await activeMembersUnder(branch2))[0]!.id;
    // The branch's secretary may not name a member of another branch: the answer would carry that member's name,
    // group and type. The refusal reads like an unknown id, and nothing changes.
    const foreign = await t.call('PATCH', `/api/v1/org-life/activities/${a.id}`, { cookie: zb1, body: { expectedMemberIds: [...ids, outsider] } });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.fields).toEqual({ expectedMemberIds: '应到人员中有不存在的党员' });
    expect((await get(zb1, a.id)).json().attendance.map((l: { memberId: string }) => l.memberId)).not.toContain(outsider);
    // The 党委, which reads every member, may.
    const r = await t.call('PATCH', `/api/v1/org-life/activities/${a.id}`, { cookie: dw, body: { expectedMemberIds: [...ids.slice(1), outsider] } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().expected).toBe(ids.length);
    expect(r.json().attendance.map((l: { memberId: string }) => l.memberId)).not.toContain(ids[0]);
    expect(r.json().attendance.find((l: { memberId: string }) => l.memberId === outsider)).toMatchObject({ expected: true, status: 'unmarked' });
    // The branch's secretary may still edit the list the 党委 extended: a member already on the sheet is not named anew.
    const kept = await t.call('PATCH', `/api/v1/org-life/activities/${a.id}`, { cookie: zb1, body: { expectedMemberIds: [outsider, ...ids.slice(1)], place: '党员活动室' } });
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json()).toMatchObject({ expected: ids.length, place: '党员活动室' });
    expect(kept.json().attendance.find((l: { memberId: string }) => l.memberId === outsider)).toMatchObject({ expected: true });
    const bad = await t.call('PATCH', `/api/v1/org-life/activities/${a.id}`, { cookie: zb1, body: { expectedMemberIds: ['no-such-member'] } });
    expect(bad.json().error.fields).toEqual({ expectedMemberIds: '应到人员中有不存在的党员' });
    expect((await get(zb1, a.id)).json().expected).toBe(ids.length);
  });

  it('refuses: another branch’s record 404, no permission 403, a kind the organisation does not hold 400 naming the field — nothing changed', async () => {
    const a = await create(zb1, { orgId: branch1, kind: 'partyLecture', ...FUTURE, lecturerName: '王书记' });
    const before = await activityCount();
    expect((await get(zb2, a.id)).statusCode).toBe(404);
    expect((await t.call('PATCH', `/api/v1/org-life/activities/${a.id}`, { cookie: zb2, body: { place: '别处' } })).statusCode).toBe(404);
    expect((await sheet(zb2, a.id, [])).statusCode).toBe(404);
    const foreign = await t.call('POST', '/api/v1/org-life/activities', { cookie: zb2, body: { orgId: branch1, kind: 'themeDay', ...FUTURE } });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.fields).toHaveProperty('orgId');
    const none = await t.call('POST', '/api/v1/org-life/activities', { cookie: dy1, body: { orgId: group1, kind: 'groupMeeting', ...FUTURE } });
    expect(none.statusCode).toBe(403);
    expect((await get(dy1, a.id)).statusCode).toBe(403);
    const wrongKind = await t.call('POST', '/api/v1/org-life/activities', { cookie: zb1, body: { orgId: branch1, kind: 'groupMeeting', ...FUTURE } });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().error.message).toBe('党小组会只能由党小组召开');
    expect(wrongKind.json().error.fields).toEqual({ kind: '党小组会只能由党小组召开' });
    const branchKindForGroup = await t.call('POST', '/api/v1/org-life/activities', { cookie: zb1, body: { orgId: group1, kind: 'themeDay', ...FUTURE } });
    expect(branchKindForGroup.json().error).toMatchObject({ message: '主题党日只能由党支部召开', fields: { kind: '主题党日只能由党支部召开' } });
    const unknown = await t.call('POST', '/api/v1/org-life/activities', { cookie: zb1, body: { orgId: branch1, kind: 'picnic', ...FUTURE } });
    expect(unknown.json().error.fields).toEqual({ kind: '活动类型不存在' });
    const backwards = await t.call('POST', '/api/v1/org-life/activities', { cookie: zb1, body: { orgId: branch1, kind: 'themeDay', startsAt: FUTURE.endsAt, endsAt: FUTURE.startsAt } });
    expect(backwards.json().error.fields).toEqual({ endsAt: '结束时间不能早于开始时间' });
    const votes = await t.call('POST', '/api/v1/org-life/activities', { cookie: zb1, body: { orgId: branch1, kind: 'themeDay', ...FUTURE, votes: [{ motion: '表决', yes: 1, no: 0, abstain: 0 }] } });
    expect(votes.json().error.fields).toHaveProperty('votes');
    const noTime = await t.call('POST', '/api/v1/org-life/activities', { cookie: zb1, body: { orgId: branch1, kind: 'themeDay' } });
    expect(noTime.statusCode).toBe(400);
    expect(noTime.json().error.message).toContain('开始时间');
    expect(await activityCount()).toBe(before);
    expect((await get(zb1, a.id)).json().place).toBe('');
  });

  it('warns before a second activity of the same kind on the same day: nothing is created until the user confirms', async () => {
    const day = { startsAt: '2026-12-15T06:30:00.000Z', endsAt: '2026-12-15T08:00:00.000Z' };
    const post = (body: Record<string, unknown>) => t.call('POST', '/api/v1/org-life/activities', { cookie: zb1, body: { orgId: branch1, ...day, ...body } });
    const first = await post({ kind: 'themeDay', title: '十二月学习主题党日' });
    expect(first.statusCode, first.body).toBe(201);
    const before = await activityCount();
    const again = await post({ kind: 'themeDay', title: '十二月志愿服务主题党日', startsAt: '2026-12-15T01:00:00.000Z', endsAt: '2026-12-15T02:00:00.000Z' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'ORG_LIFE_DUPLICATE', message: '该党支部当天已有一次主题党日：十二月学习主题党日，仍要创建吗？' });
    expect(await activityCount()).toBe(before);
    // Another kind that day, or the same kind the next day, is no duplicate.
    expect((await post({ kind: 'branchCommittee' })).statusCode).toBe(201);
    expect((await post({ kind: 'themeDay', startsAt: '2026-12-16T06:30:00.000Z', endsAt: '2026-12-16T08:00:00.000Z' })).statusCode).toBe(201);
    const confirmed = await post({ kind: 'themeDay', title: '十二月志愿服务主题党日', confirmDuplicate: true });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    expect(confirmed.json().title).toBe('十二月志愿服务主题党日');
    expect(await activityCount()).toBe(before + 3);
    // A group's message names the group.
    const g = { orgId: group1, kind: 'groupMeeting', startsAt: '2026-12-17T06:30:00.000Z', endsAt: '2026-12-17T08:00:00.000Z' };
    expect((await t.call('POST', '/api/v1/org-life/activities', { cookie: zb1, body: g })).statusCode).toBe(201);
    expect((await t.call('POST', '/api/v1/org-life/activities', { cookie: zb1, body: g })).json().error.message).toMatch(/^该党小组当天已有一次党小组会：/);
  });

  it('主持人 and 记录人 are members of the organisation: shown by name in the detail, the list and the export; anyone else is refused and nothing changes', async () => {
    const org = await t.platform.db.selectFrom('organisations').select(['path']).where('id', '=', branch1).executeTakeFirstOrThrow();
    const g1 = await t.platform.db.selectFrom('organisations').select(['path']).where('id', '=', group1).executeTakeFirstOrThrow();
    const all = await namedMembers();
    const ours = all.filter((m) => m.org_path.startsWith(org.path));
    const [host, recorder] = ours;
    const foreign = all.find((m) => !m.org_path.startsWith(org.path))!;
    const notInGroup = ours.find((m) => !m.org_path.startsWith(g1.path))!;
    const day = { startsAt: '2026-12-21T06:30:00.000Z', endsAt: '2026-12-21T08:00:00.000Z' };
    const a = await create(zb1, { orgId: branch1, kind: 'partyCongress', ...day, hostMemberId: host!.id, recorderMemberId: recorder!.id });
    expect(a).toMatchObject({ hostMemberId: host!.id, hostName: host!.name, recorderMemberId: recorder!.id, recorderName: recorder!.name });
    const listed = (await t.call('GET', `/api/v1/org-life/activities?orgId=${branch1}&from=2026-12-21&to=2026-12-21&kind=partyCongress`, { cookie: zb1 })).json();
    expect(listed.items.find((i: { id: string }) => i.id === a.id)).toMatchObject({ hostName: host!.name, recorderName: recorder!.name });
    const x = await t.call('GET', `/api/v1/org-life/activities?orgId=${branch1}&from=2026-12-21&to=2026-12-21&kind=partyCongress&format=xlsx`, { cookie: zb1 });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const sheet1 = book.worksheets[0]!;
    const header = (sheet1.getRow(1).values as unknown[]).map(String);
    const row = sheet1.getRow(2).values as unknown[];
    expect([row[header.indexOf('主持人')], row[header.indexOf('记录人')]]).toEqual([host!.name, recorder!.name]);

    const before = await activityCount();
    const outside = await t.call('POST', '/api/v1/org-life/activities', { cookie: zb1, body: { orgId: branch1, kind: 'themeDay', ...day, hostMemberId: foreign.id, recorderMemberId: 'no-such-member' } });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.fields).toEqual({ hostMemberId: '主持人须从本组织的党员中选择', recorderMemberId: '记录人须从本组织的党员中选择' });
    // A 党小组会 is hosted from the group, not from elsewhere in the branch.
    const group = await t.call('POST', '/api/v1/org-life/activities', { cookie: zb1, body: { orgId: group1, kind: 'groupMeeting', ...day, hostMemberId: notInGroup.id } });
    expect(group.json().error.fields).toEqual({ hostMemberId: '主持人须从本组织的党员中选择' });
    expect(await activityCount()).toBe(before);
    const patch = await t.call('PATCH', `/api/v1/org-life/activities/${a.id}`, { cookie: zb1, body: { hostMemberId: foreign.id, place: '别处' } });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().error.fields).toEqual({ hostMemberId: '主持人须从本组织的党员中选择' });
    expect((await get(zb1, a.id)).json()).toMatchObject({ hostMemberId: host!.id, hostName: host!.name, place: '' });
    // Swapping the two people, and clearing one, are ordinary edits.
    const swapped = await t.call('PATCH', `/api/v1/org-life/activities/${a.id}`, { cookie: zb1, body: { hostMemberId: recorder!.id, recorderMemberId: null } });
    expect(swapped.json()).toMatchObject({ hostName: recorder!.name, recorderMemberId: null, recorderName: '' });
  });

  it('an old record keeps the host typed before people were picked, until a member is set', async () => {
    const a = await create(zb1, { orgId: branch1, kind: 'partyLecture', ...FUTURE, lecturerName: '王书记' });
    await t.platform.db.updateTable('org_life_activities').set({ host_name: '老书记', recorder_name: '老记录' }).where('id', '=', a.id).execute();
    expect((await get(zb1, a.id)).json()).toMatchObject({ hostMemberId: null, hostName: '老书记', recorderName: '老记录' });
    const org = await t.platform.db.selectFrom('organisations').select(['path']).where('id', '=', branch1).executeTakeFirstOrThrow();
    const member = (await namedMembers()).find((m) => m.org_path.startsWith(org.path))!;
    const r = await t.call('PATCH', `/api/v1/org-life/activities/${a.id}`, { cookie: zb1, body: { hostMemberId: member.id } });
    expect(r.json()).toMatchObject({ hostName: member.name, recorderName: '老记录' });
  });

  it('moves planned → held → archived; illegal steps 409 in Chinese; archived records are read-only', async () => {
    const future = await create(zb1, { orgId: branch1, kind: 'branchCommittee', ...FUTURE });
    expect((await act(zb1, future.id, 'hold')).json().error).toMatchObject({ code: 'ORG_LIFE_STATE', message: '活动尚未开始，不能登记为已召开' });
    const a = await create(zb1, { orgId: branch1, kind: 'branchCommittee', ...PAST });
    expect((await act(zb1, a.id, 'archive')).json().error.message).toBe('活动尚未召开，不能归档');
    expect((await act(dy1, a.id, 'hold')).statusCode).toBe(403);
    expect((await act(zb2, a.id, 'hold')).statusCode).toBe(404);
    const held = await act(zb1, a.id, 'hold');
    expect(held.statusCode, held.body).toBe(200);
    expect(held.json()).toMatchObject({ status: 'held', statusName: '已召开', heldAt: t.clock.now().toISOString() });
    expect(held.json().incomplete).toEqual(['noMinutes', 'noSignIn']);
    expect((await act(zb1, a.id, 'hold')).json().error.message).toBe('活动已召开');
    expect((await t.call('DELETE', `/api/v1/org-life/activities/${a.id}`, { cookie: zb1 })).statusCode).toBe(409);
    const patched = await t.call('PATCH', `/api/v1/org-life/activities/${a.id}`, { cookie: zb1, body: { minutes: '  研究了十二月主题党日安排。  ' } });
    expect(patched.json().minutes).toBe('研究了十二月主题党日安排。');
    const archived = await act(zb1, a.id, 'archive');
    expect(archived.json()).toMatchObject({ status: 'archived', can: { edit: false, attendance: false, attach: false, hold: false, archive: false } });
    expect((await act(zb1, a.id, 'archive')).json().error.message).toBe('活动已归档');
    expect((await act(zb1, a.id, 'hold')).statusCode).toBe(409);
    const edit = await t.call('PATCH', `/api/v1/org-life/activities/${a.id}`, { cookie: zb1, body: { minutes: '改写' } });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error).toMatchObject({ code: 'ORG_LIFE_ARCHIVED', message: '活动已归档，不能修改' });
    expect((await sheet(zb1, a.id, [])).statusCode).toBe(409);
    const up = multipart('照片.png', 'image/png', PNG);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/org-life/activities/${a.id}/attachments`, headers: { cookie: zb1, ...up.headers }, payload: up.payload })).statusCode).toBe(409);
    expect((await get(zb1, a.id)).json().minutes).toBe('研究了十二月主题党日安排。');
    // A planned one may be deleted.
    expect((await t.call('DELETE', `/api/v1/org-life/activities/${future.id}`, { cookie: zb1 })).statusCode).toBe(204);
    expect((await get(zb1, future.id)).statusCode).toBe(404);
  });

  it('takes the recorder’s sheet: 请假 needs a reason, 缺席 may lack one, visitors, 补课, the rate — and refuses bad lines without saving', async () => {
    const a = await create(zb1, { orgId: branch1, kind: 'themeDay', ...PAST });
    const [m1, m2, m3, m4] = a.attendance.map((l: { memberId: string }) => l.memberId) as [string, string, string, string];
    const outsider = (await activeMembersUnder(branch2))[0]!.id;
    const bad = await sheet(zb1, a.id, [
      { memberId: m1, status: 'present' },
      { memberId: m2, status: 'leave' },
      { memberId: m3, status: 'visitor' },
      { memberId: m4, status: 'absent', makeupOn: '2026-11-01' },
    ]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual({ 'rows.1.reason': '请假须填写原因', 'rows.2.status': '应到人员不能登记为列席', 'rows.3.makeupOn': '补课日期不能早于活动日期（2026-11-26）' });
    expect(bad.json().error.message).toBe('请假须填写原因（另有 2 处错误）');
    expect((await get(zb1, a.id)).json().present).toBe(0);
    const stranger = await sheet(zb1, a.id, [{ memberId: outsider, status: 'present' }]);
    expect(stranger.json().error.fields).toEqual({ 'rows.0.memberId': '党员不存在' });
    const notExpected = await sheet(dw, a.id, [{ memberId: outsider, status: 'present' }]);
    expect(notExpected.json().error.fields).toEqual({ 'rows.0.status': '不在应到名单中的党员只能登记为列席' });
    // Another branch's member as 列席 reads like an unknown id for the branch's own recorder; the 党委 may add them.
    const foreignVisitor = await sheet(wy, a.id, [{ memberId: outsider, status: 'visitor' }]);
    expect(foreignVisitor.statusCode).toBe(400);
    expect(foreignVisitor.json().error.fields).toEqual({ 'rows.0.memberId': '党员不存在' });
    expect((await get(zb1, a.id)).json().visitors).toBe(0);
    expect((await sheet(dw, a.id, [{ memberId: outsider, status: 'visitor' }])).statusCode).toBe(200);

    const ok = await sheet(wy, a.id, [
      { memberId: m1, status: 'present' },
      { memberId: m2, status: 'leave', reason: '出差', makeupOn: '2026-11-27', makeupNote: '补学会议精神' },
      { memberId: m3, status: 'absent' },
    ]);
    expect(ok.statusCode, ok.body).toBe(200);
    const d = ok.json();
    expect(d).toMatchObject({ present: 1, leave: 1, absent: 1, visitors: 1, expected: a.expected, unmarked: a.expected - 3 });
    expect(d.rate).toBe(Math.round((1 / a.expected) * 1000) / 10);
    const line = (id: string) => d.attendance.find((l: { memberId: string }) => l.memberId === id);
    expect(line(m2)).toMatchObject({ status: 'leave', statusName: '请假', reason: '出差', makeupOn: '2026-11-27', makeupNote: '补学会议精神', method: 'recorder' });
    expect(line(m3)).toMatchObject({ status: 'absent', reason: null });
    expect(line(outsider)).toMatchObject({ status: 'visitor', expected: false });
    // Other lines kept; a visitor set back to unmarked leaves the sheet.
    const again = (await sheet(zb1, a.id, [{ memberId: outsider, status: 'unmarked' }])).json();
    expect(again).toMatchObject({ present: 1, leave: 1, visitors: 0 });
    const audit = await t.platform.db.selectFrom('audit_log').select(['before', 'after']).where('entity_id', '=', a.id).where('action', '=', 'orgLife.attendance').execute();
    expect(audit).toHaveLength(3);
    expect((await sheet(dy1, a.id, [{ memberId: m4, status: 'present' }])).statusCode).toBe(403);
  });

  it('quorum: exactly half present is NOT a quorum; a vote passes on more than half of ALL entitled full members, 预备党员 not counted, not of those present', async () => {
    expect(quorumOf(6, 3)).toEqual({ expected: 6, present: 3, reached: false });
    expect(quorumOf(6, 4).reached).toBe(true);
    expect(quorumOf(7, 4).reached).toBe(true);
    expect(quorumOf(0, 0).reached).toBe(false);
    expect(voteResult({ motion: 'x', yes: 2, no: 0, abstain: 0 }, 4).passed).toBe(false); // 2 of 4 is half
    expect(voteResult({ motion: 'x', yes: 3, no: 0, abstain: 0 }, 4).passed).toBe(true);

    const members = await activeMembersUnder(branch1);
    const full = members.filter((m) => m.type === 'full').slice(0, 4).map((m) => m.id) as [string, string, string, string];
    const prob = members.filter((m) => m.type === 'probationary').slice(0, 2).map((m) => m.id) as [string, string];
    expect(prob).toHaveLength(2);
    const a = await create(zb1, {
      orgId: branch1, kind: 'partyCongress', ...PAST, expectedMemberIds: [...full, ...prob],
      votes: [{ motion: '通过支部年度工作计划', yes: 2, no: 1, abstain: 0 }, { motion: '通过发展预备党员的决议', yes: 3, no: 0, abstain: 0 }],
    });
    // 3 of 6 present (two full members and one 预备党员): half is not a quorum.
    let d = (await sheet(zb1, a.id, [full[0], full[1], prob[0]].map((memberId) => ({ memberId, status: 'present' })))).json();
    expect(d.quorum).toEqual({ expected: 6, present: 3, reached: false });
    expect(d.entitledVoters).toBe(4);
    // 2 yes is a majority of those present (3) but not more than half of the 4 entitled: not passed.
    expect(d.votes).toEqual([
      { motion: '通过支部年度工作计划', yes: 2, no: 1, abstain: 0, entitled: 4, passed: false },
      { motion: '通过发展预备党员的决议', yes: 3, no: 0, abstain: 0, entitled: 4, passed: true },
    ]);
    d = (await sheet(zb1, a.id, [{ memberId: full[2], status: 'present' }])).json();
    expect(d.quorum).toEqual({ expected: 6, present: 4, reached: true });
    // The 支委会 also shows its quorum; a 主题党日 has none.
    expect((await create(zb1, { orgId: branch1, kind: 'branchCommittee', ...FUTURE })).quorum).toMatchObject({ reached: false });
    expect((await create(zb1, { orgId: branch1, kind: 'themeDay', ...FUTURE })).quorum).toBeNull();
  });

  it('photos: an image attachment completes the 主题党日 record; downloads need read access', async () => {
    const a = await create(zb1, { orgId: branch1, kind: 'themeDay', ...PAST, minutes: '学习全会精神' });
    const m = a.attendance[0].memberId;
    await sheet(zb1, a.id, [{ memberId: m, status: 'present' }]);
    expect((await act(zb1, a.id, 'hold')).json().incomplete).toEqual(['noPhoto']);
    const up = multipart('现场照片.png', 'image/png', PNG);
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/org-life/activities/${a.id}/attachments`, headers: { cookie: zb1, ...up.headers }, payload: up.payload });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ name: '现场照片.png', isImage: true });
    const d = (await get(zb1, a.id)).json();
    expect(d.incomplete).toEqual([]);
    expect(d.attachments).toHaveLength(1);
    expect((await t.call('GET', `/api/v1/org-life/activities/${a.id}/attachments/${res.json().id}`, { cookie: zb2 })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/org-life/activities/${a.id}/attachments/${res.json().id}`, { cookie: zb1 })).statusCode).toBe(200);
    expect((await t.call('DELETE', `/api/v1/org-life/activities/${a.id}/attachments/${res.json().id}`, { cookie: zb1 })).statusCode).toBe(204);
    expect((await get(zb1, a.id)).json().incomplete).toEqual(['noPhoto']);
  });

  it('lists with filters (organisation subtree, kind, dates, status), search and xlsx', async () => {
    const list = (cookie: string, qs: string) => t.call('GET', `/api/v1/org-life/activities?${qs}`, { cookie });
    const mine = (await list(zb2, 'pageSize=200')).json();
    expect(mine.items.every((i: { orgName: string }) => i.orgName === '机关第二党支部' || i.orgName.endsWith('党小组'))).toBe(true);
    expect(mine.total).toBeGreaterThan(100);
    const groups = (await list(zb1, `orgId=${group1}&kind=groupMeeting&from=2026-01-01&to=2026-06-30&status=held,archived&pageSize=200`)).json();
    expect(groups.total).toBeGreaterThan(0);
    expect(groups.items.every((i: { kind: string; startsOn: string; orgId: string; status: string }) =>
      i.kind === 'groupMeeting' && i.orgId === group1 && i.startsOn >= '2026-01-01' && i.startsOn <= '2026-06-30' && i.status !== 'planned')).toBe(true);
    const a = await create(zb1, { orgId: branch1, kind: 'partyLecture', ...FUTURE, title: '梧桐苑专题党课', agenda: '讲授楼道微治理经验' });
    const found = (await list(zb1, `q=${encodeURIComponent('楼道微治理')}`)).json();
    expect(found.items.map((i: { id: string }) => i.id)).toEqual([a.id]);
    expect((await list(zb2, `q=${encodeURIComponent('楼道微治理')}`)).json().total).toBe(0);
    const x = await list(zb1, `orgId=${branch1}&from=2026-11-01&format=xlsx`);
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
  });

  it('themes: the 党委 writes and publishes a month’s theme; branches see it only once published', async () => {
    const draft = await t.call('PUT', '/api/v1/org-life/themes/2027-01', { cookie: dw, body: { title: '学习贯彻党的二十届三中全会精神', content: '原原本本学', dayKinds: ['studyDay', 'labourDay'] } });
    expect(draft.statusCode, draft.body).toBe(200);
    expect(draft.json()).toMatchObject({ status: 'draft', dayKindNames: ['学习日', '义务劳动日'], publishedAt: null });
    expect((await t.call('GET', '/api/v1/org-life/themes?year=2027', { cookie: zb1 })).json().items).toEqual([]);
    expect((await t.call('GET', '/api/v1/org-life/themes/2027-01', { cookie: zb1 })).statusCode).toBe(404);
    expect((await t.call('PUT', '/api/v1/org-life/themes/2027-01', { cookie: zb1, body: { title: '别的主题', publish: true } })).statusCode).toBe(403);
    const bad = await t.call('PUT', '/api/v1/org-life/themes/2027-01', { cookie: dw, body: { title: '学习', dayKinds: ['themeDay'] } });
    expect(bad.json().error.fields).toEqual({ dayKinds: '活动日类型不存在：themeDay' });
    expect((await t.call('PUT', '/api/v1/org-life/themes/2027-13', { cookie: dw, body: { title: '学习' } })).statusCode).toBe(400);
    // A 主题党日 planned in January before publication gets the theme when it is published.
    const a = await create(zb1, { orgId: branch1, kind: 'themeDay', startsAt: '2027-01-12T06:30:00.000Z', endsAt: '2027-01-12T08:00:00.000Z' });
    expect(a.themeId).toBeNull();
    const pub = await t.call('PUT', '/api/v1/org-life/themes/2027-01', { cookie: dw, body: { title: '学习贯彻党的二十届三中全会精神', publish: true } });
    expect(pub.json()).toMatchObject({ status: 'published', dayKinds: ['studyDay', 'labourDay'], content: '原原本本学' });
    expect((await t.call('GET', '/api/v1/org-life/themes?year=2027', { cookie: zb1 })).json().items).toHaveLength(1);
    expect((await get(zb1, a.id)).json().themeTitle).toBe('学习贯彻党的二十届三中全会精神');
    // Moving it to February (no theme yet) drops the theme.
    const moved = await t.call('PATCH', `/api/v1/org-life/activities/${a.id}`, { cookie: zb1, body: { startsAt: '2027-02-09T06:30:00.000Z', endsAt: '2027-02-09T08:00:00.000Z' } });
    expect(moved.json()).toMatchObject({ themeId: null, startsOn: '2027-02-09' });
    const demo = (await t.call('GET', '/api/v1/org-life/themes?year=2025', { cookie: zb1 })).json();
    expect(demo.items).toHaveLength(12);
  });

  it('held activities appear in the information base (会议/活动) and its search; planned ones do not', async () => {
    const held = await create(zb1, { orgId: branch1, kind: 'themeDay', ...PAST, title: '凤凰岭清洁家园主题党日' });
    const planned = await create(zb1, { orgId: branch1, kind: 'themeDay', ...FUTURE, title: '凤凰岭植树主题党日' });
    await act(zb1, held.id, 'hold');
    const info = (qs: string, cookie = zb1) => t.call('GET', `/api/v1/info-entries?${qs}`, { cookie }).then((r) => r.json());
    const acts = await info('category=activity&pageSize=200');
    const ids = acts.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(held.id);
    expect(ids).not.toContain(planned.id);
    expect(acts.items.find((i: { id: string }) => i.id === held.id)).toMatchObject({ source: 'orgLife.activities', category: 'activity', link: `/org-life?id=${held.id}`, publishedMonth: '2026-11', orgName: '机关第一党支部' });
    const found = await info(`q=${encodeURIComponent('凤凰岭')}`);
    expect(found.items.map((i: { id: string }) => i.id)).toEqual([held.id]);
    expect((await info(`q=${encodeURIComponent('凤凰岭')}`, zb2)).total).toBe(0);
    const meetings = await info('category=meeting&pageSize=5');
    expect(meetings.total).toBeGreaterThan(0);
    expect(meetings.items.every((i: { source: string }) => i.source === 'orgLife.meetings' || i.source !== 'orgLife.activities')).toBe(true);
  });

  it('待补记录: activities ended more than a day ago and still planned, for those who may record them', async () => {
    const todos = async (cookie: string) => (await t.call('GET', '/api/v1/todos', { cookie })).json().items.filter((i: { kind: string }) => i.kind === 'orgLife.record');
    const zb2Todos = await todos(zb2);
    expect(zb2Todos.length).toBeGreaterThan(0);
    expect(zb2Todos[0]).toMatchObject({ title: expect.stringContaining('待补记录'), orgName: '机关第二党支部', overdue: true });
    const a = await create(zb1, { orgId: branch1, kind: 'branchCommittee', startsAt: '2026-11-20T01:00:00.000Z', endsAt: '2026-11-20T02:00:00.000Z' });
    const recent = await create(zb1, { orgId: branch1, kind: 'branchCommittee', ...PAST }); // ended yesterday afternoon: less than a day ago
    const ids = (await todos(zb1)).map((i: { entityId: string }) => i.entityId);
    expect(ids).toContain(a.id);
    expect(ids).not.toContain(recent.id);
    expect((await todos(zb2)).map((i: { entityId: string }) => i.entityId)).not.toContain(a.id);
    await act(zb1, a.id, 'hold');
    expect((await todos(zb1)).map((i: { entityId: string }) => i.entityId)).not.toContain(a.id);
  });

  it('moves activity records with their organisation: a 党小组 moved to another branch takes its records along', async () => {
    const a = await create(zb1, { orgId: group1, kind: 'groupMeeting', ...FUTURE });
    const other = await create(zb2, { orgId: branch2, kind: 'themeDay', ...FUTURE });
    const path = async (id: string) => (await t.platform.db.selectFrom('org_life_activities').select('org_path').where('id', '=', id).executeTakeFirstOrThrow()).org_path;
    const orgPath = async (id: string) => (await t.platform.db.selectFrom('organisations').select('path').where('id', '=', id).executeTakeFirstOrThrow()).path;
    const oldPath = await orgPath(group1);
    const otherBefore = await path(other.id);
    expect((await t.call('PATCH', `/api/v1/orgs/${group1}`, { cookie: dw, body: { parentId: branch2 } })).statusCode).toBe(200);
    const newPath = await orgPath(group1);
    expect(newPath).not.toBe(oldPath);
    expect(await path(a.id)).toBe(newPath);
    expect(await path(other.id)).toBe(otherBefore);
    // zb2 now reads the moved group's records; zb1 no longer does.
    expect((await get(zb2, a.id)).statusCode).toBe(200);
    expect((await get(zb1, a.id)).statusCode).toBe(404);
    expect((await t.call('PATCH', `/api/v1/orgs/${group1}`, { cookie: dw, body: { parentId: branch1 } })).statusCode).toBe(200);
    expect(await path(a.id)).toBe(oldPath);
  });
});
