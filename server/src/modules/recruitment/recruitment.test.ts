// 发展党员 through the API: taking an applicant in (identity encrypted and masked, bad input refused in Chinese with
// nothing changed), the 25 steps with their time rules refused by name, the 支部大会 vote creating the member record
// in one transaction with the step (a failure leaves neither), 转正 through the roster, 延长预备期 once, documents
// served only to those who see the person, scope (another branch's secretary: 404) and the 待办.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addDays, addMonths } from '../../platform/calendar.js';
import { multipart, samplePdf } from '../../platform/files/testing.js';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { makeIdNumber } from '../staff/index.js';
import { checkStep } from './rules.js';
import { RECRUIT_RULES } from './settings.js';

let t: TestApp;
let zb1: string; // 书记, 机关第一党支部: recruit.write there
let zb2: string; // 书记, 机关第二党支部
let weiyuan: string; // 委员 of 机关第一党支部: recruit.read only
let dangwei: string; // 党委管理员: everyone
let dy1: string; // a plain member: no recruit permission
let branch1: string;
let branch2: string;
let unitId: string;
let introducers: string[];

const API = '/api/v1/recruitment';
type Detail = {
  id: string; name: string; idNumber: string; phone: string | null; stage: string; lastStep: number; memberId: string | null; mayWrite: boolean;
  next: { no: number; name: string } | null; probationEndsOn: string | null; probationExtendedMonths: number;
  steps: { no: number; doneOn: string | null; people: { name: string }[]; publicityFrom: string | null; meeting: { id: string; title: string } | null; trainingDays: number | null; trainingHours: number | null }[]; documents: { id: string; kind: string; name: string }[];
};
type Err = { error: { code: string; message: string; fields?: Record<string, string> } };

let seq = 100;
/** A new applicant's identity (born 1995-05-05, male; a fresh sequence each time). */
const identity = (birthDate = '1995-05-05') => ({ name: `测试申请人${seq}`, gender: 'male', birthDate, idNumber: makeIdNumber('410102', birthDate, (seq += 2) + 1), phone: '13912345678', unitId });

