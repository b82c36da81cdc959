// The review workflow of 管控信息 through the API, including every refusal of issue 4's Must show:
// another branch's entry (404), no permission (403), no reason (400, nothing changed), and versions.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';

let t: TestApp;
let dw: string; // 党委管理员: whole committee, info.write + info.publish
let zb1: string; // 书记 of 机关第一党支部
let zb2: string; // 书记 of 机关第二党支部
let wy: string; // 委员 of 机关第一党支部: info.write, no info.publish
let dy1: string; // 党员: no info permission
let xz1: string; // 党小组长: none of info
let branch1: string;
let branch2: string;

const body = (over: Record<string, unknown> = {}) => ({
  orgId: branch1, category: 'rule', title: '测试支部消防安全管理制度', bodyHtml: '<p>第一条 楼道内严禁堆放杂物。</p>', ...over,
});
async function create(cookie: string, over: Record<string, unknown> = {}) {
  const r = await t.call('POST', '/api/v1/info-entries', { cookie, body: body(over) });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; status: string; version: number };
}
const get = (cookie: string, id: string) => t.call('GET', `/api/v1/info-entries/${id}`, { cookie });
const act = (cookie: string, id: string, action: 'submit' | 'publish' | 'return', b?: unknown) =>
  t.call('POST', `/api/v1/info-entries/${id}/${action}`, { cookie, ...(b !== undefined ? { body: b } : {}) });
