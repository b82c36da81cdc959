// The upload route's one job, shared by modules whose attachment rules are only "may write the record":
// read the request's file (type by content, size), store it for the owner record and audit it, in one
// transaction. Modules with more rules (e.g. states in which files may change) call storeFile themselves.
import type { FastifyRequest } from 'fastify';
import type { Platform } from '../context.js';
import { actorOf } from '../context.js';
import { receiveAttachment, storeFile, type AttachmentKind, type FileMeta } from './index.js';

export interface AttachmentOwner {
  tenantId: string;
  ownerKind: string;
  ownerId: string;
  /** The audit entry's entity and action, e.g. 'task' / 'task.attach'. */
  entity: string;
  action: string;
}

export async function attachUpload(p: Platform, request: FastifyRequest, owner: AttachmentOwner, opts: { kinds?: AttachmentKind[] } = {}): Promise<FileMeta> {
  const actor = actorOf(request);
  const file = await receiveAttachment(request, opts);
  return p.audit.tx(request.audit, async (trx) => {
    const m = await storeFile(trx, owner.tenantId, { ownerKind: owner.ownerKind, ownerId: owner.ownerId, ...file, createdBy: actor.userId, at: p.clock.now().toISOString() });
    await p.audit.record(trx, request.audit, { action: owner.action, entity: owner.entity, entityId: owner.ownerId, after: { fileId: m.id, name: m.name, size: m.size, sha256: m.sha256 } });
    return m;
  });
}
