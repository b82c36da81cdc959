// TEMPORARY stand-ins for platform/search and platform/files while their owners finish them; replaced by
// re-exports of the real modules (same signatures, docs of the brief's contracts).
import type { AliasedRawBuilder } from 'kysely';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DbDialect } from '../../config.js';
import type { DbOrTx } from '../../db/types.js';
import { AppError } from '../../platform/errors.js';

export { sanitizeRichText, richTextToPlain } from '../../platform/richtext/index.js';

export interface SearchDoc { kind: string; entityId: string; title: string; body: string }
export async function indexDocuments(_db: DbOrTx, _dialect: DbDialect, _tenantId: string, _docs: SearchDoc[]): Promise<void> {}
export async function removeDocuments(_db: DbOrTx, _dialect: DbDialect, _tenantId: string, _kind: string, _ids: string[]): Promise<void> {}
export function searchHits(_dialect: DbDialect, _tenantId: string, _kinds: string[], _query: string): AliasedRawBuilder<{ entity_id: string; kind: string; rank: number }, 'h'> | null {
  return null;
}

export interface FileMeta { id: string; name: string; mime: string; size: number; sha256: string; createdAt: string; createdBy: string | null }
const missing = () => new AppError(503, 'FILES_UNAVAILABLE', '附件功能暂不可用');
export async function receiveAttachment(_request: FastifyRequest): Promise<{ name: string; mime: string; data: Buffer }> { throw missing(); }
export async function storeFile(_trx: DbOrTx, _tenantId: string, _f: { ownerKind: string; ownerId: string; name: string; mime: string; data: Buffer; createdBy: string | null; at: string }): Promise<FileMeta> { throw missing(); }
export async function listFiles(_db: DbOrTx, _tenantId: string, _ownerKind: string, _ownerIds: string[]): Promise<Map<string, FileMeta[]>> { return new Map(); }
export async function loadFile(_db: DbOrTx, _tenantId: string, _ownerKind: string, _ownerId: string, _fileId: string): Promise<{ meta: FileMeta; data: Buffer } | undefined> { return undefined; }
export async function removeFile(_trx: DbOrTx, _tenantId: string, _ownerKind: string, _ownerId: string, _fileId: string, _at: string): Promise<FileMeta | undefined> { return undefined; }
export function sendStoredFile(reply: FastifyReply, _f: { meta: FileMeta; data: Buffer }): FastifyReply { return reply; }