async function row(id: string) {
  return t.platform.db.selectFrom('info_entries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}
async function auditCount(id: string) {
  const r = await t.platform.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('entity_id', '=', id).executeTakeFirstOrThrow();
  return Number(r.n);
}

beforeAll(async () => {
  t = await createTestApp();
  [dw, zb1, zb2, wy, dy1, xz1] = (await Promise.all(['dangwei', 'zb1', 'zb2', 'weiyuan', 'dy1', 'xz1'].map((u) => t.login(u)))) as [string, string, string, string, string, string];
  branch1 = await t.orgId('机关第一党支部');
  branch2 = await t.orgId('机关第二党支部');
});
afterAll(async () => t.close());

describe(`管控信息 workflow ${dialectLabel()}`, () => {
  it('writes a draft, submits it, and the branch secretary publishes it as version 1 counted in this month', async () => {
    const e = await create(wy);
    expect(e).toMatchObject({ status: 'draft', version: 0 });
    const detail = (await get(wy, e.id)).json();
    expect(detail).toMatchObject({ orgName: '机关第一党支部', category: 'rule', createdByName: '李春庆', attachments: [] });
    expect(detail.can).toEqual({ edit: true, submit: true, publish: false, return: false, delete: true, attach: true });
    expect((await act(wy, e.id, 'submit')).json()).toMatchObject({ status: 'submitted', submittedByName: '李春庆' });
    const published = await act(zb1, e.id, 'publish');
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', version: 1, publishedMonth: '2026-11', publishedByName: '曾博彬' });
    expect(published.json().firstPublishedAt).toBe(t.clock.now().toISOString());
    const versions = (await t.call('GET', `/api/v1/info-entries/${e.id}/versions`, { cookie: dy1 }));
    expect(versions.statusCode).toBe(403); // 党员 hold no info permission
    const audit = await t.platform.db.selectFrom('audit_log').selectAll().where('entity_id', '=', e.id).where('action', '=', 'info.publish').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before!)).toMatchObject({ status: 'submitted', version: 0 });
    expect(JSON.parse(audit.after!)).toMatchObject({ status: 'published', version: 1 });
  });

  it('refuses publishing another branch\'s entry with 404, and the entry stays as it was', async () => {
    const e = await create(zb1);
    await act(zb1, e.id, 'submit');
    const before = await auditCount(e.id);
    const r = await act(zb2, e.id, 'publish');
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('NOT_FOUND');
    expect((await get(zb2, e.id)).statusCode).toBe(404);
    expect((await row(e.id)).status).toBe('submitted');
    expect(await auditCount(e.id)).toBe(before);
  });

  it('refuses publishing without info.publish with 403 (委员 writes but does not publish)', async () => {
    const e = await create(wy);
    await act(wy, e.id, 'submit');
    const r = await act(wy, e.id, 'publish');
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('FORBIDDEN');
    expect((await act(wy, e.id, 'return', { reason: '自己退回' })).statusCode).toBe(403);
    expect((await row(e.id)).status).toBe('submitted');
  });

  it('answers 403 to users without any info permission (党员, 党小组长)', async () => {
    for (const c of [dy1, xz1]) {
      expect((await t.call('GET', '/api/v1/info-entries', { cookie: c })).statusCode).toBe(403);
      expect((await t.call('POST', '/api/v1/info-entries', { cookie: c, body: body() })).statusCode).toBe(403);
      expect((await t.call('GET', '/api/v1/info-entries/stats', { cookie: c })).statusCode).toBe(403);
    }
  });

  it('refuses returning without a reason (400, nothing changed), then returns with one; the writer fixes and resubmits', async () => {
    const e = await create(wy);
    await act(wy, e.id, 'submit');
    const before = { row: await row(e.id), audit: await auditCount(e.id) };
    for (const b of [{}, { reason: '   ' }]) {
      const r = await act(zb1, e.id, 'return', b);
      expect(r.statusCode).toBe(400);
      expect(r.json().error.fields.reason).toBe('请填写退回理由');
    }
    expect(await row(e.id)).toEqual(before.row);
    expect(await auditCount(e.id)).toBe(before.audit);
    const returned = await act(zb1, e.id, 'return', { reason: '请补充制度依据' });
    expect(returned.json()).toMatchObject({ status: 'returned', returnReason: '请补充制度依据' });
    const edited = await t.call('PATCH', `/api/v1/info-entries/${e.id}`, { cookie: wy, body: { bodyHtml: '<p>根据《支部工作条例》制定。</p>' } });
    expect(edited.json()).toMatchObject({ status: 'returned', bodyHtml: '<p>根据《支部工作条例》制定。</p>' });
    expect((await act(wy, e.id, 'submit')).json().status).toBe('submitted');
    expect((await act(zb1, e.id, 'publish')).json()).toMatchObject({ status: 'published', version: 1, returnReason: null });
  });

  it('refuses every illegal transition with 409 and a Chinese reason', async () => {
    const e = await create(zb1);
    let r = await act(zb1, e.id, 'publish');
    expect([r.statusCode, r.json().error.message]).toEqual([409, '只有待审核的信息才能发布']);
    r = await act(zb1, e.id, 'return', { reason: '不规范' });
    expect([r.statusCode, r.json().error.message]).toEqual([409, '只有待审核的信息才能退回']);
    await act(zb1, e.id, 'submit');
    r = await act(zb1, e.id, 'submit');
    expect(r.statusCode).toBe(409);
    r = await t.call('PATCH', `/api/v1/info-entries/${e.id}`, { cookie: zb1, body: { title: '改标题' } });
    expect([r.statusCode, r.json().error.code]).toEqual([409, 'INFO_NOT_EDITABLE']);
    await act(zb1, e.id, 'publish');
    r = await act(zb1, e.id, 'submit');
    expect([r.statusCode, r.json().error.message]).toEqual([409, '只有草稿或被退回的信息才能提交']);
    r = await act(zb1, e.id, 'publish');
    expect(r.statusCode).toBe(409);
  });

  it('editing a published entry keeps the published content as a version: a publisher\'s correction stays published (v2), a writer\'s edit goes back to review', async () => {
    const e = await create(zb1, { title: '三会一课制度', bodyHtml: '<p>第一版正文</p>' });
    await act(zb1, e.id, 'submit');
    await act(zb1, e.id, 'publish');
    t.clock.advanceMinutes(5);
    const corrected = await t.call('PATCH', `/api/v1/info-entries/${e.id}`, { cookie: zb1, body: { bodyHtml: '<p>第二版正文</p>' } });
    expect(corrected.json()).toMatchObject({ status: 'published', version: 2, bodyHtml: '<p>第二版正文</p>', publishedMonth: '2026-11' });
    t.clock.advanceMinutes(5);
    const byWriter = await t.call('PATCH', `/api/v1/info-entries/${e.id}`, { cookie: wy, body: { title: '三会一课制度（修订稿）', bodyHtml: '<p>第三稿</p>' } });
    expect(byWriter.json()).toMatchObject({ status: 'draft', version: 2, title: '三会一课制度（修订稿）' });
    const v = (await t.call('GET', `/api/v1/info-entries/${e.id}/versions`, { cookie: zb1 })).json().items;
    expect(v.map((x: { version: number; title: string; bodyHtml: string }) => [x.version, x.title, x.bodyHtml])).toEqual([
      [2, '三会一课制度', '<p>第二版正文</p>'],
      [1, '三会一课制度', '<p>第一版正文</p>'],
    ]);
    expect(v[0].publishedByName).toBe('曾博彬');
    // The first publication month does not move with later versions.
    expect((await row(e.id)).first_published_at! < v[0].publishedAt).toBe(true);
    await act(wy, e.id, 'submit');
    expect((await act(zb1, e.id, 'publish')).json()).toMatchObject({ status: 'published', version: 3, title: '三会一课制度（修订稿）' });
  });

  it('deletes softly: writers their drafts, only publishers published entries; deleted entries are gone from reads', async () => {
    const draft = await create(wy);
    const pub = await create(wy);
    await act(wy, pub.id, 'submit');
    await act(zb1, pub.id, 'publish');
    const refused = await t.call('DELETE', `/api/v1/info-entries/${pub.id}`, { cookie: wy });
    expect([refused.statusCode, refused.json().error.message]).toEqual([403, '待审核或已发布的信息只有审核人可以删除']);
    expect((await row(pub.id)).deleted_at).toBeNull();
    expect((await t.call('DELETE', `/api/v1/info-entries/${draft.id}`, { cookie: wy })).statusCode).toBe(204);
    expect((await t.call('DELETE', `/api/v1/info-entries/${pub.id}`, { cookie: zb1 })).statusCode).toBe(204);
    expect((await get(zb1, pub.id)).statusCode).toBe(404);
    expect((await row(draft.id)).deleted_at).not.toBeNull();
    const list = (await t.call('GET', `/api/v1/info-entries?orgId=${branch1}&pageSize=200`, { cookie: zb1 })).json();
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain(pub.id);
    const audit = await t.platform.db.selectFrom('audit_log').selectAll().where('entity_id', '=', pub.id).where('action', '=', 'info.delete').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before!)).toMatchObject({ status: 'published' });
  });

  it('creates only over organisations in the writer\'s scope (400 naming 组织) and validates fields in Chinese', async () => {
    const before = await t.platform.db.selectFrom('info_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    let r = await t.call('POST', '/api/v1/info-entries', { cookie: zb1, body: body({ orgId: branch2 }) });
    expect([r.statusCode, r.json().error.fields.orgId]).toEqual([400, '组织不存在或不在您的管理范围内']);
    r = await t.call('POST', '/api/v1/info-entries', { cookie: zb1, body: body({ title: '' }) });
    expect([r.statusCode, r.json().error.fields.title]).toEqual([400, '标题：不能为空']);
    r = await t.call('POST', '/api/v1/info-entries', { cookie: zb1, body: body({ category: 'meeting' }) });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields.category).toContain('类别');
    const after = await t.platform.db.selectFrom('info_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('lists the review queue: submitted entries the user may publish, and the detail offers publish/return there', async () => {
    const e = await create(wy, { title: '待审核的党费收缴管理制度' });
    await act(wy, e.id, 'submit');
    const queue = (await t.call('GET', '/api/v1/info-entries?reviewable=true&pageSize=200', { cookie: zb1 })).json();
    expect(queue.items.map((i: { id: string }) => i.id)).toContain(e.id);
    expect(queue.items.every((i: { status: string }) => i.status === 'submitted')).toBe(true);
    const committeeQueue = (await t.call('GET', '/api/v1/info-entries?reviewable=true&pageSize=200', { cookie: dw })).json();
    expect(committeeQueue.items.map((i: { id: string }) => i.id)).toContain(e.id);
    expect((await t.call('GET', '/api/v1/info-entries?reviewable=true&pageSize=200', { cookie: zb2 })).json().items.map((i: { id: string }) => i.id)).not.toContain(e.id);
    expect((await get(zb1, e.id)).json().can).toMatchObject({ publish: true, return: true, edit: false, submit: false });
    // It waits in the reviewer's 待办; once returned, it waits in the writer's, who is also notified.
    const todos = async (cookie: string) => (await t.call('GET', '/api/v1/todos', { cookie })).json().items as { kind: string; entityId: string; link: string }[];
    expect((await todos(zb1)).find((i) => i.entityId === e.id)).toMatchObject({ kind: 'info.review', link: `/info/review?id=${e.id}` });
    expect((await todos(zb2)).some((i) => i.entityId === e.id)).toBe(false);
    await act(zb1, e.id, 'return', { reason: '请补充党费收缴标准' });
    expect((await todos(zb1)).some((i) => i.entityId === e.id)).toBe(false);
    expect((await todos(wy)).find((i) => i.entityId === e.id)).toMatchObject({ kind: 'info.returned', link: `/info?id=${e.id}` });
    const inbox = (await t.call('GET', '/api/v1/notifications', { cookie: wy })).json().items as { title: string; body: string | null }[];
    expect(inbox.find((n) => n.title === '信息被退回：待审核的党费收缴管理制度')?.body).toBe('退回理由：请补充党费收缴标准');
  });

  it('exports the list it shows as xlsx with Chinese headers', async () => {
    const r = await t.call('GET', `/api/v1/info-entries?orgId=${branch1}&format=xlsx`, { cookie: zb1 });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, '类别', '标题', '组织', '状态', '版本', '首次发布月份', '发布时间', '更新时间', '摘要']);
    const total = (await t.call('GET', `/api/v1/info-entries?orgId=${branch1}`, { cookie: zb1 })).json().total;
    expect(sheet.rowCount - 1).toBe(total);
  });

  it('stores no executable script: attack strings come back sanitised from detail, list and versions', async () => {
    const attacks = [
      '<script>alert(1)</script><p>正文一</p>',
      '<img src=x onerror=alert(1)><p>正文二</p>',
      '<a href="javascript:alert(1)">点我</a>',
      '<p onclick="alert(1)" style="display:none">隐藏</p>',
      '<svg><script>alert(1)</script></svg><iframe src="https://evil.example"></iframe>',
      '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
      '<scr<script>ipt>alert(1)</script>',
      '<div style="background:url(javascript:alert(1))">样式</div>',
    ];
    const bad = /<script|onerror|onclick|javascript:|data:text|<iframe|<svg|display\s*:\s*none|url\(/i;
    const e = await create(zb1, { bodyHtml: attacks.join(''), title: '<b>标题</b><script>alert(2)</script>' });
    const detail = (await get(zb1, e.id)).json();
    expect(detail.bodyHtml).not.toMatch(bad);
    expect(detail.bodyHtml).toContain('正文一');
    expect((await row(e.id)).body_html).not.toMatch(bad);
    await act(zb1, e.id, 'submit');
    await act(zb1, e.id, 'publish');
    const patched = await t.call('PATCH', `/api/v1/info-entries/${e.id}`, { cookie: zb1, body: { bodyHtml: '<p>更正</p><script>steal()</script>' } });
    expect(patched.json().bodyHtml).toBe('<p>更正</p>');
    const versions = (await t.call('GET', `/api/v1/info-entries/${e.id}/versions`, { cookie: zb1 })).json().items;
    for (const v of versions) expect(v.bodyHtml).not.toMatch(bad);
    // Titles are plain text: shown escaped by the client, never interpreted; the list's excerpt is plain text.
    const list = (await t.call('GET', `/api/v1/info-entries?orgId=${branch1}&pageSize=200`, { cookie: zb1 })).json();
    const item = list.items.find((i: { id: string }) => i.id === e.id);
    expect(item.excerpt).not.toMatch(/[<>]/);
  });

  it('follows its organisation when a 党小组 moves to another branch: the new branch sees it, the old one no longer does', async () => {
    const group = await t.platform.db.selectFrom('organisations').select(['id', 'path']).where('parent_id', '=', branch1).where('kind', '=', 'group').orderBy('path').executeTakeFirstOrThrow();
    const e = await create(zb1, { orgId: group.id, title: '党小组学习制度（调整测试）' });
    expect((await get(zb2, e.id)).statusCode).toBe(404);
    const moved = await t.call('PATCH', `/api/v1/orgs/${group.id}`, { cookie: dw, body: { parentId: branch2 } });
    expect(moved.statusCode, moved.body).toBe(200);
    const after = await row(e.id);
    const newGroup = await t.platform.db.selectFrom('organisations').select('path').where('id', '=', group.id).executeTakeFirstOrThrow();
    expect(after.org_path).toBe(newGroup.path);
    expect(after.org_path).not.toBe(group.path);
    expect((await get(zb2, e.id)).statusCode).toBe(200);
    expect((await get(zb1, e.id)).statusCode).toBe(404);
    const back = await t.call('PATCH', `/api/v1/orgs/${group.id}`, { cookie: dw, body: { parentId: branch1 } });
    expect(back.statusCode, back.body).toBe(200);
    expect((await row(e.id)).org_path).toBe(group.path);
  });
});
