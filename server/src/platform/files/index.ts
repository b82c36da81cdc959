// Attachments of any module's records, stored in the database (metadata in `files`, bytes in `file_blobs`),
// so several server processes on one PostgreSQL share them and a database backup holds them. The owning
// module exposes the routes and checks access to the owner record; this file reads uploads (size limit,
// type by content), stores, lists, loads, soft-deletes and sends files.
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { DbOrTx } from '../../db/types.js';
import { newId } from '../../db/ids.js';
import { inSlices } from '../../db/batch.js';
import { AppError, badRequest } from '../errors.js';
import type { SettingDef } from '../settings/service.js';
import { UPLOAD_LIMIT_BYTES } from '../import/upload.js';
import { parseRange } from './range.js';
import { checkContent, DEFAULT_KINDS, unsupportedMessage, type AttachmentKind } from './sniff.js';

export type { AttachmentKind } from './sniff.js';
export { DEFAULT_KINDS } from './sniff.js';

const MB = 1024 * 1024;
/** The multipart plugin is registered with this ceiling in app.ts; the setting can only lower it. */
const CEILING_MB = UPLOAD_LIMIT_BYTES / MB;

export const fileSettingsSchema = z.object({
  attachmentMaxMb: z.number().int().min(1).max(CEILING_MB).describe('附件大小上限（MB）'),
});
export type FileSettings = z.infer<typeof fileSettingsSchema>;

export const FILE_SETTINGS: SettingDef<FileSettings> = {
  key: 'files',
  schema: fileSettingsSchema,
  defaults: { attachmentMaxMb: CEILING_MB },
};

export interface FileMeta {
  id: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  createdAt: string;
  createdBy: string | null;
}

/** Response schema of a FileMeta for the owning module's routes. */
export const fileMetaSchema = z.object({
  id: z.string(),
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});

const NAME_MAX = 120;

/**
 * A file name safe to store, show and send: no path (either slash), no control or bidirectional-override
 * characters (which can disguise "exe" as "pdf"), no characters Windows refuses, at most NAME_MAX characters
 * with the extension kept. Chinese stays as it is.
 */
export function cleanFileName(raw: string): string {
  let name = (raw ?? '').normalize('NFC');
  name = name.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are what we remove
  name = name.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '');
  name = name.replace(/[<>:"|?*]/g, '_').replace(/\s+/g, ' ').trim().replace(/^\.+/, '').replace(/[. ]+$/, '');
  const chars = Array.from(name);
  if (chars.length > NAME_MAX) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    name = Array.from(name.slice(0, name.length - ext.length)).slice(0, NAME_MAX - ext.length).join('').trimEnd() + ext;
  }
  return name;
}

const tooLarge = (mb: number) => new AppError(413, 'PAYLOAD_TOO_LARGE', `文件超过 ${mb} MB`, { file: `文件超过 ${mb} MB` });
const fileProblem = (message: string) => badRequest(message, { file: message });

/**
 * Reads the one multipart file of the request, checks size and content type; throws a 400 AppError with a
 * Chinese message (413 when too large). The returned mime is the detected one and the name is cleaned (and
 * its extension corrected when an image was saved under another image extension).
 */
export async function receiveAttachment(request: FastifyRequest, opts: { kinds?: AttachmentKind[] } = {}): Promise<{ name: string; mime: string; data: Buffer }> {
  const kinds = opts.kinds ?? DEFAULT_KINDS;
  const tenantId = request.actor?.tenantId;
  const settings = tenantId ? await request.server.platform.settings.get(tenantId, FILE_SETTINGS) : FILE_SETTINGS.defaults;
  const maxMb = Math.min(settings.attachmentMaxMb, CEILING_MB);
  if (!request.isMultipart()) throw fileProblem('请选择要上传的文件');

  let part: Awaited<ReturnType<FastifyRequest['file']>>;
  let data: Buffer;
  try {
    part = await request.file({ limits: { fileSize: maxMb * MB, files: 1 } });
    if (!part) throw fileProblem('请选择要上传的文件');
    data = await part.toBuffer();
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code;
    // @fastify/multipart stops reading at the limit and rejects with this code (status 413).
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(maxMb);
    if (typeof code === 'string' && code.startsWith('FST_')) throw fileProblem('上传的内容不完整或格式有误，请重新上传');
    if (err instanceof Error && /multipart|boundary|unexpected end/i.test(err.message)) throw fileProblem('上传的内容不完整或格式有误，请重新上传');
    throw err;
  }
  if (part.file.truncated || data.length > maxMb * MB) throw tooLarge(maxMb);
  const name = cleanFileName(part.filename);
  if (!name) throw fileProblem('请选择要上传的文件');
  if (data.length === 0) throw fileProblem('文件是空的，请重新选择');

  const checked = checkContent(data, name, kinds);
  if (!checked.ok) throw fileProblem(checked.problem === 'mismatch' ? '文件内容与扩展名不符' : unsupportedMessage(kinds));
  return { name: checked.name, mime: checked.mime, data };
}

