// Attachments end to end on the dialect under test: stored bytes come back identical, a removed file is
// gone from lists and downloads, tenants do not see each other's files, and uploads through a real
// Fastify app (the platform's multipart limits, error handling and authentication, plus test-only routes
// shaped like a module's attachment routes) give the clerk a clear Chinese answer for each mistake.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import { createHash } from 'node:crypto';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import type { Platform } from '../context.js';
import { actorOf } from '../context.js';
import { notFound } from '../errors.js';
import { registerErrorHandling } from '../http/errorHandler.js';
import { registerAuthentication } from '../auth/authenticate.js';
import { UPLOAD_LIMIT_BYTES } from '../import/upload.js';
import { newId } from '../../db/ids.js';
import { FILE_SETTINGS, listFiles, loadFile, receiveAttachment, removeFile, sendStoredFile, storeFile, type FileMeta } from './index.js';
import { multipart as multipartBody, sampleDocx, sampleExe, samplePdf, samplePng, sampleWebp, makeZip } from './testing.js';
import { registerSecurityHeaders } from '../http/securityHeaders.js';

const OWNER = 'test-owner';
let t: TestApp;
let tenantId: string;
let userId: string;
let app: FastifyInstance;
let cookieHeader: string;

/** A module's attachment routes in miniature, on an app wired like the real one. */
async function attachmentApp(platform: Platform): Promise<FastifyInstance> {
  const a = Fastify({ logger: false });
  a.decorate('platform', platform);
  await a.register(cookie);
  await a.register(multipart, { limits: { files: 1, fileSize: UPLOAD_LIMIT_BYTES } });
  registerSecurityHeaders(a);
  registerErrorHandling(a);
  registerAuthentication(a);
  const store = (kinds?: ('pdf' | 'word' | 'excel' | 'image')[]) => async (request: FastifyRequest<{ Params: { ownerId: string } }>) => {
    const actor = actorOf(request);
    const f = await receiveAttachment(request, kinds ? { kinds } : {});
    return platform.audit.tx(request.audit, async (trx) => {
      const meta = await storeFile(trx, actor.tenantId, { ownerKind: OWNER, ownerId: request.params.ownerId, ...f, createdBy: actor.userId, at: platform.clock.now().toISOString() });
      await platform.audit.record(trx, request.audit, { action: 'test.attachment.add', entity: 'file', entityId: meta.id, after: meta });
      return meta;
    });
  };
  a.post<{ Params: { ownerId: string } }>('/api/v1/test-owners/:ownerId/attachments', { config: { access: 'authenticated' } }, store());
  a.post<{ Params: { ownerId: string } }>('/api/v1/test-owners/:ownerId/images', { config: { access: 'authenticated' } }, store(['image']));
  a.get<{ Params: { ownerId: string; fileId: string }; Querystring: { inline?: string } }>(
    '/api/v1/test-owners/:ownerId/attachments/:fileId',
    { config: { access: 'authenticated' } },
    async (request, reply) => {
      const f = await loadFile(platform.db, actorOf(request).tenantId, OWNER, request.params.ownerId, request.params.fileId);
      if (!f) throw notFound('附件');
      return sendStoredFile(reply, f, { inline: request.query.inline === '1' });
    },
  );
  await a.ready();
  return a;
}

function upload(path: string, file: { name: string; data: Buffer } | null, cookieValue = cookieHeader) {
  const { payload, contentType } = multipartBody(file);
  return app.inject({ method: 'POST', url: path, headers: { cookie: cookieValue, 'content-type': contentType }, payload });
}

const fileCount = async () => Number((await t.platform.db.selectFrom('files').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await createTestApp();
  const user = await t.platform.db.selectFrom('users').select(['tenant_id', 'id']).where('username', '=', 'zb1').executeTakeFirstOrThrow();
  tenantId = user.tenant_id;
  userId = user.id;
  app = await attachmentApp(t.platform);
  cookieHeader = await t.login('zb1');
}, 120_000);

afterAll(async () => {
  await app?.close();
  await t?.close();
});

