// Large files (videos) end to end on the dialect under test, through an app wired like the real one (the same
// multipart ceiling of 10 MB for attachments): a video beyond that ceiling is streamed in and stored in pieces, comes
// back identical whole and by byte range (206, open and suffix ranges, 416), a renamed non-video or one over the
// tenant's limit is refused in Chinese with nothing stored and nothing left on disk.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import type { Platform } from '../context.js';
import { actorOf } from '../context.js';
import { notFound } from '../errors.js';
import { registerErrorHandling } from '../http/errorHandler.js';
import { registerAuthentication } from '../auth/authenticate.js';
import { registerSecurityHeaders } from '../http/securityHeaders.js';
import { UPLOAD_LIMIT_BYTES } from '../import/upload.js';
import { newId } from '../../db/ids.js';
import { sendStoredFile, storeFile, type FileMeta } from './index.js';
import { FILE_CHUNK_BYTES, openFile, receiveLargeUpload, storeLargeFile, VIDEO_CEILING_MB, VIDEO_SETTINGS } from './large.js';
import { parseRange } from './range.js';
import { multipart as multipartBody, sampleExe, sampleMp4, samplePdf, sampleWebm } from './testing.js';

const OWNER = 'test-video-owner';
let t: TestApp;
let tenantId: string;
let app: FastifyInstance;
let cookieHeader: string;

async function videoApp(platform: Platform): Promise<FastifyInstance> {
  const a = Fastify({ logger: false });
  a.decorate('platform', platform);
  await a.register(cookie);
  await a.register(multipart, { limits: { files: 1, fileSize: UPLOAD_LIMIT_BYTES } });
  registerSecurityHeaders(a);
  registerErrorHandling(a);
  registerAuthentication(a);
  a.post<{ Params: { ownerId: string } }>('/api/v1/test-owners/:ownerId/videos', { config: { access: 'authenticated' } }, async (request: FastifyRequest<{ Params: { ownerId: string } }>) => {
    const actor = actorOf(request);
    const upload = await receiveLargeUpload(request, { kinds: ['video'] });
    try {
      return await platform.audit.tx(request.audit, async (trx) => {
        const meta = await storeLargeFile(trx, actor.tenantId, { ownerKind: OWNER, ownerId: request.params.ownerId, upload, createdBy: actor.userId, at: platform.clock.now().toISOString() });
        await platform.audit.record(trx, request.audit, { action: 'test.video.add', entity: 'file', entityId: meta.id, after: meta });
        return meta;
      });
    } finally {
      await upload.discard();
    }
  });
  a.get<{ Params: { ownerId: string; fileId: string } }>('/api/v1/test-owners/:ownerId/files/:fileId', { config: { access: 'authenticated' } }, async (request, reply) => {
    const f = await openFile(platform.db, actorOf(request).tenantId, OWNER, request.params.ownerId, request.params.fileId);
    if (!f) throw notFound('附件');
    return sendStoredFile(reply, f);
  });
  await a.ready();
  return a;
}

