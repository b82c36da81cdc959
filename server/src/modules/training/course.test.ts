// Courses, materials and sessions through the API: what a keeper creates and changes, bad input refused in Chinese
// with nothing changed, a 组织生活 activity backing one session only, and every permission rule refused for the
// out-of-scope user (another branch's secretary 404, a reader without training.write 403, a learner 403).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart, sampleMp4, samplePdf, samplePng } from '../../platform/files/testing.js';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';

let t: TestApp;
let zb1: string;
let zb2: string;
let dy1: string;
let weiyuan: string;
let dangwei: string;
let branch1: string;
let branch2: string;
let root: string;

const post = (cookie: string, url: string, body: unknown) => t.call('POST', `/api/v1/training${url}`, { cookie, body });
const count = async (table: 'training_courses' | 'training_materials' | 'training_sessions') =>
  Number((await t.platform.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('deleted_at', 'is', null).executeTakeFirstOrThrow()).n);
const course = { title: '学习贯彻党的二十大精神', kind: 'mixed', description: '支部专题学习', year: 2026 };
const article = { title: '党章第一章', kind: 'article', body: '<p>党员必须履行义务</p>', creditTenths: 15, requiredMinutes: 20, opensOn: '2026-01-01', closesOn: '2026-12-31' };
async function newCourse(cookie = zb1, body: Record<string, unknown> = {}): Promise<string> {
  const res = await post(cookie, '/courses', { orgId: branch1, ...course, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: string }).id;
}
/** A live activity of the organisation (and its subtree) no session counts yet. */
async function freeActivity(orgId: string): Promise<string> {
  const org = await t.platform.db.selectFrom('organisations').select('path').where('id', '=', orgId).executeTakeFirstOrThrow();
  const r = await sql<{ id: string }>`select id from org_life_activities a where org_path like ${`${org.path}%`} and deleted_at is null
    and not exists (select 1 from training_sessions s where s.tenant_id = a.tenant_id and s.activity_id = a.id and s.deleted_at is null) order by starts_at desc limit 1`.execute(t.platform.db);
  return r.rows[0]!.id;
}

beforeAll(async () => {
  t = await createTestApp();
  [zb1, zb2, dy1, weiyuan, dangwei] = (await Promise.all(['zb1', 'zb2', 'dy1', 'weiyuan', 'dangwei'].map((u) => t.login(u)))) as [string, string, string, string, string];
  branch1 = await t.orgId('机关第一党支部');
  branch2 = await t.orgId('机关第二党支部');
  root = (await t.platform.db.selectFrom('organisations').select('id').where('parent_id', 'is', null).orderBy('path').executeTakeFirstOrThrow()).id;
});
afterAll(async () => t.close());