describe(`platform/files: storing in the database ${dialectLabel()}`, () => {
  const at = '2026-11-27T02:00:00.000Z';

  it('store → list → load gives back the same bytes, name, detected type and hash', async () => {
    const owner = newId();
    // Every byte value, so that an encoding mistake (text instead of binary) cannot go unnoticed.
    const data = Buffer.concat([samplePdf(), Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.alloc(70_000, 0xab)]);
    const meta = await t.platform.db.transaction().execute((trx) =>
      storeFile(trx, tenantId, { ownerKind: OWNER, ownerId: owner, name: '支部工作计划.pdf', mime: 'application/pdf', data, createdBy: userId, at }));
    expect(meta).toEqual({ id: expect.any(String), name: '支部工作计划.pdf', mime: 'application/pdf', size: data.length, sha256: createHash('sha256').update(data).digest('hex'), createdAt: at, createdBy: userId });

    const listed = await listFiles(t.platform.db, tenantId, OWNER, [owner, 'someone-else']);
    expect(listed.get(owner)).toEqual([meta]);
    expect(listed.get('someone-else')).toEqual([]);

    const loaded = await loadFile(t.platform.db, tenantId, OWNER, owner, meta.id);
    expect(loaded?.meta).toEqual(meta);
    expect(Buffer.isBuffer(loaded?.data)).toBe(true);
    expect(loaded!.data.equals(data)).toBe(true);
  });

  it('lists several owners in one call, oldest first', async () => {
    const [a, b] = [newId(), newId()];
    const put = (owner: string, name: string, when: string) => t.platform.db.transaction().execute((trx) =>
      storeFile(trx, tenantId, { ownerKind: OWNER, ownerId: owner, name, mime: 'image/png', data: samplePng(), createdBy: null, at: when }));
    const second = await put(a, '二.png', '2026-11-27T03:00:00.000Z');
    const first = await put(a, '一.png', '2026-11-27T01:00:00.000Z');
    const other = await put(b, '三.png', at);
    const listed = await listFiles(t.platform.db, tenantId, OWNER, [a, b]);
    expect(listed.get(a)!.map((f) => f.name)).toEqual([first.name, second.name]);
    expect(listed.get(b)).toEqual([other]);
    expect((await listFiles(t.platform.db, tenantId, 'another-kind', [a])).get(a)).toEqual([]);
    expect((await listFiles(t.platform.db, tenantId, OWNER, [])).size).toBe(0);
  });

  it('a removed file is gone from lists and downloads but its row stays; removing twice finds nothing', async () => {
    const owner = newId();
    const meta = await t.platform.db.transaction().execute((trx) =>
      storeFile(trx, tenantId, { ownerKind: OWNER, ownerId: owner, name: '草稿.docx', mime: 'application/msword', data: sampleDocx(), createdBy: userId, at }));
    const removed = await t.platform.db.transaction().execute((trx) => removeFile(trx, tenantId, OWNER, owner, meta.id, '2026-11-27T05:00:00.000Z'));
    expect(removed).toEqual(meta);
    expect((await listFiles(t.platform.db, tenantId, OWNER, [owner])).get(owner)).toEqual([]);
    expect(await loadFile(t.platform.db, tenantId, OWNER, owner, meta.id)).toBeUndefined();
    expect(await t.platform.db.transaction().execute((trx) => removeFile(trx, tenantId, OWNER, owner, meta.id, '2026-11-27T06:00:00.000Z'))).toBeUndefined();
    const row = await t.platform.db.selectFrom('files').select('deleted_at').where('id', '=', meta.id).executeTakeFirstOrThrow();
    expect(row.deleted_at).toBe('2026-11-27T05:00:00.000Z');
  });

  it('a file is reachable only through its own tenant, owner kind and owner', async () => {
    const other = newId();
    await t.platform.db.insertInto('tenants').values({ id: other, name: '另一社区党委', region_path: '/', created_at: at }).execute();
    const owner = newId();
    const theirs = await t.platform.db.transaction().execute((trx) =>
      storeFile(trx, other, { ownerKind: OWNER, ownerId: owner, name: '他们的.pdf', mime: 'application/pdf', data: samplePdf(), createdBy: null, at }));
    const ours = await t.platform.db.transaction().execute((trx) =>
      storeFile(trx, tenantId, { ownerKind: OWNER, ownerId: owner, name: '我们的.pdf', mime: 'application/pdf', data: samplePdf(), createdBy: null, at }));
    expect((await listFiles(t.platform.db, tenantId, OWNER, [owner])).get(owner)).toEqual([ours]);
    expect((await listFiles(t.platform.db, other, OWNER, [owner])).get(owner)).toEqual([theirs]);
    expect(await loadFile(t.platform.db, tenantId, OWNER, owner, theirs.id)).toBeUndefined();
    expect(await loadFile(t.platform.db, tenantId, OWNER, 'another-owner', ours.id)).toBeUndefined();
    expect(await loadFile(t.platform.db, tenantId, 'another-kind', owner, ours.id)).toBeUndefined();
    expect(await t.platform.db.transaction().execute((trx) => removeFile(trx, tenantId, OWNER, owner, theirs.id, at))).toBeUndefined();
    expect(await loadFile(t.platform.db, other, OWNER, owner, theirs.id)).toBeDefined();
  });
});

