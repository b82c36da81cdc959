// Large files (training videos): the upload is streamed to a temporary file in the data directory while its size,
// hash and type are checked, then copied into file_chunks one piece at a time, and read back one range at a time.
// A video never sits whole in memory, and it stays in the database like every attachment (shared by the server
// processes of one PostgreSQL, in every backup).
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { DbOrTx } from '../../db/types.js';
import { newId } from '../../db/ids.js';
import { AppError, badRequest } from '../errors.js';
import type { SettingDef } from '../settings/service.js';
import { cleanFileName, loadFile, loadFileMeta, type FileMeta, type StoredFile } from './index.js';
import { checkContent, unsupportedMessage, type AttachmentKind } from './sniff.js';

const MB = 1024 * 1024;
/** Size of one stored piece: small enough for any driver's parameter, large enough that a video is a few hundred rows. */
export const FILE_CHUNK_BYTES = MB;
/** The most a video may weigh (a 45-minute 党课 at phone quality); the setting below can only lower it. */
export const VIDEO_CEILING_MB = 300;
/** Bytes that tell a video's type (MP4's 'ftyp' box and brand, WebM's EBML magic). */
const HEAD_BYTES = 16;

export const videoSettingsSchema = z.object({
  videoMaxMb: z.number().int().min(1).max(VIDEO_CEILING_MB).describe('视频大小上限（MB）'),
});
export type VideoSettings = z.infer<typeof videoSettingsSchema>;

export const VIDEO_SETTINGS: SettingDef<VideoSettings> = { key: 'files.video', schema: videoSettingsSchema, defaults: { videoMaxMb: VIDEO_CEILING_MB } };

/** An upload waiting in a temporary file; `discard` removes the file (call it in `finally`). */
export interface LargeUpload {
  name: string;
  mime: string;
  size: number;
  sha256: string;
  tempPath: string;
  discard: () => Promise<void>;
}

const tooLarge = (mb: number) => new AppError(413, 'PAYLOAD_TOO_LARGE', `视频超过 ${mb} MB，请压缩后再上传`, { file: `视频超过 ${mb} MB，请压缩后再上传` });
const fileProblem = (message: string) => badRequest(message, { file: message });

/**
 * Reads the request's one multipart file into a temporary file, writing nothing more once its first bytes are not
 * one of `kinds` (by content; the name's extension must agree) or it grows past the tenant's video limit, and then
 * refusing it in Chinese. On any refusal nothing is left on disk.
 */
export async function receiveLargeUpload(request: FastifyRequest, opts: { kinds: AttachmentKind[] }): Promise<LargeUpload> {
  const platform = request.server.platform;
  const tenantId = request.actor?.tenantId;
  const settings = tenantId ? await platform.settings.get(tenantId, VIDEO_SETTINGS) : VIDEO_SETTINGS.defaults;
  const maxMb = Math.min(settings.videoMaxMb, VIDEO_CEILING_MB);
  const maxBytes = maxMb * MB;
  if (!request.isMultipart()) throw fileProblem('请选择要上传的文件');

  const dir = path.join(platform.config.dataDir, 'upload-tmp');
  await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
  const tempPath = path.join(dir, `${randomUUID()}.part`);
  const discard = () => fs.promises.rm(tempPath, { force: true });
  try {
    // Over the limit the parser drops the rest of the file (part.file.truncated) but reads the request to its end.
    const part = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
    if (!part) throw fileProblem('请选择要上传的文件');
    const name = cleanFileName(part.filename);
    if (!name) throw fileProblem('请选择要上传的文件');

    const hash = createHash('sha256');
    let size = 0;
    let head = Buffer.alloc(0);
    let checked: { name: string; mime: string } | undefined;
    // Once refused, the rest is read and dropped rather than the stream torn down: the browser sends the whole
    // file anyway, and it gets the answer only if the request is read to its end.
    let refusal: AppError | undefined;
    const check = () => {
      const c = checkContent(head, name, opts.kinds);
      if (c.ok) checked = { name: c.name, mime: c.mime };
      else refusal = fileProblem(c.problem === 'mismatch' ? '文件内容与扩展名不符' : unsupportedMessage(opts.kinds));
    };
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        if (refusal) { done(); return; }
        size += chunk.length;
        if (!checked) {
          head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
          if (head.length >= HEAD_BYTES) check();
          if (refusal) { done(); return; }
        }
        hash.update(chunk);
        done(null, chunk);
      },
    });
    await pipeline(part.file, meter, fs.createWriteStream(tempPath, { mode: 0o600 }));
    if (refusal) throw refusal;
    if (part.file.truncated || size > maxBytes) throw tooLarge(maxMb);
    if (size === 0) throw fileProblem('文件是空的，请重新选择');
    if (!checked) check();
    if (refusal) throw refusal;
    return { ...checked!, size, sha256: hash.digest('hex'), tempPath, discard };
  } catch (err) {
    await discard();
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(maxMb);
    if (typeof code === 'string' && code.startsWith('FST_')) throw fileProblem('上传的内容不完整或格式有误，请重新上传');
    if (err instanceof Error && /multipart|boundary|unexpected end|aborted/i.test(err.message)) throw fileProblem('上传的内容不完整或格式有误，请重新上传');
    throw err;
  }
}