describe(`课程管理 ${dialectLabel()}`, () => {
  it('creates, shows, lists and changes a course of the keeper\'s branch', async () => {
    const id = await newCourse();
    const detail = (await t.call('GET', `/api/v1/training/courses/${id}`, { cookie: zb1 })).json();
    expect(detail).toEqual(expect.objectContaining({ title: course.title, kind: 'mixed', kindName: '线上线下结合', orgName: '机关第一党支部', canEdit: true, materialItems: [], sessionItems: [] }));
    const list = (await t.call('GET', '/api/v1/training/courses?year=2026&keyword=二十大', { cookie: zb1 })).json() as { items: { id: string }[] };
    expect(list.items.map((c) => c.id)).toContain(id);
    const patched = await t.call('PATCH', `/api/v1/training/courses/${id}`, { cookie: zb1, body: { title: '学习贯彻党的二十大精神（第二期）' } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().title).toBe('学习贯彻党的二十大精神（第二期）');
    // The reader (委员) sees it but may not keep it.
    const seen = (await t.call('GET', `/api/v1/training/courses/${id}`, { cookie: weiyuan })).json();
    expect(seen.canEdit).toBe(false);
  });

  it('refuses bad input in Chinese and changes nothing', async () => {
    const courses = await count('training_courses');
    const bad = async (body: Record<string, unknown>, message: string) => {
      const res = await post(zb1, '/courses', { orgId: branch1, ...course, ...body });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.message).toContain(message);
    };
    await bad({ title: '  ' }, '请填写课程名称');
    await bad({ kind: 'webinar' }, '课程类型应为线上、线下或线上线下结合');
    await bad({ year: 1999 }, '年度应在 2000–2100 之间');
    expect(await count('training_courses')).toBe(courses);

    const id = await newCourse();
    const materials = await count('training_materials');
    const badMaterial = async (body: Record<string, unknown>, message: string) => {
      const res = await post(zb1, `/courses/${id}/materials`, { ...article, ...body });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.message).toContain(message);
    };
    await badMaterial({ creditTenths: -5 }, '学时须大于 0');
    await badMaterial({ creditTenths: 0 }, '学时须大于 0');
    await badMaterial({ creditTenths: 1001 }, '学时不能超过 100');
    await badMaterial({ creditTenths: 1.5 }, '学时以 0.1 为单位');
    await badMaterial({ requiredMinutes: 0 }, '学习时长至少 1 分钟');
    await badMaterial({ requiredMinutes: 601 }, '学习时长不能超过 600 分钟');
    await badMaterial({ opensOn: '2026-12-01', closesOn: '2026-11-01' }, '截止日期不能早于开始日期');
    await badMaterial({ opensOn: '2026/12/01' }, '开始日期格式应为 YYYY-MM-DD');
    await badMaterial({ body: '<script>alert(1)</script>' }, '请填写文章正文');
    expect(await count('training_materials')).toBe(materials);
    const sessions = await count('training_sessions');
    const s = await post(zb1, `/courses/${id}/sessions`, { activityId: await freeActivity(branch1), creditTenths: -10 });
    expect(s.statusCode).toBe(400);
    expect(s.json().error.message).toContain('学时须大于 0');
    expect(await count('training_sessions')).toBe(sessions);
  });

  it('keeps an article sanitised, and a PDF material\'s file for its learners only', async () => {
    const id = await newCourse();
    const res = await post(zb1, `/courses/${id}/materials`, { ...article, body: '<p onclick="x()">正文<script>alert(1)</script></p><img src="https://evil.example/a.png">' });
    expect(res.statusCode, res.body).toBe(201);
    const m = (res.json() as { id: string }).id;
    const shown = (await t.call('GET', `/api/v1/training/materials/${m}`, { cookie: dy1 })).json() as { body: string; progress: unknown };
    expect(shown.body).toContain('正文');
    expect(shown.body).not.toMatch(/script|onclick|evil/);
    expect(shown.progress).not.toBeNull();

    const pdfRes = await post(zb1, `/courses/${id}/materials`, { ...article, kind: 'pdf', body: '' });
    expect(pdfRes.statusCode, pdfRes.body).toBe(201);
    const pdf = (pdfRes.json() as { id: string }).id;
    const file = multipart({ name: '党章.pdf', data: samplePdf() });
    const png = multipart({ name: '图.png', data: samplePng() });
    const upload = (cookie: string, mid: string, f: typeof file) => t.call('POST', `/api/v1/training/materials/${mid}/file`, { cookie, body: f.payload, headers: { 'content-type': f.contentType } });
    expect((await upload(zb1, pdf, png)).statusCode).toBe(400);
    expect((await upload(zb2, pdf, file)).statusCode).toBe(404);
    expect((await upload(weiyuan, pdf, file)).statusCode).toBe(403);
    expect((await upload(zb1, m, file)).statusCode).toBe(409);
    const up = await upload(zb1, pdf, file);
    expect(up.statusCode, up.body).toBe(201);
    const got = await t.call('GET', `/api/v1/training/materials/${pdf}/file?inline=true`, { cookie: dy1 });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect((await t.call('GET', `/api/v1/training/materials/${pdf}/file`, { cookie: zb2 })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/courses/${id}`, { cookie: zb1 })).statusCode).toBe(404);
  });

  it('takes a video for a video material (by content) and plays it by range to its learners only', async () => {
    const id = await newCourse();
    const res = await post(zb1, `/courses/${id}/materials`, { ...article, kind: 'video', body: '' });
    expect(res.statusCode, res.body).toBe(201);
    const vid = (res.json() as { id: string }).id;
    const upload = (cookie: string, f: { payload: Buffer; contentType: string }) =>
      t.call('POST', `/api/v1/training/materials/${vid}/file`, { cookie, body: f.payload, headers: { 'content-type': f.contentType } });
    const files = async () => Number((await t.platform.db.selectFrom('files').select((eb) => eb.fn.countAll<number>().as('n')).where('owner_id', '=', vid).executeTakeFirstOrThrow()).n);

    // A PDF renamed .mp4, and a real PDF: refused in Chinese, nothing stored.
    const renamed = await upload(zb1, multipart({ name: '党课.mp4', data: samplePdf() }));
    expect(renamed.statusCode).toBe(400);
    expect(renamed.json().error.message).toBe('文件内容与扩展名不符');
    expect((await upload(zb1, multipart({ name: '党章.pdf', data: samplePdf() }))).json().error.message).toBe('不支持的文件类型：仅支持视频（MP4、WebM）');
    expect(await files()).toBe(0);
    const video = sampleMp4(8000);
    const file = multipart({ name: '党课录像.mp4', data: video });
    expect((await upload(zb2, file)).statusCode).toBe(404);
    expect((await upload(weiyuan, file)).statusCode).toBe(403);
    expect(await files()).toBe(0);
    const up = await upload(zb1, file);
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ name: '党课录像.mp4', mime: 'video/mp4', size: 8000 });
    const listed = (await t.call('GET', `/api/v1/training/courses/${id}`, { cookie: zb1 })).json() as { materialItems: { id: string; kindName: string; fileName: string }[] };
    expect(listed.materialItems.find((x) => x.id === vid)).toMatchObject({ kindName: '视频', fileName: '党课录像.mp4' });

    const url = `/api/v1/training/materials/${vid}/file`;
    const whole = await t.call('GET', url, { cookie: dy1 });
    expect(whole.statusCode).toBe(200);
    expect(whole.headers).toMatchObject({ 'content-type': 'video/mp4', 'accept-ranges': 'bytes', 'x-content-type-options': 'nosniff' });
    const part = await t.call('GET', url, { cookie: dy1, headers: { range: 'bytes=100-199' } });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 100-199/8000');
    expect(part.rawPayload.equals(video.subarray(100, 200))).toBe(true);
    expect((await t.call('GET', url, { cookie: dy1, headers: { range: 'bytes=-8' } })).rawPayload.equals(video.subarray(7992))).toBe(true);
    expect((await t.call('GET', url, { cookie: dy1, headers: { range: 'bytes=7000-' } })).headers['content-range']).toBe('bytes 7000-7999/8000');
    const past = await t.call('GET', url, { cookie: dy1, headers: { range: 'bytes=8000-' } });
    expect(past.statusCode).toBe(416);
    expect(past.headers['content-range']).toBe('bytes */8000');
    // Another branch's secretary does not see the course: the same 404 with or without a range.
    expect((await t.call('GET', url, { cookie: zb2 })).statusCode).toBe(404);
    expect((await t.call('GET', url, { cookie: zb2, headers: { range: 'bytes=0-99' } })).statusCode).toBe(404);

    // A new upload replaces the video.
    const again = await upload(zb1, multipart({ name: '党课录像（修订）.mp4', data: sampleMp4(5000) }));
    expect(again.statusCode).toBe(201);
    expect((await t.call('GET', url, { cookie: dy1 })).headers['content-length']).toBe('5000');
  });

  it('refuses an offline course materials and an online course sessions (409)', async () => {
    const offline = await newCourse(zb1, { kind: 'offline' });
    expect((await post(zb1, `/courses/${offline}/materials`, article)).statusCode).toBe(409);
    const online = await newCourse(zb1, { kind: 'online' });
    const res = await post(zb1, `/courses/${online}/sessions`, { activityId: await freeActivity(branch1), creditTenths: 20 });
    expect(res.statusCode).toBe(409);
  });

  it('holds a session as a 组织生活 activity of the subtree, counted by one course only', async () => {
    const a = await newCourse();
    const b = await newCourse();
    const activity = await freeActivity(branch1);
    const cands = (await t.call('GET', `/api/v1/training/courses/${a}/activity-candidates`, { cookie: zb1 })).json() as { items: { id: string; takenBy: string | null }[] };
    expect(cands.items.find((c) => c.id === activity)?.takenBy).toBeNull();
    const first = await post(zb1, `/courses/${a}/sessions`, { activityId: activity, creditTenths: 20 });
    expect(first.statusCode, first.body).toBe(201);
    const sessions = await count('training_sessions');
    const second = await post(zb1, `/courses/${b}/sessions`, { activityId: activity, creditTenths: 20 });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toBe('该活动已计入课程“学习贯彻党的二十大精神”');
    expect(await count('training_sessions')).toBe(sessions);
    // Another branch's activity cannot back a branch 1 course.
    const foreign = await post(zb1, `/courses/${a}/sessions`, { activityId: await freeActivity(branch2), creditTenths: 20 });
    expect(foreign.statusCode).toBe(404);
    const detail = (await t.call('GET', `/api/v1/training/courses/${a}`, { cookie: zb1 })).json() as { sessionItems: { id: string; activityId: string; link: string; creditTenths: number }[]; creditTenths: number };
    expect(detail.sessionItems).toEqual([expect.objectContaining({ activityId: activity, creditTenths: 20, link: `/org-life?id=${activity}` })]);
    const sid = detail.sessionItems[0]!.id;
    expect((await t.call('DELETE', `/api/v1/training/sessions/${sid}`, { cookie: zb2 })).statusCode).toBe(404);
    expect((await t.call('DELETE', `/api/v1/training/sessions/${sid}`, { cookie: weiyuan })).statusCode).toBe(403);
    expect((await t.call('DELETE', `/api/v1/training/sessions/${sid}`, { cookie: zb1 })).statusCode).toBe(200);
    // Once removed, the activity may back the other course.
    expect((await post(zb1, `/courses/${b}/sessions`, { activityId: activity, creditTenths: 20 })).statusCode).toBe(201);
  });

  it('records a new 党课 through 组织生活 and holds the session as it; another branch\'s organisation is refused', async () => {
    const id = await newCourse();
    const activities = async () => Number((await t.platform.db.selectFrom('org_life_activities').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await activities();
    const lecture = { kind: 'partyLecture', title: '专题党课：学习新修订的纪律处分条例', startsAt: '2026-12-10T06:30:00.000Z', endsAt: '2026-12-10T08:00:00.000Z', place: '党员活动室', lecturerName: '张书记' };
    const foreign = await post(zb1, `/courses/${id}/sessions/with-activity`, { activity: { ...lecture, orgId: branch2 }, creditTenths: 20 });
    expect(foreign.statusCode).toBe(404);
    expect(await activities()).toBe(before);
    const res = await post(zb1, `/courses/${id}/sessions/with-activity`, { activity: { ...lecture, orgId: branch1 }, creditTenths: 20 });
    expect(res.statusCode, res.body).toBe(201);
    const { activityId } = res.json() as { activityId: string };
    expect(await activities()).toBe(before + 1);
    const detail = (await t.call('GET', `/api/v1/training/courses/${id}`, { cookie: zb1 })).json() as { sessionItems: { activityId: string; title: string; kindName: string; lecturerName: string; place: string }[] };
    expect(detail.sessionItems).toEqual([expect.objectContaining({ activityId, title: lecture.title, kindName: '党课', lecturerName: '张书记', place: '党员活动室' })]);
    // The activity is 组织生活's: it shows there, where its attendance and QR sign-in are kept.
    expect((await t.call('GET', `/api/v1/org-life/activities/${activityId}`, { cookie: zb1 })).statusCode).toBe(200);
  });

  it('refuses every keeper action out of scope: another branch 404, a reader 403, a learner 403', async () => {
    const id = await newCourse();
    const m = (await post(zb1, `/courses/${id}/materials`, article).then((r) => r.json())) as { id: string };
    const before = await Promise.all([count('training_courses'), count('training_materials')]);
    // Another branch's secretary: out of sight.
    expect((await t.call('GET', `/api/v1/training/courses/${id}`, { cookie: zb2 })).statusCode).toBe(404);
    expect((await t.call('PATCH', `/api/v1/training/courses/${id}`, { cookie: zb2, body: { title: 'x' } })).statusCode).toBe(404);
    expect((await t.call('DELETE', `/api/v1/training/courses/${id}`, { cookie: zb2 })).statusCode).toBe(404);
    expect((await post(zb2, `/courses/${id}/materials`, article)).statusCode).toBe(404);
    expect((await t.call('PATCH', `/api/v1/training/materials/${m.id}`, { cookie: zb2, body: { title: 'x' } })).statusCode).toBe(404);
    expect((await t.call('DELETE', `/api/v1/training/materials/${m.id}`, { cookie: zb2 })).statusCode).toBe(404);
    expect((await post(zb2, '/courses', { orgId: branch1, ...course })).statusCode).toBe(404);
    const zb2List = (await t.call('GET', '/api/v1/training/courses', { cookie: zb2 })).json() as { items: { id: string }[] };
    expect(zb2List.items.map((c) => c.id)).not.toContain(id);
    // A reader without training.write (委员): 403.
    expect((await t.call('PATCH', `/api/v1/training/courses/${id}`, { cookie: weiyuan, body: { title: 'x' } })).statusCode).toBe(403);
    expect((await t.call('DELETE', `/api/v1/training/materials/${m.id}`, { cookie: weiyuan })).statusCode).toBe(403);
    expect((await post(weiyuan, '/courses', { orgId: branch1, ...course })).statusCode).toBe(403);
    // A learner: no keeper routes, no course list.
    expect((await post(dy1, '/courses', { orgId: branch1, ...course })).statusCode).toBe(403);
    expect((await t.call('GET', '/api/v1/training/courses', { cookie: dy1 })).statusCode).toBe(403);
    expect((await t.call('PATCH', `/api/v1/training/courses/${id}`, { cookie: dy1, body: { title: 'x' } })).statusCode).toBe(403);
    expect(await Promise.all([count('training_courses'), count('training_materials')])).toEqual(before);
    // The committee keeps courses for everyone; a branch secretary may not open one there.
    expect((await post(dangwei, '/courses', { orgId: root, ...course })).statusCode).toBe(201);
    expect([403, 404]).toContain((await post(zb1, '/courses', { orgId: root, ...course })).statusCode);
  });

  it('deletes a course without study time; one with study time is kept (409)', async () => {
    const id = await newCourse();
    expect((await t.call('DELETE', `/api/v1/training/courses/${id}`, { cookie: zb1 })).statusCode).toBe(200);
    expect((await t.call('GET', `/api/v1/training/courses/${id}`, { cookie: zb1 })).statusCode).toBe(404);
    const studied = await newCourse();
    const m = (await post(zb1, `/courses/${studied}/materials`, article).then((r) => r.json())) as { id: string };
    expect((await t.call('POST', `/api/v1/training/materials/${m.id}/heartbeat`, { cookie: dy1 })).statusCode).toBe(200);
    const res = await t.call('DELETE', `/api/v1/training/courses/${studied}`, { cookie: zb1 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('课程已有党员学习记录，不能删除（学时需可追溯）');
    expect((await t.call('GET', `/api/v1/training/courses/${studied}`, { cookie: zb1 })).statusCode).toBe(200);
  });
});