describe(`platform/files: uploads and downloads over HTTP ${dialectLabel()}`, () => {
  it('an upload is stored under the detected type and downloads as an attachment with safe headers', async () => {
    const owner = newId();
    const docx = sampleDocx();
    const res = await upload(`/api/v1/test-owners/${owner}/attachments`, { name: '关于开展主题党日活动的通知.docx', data: docx });
    expect(res.statusCode).toBe(200);
    const meta = res.json<FileMeta>();
    expect(meta).toMatchObject({ name: '关于开展主题党日活动的通知.docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', size: docx.length, createdBy: userId });

    const dl = await app.inject({ method: 'GET', url: `/api/v1/test-owners/${owner}/attachments/${meta.id}`, headers: { cookie: cookieHeader } });
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(docx)).toBe(true);
    expect(dl.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(dl.headers['content-length']).toBe(String(docx.length));
    expect(dl.headers['content-disposition']).toBe(`attachment; filename="_____________.docx"; filename*=UTF-8''${encodeURIComponent('关于开展主题党日活动的通知.docx')}`);
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.headers['content-security-policy']).toContain('sandbox');
    expect(dl.headers['content-security-policy']).toContain("default-src 'none'");
    expect(dl.headers.etag).toBe(`"${meta.sha256}"`);

    // The browser's cache revalidates with the hash and gets no body back.
    const again = await app.inject({ method: 'GET', url: `/api/v1/test-owners/${owner}/attachments/${meta.id}`, headers: { cookie: cookieHeader, 'if-none-match': `"${meta.sha256}"` } });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
  });

  it('images may be shown inline when asked; other files never are', async () => {
    const owner = newId();
    const png = await upload(`/api/v1/test-owners/${owner}/attachments`, { name: '合影.png', data: samplePng() });
    const pdf = await upload(`/api/v1/test-owners/${owner}/attachments`, { name: '通知.pdf', data: samplePdf() });
    const get = (id: string) => app.inject({ method: 'GET', url: `/api/v1/test-owners/${owner}/attachments/${id}?inline=1`, headers: { cookie: cookieHeader } });
    const img = await get(png.json<FileMeta>().id);
    expect(img.headers['content-type']).toBe('image/png');
    expect(img.headers['content-disposition']).toMatch(/^inline; /);
    const doc = await get(pdf.json<FileMeta>().id);
    expect(doc.headers['content-type']).toBe('application/pdf');
    expect(doc.headers['content-disposition']).toMatch(/^attachment; /);
  });

  it('the client-declared type is ignored and an image under the wrong image extension is renamed', async () => {
    const owner = newId();
    const { payload, contentType } = multipartBody({ name: '微信图片.jpg', data: sampleWebp(), type: 'application/x-msdownload' });
    const res = await app.inject({ method: 'POST', url: `/api/v1/test-owners/${owner}/attachments`, headers: { cookie: cookieHeader, 'content-type': contentType }, payload });
    expect(res.statusCode).toBe(200);
    expect(res.json<FileMeta>()).toMatchObject({ name: '微信图片.webp', mime: 'image/webp' });
  });

  it('a path in the uploaded name is dropped', async () => {
    const res = await upload(`/api/v1/test-owners/${newId()}/attachments`, { name: '..\\..\\windows\\党费 明细.pdf', data: samplePdf() });
    expect(res.statusCode).toBe(200);
    expect(res.json<FileMeta>().name).toBe('党费 明细.pdf');
  });

  it('refuses with a clear Chinese message and stores nothing: wrong type, mismatched extension, empty, no file', async () => {
    const before = await fileCount();
    const url = `/api/v1/test-owners/${newId()}/attachments`;
    const cases: [{ name: string; data: Buffer } | null, string][] = [
      [{ name: 'setup.exe', data: sampleExe() }, '不支持的文件类型：仅支持 PDF、Word、Excel 和图片'],
      [{ name: '压缩包.zip', data: makeZip([{ name: 'a.txt', content: 'x' }]) }, '不支持的文件类型：仅支持 PDF、Word、Excel 和图片'],
      [{ name: '红头文件.pdf', data: sampleExe() }, '文件内容与扩展名不符'],
      [{ name: '照片.png', data: Buffer.from('<html><script>alert(1)</script></html>') }, '文件内容与扩展名不符'],
      [{ name: '方案.docx', data: makeZip([{ name: 'payload.js', content: 'x' }]) }, '文件内容与扩展名不符'],
      [{ name: '空文件.pdf', data: Buffer.alloc(0) }, '文件是空的，请重新选择'],
      [null, '请选择要上传的文件'],
      // What a browser sends for a file input left empty.
      [{ name: '', data: Buffer.alloc(0) }, '请选择要上传的文件'],
    ];
    for (const [file, message] of cases) {
      const res = await upload(url, file);
      expect(res.statusCode, file?.name ?? 'no file').toBe(400);
      expect(res.json()).toMatchObject({ error: { code: 'VALIDATION', message, fields: { file: message } } });
    }
    // A route that takes only images says so.
    const img = await upload(url.replace('attachments', 'images'), { name: '通知.pdf', data: samplePdf() });
    expect(img.json().error.message).toBe('不支持的文件类型：仅支持图片');
    // A body cut off in the middle, or not a multipart body at all behind the multipart header.
    const whole = multipartBody({ name: '通知.pdf', data: samplePdf() });
    for (const [payload, contentType] of [[whole.payload.subarray(0, 200), whole.contentType], [Buffer.from('junk'), 'multipart/form-data; boundary=x']] as const) {
      const cut = await app.inject({ method: 'POST', url, headers: { cookie: cookieHeader, 'content-type': contentType }, payload });
      expect(cut.statusCode).toBe(400);
      expect(cut.json().error.message).toBe('上传的内容不完整或格式有误，请重新上传');
    }
    // Not a form upload at all.
    const json = await app.inject({ method: 'POST', url, headers: { cookie: cookieHeader, 'content-type': 'application/json' }, payload: { file: 'x' } });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.message).toBe('请选择要上传的文件');
    expect(await fileCount()).toBe(before);
  });

  it('too big: over the platform limit of 10 MB, and over a lower limit the committee set', async () => {
    const before = await fileCount();
    const url = `/api/v1/test-owners/${newId()}/attachments`;
    const big = Buffer.concat([samplePdf(), Buffer.alloc(UPLOAD_LIMIT_BYTES)]);
    const res = await upload(url, { name: '扫描件.pdf', data: big });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE', message: '文件超过 10 MB' } });

    // Just under 10 MB is fine (the 1 MB JSON body limit does not apply to uploads).
    const ok = await upload(url, { name: '扫描件.pdf', data: big.subarray(0, UPLOAD_LIMIT_BYTES - 1024) });
    expect(ok.statusCode).toBe(200);

    await t.platform.settings.set(t.platform.db, tenantId, FILE_SETTINGS, { attachmentMaxMb: 2 });
    const over = await upload(url, { name: '扫描件.pdf', data: big.subarray(0, 3 * 1024 * 1024) });
    expect(over.statusCode).toBe(413);
    expect(over.json().error.message).toBe('文件超过 2 MB');
    const under = await upload(url, { name: '扫描件.pdf', data: big.subarray(0, 1024 * 1024) });
    expect(under.statusCode).toBe(200);
    await t.platform.settings.set(t.platform.db, tenantId, FILE_SETTINGS, FILE_SETTINGS.defaults);
    expect(await fileCount()).toBe(before + 2);
  });

  it('over a real connection, as a browser sends it: the Chinese name arrives intact and an oversized upload gets the 413 answer, not a reset', async () => {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const send = (data: Uint8Array, name: string) => {
      const form = new FormData();
      form.append('file', new Blob([data]), name);
      return fetch(`${address}/api/v1/test-owners/${newId()}/attachments`, { method: 'POST', body: form, headers: { cookie: cookieHeader } });
    };
    const ok = await send(samplePdf(), '第一党支部 会议记录（2026年11月）.pdf');
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as FileMeta).name).toBe('第一党支部 会议记录（2026年11月）.pdf');
    const big = await send(Buffer.concat([samplePdf(), Buffer.alloc(3 * UPLOAD_LIMIT_BYTES)]), '扫描件.pdf');
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { message: string } }).error.message).toBe('文件超过 10 MB');
  });

  it('the setting cannot be raised above the multipart ceiling', () => {
    expect(FILE_SETTINGS.schema.safeParse({ attachmentMaxMb: 11 }).success).toBe(false);
    expect(FILE_SETTINGS.schema.safeParse({ attachmentMaxMb: 0 }).success).toBe(false);
    expect(FILE_SETTINGS.defaults.attachmentMaxMb).toBe(10);
  });

  it('without a session nothing is read or stored', async () => {
    const before = await fileCount();
    const res = await upload(`/api/v1/test-owners/${newId()}/attachments`, { name: '通知.pdf', data: samplePdf() }, '');
    expect(res.statusCode).toBe(401);
    expect(await fileCount()).toBe(before);
  });
});