type FileRow = { id: string; name: string; mime: string; size: number; sha256: string; created_at: string; created_by: string | null };

const META_COLUMNS = ['f.id', 'f.name', 'f.mime', 'f.size', 'f.sha256', 'f.created_at', 'f.created_by'] as const;

function toMeta(r: FileRow): FileMeta {
  return { id: r.id, name: r.name, mime: r.mime, size: Number(r.size), sha256: r.sha256, createdAt: r.created_at, createdBy: r.created_by };
}

function toBuffer(data: Buffer | Uint8Array): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** Stores a file for an owner record; call inside the writing transaction (with its audit entry). */
export async function storeFile(
  trx: DbOrTx,
  tenantId: string,
  f: { ownerKind: string; ownerId: string; name: string; mime: string; data: Buffer; createdBy: string | null; at: string },
): Promise<FileMeta> {
  const meta: FileMeta = {
    id: newId(),
    name: cleanFileName(f.name) || '附件',
    mime: f.mime,
    size: f.data.length,
    sha256: createHash('sha256').update(f.data).digest('hex'),
    createdAt: f.at,
    createdBy: f.createdBy,
  };
  await trx
    .insertInto('files')
    .values({
      tenant_id: tenantId, id: meta.id, owner_kind: f.ownerKind, owner_id: f.ownerId, name: meta.name, mime: meta.mime,
      size: meta.size, sha256: meta.sha256, created_by: meta.createdBy, created_at: meta.createdAt, deleted_at: null,
    })
    .execute();
  await trx.insertInto('file_blobs').values({ tenant_id: tenantId, file_id: meta.id, data: f.data }).execute();
  return meta;
}

/** The live files of each owner (every requested owner has an entry, possibly empty), oldest first. */
export async function listFiles(db: DbOrTx, tenantId: string, ownerKind: string, ownerIds: string[]): Promise<Map<string, FileMeta[]>> {
  const result = new Map<string, FileMeta[]>(ownerIds.map((id) => [id, []]));
  const unique = [...new Set(ownerIds)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom('files as f')
      .select([...META_COLUMNS, 'f.owner_id'])
      .where('f.tenant_id', '=', tenantId)
      .where('f.owner_kind', '=', ownerKind)
      .where('f.owner_id', 'in', unique.slice(i, i + 500))
      .where('f.deleted_at', 'is', null)
      .orderBy('f.created_at')
      .orderBy('f.id')
      .execute();
    for (const r of rows) result.get(r.owner_id)!.push(toMeta(r));
  }
  return result;
}

/** The live file `fileId` of an owner: a file of another owner, or deleted, is not found. */
const liveFileOf = (db: DbOrTx, tenantId: string, ownerKind: string, ownerId: string, fileId: string) => db
  .selectFrom('files as f')
  .where('f.tenant_id', '=', tenantId)
  .where('f.owner_kind', '=', ownerKind)
  .where('f.owner_id', '=', ownerId)
  .where('f.id', '=', fileId)
  .where('f.deleted_at', 'is', null);

/** One live file of an owner with its bytes; undefined when missing, deleted or belonging to another owner. */
export async function loadFile(db: DbOrTx, tenantId: string, ownerKind: string, ownerId: string, fileId: string): Promise<{ meta: FileMeta; data: Buffer } | undefined> {
  const row = await liveFileOf(db, tenantId, ownerKind, ownerId, fileId)
    .innerJoin('file_blobs as b', (j) => j.onRef('b.tenant_id', '=', 'f.tenant_id').onRef('b.file_id', '=', 'f.id'))
    .select([...META_COLUMNS, 'b.data'])
    .executeTakeFirst();
  return row ? { meta: toMeta(row), data: toBuffer(row.data) } : undefined;
}

