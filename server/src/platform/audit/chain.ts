// The audit hash chain: each entry's hash covers its own fields and the previous entry's hash, so
// editing, deleting or reordering any entry breaks every link after it.
import { createHash } from 'node:crypto';
import type { AuditLogTable } from '../../db/types.js';

export const GENESIS_HASH = '0'.repeat(64);

export type ChainFields = Omit<AuditLogTable, 'hash'>;

export function entryHash(e: ChainFields): string {
  const canonical = JSON.stringify([
    e.tenant_id, e.seq, e.at, e.user_id, e.username, e.ip, e.action, e.entity, e.entity_id,
    e.before, e.after, e.request_id, e.status, e.prev_hash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
