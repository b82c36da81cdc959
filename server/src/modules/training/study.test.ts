// Online study time through the API: what a heartbeat credits, and that it cannot be inflated — parallel tabs,
// replayed beats, a span broken by a long pause, a closed window, a deleted material, the per-material and the
// daily cap, two concurrent beats — with the fake clock moving time. Also 我的学习 and onlineCredits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart, sampleMp4 } from '../../platform/files/testing.js';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { memberOfUser } from '../members/index.js';
import { onlineCredits } from './study.js';

let t: TestApp;
let zb1: string;
let zb2: string;
let dy1: string;
let dangwei: string;
let tenantId: string;
let dy1Member: string;
let courseId: string;
const SEC = 1000;

type Beat = { credited: number; seconds: number; requiredSeconds: number; earnedTenths: number; done: boolean; todaySeconds: number; dailyCapSeconds: number };

const beat = (cookie: string, id: string) => t.call('POST', `/api/v1/training/materials/${id}/heartbeat`, { cookie });
async function ok(id: string, cookie = dy1): Promise<Beat> {
  const res = await beat(cookie, id);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Beat;
}
async function material(body: Record<string, unknown> = {}): Promise<string> {
  const res = await t.call('POST', `/api/v1/training/courses/${courseId}/materials`, {
    cookie: zb1,
    body: { title: '学习资料', kind: 'article', body: '<p>党章学习</p>', creditTenths: 10, requiredMinutes: 10, opensOn: '2026-11-01', closesOn: '2026-12-31', ...body },
  });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: string }).id;
}
const rows = async (materialId: string) => t.platform.db.selectFrom('training_study').selectAll().where('material_id', '=', materialId).orderBy('day').execute();
const setRules = async (value: Record<string, number>) => {
  const res = await t.call('PUT', '/api/v1/settings/rules/training.study', { cookie: dangwei, body: { value } });
  expect(res.statusCode, res.body).toBe(200);
};

/** Moves the fake clock by `ms` and signs everyone in again (a jump of hours ends idle sessions). */
async function jump(ms: number): Promise<void> {
  t.clock.advance(ms);
  [zb1, zb2, dy1, dangwei] = (await Promise.all(['zb1', 'zb2', 'dy1', 'dangwei'].map((u) => t.login(u)))) as [string, string, string, string];
}

beforeAll(async () => {
  t = await createTestApp();
  await jump(0);
  const branch1 = await t.orgId('机关第一党支部');
  tenantId = (await t.platform.db.selectFrom('organisations').select('tenant_id').where('id', '=', branch1).executeTakeFirstOrThrow()).tenant_id;
  const u = await t.platform.db.selectFrom('users').select('id').where('username', '=', 'dy1').executeTakeFirstOrThrow();
  dy1Member = (await memberOfUser(t.platform.db, tenantId, u.id))!.id;
  const res = await t.call('POST', '/api/v1/training/courses', { cookie: zb1, body: { orgId: branch1, title: '学党章 守初心', kind: 'online', year: 2026 } });
  expect(res.statusCode, res.body).toBe(201);
  courseId = (res.json() as { id: string }).id;
});
afterAll(async () => t.close());