/** The metadata of one live file of an owner (no bytes); undefined when missing, deleted or another owner's. */
export async function loadFileMeta(db: DbOrTx, tenantId: string, ownerKind: string, ownerId: string, fileId: string): Promise<FileMeta | undefined> {
  const row = await liveFileOf(db, tenantId, ownerKind, ownerId, fileId).select(META_COLUMNS).executeTakeFirst();
  return row ? toMeta(row) : undefined;
}

/** A file to send: its bytes (small files), or a reader of inclusive byte ranges (large files, see large.ts). */
export type StoredFile = { meta: FileMeta; data: Buffer } | { meta: FileMeta; read: (start: number, end: number) => Readable };

/** Soft-deletes a live file of an owner (the bytes stay for the record); returns what was removed. */
export async function removeFile(trx: DbOrTx, tenantId: string, ownerKind: string, ownerId: string, fileId: string, at: string): Promise<FileMeta | undefined> {
  const row = await liveFileOf(trx, tenantId, ownerKind, ownerId, fileId).select(META_COLUMNS).executeTakeFirst();
  if (!row) return undefined;
  await trx.updateTable('files').set({ deleted_at: at }).where('tenant_id', '=', tenantId).where('id', '=', fileId).where('deleted_at', 'is', null).execute();
  return toMeta(row);
}

/** RFC 6266: an ASCII fallback for old clients and the exact UTF-8 name in filename*. */
export function contentDisposition(name: string, inline: boolean): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%;]/g, '_') || 'file';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${inline ? 'inline' : 'attachment'}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * Sends a stored file: the detected type, attachment disposition (inline only for images, when asked),
 * nosniff and a sandboxing CSP so that nothing in it can run as our origin, and the content hash as ETag.
 * One byte range is answered 206 (a video player starts and seeks with them), an impossible one 416.
 */
export function sendStoredFile(reply: FastifyReply, f: StoredFile, opts: { inline?: boolean } = {}): FastifyReply {
  const inline = opts.inline === true && f.meta.mime.startsWith('image/');
  const etag = `"${f.meta.sha256}"`;
  const size = f.meta.size;
  reply
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
    .header('cache-control', 'private, no-cache')
    .header('accept-ranges', 'bytes')
    .header('etag', etag);
  const headers = reply.request.headers;
  const match = headers['if-none-match'];
  if (match && match.split(',').some((t) => t.trim() === etag)) return reply.status(304).send();
  reply.header('content-type', f.meta.mime).header('content-disposition', contentDisposition(f.meta.name, inline));
  // If-Range names the version the client holds pieces of: another version gets the whole file.
  const ifRange = headers['if-range'];
  const range = ifRange && String(ifRange).trim() !== etag ? { kind: 'whole' as const } : parseRange(headers.range, size);
  if (range.kind === 'unsatisfiable') {
    return reply.status(416).header('content-range', `bytes */${size}`).header('content-type', 'text/plain; charset=utf-8').send('');
  }
  const [start, end] = range.kind === 'part' ? [range.start, range.end] : [0, size - 1];
  if (range.kind === 'part') reply.status(206).header('content-range', `bytes ${start}-${end}/${size}`);
  reply.header('content-length', end - start + 1);
  if ('data' in f) return reply.send(range.kind === 'part' ? f.data.subarray(start, end + 1) : f.data);
  return reply.send(size === 0 ? Buffer.alloc(0) : f.read(start, end));
}

/**
 * How many live images each owner has (owners without any are absent), in one statement per 500 owners: for a
 * module that checks records for photos without loading every file's metadata.
 */
export async function imageCounts(db: DbOrTx, tenantId: string, ownerKind: string, ownerIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await inSlices([...new Set(ownerIds)], (slice) => db.selectFrom('files')
    .select(['owner_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('tenant_id', '=', tenantId).where('owner_kind', '=', ownerKind).where('owner_id', 'in', slice)
    .where('deleted_at', 'is', null).where('mime', 'like', 'image/%')
    .groupBy('owner_id').execute());
  return new Map(rows.map((r) => [r.owner_id, Number(r.n)]));
}