async function register(over: Record<string, unknown> = {}, cookie = zb1, status = 201) {
  const res = await t.call('POST', `${API}/people`, { cookie, body: { branchId: branch1, ...identity(), appliedOn: '2023-06-01', ...over } });
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as Detail & Err;
}
async function step(id: string, body: Record<string, unknown>, status = 200, cookie = zb1) {
  const res = await t.call('POST', `${API}/people/${id}/steps`, { cookie, body });
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as Detail & Err;
}
const count = async (table: 'recruit_people' | 'recruit_steps' | 'members' | 'staff' | 'member_events') =>
  Number((await t.platform.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const counts = () => Promise.all((['recruit_people', 'recruit_steps', 'members', 'staff', 'member_events'] as const).map(count));

/** Dates that keep every rule, for an application on `a`. */
function plan(a: string): Map<number, string> {
  const d = new Map<number, string>([[1, a], [2, addDays(a, 10)], [3, addDays(a, 60)]]);
  for (let i = 4; i <= 6; i++) d.set(i, addDays(d.get(3)!, i - 3));
  d.set(7, addMonths(d.get(3)!, 12));
  for (let i = 8; i <= 11; i++) d.set(i, addDays(d.get(7)!, i - 7));
  d.set(12, addDays(d.get(11)!, 14));
  d.set(13, addDays(d.get(12)!, 3));
  d.set(14, addDays(d.get(13)!, 3));
  d.set(15, addDays(d.get(14)!, 10));
  for (let i = 16; i <= 22; i++) d.set(i, addDays(d.get(15)!, (i - 15) * 5));
  d.set(23, addMonths(d.get(15)!, 12));
  d.set(24, addDays(d.get(23)!, 10));
  d.set(25, addDays(d.get(24)!, 5));
  return d;
}
/** The body of step `no` of a person on the plan's dates. */
function bodyOf(no: number, dates: Map<number, string>): Record<string, unknown> {
  const b: Record<string, unknown> = { step: no, doneOn: dates.get(no)!, note: `第 ${no} 步` };
  if (no === 5) b.people = [introducers[0]];
  if (no === 9) b.people = introducers.slice(0, 2);
  if (no === 11) b.trainingHours = 24;
  if (no === 12) b.publicityFrom = addDays(dates.get(11)!, 1);
  return b;
}
async function walk(id: string, dates: Map<number, string>, from: number, to: number) {
  let last: Detail | undefined;
  for (let no = from; no <= to; no++) last = await step(id, bodyOf(no, dates));
  return last!;
}

beforeAll(async () => {
  t = await createTestApp();
  [zb1, zb2, weiyuan, dangwei, dy1] = (await Promise.all(['zb1', 'zb2', 'weiyuan', 'dangwei', 'dy1'].map((u) => t.login(u)))) as [string, string, string, string, string];
  branch1 = await t.orgId('机关第一党支部');
  branch2 = await t.orgId('机关第二党支部');
  unitId = (await t.platform.db.selectFrom('units').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
  const first = await register({ appliedOn: '2026-11-20' });
  const choices = (await t.call('GET', `${API}/people/${first.id}/choices`, { cookie: zb1 })).json() as { members: { id: string }[] };
  introducers = choices.members.map((m) => m.id);
  expect(introducers.length).toBeGreaterThanOrEqual(2);
}, 60_000);
afterAll(async () => t.close());

describe(`发展党员 ${dialectLabel()}`, () => {
  it('the demo has people at every stage in the working branches, their steps keeping every rule, and one extended 预备期', async () => {
    const all = (await t.call('GET', `${API}/people?pageSize=200`, { cookie: dangwei })).json() as { items: { id: string; orgName: string; memberId: string | null; stage: string }[]; counts: Record<string, number> };
    expect(Object.values(all.counts).every((n) => n >= 3)).toBe(true);
    expect(new Set(all.items.map((x) => x.orgName)).size).toBeGreaterThanOrEqual(4);
    const extended = await t.platform.db.selectFrom('recruit_people').select(['member_id', 'probation_extended_months']).where('probation_extended_months', '>', 0).execute();
    expect(extended).toHaveLength(1);
    const m = (await t.call('GET', `/api/v1/members/${extended[0]!.member_id}`, { cookie: dangwei })).json() as { probationExtendedMonths: number; type: string };
    expect(m).toMatchObject({ probationExtendedMonths: 6, type: 'probationary' });
    // Every demo person's steps pass the rules as recorded (re-checked step by step).
    const rows = await t.platform.db.selectFrom('recruit_people').selectAll().execute();
    for (const r of rows) {
      const steps = await t.platform.db.selectFrom('recruit_steps').selectAll().where('person_id', '=', r.id).orderBy('step').execute();
      expect(steps.map((s) => s.step)).toEqual(Array.from({ length: r.last_step }, (_, i) => i + 1));
      const done = new Map<number, string>();
      for (const s of steps) {
        const refusal = checkStep({ step: s.step, doneOn: s.done_on, today: '2026-11-27', birthDate: r.birth_date, done, extendedMonths: r.probation_extended_months, publicityFrom: s.publicity_from, lateReason: s.late_reason, trainingDays: s.training_days, trainingHours: s.training_hours }, RECRUIT_RULES.defaults);
        expect(refusal, `${r.name} step ${s.step}`).toBeNull();
        done.set(s.step, s.done_on);
      }
    }
  });

  it('takes an applicant in with step 1; the 身份证号 and phone are encrypted at rest and shown masked', async () => {
    const id = identity();
    const p = await register({ ...id, appliedOn: '2026-10-08' });
    expect(p).toMatchObject({ stage: 'applicant', lastStep: 1, next: { no: 2, name: '党组织派人谈话' }, mayWrite: true });
    expect(p.idNumber).toBe(`4${'*'.repeat(17)}`);
    expect(p.phone).toBe('139****5678');
    expect(p.steps[0]).toMatchObject({ no: 1, doneOn: '2026-10-08' });
    const row = await t.platform.db.selectFrom('recruit_people').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow();
    expect(row.id_number_enc).not.toContain(id.idNumber.slice(6, 14));
    expect(t.platform.fieldCrypto.decrypt(row.id_number_enc)).toBe(id.idNumber);
    // The same person twice: refused.
    const again = await register({ ...id, appliedOn: '2026-10-08' }, zb1, 409);
    expect(again.error.message).toBe('该人员已在发展党员名单中');
  });

  it('refuses bad input in Chinese and changes nothing', async () => {
    const before = await counts();
    expect((await register({ name: undefined }, zb1, 400)).error.message).toContain('请填写姓名');
    expect((await register({ idNumber: '410102199505050000' }, zb1, 400)).error.fields?.idNumber).toBeTruthy();
    expect((await register({ branchId: branch2 }, zb1, 400)).error.fields?.branchId).toBe('党支部不存在或不在您的管理范围内');
    expect((await register({ branchId: await t.orgId('机关党总支').catch(() => branch2) }, zb1, 400)).error.fields?.branchId).toBeTruthy();
    const young = await register({ ...identity('2009-03-01'), appliedOn: '2027-02-28' }, zb1, 409);
    expect(young.error.code).toBe('RULE_NOTFUTURE');
    const minor = await register({ ...identity('2009-03-01'), appliedOn: '2026-11-27' }, zb1, 409);
    expect(minor.error).toMatchObject({ code: 'RULE_MINAGE', message: '按规定，申请入党须年满 18 周岁（最早 2027-03-01）' });
    expect(await counts()).toEqual(before);
  });

  it('walks the 25 steps: each rule refuses a day early by name, the vote admits the member, 转正 confirms it', async () => {
    const dates = plan('2023-06-01');
    const p = await register({ appliedOn: dates.get(1) });
    // 谈话 a day after the month without a reason: refused; on the last day: accepted.
    const late = await step(p.id, { step: 2, doneOn: '2023-07-02' }, 409);
    expect(late.error.message).toContain('最迟 2023-07-01');
    await step(p.id, { step: 2, doneOn: '2023-07-01' });
    // Out of order.
    expect((await step(p.id, { step: 5, doneOn: '2023-08-01' }, 409)).error.message).toContain('下一步应为第 3 步「推荐和确定入党积极分子」');
    await walk(p.id, dates, 3, 4);
    // 培养联系人 must be full members of the roster.
    expect((await step(p.id, { step: 5, doneOn: dates.get(5), people: [] }, 400)).error.message).toBe('请选择 1 至 2 名培养联系人');
    expect((await step(p.id, { step: 5, doneOn: dates.get(5), people: ['nobody'] }, 400)).error.message).toBe('培养联系人须为正式党员');
    await walk(p.id, dates, 5, 6);
    // 发展对象 a day before the year.
    const early = await step(p.id, { step: 7, doneOn: addDays(dates.get(7)!, -1) }, 409);
    expect(early.error).toMatchObject({ code: 'RULE_ACTIVISTYEAR', message: `按规定，确定为发展对象须在列为入党积极分子满一年后（最早 ${dates.get(7)}）` });
    const cand = await walk(p.id, dates, 7, 8);
    expect(cand.stage).toBe('candidate');
    expect((await step(p.id, { step: 9, doneOn: dates.get(9), people: [introducers[0]] }, 400)).error.message).toBe('请选择 2 名入党介绍人');
    await walk(p.id, dates, 9, 10);
    // 集中培训: a day short and an hour short are refused by name; on the mark (3 days, or 24 学时) accepted.
    const before11 = await counts();
    const shortDays = await step(p.id, { step: 11, doneOn: dates.get(11), trainingDays: 2 }, 409);
    expect(shortDays.error).toMatchObject({ code: 'RULE_TRAININGLENGTH', message: '按规定，发展对象须经过不少于 3 天或 24 学时的短期集中培训（本次记录 2 天）' });
    expect((await step(p.id, { step: 11, doneOn: dates.get(11), trainingHours: 23 }, 409)).error.message).toContain('（本次记录 23 学时）');
    expect((await step(p.id, { step: 11, doneOn: dates.get(11) }, 409)).error.message).toContain('请填写培训天数或学时');
    expect(await counts()).toEqual(before11);
    const trained = await step(p.id, { step: 11, doneOn: dates.get(11), trainingDays: 3 });
    expect(trained.steps.find((s) => s.no === 11)).toMatchObject({ trainingDays: 3, trainingHours: null });
    // 公示: a review on the fourth working day is refused.
    const pubFrom = '2024-09-02'; // a Monday
    const d12 = await t.platform.db.selectFrom('recruit_steps').select('done_on').where('person_id', '=', p.id).where('step', '=', 11).executeTakeFirstOrThrow();
    expect(d12.done_on <= pubFrom).toBe(true);
    expect((await step(p.id, { step: 12, doneOn: '2024-09-06', publicityFrom: pubFrom }, 409)).error.code).toBe('RULE_PUBLICITY');
    await step(p.id, { step: 12, doneOn: '2024-09-07', publicityFrom: pubFrom });
    const d = new Map(dates);
    d.set(13, '2024-09-10'); d.set(14, '2024-09-12'); d.set(15, '2024-09-20');
    for (let i = 16; i <= 22; i++) d.set(i, addDays('2024-09-20', (i - 15) * 5));
    d.set(23, '2025-09-20'); d.set(24, '2025-09-30'); d.set(25, '2025-10-05');
    await walk(p.id, d, 13, 14);

    const membersBefore = await count('members');
    const admitted = await walk(p.id, d, 15, 15);
    expect(admitted).toMatchObject({ stage: 'probationary', lastStep: 15, probationEndsOn: '2025-09-20' });
    expect(admitted.memberId).toBeTruthy();
    expect(await count('members')).toBe(membersBefore + 1);
    const member = await t.call('GET', `/api/v1/members/${admitted.memberId}`, { cookie: zb1 });
    expect(member.json()).toMatchObject({ name: admitted.name, type: 'probationary', joinedOn: '2024-09-20', branchId: branch1 });
    const history = await t.call('GET', `/api/v1/members/${admitted.memberId}/history`, { cookie: zb1 });
    expect(JSON.stringify(history.json())).toContain('发展党员第 15 步');

    await walk(p.id, d, 16, 22);
    const tooEarly = await step(p.id, { step: 23, doneOn: '2025-09-19' }, 409);
    expect(tooEarly.error).toMatchObject({ code: 'RULE_PROBATIONYEAR', message: '按规定，预备期自支部大会通过之日起计算一年，期满方可讨论转正（最早 2025-09-20）' });
    await walk(p.id, d, 23, 24);
    const full = await t.call('GET', `/api/v1/members/${admitted.memberId}`, { cookie: zb1 });
    expect(full.json()).toMatchObject({ type: 'full', confirmedOn: '2025-09-30' });
    const done = await walk(p.id, d, 25, 25);
    expect(done).toMatchObject({ stage: 'full', lastStep: 25, next: null, mayWrite: false });
    expect(done.steps.find((s) => s.no === 9)!.people).toHaveLength(2);
  });

  it('the vote and the member record are one transaction: a failure leaves neither', async () => {
    const dates = plan('2023-03-01');
    const p = await register({ appliedOn: dates.get(1) });
    await walk(p.id, dates, 2, 14);
    const before = await counts();
    const record = t.platform.audit.record.bind(t.platform.audit);
    const spy = vi.spyOn(t.platform.audit, 'record').mockImplementation(async (trx, ctx, entry) => {
      if (entry.action === 'recruit.step') throw new Error('disk full');
      return record(trx, ctx, entry);
    });
    try {
      await step(p.id, bodyOf(15, dates), 500);
    } finally {
      spy.mockRestore();
    }
    expect(await counts()).toEqual(before);
    const row = await t.platform.db.selectFrom('recruit_people').select(['last_step', 'member_id', 'stage']).where('id', '=', p.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ last_step: 14, member_id: null, stage: 'candidate' });
    // And it goes through once the failure is gone.
    expect((await step(p.id, bodyOf(15, dates))).memberId).toBeTruthy();
  });

  it('the vote sent twice at once (a double click) admits the person once: one member record, the other call refused', async () => {
    const dates = plan('2023-04-01');
    const p = await register({ appliedOn: dates.get(1) });
    await walk(p.id, dates, 2, 14);
    const [members, staff] = [await count('members'), await count('staff')];
    const both = await Promise.all([1, 2].map(() => t.call('POST', `${API}/people/${p.id}/steps`, { cookie: zb1, body: bodyOf(15, dates) })));
    const codes = both.map((r) => r.statusCode).sort();
    expect(codes, both.map((r) => r.body).join(' | ')).toEqual([200, 409]);
    const refused = both.find((r) => r.statusCode === 409)!.json() as Err;
    expect(refused.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await count('members')).toBe(members + 1);
    expect(await count('staff')).toBe(staff + 1);
    const steps = await t.platform.db.selectFrom('recruit_steps').select('step').where('person_id', '=', p.id).where('step', '=', 15).execute();
    expect(steps).toHaveLength(1);
  });

  it('links the meeting that decided a step when it is the branch\'s (or above); another branch\'s is refused', async () => {
    const p = await register({ appliedOn: '2026-09-01' });
    await step(p.id, { step: 2, doneOn: '2026-09-10' });
    const choices = (await t.call('GET', `${API}/people/${p.id}/choices`, { cookie: zb1 })).json() as { meetings: { id: string; title: string; startsAt: string }[] };
    expect(choices.meetings.length).toBeGreaterThan(0);
    const path2 = (await t.platform.db.selectFrom('organisations').select('path').where('id', '=', branch2).executeTakeFirstOrThrow()).path;
    const other = await t.platform.db.selectFrom('org_life_activities').select('id').where('org_path', 'like', `${path2}%`).where('deleted_at', 'is', null).executeTakeFirstOrThrow();
    const before = await counts();
    const refused = await step(p.id, { step: 3, doneOn: '2026-09-20', meetingId: other.id }, 400);
    expect(refused.error.fields?.meetingId).toBe('会议记录不存在或不属于本支部及上级组织');
    expect(await counts()).toEqual(before);
    const mine = choices.meetings[0]!;
    const done = await step(p.id, { step: 3, doneOn: '2026-09-20', meetingId: mine.id });
    expect(done.steps.find((s) => s.no === 3)).toMatchObject({ meeting: { id: mine.id, title: mine.title } });
    expect(done.stage).toBe('activist');
    // Only the steps that name people take them.
    expect((await step(p.id, { step: 4, doneOn: '2026-09-21', people: [introducers[0]] }, 400)).error.fields?.people).toBe('第 4 步不需要选择人员');
  });

  it('延长预备期 once, by 6 to 12 months, on the person and the member record; 转正 waits for it', async () => {
    const dates = plan('2024-08-01');
    const p = await register({ appliedOn: dates.get(1) });
    const admitted = await walk(p.id, dates, 2, 16);
    const extend = (body: Record<string, unknown>, status: number) => t.call('POST', `${API}/people/${p.id}/extend`, { cookie: zb1, body }).then((r) => {
      expect(r.statusCode, r.body).toBe(status);
      return r.json() as Detail & Err;
    });
    expect((await extend({ months: 3, decidedOn: '2026-11-01', reason: '考察期表现需进一步考察' }, 409)).error.message).toBe('按规定，延长预备期为 6 至 12 个月');
    const ext = await extend({ months: 6, decidedOn: '2026-11-01', reason: '考察期表现需进一步考察' }, 200);
    expect(ext.probationEndsOn).toBe(addMonths(dates.get(15)!, 18));
    expect((await extend({ months: 6, decidedOn: '2026-11-02', reason: '再次延长' }, 409)).error.message).toBe('按规定，预备期只能延长一次');
    const member = (await t.call('GET', `/api/v1/members/${admitted.memberId}`, { cookie: zb1 })).json() as { probationExtendedMonths: number };
    expect(member.probationExtendedMonths).toBe(6);
  });

  it('another branch\'s secretary sees nothing of the person (404), documents too; 党委 staff see all', async () => {
    const p = await register({ appliedOn: '2026-11-01' });
    const file = multipart({ name: '入党申请书.pdf', data: samplePdf() });
    const up = await t.call('POST', `${API}/people/${p.id}/documents?kind=入党申请书`, { cookie: zb1, body: file.payload, headers: { 'content-type': file.contentType } });
    expect(up.statusCode, up.body).toBe(201);
    const fileId = (up.json() as { id: string }).id;
    const bad = await t.call('POST', `${API}/people/${p.id}/documents?kind=随便`, { cookie: zb1, body: file.payload, headers: { 'content-type': file.contentType } });
    expect(bad.statusCode).toBe(400);
    expect((await t.call('GET', `${API}/people/${p.id}/documents/${fileId}`, { cookie: zb1 })).statusCode).toBe(200);
    expect((await t.call('GET', `${API}/people/${p.id}/documents/${fileId}`, { cookie: dangwei })).statusCode).toBe(200);
    expect((await t.call('GET', `${API}/people/${p.id}/documents/${fileId}`, { cookie: zb2 })).statusCode).toBe(404);
    expect((await t.call('GET', `${API}/people/${p.id}`, { cookie: zb2 })).statusCode).toBe(404);
    expect((await t.call('POST', `${API}/people/${p.id}/steps`, { cookie: zb2, body: { step: 2, doneOn: '2026-11-05' } })).statusCode).toBe(404);
    const up2 = await t.call('POST', `${API}/people/${p.id}/documents?kind=思想汇报`, { cookie: zb2, body: file.payload, headers: { 'content-type': file.contentType } });
    expect(up2.statusCode).toBe(404);
    // Lists: zb2 none of branch 1's, dangwei all.
    const list2 = (await t.call('GET', `${API}/people?pageSize=200`, { cookie: zb2 })).json() as { items: { id: string }[] };
    expect(list2.items.some((x) => x.id === p.id)).toBe(false);
    const all = (await t.call('GET', `${API}/people?pageSize=200&stage=applicant`, { cookie: dangwei })).json() as { items: { id: string; stage: string }[]; counts: Record<string, number> };
    expect(all.items.some((x) => x.id === p.id)).toBe(true);
    expect(all.items.every((x) => x.stage === 'applicant')).toBe(true);
    expect(all.counts.applicant).toBe(all.items.length);
    // A reader who may not keep: sees, but 403 on a step; a plain member: 403 on the module.
    expect((await t.call('GET', `${API}/people/${p.id}`, { cookie: weiyuan })).json()).toMatchObject({ mayWrite: false });
    const ro = await t.call('POST', `${API}/people/${p.id}/steps`, { cookie: weiyuan, body: { step: 2, doneOn: '2026-11-05' } });
    expect(ro.statusCode).toBe(403);
    expect((await t.call('GET', `${API}/people`, { cookie: dy1 })).statusCode).toBe(403);
  });

  it('待办: 谈话 due, 思想汇报 overdue, 转正 due', async () => {
    const talk = await register({ appliedOn: '2026-11-10' });
    const dates = plan('2024-09-01');
    const report = await register({ appliedOn: dates.get(1) });
    await walk(report.id, dates, 2, 4);
    const confirm = await register({ appliedOn: '2024-04-01' });
    const d = plan('2024-04-01');
    await walk(confirm.id, d, 2, 18);
    const todos = (await t.call('GET', '/api/v1/todos', { cookie: zb1 })).json() as { items: { kind: string; entityId: string; due?: string }[] };
    expect(todos.items.find((x) => x.kind === 'recruit.talk' && x.entityId === talk.id)?.due).toBe('2026-12-10');
    expect(todos.items.some((x) => x.kind === 'recruit.report' && x.entityId === report.id)).toBe(true);
    expect(todos.items.find((x) => x.kind === 'recruit.confirm' && x.entityId === confirm.id)?.due).toBe(addMonths(d.get(15)!, 12));
    const other = (await t.call('GET', '/api/v1/todos', { cookie: zb2 })).json() as { items: { entityId: string }[] };
    expect(other.items.some((x) => [talk.id, report.id, confirm.id].includes(x.entityId))).toBe(false);
  });
});
