// 宣传 through HTTP on the demo community: the manuscript workflow with its refusals (publishing before
// adoption 409, rejecting without a reason 400, an editor whose grant is elsewhere 404, the wrong side 403),
// every illegal step refused with nothing changed, bad input, photos, search, correspondents and training,
// settings; and statistics and metrics equal to numbers worked out here from the manuscripts this file writes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_PASSWORD, dialectLabel, type TestApp } from '../../test/harness.js';
import { hashPassword } from '../../platform/crypto/password.js';
import { insertUser } from '../../platform/accounts/service.js';
import { insertGrant } from '../../platform/access/grants.js';
import { multipart, samplePdf, samplePng } from '../../platform/files/testing.js';
import { TRANSITIONS, type ManuscriptAction } from './machine.js';
import type { ManuscriptStatus } from './tables.js';

let t: TestApp;
let tenantId: string;
const cookies = new Map<string, string>();
const users = new Map<string, string>();
const as = async (u: string) => {
  if (!cookies.has(u)) cookies.set(u, await t.login(u));
  return cookies.get(u)!;
};
const json = <T = Record<string, unknown>>(r: { body: string }) => JSON.parse(r.body) as T;
interface Detail {
  id: string; status: ManuscriptStatus; revision: number; title: string; allowed: string[]; quality: number | null; rejectReason: string | null;
  comments: { role: string; body: string; requestRevision: boolean }[]; revisions: { revision: number; title: string }[]; photos: { id: string }[];
  publishedOn: string | null; publishedLevel: string | null; correspondentId: string | null; authorName: string;
}
interface ErrorBody { error: { code: string; message: string; fields?: Record<string, string> } }

let branch1: string;
let branch2: string;

/** A user holding `role` on `orgId` (how the other module tests make someone with a grant elsewhere). */
async function userOn(username: string, role: string, orgId: string): Promise<void> {
  const now = t.clock.now();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await t.platform.db.transaction().execute(async (trx) => {
    const userId = await insertUser(trx, { tenantId, username, displayName: username, passwordHash, mustChangePassword: false, now });
    const r = await trx.selectFrom('roles').select('id').where('tenant_id', '=', tenantId).where('code', '=', role).executeTakeFirstOrThrow();
    await insertGrant(trx, { tenantId, userId, roleId: r.id, orgId, createdBy: null, now });
    users.set(username, userId);
  });
}

beforeAll(async () => {
  t = await createTestApp();
  branch1 = await t.orgId('机关第一党支部');
  branch2 = await t.orgId('机关第二党支部');
  tenantId = (await t.platform.db.selectFrom('organisations').select('tenant_id').where('id', '=', branch1).executeTakeFirstOrThrow()).tenant_id;
  for (const r of await t.platform.db.selectFrom('users').select(['id', 'username']).execute()) users.set(r.username, r.id);
  // An editor whose only grant is on 机关第二党支部.
  await userOn('shenhe2', 'editor', branch2);
});
afterAll(async () => {
  await t.close();
});

