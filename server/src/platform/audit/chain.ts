// The audit hash chain: each entry's hash covers its own fields and the previous entry's hash, so
// editing, deleting or reordering any entry breaks every link after it. The hashes are HMACs under a key
// derived from the master key (kept in a file, not in the database), so someone who can write the
// database but not read the key file cannot recompute a chain, nor move its head back to hide a deleted tail.
import { createHmac } from 'node:crypto';
import type { AuditLogTable } from '../../db/types.js';
import { subkey } from '../crypto/keyFile.js';

export const GENESIS_HASH = '0'.repeat(64);

export type ChainFields = Omit<AuditLogTable, 'hash'>;

export const auditChainKey = (master: Buffer): Buffer => subkey(master, 'audit chain');

export function entryHash(key: Buffer, e: ChainFields): string {
  const canonical = JSON.stringify([
    e.tenant_id, e.seq, e.at, e.user_id, e.username, e.ip, e.action, e.entity, e.entity_id,
    e.before, e.after, e.request_id, e.status, e.prev_hash,
  ]);
  return createHmac('sha256', key).update(canonical).digest('hex');
}

/** Seal of a chain head: which tenant, how many entries, ending in which hash. */
export function headMac(key: Buffer, tenantId: string, seq: number, hash: string): string {
  return createHmac('sha256', key).update(JSON.stringify(['head', tenantId, seq, hash])).digest('hex');
}
