// Files of 主题实践活动 (submission attachments, case photos): stored or removed in one transaction together
// with the audit entry of the record they belong to.
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import type { Platform } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { removeFile, storeFile, type FileMeta } from '../../platform/files/index.js';

/** The record a file belongs to: its files' owner kind, its audit entity, and the audit actions of adding and removing. */
export interface FileOwner { tenantId: string; id: string; kind: string; entity: string; added: string; removed: string; what: string }

export async function addFile(p: Platform, ctx: AuditContext, actor: Actor, o: FileOwner, file: { name: string; mime: string; data: Buffer }): Promise<FileMeta> {
  return p.audit.tx(ctx, async (trx) => {
    const m = await storeFile(trx, o.tenantId, { ownerKind: o.kind, ownerId: o.id, ...file, createdBy: actor.userId, at: p.clock.now().toISOString() });
    await p.audit.record(trx, ctx, { action: o.added, entity: o.entity, entityId: o.id, after: { fileId: m.id, name: m.name, size: m.size, sha256: m.sha256 } });
    return m;
  });
}

/** Removes one file of the record (404 naming `what` when it has no such file). */
export async function dropFile(p: Platform, ctx: AuditContext, o: FileOwner, fileId: string): Promise<void> {
  await p.audit.tx(ctx, async (trx) => {
    const m = await removeFile(trx, o.tenantId, o.kind, o.id, fileId, p.clock.now().toISOString());
    if (!m) throw notFound(o.what);
    await p.audit.record(trx, ctx, { action: o.removed, entity: o.entity, entityId: o.id, before: { fileId: m.id, name: m.name } });
  });
}