describe(`在线学习计时 ${dialectLabel()}`, () => {
  it('credits the time between beats: the first beat starts a span, each next one adds the time since', async () => {
    const id = await material();
    expect((await ok(id)).credited).toBe(0);
    t.clock.advance(30 * SEC);
    const b = await ok(id);
    expect(b).toEqual(expect.objectContaining({ credited: 30, seconds: 30, requiredSeconds: 600, earnedTenths: 0 }));
    t.clock.advance(31 * SEC);
    expect((await ok(id)).credited).toBe(31);
    // Each beat credits at most one interval plus a little slack, even when the gap was longer (within two intervals).
    t.clock.advance(55 * SEC);
    expect((await ok(id)).credited).toBe(35);
    const detail = (await t.call('GET', `/api/v1/training/materials/${id}`, { cookie: dy1 })).json() as { progress: Beat; body: string };
    expect(detail.progress.seconds).toBe(96);
    expect(detail.body).toContain('党章学习');
  });

  it('credits a replayed beat nothing: ten copies of a request at one instant add 0', async () => {
    const id = await material();
    await ok(id);
    t.clock.advance(30 * SEC);
    expect((await ok(id)).credited).toBe(30);
    for (let i = 0; i < 10; i++) expect((await ok(id)).credited).toBe(0);
    expect((await rows(id)).map((r) => r.seconds)).toEqual([30]);
  });

  it('credits two tabs open side by side wall time once, not twice', async () => {
    const id = await material();
    // Tab A beats on the minute and half minute, tab B 15 s later: five minutes of both.
    await ok(id);
    for (let i = 0; i < 20; i++) {
      t.clock.advance(15 * SEC);
      await ok(id);
    }
    const [r] = await rows(id);
    expect(r!.seconds).toBe(300);
  });

  it('starts a new span after a pause longer than two intervals (a closed laptop earns nothing for the gap)', async () => {
    const id = await material();
    await ok(id);
    t.clock.advance(30 * SEC);
    await ok(id);
    t.clock.advance(10 * 60 * SEC);
    expect((await ok(id)).credited).toBe(0);
    t.clock.advance(30 * SEC);
    expect((await ok(id)).credited).toBe(30);
    expect((await rows(id))[0]!.seconds).toBe(60);
  });

  it('refuses beats outside the window, and on a deleted material, with 409 and nothing written', async () => {
    const later = await material({ opensOn: '2026-12-01', closesOn: '2026-12-31' });
    const res = await beat(dy1, later);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('不在学习时间内，本次学习不计学时');
    expect(await rows(later)).toHaveLength(0);

    const closed = await material({ opensOn: '2026-11-01', closesOn: '2026-11-27' });
    await ok(closed);
    t.clock.advance(30 * SEC);
    await ok(closed);
    const before = await rows(closed);
    // Past midnight (Asia/Shanghai) of the last day: the window has closed.
    const now = t.clock.now().getTime();
    const toNextDay = Date.parse('2026-11-27T16:00:30.000Z') - now;
    await jump(toNextDay);
    const shut = await beat(dy1, closed);
    expect(shut.statusCode).toBe(409);
    expect(await rows(closed)).toEqual(before);
    await jump(-toNextDay);

    const gone = await material();
    await ok(gone);
    expect((await t.call('DELETE', `/api/v1/training/materials/${gone}`, { cookie: zb1 })).statusCode).toBe(200);
    t.clock.advance(30 * SEC);
    const after = await rows(gone);
    expect((await beat(dy1, gone)).statusCode).toBe(409);
    expect(await rows(gone)).toEqual(after);
  });

  it('caps a material at its required minutes: beyond them nothing more, and the whole credit earned', async () => {
    const id = await material({ requiredMinutes: 1, creditTenths: 25 });
    await ok(id);
    let last: Beat | undefined;
    for (let i = 0; i < 6; i++) {
      t.clock.advance(30 * SEC);
      last = await ok(id);
    }
    expect(last).toEqual(expect.objectContaining({ seconds: 60, earnedTenths: 25, done: true, credited: 0 }));
    expect((await rows(id))[0]!.seconds).toBe(60);
  });

  it('credits a video material by the same heartbeats: its 学时 once the minutes are spent, replays adding nothing', async () => {
    const id = await material({ kind: 'video', body: '', requiredMinutes: 1, creditTenths: 5 });
    const f = multipart({ name: '党课录像.mp4', data: sampleMp4() });
    const up = await t.call('POST', `/api/v1/training/materials/${id}/file`, { cookie: zb1, body: f.payload, headers: { 'content-type': f.contentType } });
    expect(up.statusCode, up.body).toBe(201);
    const detail = (await t.call('GET', `/api/v1/training/materials/${id}`, { cookie: dy1 })).json() as { kind: string; kindName: string; fileName: string };
    expect(detail).toMatchObject({ kind: 'video', kindName: '视频', fileName: '党课录像.mp4' });
    await ok(id);
    t.clock.advance(30 * SEC);
    expect((await ok(id)).credited).toBe(30);
    for (let i = 0; i < 5; i++) expect((await ok(id)).credited).toBe(0);
    t.clock.advance(30 * SEC);
    expect(await ok(id)).toEqual(expect.objectContaining({ seconds: 60, earnedTenths: 5, done: true }));
  });

  it('caps a day over all materials: after the daily minutes nothing more, the next day counts again', async () => {
    await setRules({ heartbeatSeconds: 30, dailyCapMinutes: 10 });
    // A fresh day so the earlier tests' seconds do not count against the cap.
    await jump(Date.parse('2026-11-29T01:00:00.000Z') - t.clock.now().getTime());
    const a = await material({ requiredMinutes: 600, creditTenths: 100 });
    const b = await material({ requiredMinutes: 600, creditTenths: 100 });
    await ok(a);
    await ok(b);
    for (let i = 0; i < 15; i++) {
      t.clock.advance(30 * SEC);
      await ok(a);
      await ok(b);
    }
    const day = async () => (await t.platform.db.selectFrom('training_study').select((eb) => eb.fn.sum<number>('seconds').as('s')).where('member_id', '=', dy1Member).where('day', '=', '2026-11-29').executeTakeFirst())?.s;
    expect(Number(await day())).toBe(600);
    t.clock.advance(30 * SEC);
    const capped = await ok(a);
    expect(capped).toEqual(expect.objectContaining({ credited: 0, todaySeconds: 600, dailyCapSeconds: 600 }));
    // Next day: a new row, a new span, a new cap.
    await jump(24 * 60 * 60 * SEC);
    await ok(a);
    t.clock.advance(30 * SEC);
    expect((await ok(a)).credited).toBe(30);
    await setRules({ heartbeatSeconds: 30, dailyCapMinutes: 240 });
  });

  it('keeps the study rules within bounds: a heartbeat under 5 s is refused in Chinese and the rule unchanged', async () => {
    const res = await t.call('PUT', '/api/v1/settings/rules/training.study', { cookie: dangwei, body: { value: { heartbeatSeconds: 1, dailyCapMinutes: 240 } } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('心跳间隔至少 5 秒');
    const id = await material();
    const detail = (await t.call('GET', `/api/v1/training/materials/${id}`, { cookie: dy1 })).json() as { heartbeatSeconds: number };
    expect(detail.heartbeatSeconds).toBe(30);
    // A branch secretary may not change a committee-wide rule.
    expect((await t.call('PUT', '/api/v1/settings/rules/training.study', { cookie: zb1, body: { value: { heartbeatSeconds: 5, dailyCapMinutes: 240 } } })).statusCode).toBe(403);
  });

  it('credits two concurrent beats once', async () => {
    const id = await material();
    await ok(id);
    t.clock.advance(30 * SEC);
    const both = await Promise.all([beat(dy1, id), beat(dy1, id), beat(dy1, id)]);
    expect(both.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(both.map((r) => (r.json() as Beat).credited).sort()).toEqual([0, 0, 30]);
    expect((await rows(id))[0]!.seconds).toBe(30);
    // Two concurrent first beats of the day make one row.
    const fresh = await material();
    const first = await Promise.all([beat(dy1, fresh), beat(dy1, fresh)]);
    expect(first.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(await rows(fresh)).toHaveLength(1);
  });

  it('lets only a learner the course is offered to beat: another branch 404, no member record or no learning 403', async () => {
    const id = await material();
    const other = await beat(zb2, id);
    expect(other.statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/training/materials/${id}`, { cookie: zb2 })).statusCode).toBe(404);
    const noMember = await beat(dangwei, id);
    expect(noMember.statusCode).toBe(403);
    expect(noMember.json().error.message).toBe('本账号未关联党员档案，不能参加学习与考试');
    // …and its 我的学习 is an empty page that says so, not an error.
    const mine = await t.call('GET', '/api/v1/training/my/courses', { cookie: dangwei });
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ linked: false, items: [], earnedTenths: 0 });
    const tongxun = await t.login('tongxun');
    expect((await beat(tongxun, id)).statusCode).toBe(403);
    expect((await beat(dy1, 'no-such-material')).statusCode).toBe(404);
    expect(await rows(id)).toHaveLength(0);
  });

  it('shows 我的学习 with progress and reports the year\'s online 学时 through onlineCredits', async () => {
    const res = await t.call('GET', '/api/v1/training/my/courses?year=2026', { cookie: dy1 });
    expect(res.statusCode, res.body).toBe(200);
    const mine = res.json() as { items: { id: string; earnedTenths: number; materials: { id: string; seconds: number; earnedTenths: number }[] }[]; earnedTenths: number };
    const course = mine.items.find((c) => c.id === courseId)!;
    expect(course.materials.length).toBeGreaterThan(5);
    // The 1-minute material credited its whole 2.5 学时.
    expect(course.materials.some((m) => m.earnedTenths === 25 && m.seconds === 60)).toBe(true);
    const credits = (await onlineCredits(t.platform.db, tenantId, [dy1Member], 2026)).get(dy1Member)!;
    const ofCourse = credits.items.filter((i) => i.courseId === courseId);
    expect(ofCourse.reduce((s, i) => s + i.tenths, 0)).toBe(course.earnedTenths);
    expect((await onlineCredits(t.platform.db, tenantId, [dy1Member], 2025)).get(dy1Member)!.items.filter((i) => i.courseId === courseId)).toEqual([]);
    // Another branch's secretary is not offered the course.
    const zb2Mine = (await t.call('GET', '/api/v1/training/my/courses?year=2026', { cookie: zb2 })).json() as { items: { id: string }[] };
    expect(zb2Mine.items.map((c) => c.id)).not.toContain(courseId);
  });
});
