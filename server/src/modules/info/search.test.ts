// Chinese search through the list API (substring, mixed Chinese and digits, no result, scope, drafts,
// re-indexing on edit and delete) and attachments (upload, same bytes back, wrong type, other branch).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { inSubtree } from '../../db/dialect.js';
import { multipart, samplePdf, sampleExe, samplePng } from '../../platform/files/testing.js';
import { infoSources } from './index.js';

let t: TestApp;
let dw: string;
let zb1: string;
let zb2: string;
let wy: string;
let branch1: string;
let branch2: string;

type Item = { id: string; title: string; status: string; orgId: string };
async function search(cookie: string, q: string, extra = ''): Promise<{ items: Item[]; total: number }> {
  const size = extra.includes('pageSize=') ? '' : '&pageSize=200';
  const r = await t.call('GET', `/api/v1/info-entries?q=${encodeURIComponent(q)}${size}${extra}`, { cookie });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}
async function create(cookie: string, orgId: string, title: string, bodyHtml = '<p>正文</p>', publishAs?: string) {
  const r = await t.call('POST', '/api/v1/info-entries', { cookie, body: { orgId, category: 'procedure', title, bodyHtml } });
  expect(r.statusCode, r.body).toBe(201);
  const id = r.json().id as string;
  if (publishAs) {
    expect((await t.call('POST', `/api/v1/info-entries/${id}/submit`, { cookie })).statusCode).toBe(200);
    expect((await t.call('POST', `/api/v1/info-entries/${id}/publish`, { cookie: publishAs })).statusCode).toBe(200);
  }
  return id;
}
/** Independent count: live entries in the subtree whose title or plain body contains `word` (a LIKE scan). */
async function likeCount(path: string, word: string): Promise<number> {
  const r = await t.platform.db.selectFrom('info_entries').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('deleted_at', 'is', null).where(inSubtree(sql.ref<string>('org_path'), path))
    .where((eb) => eb.or([eb('title', 'like', `%${word}%`), eb('body_text', 'like', `%${word}%`)]))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
const pathOf = async (id: string) => (await t.platform.db.selectFrom('organisations').select('path').where('id', '=', id).executeTakeFirstOrThrow()).path;

beforeAll(async () => {
  t = await createTestApp();
  // Search over the entries written here; the 组织生活 sources' search is tested in modules/orgLife.
  for (const key of ['orgLife.meetings', 'orgLife.activities']) infoSources(t.platform).unregister(key);
  [dw, zb1, zb2, wy] = (await Promise.all(['dangwei', 'zb1', 'zb2', 'weiyuan'].map((u) => t.login(u)))) as [string, string, string, string];
  branch1 = await t.orgId('机关第一党支部');
  branch2 = await t.orgId('机关第二党支部');
});
afterAll(async () => t.close());

describe(`管控信息 search ${dialectLabel()}`, () => {
  it('finds “社区消防安全管理制度” by the substring 消防, exactly the entries that contain it, titles first', async () => {
    const committee = await pathOf(await t.orgId('社区党委'));
    const all = await search(dw, '消防');
    expect(all.total).toBeGreaterThan(0);
    expect(all.total).toBe(await likeCount(committee, '消防'));
    expect(all.items.some((i) => i.title.includes('社区消防安全管理制度'))).toBe(true);
    // Relevance: every entry with the word in its title comes before those with it only in the body.
    const firstBodyOnly = all.items.findIndex((i) => !i.title.includes('消防'));
    if (firstBodyOnly >= 0) expect(all.items.slice(firstBodyOnly).every((i) => !i.title.includes('消防'))).toBe(true);
    const mine = await search(zb1, '消防');
    expect(mine.total).toBe(await likeCount(await pathOf(branch1), '消防'));
    expect(mine.total).toBeLessThan(all.total);
  });

  it('matches mixed Chinese and digits, and finds nothing for words that are not there', async () => {
    const id = await create(zb1, branch1, '梧桐巷2025年第3号楼消防通道清理流程', '<p>每周三上午由党员责任区负责人带队巡查。</p>', zb1);
    expect((await search(zb1, '2025年第3号')).items.map((i) => i.id)).toEqual([id]);
    expect((await search(zb1, '梧桐巷')).items.map((i) => i.id)).toEqual([id]);
    expect((await search(zb1, '每周三上午')).items.map((i) => i.id)).toEqual([id]);
    const year = await search(dw, '2025年');
    expect(year.total).toBe(await likeCount(await pathOf(await t.orgId('社区党委')), '2025年'));
    expect((await search(dw, '量子纠缠')).total).toBe(0);
    expect((await search(dw, '梧桐巷2026年')).total).toBe(0);
  });

  it('keeps the scope: zb1 cannot find zb2\'s entries, the committee finds both', async () => {
    const other = await create(zb2, branch2, '银杏苑党员责任区划分流程', '<p>银杏苑共分六个责任区。</p>', zb2);
    expect((await search(zb1, '银杏苑')).total).toBe(0);
    expect((await search(zb2, '银杏苑')).items.map((i) => i.id)).toEqual([other]);
    expect((await search(dw, '银杏苑')).items.map((i) => i.id)).toEqual([other]);
  });

  it('lets drafts be found only by those who may see them, follows edits and forgets deleted entries', async () => {
    const draft = await create(wy, branch1, '紫藤苑楼道堆物清理流程');
    expect((await search(zb1, '紫藤苑')).items.map((i) => i.id)).toEqual([draft]);
    expect((await search(zb2, '紫藤苑')).total).toBe(0);
    await t.call('PATCH', `/api/v1/info-entries/${draft}`, { cookie: wy, body: { title: '海棠苑楼道堆物清理流程' } });
    expect((await search(wy, '紫藤苑')).total).toBe(0);
    expect((await search(wy, '海棠苑')).items.map((i) => i.id)).toEqual([draft]);
    expect((await search(wy, '海棠苑', '&status=draft')).total).toBe(1);
    expect((await search(wy, '海棠苑', '&status=published')).total).toBe(0);
    expect((await t.call('DELETE', `/api/v1/info-entries/${draft}`, { cookie: wy })).statusCode).toBe(204);
    expect((await search(wy, '海棠苑')).total).toBe(0);
  });

  it('returns nothing for a query with no searchable character, and combines search with the category filter and paging', async () => {
    expect((await search(dw, '，。！')).total).toBe(0);
    const rules = await search(dw, '制度', '&category=rule&pageSize=5');
    expect(rules.items.length).toBe(5);
    expect(rules.items.every((i) => (i as unknown as { category: string }).category === 'rule')).toBe(true);
    const page2 = await t.call('GET', `/api/v1/info-entries?q=${encodeURIComponent('制度')}&category=rule&pageSize=5&page=2`, { cookie: dw });
    expect(page2.json().items.map((i: Item) => i.id)).not.toContain(rules.items[0]!.id);
  });
});

describe(`管控信息 attachments ${dialectLabel()}`, () => {
  const upload = (cookie: string, id: string, file: { name: string; data: Buffer }) => {
    const m = multipart(file);
    return t.call('POST', `/api/v1/info-entries/${id}/attachments`, { cookie, body: m.payload, headers: { 'content-type': m.contentType } });
  };

  it('uploads a PDF, lists it in the detail and gives back the same bytes; deleting removes it', async () => {
    const id = await create(zb1, branch1, '附件测试流程');
    const pdf = samplePdf();
    const r = await upload(zb1, id, { name: '党费收缴流程图.pdf', data: pdf });
    expect(r.statusCode, r.body).toBe(201);
    const meta = r.json();
    expect(meta).toMatchObject({ name: '党费收缴流程图.pdf', mime: 'application/pdf', size: pdf.length });
    const detail = (await t.call('GET', `/api/v1/info-entries/${id}`, { cookie: zb1 })).json();
    expect(detail.attachments.map((a: { id: string }) => a.id)).toEqual([meta.id]);
    const dl = await t.call('GET', `/api/v1/info-entries/${id}/attachments/${meta.id}`, { cookie: zb1 });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(Buffer.compare(dl.rawPayload, pdf)).toBe(0);
    const img = await upload(zb1, id, { name: '现场.png', data: samplePng() });
    expect(img.statusCode).toBe(201);
    expect((await t.call('GET', `/api/v1/info-entries/${id}/attachments/${img.json().id}?inline=true`, { cookie: zb1 })).headers['content-disposition']).toMatch(/^inline/);
    expect((await t.call('DELETE', `/api/v1/info-entries/${id}/attachments/${meta.id}`, { cookie: zb1 })).statusCode).toBe(204);
    expect((await t.call('GET', `/api/v1/info-entries/${id}/attachments/${meta.id}`, { cookie: zb1 })).statusCode).toBe(404);
    const audit = await t.platform.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).where('action', 'in', ['info.attach', 'info.detach']).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['info.attach', 'info.attach', 'info.detach']);
  });

  it('refuses a file whose content is not an allowed type (an .exe named .pdf) with 400, storing nothing', async () => {
    const id = await create(zb1, branch1, '附件类型测试流程');
    const r = await upload(zb1, id, { name: '制度.pdf', data: sampleExe() });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toMatch(/文件/);
    expect((await t.call('GET', `/api/v1/info-entries/${id}`, { cookie: zb1 })).json().attachments).toEqual([]);
  });

  it('answers 404 to another branch for upload, download and delete; 403 to a writer on a published entry; 409 while under review', async () => {
    const id = await create(zb1, branch1, '附件范围测试流程');
    const meta = (await upload(zb1, id, { name: 'a.pdf', data: samplePdf() })).json();
    expect((await upload(zb2, id, { name: 'b.pdf', data: samplePdf() })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/info-entries/${id}/attachments/${meta.id}`, { cookie: zb2 })).statusCode).toBe(404);
    expect((await t.call('DELETE', `/api/v1/info-entries/${id}/attachments/${meta.id}`, { cookie: zb2 })).statusCode).toBe(404);
    await t.call('POST', `/api/v1/info-entries/${id}/submit`, { cookie: zb1 });
    const review = await upload(zb1, id, { name: 'c.pdf', data: samplePdf() });
    expect([review.statusCode, review.json().error.code]).toEqual([409, 'INFO_NOT_EDITABLE']);
    await t.call('POST', `/api/v1/info-entries/${id}/publish`, { cookie: zb1 });
    expect((await upload(wy, id, { name: 'd.pdf', data: samplePdf() })).statusCode).toBe(403);
    expect((await upload(zb1, id, { name: 'e.pdf', data: samplePdf() })).statusCode).toBe(201);
    expect((await t.call('GET', `/api/v1/info-entries/${id}`, { cookie: wy })).json().attachments).toHaveLength(2);
  });
});