/** Stores a received large file for an owner record, piece by piece; call inside the writing transaction. */
export async function storeLargeFile(
  trx: DbOrTx,
  tenantId: string,
  f: { ownerKind: string; ownerId: string; upload: LargeUpload; createdBy: string | null; at: string },
): Promise<FileMeta> {
  const u = f.upload;
  const meta: FileMeta = { id: newId(), name: u.name || '视频', mime: u.mime, size: u.size, sha256: u.sha256, createdAt: f.at, createdBy: f.createdBy };
  await trx.insertInto('files').values({
    tenant_id: tenantId, id: meta.id, owner_kind: f.ownerKind, owner_id: f.ownerId, name: meta.name, mime: meta.mime,
    size: meta.size, sha256: meta.sha256, created_by: meta.createdBy, created_at: meta.createdAt, deleted_at: null,
  }).execute();
  const handle = await fs.promises.open(u.tempPath, 'r');
  try {
    for (let seq = 0, at = 0; at < u.size; seq++, at += FILE_CHUNK_BYTES) {
      // A fresh buffer per piece: the driver may still hold the previous one.
      const piece = Buffer.alloc(Math.min(FILE_CHUNK_BYTES, u.size - at));
      const { bytesRead } = await handle.read(piece, 0, piece.length, at);
      if (bytesRead !== piece.length) throw new Error(`upload ${u.tempPath} shorter than received`);
      await trx.insertInto('file_chunks').values({ tenant_id: tenantId, file_id: meta.id, seq, data: piece }).execute();
    }
  } finally {
    await handle.close();
  }
  return meta;
}

/** Bytes `start`..`end` (inclusive) of a chunked file as a stream that reads one piece from the database at a time. */
export function readChunks(db: DbOrTx, tenantId: string, fileId: string, start: number, end: number): Readable {
  let seq = Math.floor(start / FILE_CHUNK_BYTES);
  const last = Math.floor(end / FILE_CHUNK_BYTES);
  return new Readable({
    async read() {
      try {
        if (seq > last) { this.push(null); return; }
        const row = await db.selectFrom('file_chunks').select('data').where('tenant_id', '=', tenantId).where('file_id', '=', fileId).where('seq', '=', seq).executeTakeFirst();
        if (!row) throw new Error(`file ${fileId} lacks piece ${seq}`);
        const data = Buffer.isBuffer(row.data) ? row.data : Buffer.from(row.data as Uint8Array);
        const base = seq * FILE_CHUNK_BYTES;
        const from = Math.max(start - base, 0);
        const to = Math.min(end - base + 1, data.length);
        seq++;
        this.push(data.subarray(from, to));
      } catch (err) {
        this.destroy(err as Error);
      }
    },
  });
}

/**
 * One live file of an owner ready to send: small files with their bytes, large ones as a reader of ranges.
 * Undefined when missing, deleted or belonging to another owner.
 */
export async function openFile(db: DbOrTx, tenantId: string, ownerKind: string, ownerId: string, fileId: string): Promise<StoredFile | undefined> {
  const whole = await loadFile(db, tenantId, ownerKind, ownerId, fileId);
  if (whole) return whole;
  // No file_blobs row: the bytes are in pieces.
  const meta = await loadFileMeta(db, tenantId, ownerKind, ownerId, fileId);
  return meta ? { meta, read: (start, end) => readChunks(db, tenantId, fileId, start, end) } : undefined;
}