const upload = (ownerId: string, file: { name: string; data: Buffer }) => {
  const { payload, contentType } = multipartBody(file);
  return app.inject({ method: 'POST', url: `/api/v1/test-owners/${ownerId}/videos`, headers: { cookie: cookieHeader, 'content-type': contentType }, payload });
};
const get = (ownerId: string, fileId: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url: `/api/v1/test-owners/${ownerId}/files/${fileId}`, headers: { cookie: cookieHeader, ...headers } });
const count = async (table: 'files' | 'file_chunks') => Number((await t.platform.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
/** Temporary uploads left in the data directory (there must never be any after a request). */
const leftovers = () => {
  const dir = path.join(t.platform.config.dataDir, 'upload-tmp');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};

beforeAll(async () => {
  t = await createTestApp();
  tenantId = (await t.platform.db.selectFrom('users').select('tenant_id').where('username', '=', 'zb1').executeTakeFirstOrThrow()).tenant_id;
  app = await videoApp(t.platform);
  cookieHeader = await t.login('zb1');
}, 120_000);

afterAll(async () => {
  await app?.close();
  await t?.close();
});

describe(`platform/files: videos, streamed and served by range ${dialectLabel()}`, () => {
  // Past the 10 MB attachment ceiling and across several stored pieces.
  const video = sampleMp4(UPLOAD_LIMIT_BYTES + 300 * 1024);
  const owner = newId();
  let meta: FileMeta;

  it('stores a video larger than the attachment ceiling in pieces, and gives it back identical', async () => {
    const res = await upload(owner, { name: '党课录像.mp4', data: video });
    expect(res.statusCode, res.body).toBe(200);
    meta = res.json() as FileMeta;
    expect(meta).toMatchObject({ name: '党课录像.mp4', mime: 'video/mp4', size: video.length, sha256: createHash('sha256').update(video).digest('hex') });
    const pieces = await t.platform.db.selectFrom('file_chunks').select('seq').where('file_id', '=', meta.id).orderBy('seq').execute();
    expect(pieces.map((p) => p.seq)).toEqual(Array.from({ length: Math.ceil(video.length / FILE_CHUNK_BYTES) }, (_, i) => i));
    expect(leftovers()).toEqual([]);

    const whole = await get(owner, meta.id);
    expect(whole.statusCode).toBe(200);
    expect(whole.headers).toMatchObject({ 'content-type': 'video/mp4', 'accept-ranges': 'bytes', 'content-length': String(video.length), 'x-content-type-options': 'nosniff', 'cache-control': 'private, no-cache' });
    expect(whole.headers['content-disposition']).toMatch(/^attachment;/);
    expect(whole.rawPayload.equals(video)).toBe(true);
    // Another owner's id does not open it.
    expect((await get(newId(), meta.id)).statusCode).toBe(404);
  });

  it('answers byte ranges: a-b (across a piece boundary), a-, -n; 416 beyond the end; several ranges whole', async () => {
    const part = async (range: string, start: number, end: number) => {
      const res = await get(owner, meta.id, { range });
      expect(res.statusCode, range).toBe(206);
      expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/${video.length}`);
      expect(res.headers['content-length']).toBe(String(end - start + 1));
      expect(res.rawPayload.equals(video.subarray(start, end + 1)), range).toBe(true);
    };
    await part('bytes=0-1', 0, 1);
    await part(`bytes=${FILE_CHUNK_BYTES - 10}-${FILE_CHUNK_BYTES + 9}`, FILE_CHUNK_BYTES - 10, FILE_CHUNK_BYTES + 9);
    await part(`bytes=${video.length - 5000}-`, video.length - 5000, video.length - 1);
    await part('bytes=-100', video.length - 100, video.length - 1);
    // An end past the file is cut to the file.
    await part(`bytes=${video.length - 3}-${video.length + 1000}`, video.length - 3, video.length - 1);

    const beyond = await get(owner, meta.id, { range: `bytes=${video.length}-` });
    expect(beyond.statusCode).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${video.length}`);
    const several = await get(owner, meta.id, { range: 'bytes=0-1,5-6' });
    expect(several.statusCode).toBe(200);
    expect(several.rawPayload.length).toBe(video.length);
    // A range of a version the client no longer holds (If-Range) is the whole file; a cached one is 304.
    expect((await get(owner, meta.id, { range: 'bytes=0-1', 'if-range': '"other"' })).statusCode).toBe(200);
    expect((await get(owner, meta.id, { 'if-none-match': `"${meta.sha256}"` })).statusCode).toBe(304);
  });

  it('answers ranges of small files kept whole as well', async () => {
    const pdf = samplePdf();
    const small = await t.platform.db.transaction().execute((trx) =>
      storeFile(trx, tenantId, { ownerKind: OWNER, ownerId: owner, name: '讲义.pdf', mime: 'application/pdf', data: pdf, createdBy: null, at: '2026-11-27T02:00:00.000Z' }));
    const res = await get(owner, small.id, { range: 'bytes=0-4' });
    expect(res.statusCode).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes 0-4/${pdf.length}`);
    expect(res.body).toBe('%PDF-');
  });

  it('takes WebM; refuses a renamed non-video in Chinese with nothing stored and nothing left on disk', async () => {
    expect((await upload(newId(), { name: '党课.webm', data: sampleWebm() })).statusCode).toBe(200);
    const [files, pieces] = [await count('files'), await count('file_chunks')];
    for (const [name, data] of [['党课.mp4', samplePdf()], ['党课.mp4', sampleExe()], ['党课.mp4', sampleWebm()]] as const) {
      const res = await upload(newId(), { name, data });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toBe('文件内容与扩展名不符');
    }
    const pdfName = await upload(newId(), { name: '讲义.pdf', data: samplePdf() });
    expect(pdfName.statusCode).toBe(400);
    expect(pdfName.json().error.message).toBe('不支持的文件类型：仅支持视频（MP4、WebM）');
    expect((await upload(newId(), { name: '空.mp4', data: Buffer.alloc(0) })).json().error.message).toBe('文件是空的，请重新选择');
    expect([await count('files'), await count('file_chunks')]).toEqual([files, pieces]);
    expect(leftovers()).toEqual([]);
  });

  it('refuses a video over the tenant\'s limit (413 in Chinese, nothing stored or left on disk); the limit cannot pass the ceiling', async () => {
    await t.platform.settings.set(t.platform.db, tenantId, VIDEO_SETTINGS, { videoMaxMb: 1 });
    try {
      const [files, pieces] = [await count('files'), await count('file_chunks')];
      const over = await upload(newId(), { name: '党课.mp4', data: sampleMp4(1024 * 1024 + 1) });
      expect(over.statusCode).toBe(413);
      expect(over.json().error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: '视频超过 1 MB，请压缩后再上传' });
      expect([await count('files'), await count('file_chunks')]).toEqual([files, pieces]);
      expect(leftovers()).toEqual([]);
      expect((await upload(newId(), { name: '党课.mp4', data: sampleMp4(1024 * 1024) })).statusCode).toBe(200);
      // Over a real connection, as a browser sends it: the answer arrives while the upload is still coming, not a reset.
      const address = await app.listen({ port: 0, host: '127.0.0.1' });
      const send = async (data: Buffer) => {
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(data)]), '党课.mp4');
        const res = await fetch(`${address}/api/v1/test-owners/${newId()}/videos`, { method: 'POST', body: form, headers: { cookie: cookieHeader } });
        return { status: res.status, message: ((await res.json()) as { error: { message: string } }).error.message };
      };
      expect(await send(sampleMp4(6 * 1024 * 1024))).toEqual({ status: 413, message: '视频超过 1 MB，请压缩后再上传' });
      expect(await send(Buffer.concat([sampleExe(), Buffer.alloc(3 * 1024 * 1024)]))).toEqual({ status: 400, message: '文件内容与扩展名不符' });
      expect(leftovers()).toEqual([]);
    } finally {
      await t.platform.settings.set(t.platform.db, tenantId, VIDEO_SETTINGS, VIDEO_SETTINGS.defaults);
    }
    expect(VIDEO_SETTINGS.schema.safeParse({ videoMaxMb: VIDEO_CEILING_MB + 1 }).success).toBe(false);
    expect(VIDEO_SETTINGS.defaults.videoMaxMb).toBe(300);
  });
});

describe('platform/files: reading a Range header', () => {
  it('answers one range, the whole file for what it does not take, and unsatisfiable past the end', () => {
    expect(parseRange(undefined, 100)).toEqual({ kind: 'whole' });
    expect(parseRange('bytes=10-19', 100)).toEqual({ kind: 'part', start: 10, end: 19 });
    expect(parseRange('bytes=90-', 100)).toEqual({ kind: 'part', start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ kind: 'part', start: 90, end: 99 });
    expect(parseRange('bytes=-1000', 100)).toEqual({ kind: 'part', start: 0, end: 99 });
    expect(parseRange('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-0', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=0-1,5-6', 100)).toEqual({ kind: 'whole' });
    expect(parseRange('bytes=20-10', 100)).toEqual({ kind: 'whole' });
    expect(parseRange('items=0-1', 100)).toEqual({ kind: 'whole' });
  });
});