const M = '/api/v1/publicity/manuscripts';
async function write(who: string, body: Record<string, unknown> = {}) {
  return t.call('POST', M, {
    cookie: await as(who),
    body: { orgId: branch1, title: '机关第一党支部开展主题党日活动', body: '<p>全体党员参加。</p>', channel: 'internal', outlet: '社区党建公众号', level: 'community', ...body },
  });
}
async function draft(who = 'tongxun', body: Record<string, unknown> = {}): Promise<Detail> {
  const res = await write(who, body);
  expect(res.statusCode, res.body).toBe(201);
  return json<Detail>(res);
}
const act = async (id: string, action: string, who: string, body: object = {}) => t.call('POST', `${M}/${id}/${action}`, { cookie: await as(who), body });
const get = async (id: string, who = 'tongxun') => t.call('GET', `${M}/${id}`, { cookie: await as(who) });
const status = async (id: string) => (await t.platform.db.selectFrom('publicity_manuscripts').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
const rowOf = (id: string) => t.platform.db.selectFrom('publicity_manuscripts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const notifications = (user: string, kind: string, link: string) => t.platform.db.selectFrom('notifications').select('id')
  .where('user_id', '=', users.get(user)!).where('kind', '=', kind).where('link', '=', link).execute();
const today = '2026-11-27';

const BODIES: Record<ManuscriptAction, object> = {
  edit: { title: '改过的标题' }, submit: {}, delete: {}, comment: { body: '请补充照片' }, requestRevision: { body: '请修改导语', requestRevision: true },
  adopt: { quality: 4 }, reject: { reason: '时效性不足' }, publish: { publishedOn: today, outlet: '集团报', level: 'group', ref: '第2版' }, rate: { quality: 3 },
};
/** Shortest way from a new draft to each status. */
const ROUTE: Record<ManuscriptStatus, ManuscriptAction[]> = {
  draft: [], submitted: ['submit'], revising: ['submit', 'requestRevision'], adopted: ['submit', 'adopt'],
  rejected: ['submit', 'reject'], published: ['submit', 'adopt', 'publish'],
};
async function run(id: string, action: ManuscriptAction) {
  if (action === 'edit') return t.call('PUT', `${M}/${id}`, { cookie: await as('tongxun'), body: BODIES.edit });
  if (action === 'delete') return t.call('DELETE', `${M}/${id}`, { cookie: await as('tongxun') });
  const who = action === 'submit' ? 'tongxun' : 'shenhe';
  return act(id, action === 'requestRevision' ? 'comment' : action, who, BODIES[action]);
}
async function manuscriptIn(s: ManuscriptStatus): Promise<Detail> {
  const m = await draft();
  for (const a of ROUTE[s]) expect((await run(m.id, a)).statusCode).toBe(200);
  expect(await status(m.id)).toBe(s);
  return m;
}

describe(`宣传 workflow ${dialectLabel()}`, () => {
  it('goes draft → submitted → revising → resubmitted → adopted (rated) → published, telling each side', async () => {
    const m = await draft();
    expect(m.status).toBe('draft');
    expect(m.revision).toBe(0);
    expect(m.allowed).toEqual(expect.arrayContaining(['edit', 'submit', 'delete', 'photos']));
    expect(m.correspondentId).not.toBeNull(); // tongxun is 机关第一党支部's correspondent
    expect((await get(m.id, 'shenhe')).statusCode).toBe(404); // a draft is the author's own

    const sub = await act(m.id, 'submit', 'tongxun');
    expect(sub.statusCode, sub.body).toBe(200);
    expect(json<Detail>(sub)).toMatchObject({ status: 'submitted', revision: 1 });
    expect(await notifications('shenhe', 'publicity.submitted', `/publicity/review?id=${m.id}`)).toHaveLength(1);
    expect(await notifications('dangwei', 'publicity.submitted', `/publicity/review?id=${m.id}`)).toHaveLength(1);
    const queue = json<{ items: { kind: string; entityId: string }[] }>(await t.call('GET', '/api/v1/todos', { cookie: await as('shenhe') }));
    expect(queue.items.some((i) => i.kind === 'publicity.review' && i.entityId === m.id)).toBe(true);
    const seen = json<Detail>(await get(m.id, 'shenhe'));
    expect(seen.allowed).toEqual(expect.arrayContaining(['comment', 'requestRevision', 'adopt', 'reject']));
    expect(seen.allowed).not.toContain('publish');
    expect(seen.allowed).not.toContain('edit');

    const back = await act(m.id, 'comment', 'shenhe', { body: '导语请压缩到两句话', requestRevision: true });
    expect(back.statusCode, back.body).toBe(200);
    expect(json<Detail>(back).status).toBe('revising');
    expect(await notifications('tongxun', 'publicity.revise', `/publicity/mine?id=${m.id}`)).toHaveLength(1);
    const mine = json<{ items: { kind: string; entityId: string }[] }>(await t.call('GET', '/api/v1/todos', { cookie: await as('tongxun') }));
    expect(mine.items.some((i) => i.kind === 'publicity.revise' && i.entityId === m.id)).toBe(true);

    expect((await t.call('PUT', `${M}/${m.id}`, { cookie: await as('tongxun'), body: { title: '机关第一党支部主题党日：重温入党誓词' } })).statusCode).toBe(200);
    expect((await act(m.id, 'comment', 'tongxun', { body: '已修改，请审阅' })).statusCode).toBe(200);
    const again = json<Detail>(await act(m.id, 'submit', 'tongxun'));
    expect(again).toMatchObject({ status: 'submitted', revision: 2 });
    expect(again.revisions.map((r) => [r.revision, r.title])).toEqual([[2, '机关第一党支部主题党日：重温入党誓词'], [1, '机关第一党支部开展主题党日活动']]);
    expect(again.comments.map((c) => [c.role, c.requestRevision])).toEqual([['editor', true], ['author', false]]);
    const first = await t.call('GET', `${M}/${m.id}/revisions/1`, { cookie: await as('shenhe') });
    expect(json<{ title: string }>(first).title).toBe('机关第一党支部开展主题党日活动');

    const adopted = await act(m.id, 'adopt', 'shenhe', { quality: 4, qualityNote: '主题明确' });
    expect(adopted.statusCode, adopted.body).toBe(200);
    expect(json<Detail>(adopted)).toMatchObject({ status: 'adopted', quality: 4 });
    expect(json<Detail>(adopted).allowed).toEqual(expect.arrayContaining(['publish', 'rate']));
    expect(await notifications('tongxun', 'publicity.adopted', `/publicity/mine?id=${m.id}`)).toHaveLength(1);

    const pub = await act(m.id, 'publish', 'shenhe', { publishedOn: today, outlet: '集团报', level: 'group', ref: '第3版' });
    expect(pub.statusCode, pub.body).toBe(200);
    expect(json<Detail>(pub)).toMatchObject({ status: 'published', publishedOn: today, publishedLevel: 'group' });
    const rated = await act(m.id, 'rate', 'shenhe', { quality: 5 });
    expect(json<Detail>(rated).quality).toBe(5);
    expect(await notifications('tongxun', 'publicity.published', `/publicity/mine?id=${m.id}`)).toHaveLength(1);
    const audit = await t.platform.db.selectFrom('audit_log').select('action').where('entity_id', '=', m.id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['publicity.create', 'publicity.submit', 'publicity.requestRevision', 'publicity.adopt', 'publicity.publish', 'publicity.rate']));
  });

  it('refuses to register the publication of a manuscript that is not adopted (409), changing nothing', async () => {
    for (const s of ['submitted', 'revising', 'rejected'] as const) {
      const m = await manuscriptIn(s);
      const before = await rowOf(m.id);
      const res = await act(m.id, 'publish', 'shenhe', BODIES.publish);
      expect(res.statusCode).toBe(409);
      expect(json<ErrorBody>(res).error.message).toBe('稿件尚未采用，不能登记刊发');
      expect(await rowOf(m.id)).toEqual(before);
    }
  });

  it('refuses to reject without a reason (400 naming 退稿理由), changing nothing', async () => {
    const m = await manuscriptIn('submitted');
    const before = await rowOf(m.id);
    for (const body of [{}, { reason: '   ' }]) {
      const res = await act(m.id, 'reject', 'shenhe', body);
      expect(res.statusCode).toBe(400);
      const e = json<ErrorBody>(res).error;
      expect(e.message).toBe('请填写退稿理由');
      expect(e.fields?.reason).toContain('退稿理由');
    }
    expect(await rowOf(m.id)).toEqual(before);
    const ok = await act(m.id, 'reject', 'shenhe', { reason: '内容重复' });
    expect(json<Detail>(ok)).toMatchObject({ status: 'rejected', rejectReason: '内容重复' });
    expect(await notifications('tongxun', 'publicity.rejected', `/publicity/mine?id=${m.id}`)).toHaveLength(1);
  });

  it('an editor whose grant is on another branch sees nothing of this one (404) and cannot act on it', async () => {
    const m = await manuscriptIn('submitted');
    const before = await rowOf(m.id);
    expect((await get(m.id, 'shenhe2')).statusCode).toBe(404);
    for (const [action, body] of [['adopt', { quality: 5 }], ['reject', { reason: '不采用' }], ['comment', { body: '意见' }]] as const) {
      const res = await act(m.id, action, 'shenhe2', body);
      expect(res.statusCode).toBe(404);
      expect(json<ErrorBody>(res).error.message).toBe('稿件不存在或无权访问');
    }
    expect(await rowOf(m.id)).toEqual(before);
    const queue = json<{ items: { id: string }[] }>(await t.call('GET', `${M}?status=submitted&pageSize=200`, { cookie: await as('shenhe2') }));
    expect(queue.items.map((i) => i.id)).not.toContain(m.id);
    const todos = json<{ items: { entityId: string }[] }>(await t.call('GET', '/api/v1/todos', { cookie: await as('shenhe2') }));
    expect(todos.items.map((i) => i.entityId)).not.toContain(m.id);
    // The other branch's secretary cannot see it either; a reader in scope sees it but may not edit it.
    expect((await get(m.id, 'zb2')).statusCode).toBe(404);
    const zb1 = json<Detail>(await get(m.id, 'zb1'));
    expect(zb1.allowed).toEqual([]);
  });

  it('refuses the wrong side: others may not edit the author’s text (403), the author may not adopt (403)', async () => {
    const m = await manuscriptIn('revising');
    const before = await rowOf(m.id);
    const edit = await t.call('PUT', `${M}/${m.id}`, { cookie: await as('zb1'), body: { title: '别人改的' } });
    expect(edit.statusCode).toBe(403);
    expect(json<ErrorBody>(edit).error.message).toBe('只有作者本人可以修改稿件');
    expect((await act(m.id, 'submit', 'zb1')).statusCode).toBe(403);
    expect((await act(m.id, 'adopt', 'tongxun', { quality: 5 })).statusCode).toBe(403);
    expect((await act(m.id, 'comment', 'tongxun', { body: '我自己要求修改', requestRevision: true })).statusCode).toBe(403);
    expect((await t.call('POST', '/api/v1/publicity/correspondents', { cookie: await as('tongxun'), body: { orgId: branch1, name: '张三', since: '2026-01-01' } })).statusCode).toBe(403);
    expect(await rowOf(m.id)).toEqual(before);
  });

  it('refuses a reviewer who wrote the manuscript (403 不能审核本人的稿件)', async () => {
    await userOn('both', 'correspondent', branch1);
    await t.platform.db.transaction().execute(async (trx) => {
      const r = await trx.selectFrom('roles').select('id').where('tenant_id', '=', tenantId).where('code', '=', 'editor').executeTakeFirstOrThrow();
      await insertGrant(trx, { tenantId, userId: users.get('both')!, roleId: r.id, orgId: branch1, createdBy: null, now: t.clock.now() });
    });
    const m = await draft('both', { submit: true });
    expect(m.allowed).not.toContain('adopt');
    const res = await act(m.id, 'adopt', 'both', { quality: 5 });
    expect(res.statusCode).toBe(403);
    expect(json<ErrorBody>(res).error.message).toBe('不能审核本人的稿件');
    expect(await status(m.id)).toBe('submitted');
  });

  it('refuses every illegal step with 409 and a Chinese reason, changing nothing', async () => {
    const STATUSES: ManuscriptStatus[] = ['draft', 'submitted', 'revising', 'adopted', 'rejected', 'published'];
    const ACTIONS: ManuscriptAction[] = ['edit', 'submit', 'delete', 'comment', 'requestRevision', 'adopt', 'reject', 'publish', 'rate'];
    let refused = 0;
    for (const s of STATUSES) {
      const m = await manuscriptIn(s);
      const before = await rowOf(m.id);
      for (const a of ACTIONS) {
        if (TRANSITIONS[a].from.includes(s)) continue;
        // Someone else's draft is invisible to the editor: that is a 404, tested above.
        if (s === 'draft' && !['edit', 'submit', 'delete'].includes(a)) continue;
        const res = await run(m.id, a);
        expect(res.statusCode, `${a} from ${s}: ${res.body}`).toBe(409);
        expect(json<ErrorBody>(res).error.message).toMatch(/[\u4e00-\u9fa5]/);
        refused++;
      }
      expect(await rowOf(m.id)).toEqual(before);
    }
    expect(refused).toBeGreaterThan(25);
  });

  it('answers bad input with a Chinese message naming the field, and writes nothing', async () => {
    const count = async () => Number((await t.platform.db.selectFrom('publicity_manuscripts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const n = await count();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ title: '' }, 'title', '标题'],
      [{ title: undefined }, 'title', '请填写标题'],
      [{ level: 'world' }, 'level', '拟投级别'],
      [{ channel: 'radio' }, 'channel', '渠道'],
      [{ orgId: branch2 }, 'orgId', '不在您的投稿范围内'],
      [{ body: '<p> </p>', submit: true }, 'body', '请填写正文'],
    ];
    for (const [body, field, text] of cases) {
      const res = await write('tongxun', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(json<ErrorBody>(res).error.fields?.[field]).toContain(text);
    }
    expect(await count()).toBe(n);
    const m = await manuscriptIn('submitted');
    const before = await rowOf(m.id);
    const bad = await act(m.id, 'adopt', 'shenhe', { quality: 7 });
    expect(bad.statusCode).toBe(400);
    expect(json<ErrorBody>(bad).error.message).toContain('质量评分');
    expect(await rowOf(m.id)).toEqual(before);
    expect((await act(m.id, 'adopt', 'shenhe', { quality: 3 })).statusCode).toBe(200);
    const future = await act(m.id, 'publish', 'shenhe', { ...BODIES.publish, publishedOn: '2026-12-01' });
    expect(future.statusCode).toBe(400);
    expect(json<ErrorBody>(future).error.fields?.publishedOn).toBe('刊发日期不能晚于今天');
    const noDate = await act(m.id, 'publish', 'shenhe', { outlet: '集团报', level: 'group' });
    expect(json<ErrorBody>(noDate).error.fields?.publishedOn).toContain('刊发日期');
    expect(await status(m.id)).toBe('adopted');
  });

  it('takes photos (images only) from the author of an open manuscript, refuses others', async () => {
    const m = await draft();
    const upload = async (who: string, file: { name: string; data: Buffer }) => {
      const { payload, contentType } = multipart(file);
      return t.app.inject({ method: 'POST', url: `${M}/${m.id}/photos`, headers: { cookie: await as(who), 'content-type': contentType }, payload });
    };
    const ok = await upload('tongxun', { name: '现场.png', data: samplePng() });
    expect(ok.statusCode, ok.body).toBe(201);
    const photo = json<{ id: string }>(ok);
    expect((await upload('tongxun', { name: '通知.pdf', data: samplePdf() })).statusCode).toBe(400);
    expect((await upload('shenhe2', { name: 'x.png', data: samplePng() })).statusCode).toBe(404);
    const img = await t.call('GET', `${M}/${m.id}/photos/${photo.id}?inline=true`, { cookie: await as('tongxun') });
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect(json<Detail>(await get(m.id)).photos.map((p) => p.id)).toEqual([photo.id]);
    expect((await act(m.id, 'submit', 'tongxun')).statusCode).toBe(200);
    expect((await upload('tongxun', { name: '补充.png', data: samplePng() })).statusCode).toBe(409);
    expect((await t.call('DELETE', `${M}/${m.id}/photos/${photo.id}`, { cookie: await as('shenhe') })).statusCode).toBe(204);
  });

  it('finds manuscripts by Chinese substring within the reader’s scope only', async () => {
    const m = await draft('tongxun', { title: '冰雕节上的党员志愿者', submit: true });
    const hit = json<{ items: { id: string }[]; total: number }>(await t.call('GET', `${M}?q=${encodeURIComponent('冰雕')}`, { cookie: await as('shenhe') }));
    expect(hit.items.map((i) => i.id)).toEqual([m.id]);
    const other = json<{ total: number }>(await t.call('GET', `${M}?q=${encodeURIComponent('冰雕')}`, { cookie: await as('shenhe2') }));
    expect(other.total).toBe(0);
    const mine = json<{ items: { id: string; authorName: string }[] }>(await t.call('GET', `${M}?mine=1&pageSize=200`, { cookie: await as('tongxun') }));
    expect(mine.items.every((i) => i.authorName === m.authorName)).toBe(true);
    const xlsx = await t.call('GET', `${M}?status=submitted&format=xlsx`, { cookie: await as('shenhe') });
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });
});

describe(`宣传 correspondents ${dialectLabel()}`, () => {
  it('registers a correspondent with training and refuses bad input and other branches', async () => {
    const C = '/api/v1/publicity/correspondents';
    const n = async () => (await t.platform.db.selectFrom('publicity_correspondents').select('id').execute()).length;
    const before = await n();
    const outside = await t.call('POST', C, { cookie: await as('shenhe2'), body: { orgId: branch1, name: '李四', since: '2026-01-01' } });
    expect(outside.statusCode).toBe(400);
    expect(json<ErrorBody>(outside).error.fields?.orgId).toContain('管理范围');
    const badDates = await t.call('POST', C, { cookie: await as('shenhe2'), body: { orgId: branch2, name: '李四', since: '2026-05-01', until: '2026-01-01' } });
    expect(json<ErrorBody>(badDates).error.fields?.until).toBe('卸任日期不能早于担任日期');
    const dup = await t.call('POST', C, { cookie: await as('shenhe'), body: { orgId: branch1, name: '重复', userId: users.get('tongxun'), since: '2026-01-01' } });
    expect(dup.statusCode).toBe(409);
    expect(await n()).toBe(before);

    const res = await t.call('POST', C, { cookie: await as('shenhe2'), body: { orgId: branch2, name: '李四', phone: '13900000000', since: '2026-01-01', note: '新任' } });
    expect(res.statusCode, res.body).toBe(201);
    const c = json<{ id: string; trainings: unknown[]; trainingCount: number }>(res);
    const T = `${C}/${c.id}/trainings`;
    const wrong = await t.call('POST', T, { cookie: await as('shenhe2'), body: { kind: 'course', title: '写作培训', fromDate: '2026-03-02', toDate: '2026-03-01', hours: 8 } });
    expect(wrong.statusCode).toBe(400);
    expect(json<ErrorBody>(wrong).error.fields?.toDate).toBe('结束日期不能早于开始日期');
    expect((await t.call('POST', T, { cookie: await as('shenhe2'), body: { kind: 'secondment', title: '挂职', fromDate: '2026-04-01', toDate: '2026-06-30', hours: 480 } })).statusCode).toBe(201);
    expect((await t.call('POST', T, { cookie: await as('shenhe2'), body: { kind: 'course', title: '写作', fromDate: '2026-03-01', toDate: '2026-03-01', hours: 7.5 } })).statusCode).toBe(201);
    const detail = json<{ trainingCount: number; trainings: { hours: number }[]; active: boolean }>(await t.call('GET', `${C}/${c.id}`, { cookie: await as('shenhe') }));
    expect(detail.trainingCount).toBe(2);
    expect(detail.trainings.map((x) => x.hours).sort()).toEqual([480, 7.5]);
    expect(detail.active).toBe(true);
    const list = json<{ items: { id: string; trainingHours: number }[] }>(await t.call('GET', `${C}?orgId=${branch2}`, { cookie: await as('shenhe2') }));
    expect(list.items.find((i) => i.id === c.id)?.trainingHours).toBe(487.5);
    // shenhe2 sees only their branch's team.
    const theirs = json<{ items: { orgId: string }[] }>(await t.call('GET', C, { cookie: await as('shenhe2') }));
    expect(theirs.items.every((i) => i.orgId === branch2)).toBe(true);
    const ended = await t.call('PUT', `${C}/${c.id}`, { cookie: await as('shenhe2'), body: { until: '2026-11-01' } });
    expect(json<{ active: boolean }>(ended).active).toBe(false);
    expect((await t.call('DELETE', `${C}/${c.id}`, { cookie: await as('shenhe') })).statusCode).toBe(204);
    expect((await t.call('GET', `${C}/${c.id}`, { cookie: await as('shenhe') })).statusCode).toBe(404);
  });

  it('offers as candidates the accounts that may submit for the organisation, and only to its editors', async () => {
    const C = '/api/v1/publicity/correspondents/candidates';
    const mine = json<{ items: { userId: string; username: string }[] }>(await t.call('GET', `${C}?orgId=${branch1}`, { cookie: await as('shenhe') }));
    const names = mine.items.map((i) => i.username);
    // The branch's own accounts that may submit (书记, 委员, 党小组长, 党员, 通讯员), not another branch's, not the 三员.
    expect(names).toEqual(expect.arrayContaining(['zb1', 'weiyuan', 'xz1', 'dy1', 'tongxun']));
    expect(names).not.toContain('zb2');
    expect(names).not.toContain('admin');
    // An editor of another branch: the organisation is out of sight; an author: no editor's permission.
    expect((await t.call('GET', `${C}?orgId=${branch1}`, { cookie: await as('shenhe2') })).statusCode).toBe(404);
    expect((await t.call('GET', `${C}?orgId=${branch1}`, { cookie: await as('tongxun') })).statusCode).toBe(403);
  });

  it('counts a correspondent’s output for the year', async () => {
    const list = json<{ items: { userId: string | null; orgId: string; yearOutput: { year: string; submitted: number; adopted: number; published: number } }[] }>(
      await t.call('GET', `/api/v1/publicity/correspondents?orgId=${branch1}&active=1`, { cookie: await as('shenhe') }));
    const row = list.items.find((i) => i.userId === users.get('tongxun') && i.orgId === branch1)!;
    const ms = await t.platform.db.selectFrom('publicity_manuscripts as m').innerJoin('publicity_correspondents as c', 'c.id', 'm.correspondent_id')
      .select(['m.submitted_at', 'm.adopted_at', 'm.published_on', 'm.status']).where('c.user_id', '=', users.get('tongxun')!).where('m.deleted_at', 'is', null).execute();
    // Counted here by Shanghai calendar year (+8 h).
    const year = (iso: string | null) => (iso ? new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 4) : null);
    expect(row.yearOutput).toEqual({
      year: '2026',
      submitted: ms.filter((m) => m.status !== 'draft' && year(m.submitted_at) === '2026').length,
      adopted: ms.filter((m) => year(m.adopted_at) === '2026').length,
      published: ms.filter((m) => m.published_on?.startsWith('2026')).length,
    });
  });
});

