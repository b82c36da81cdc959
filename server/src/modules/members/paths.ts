// Members follow their organisation when it moves: the organisation module calls this inside the move's
// transaction, so a member's scope (org_path) never disagrees with the tree, not even for a moment.
import { sql } from 'kysely';
import { inSubtree } from '../../db/dialect.js';
import type { DbOrTx } from '../../db/types.js';

/**
 * Rewrites `members.org_path` of every member (deleted ones too, so a restore lands in the right place)
 * whose path lies under `oldPrefix` to start with `newPrefix` instead. Returns how many rows changed.
 */
export async function rewriteMemberPaths(trx: DbOrTx, tenantId: string, oldPrefix: string, newPrefix: string): Promise<number> {
  if (oldPrefix === newPrefix) return 0;
  const res = await trx
    .updateTable('members')
    .set({ org_path: sql<string>`${newPrefix} || substr(org_path, ${oldPrefix.length + 1})` })
    .where('tenant_id', '=', tenantId)
    .where(inSubtree(sql.ref<string>('org_path'), oldPrefix))
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Member statuses that no longer tie a member to an organisation (the record stays as history). */
const GONE = ['transferredOut', 'expelled', 'deceased'] as const;

/**
 * Members still belonging somewhere in the subtree at `path` (not deleted, not gone), and how many of them
 * are full (正式) members: an organisation with any cannot be deleted, and docs/DOMAIN.md's size rules use both.
 */
export async function liveMemberCounts(db: DbOrTx, tenantId: string, path: string): Promise<{ total: number; full: number }> {
  const r = await db
    .selectFrom('members')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>(eb.case().when('type', '=', 'full').then(1).else(0).end()).as('full')])
    .where('tenant_id', '=', tenantId)
    .where(inSubtree(sql.ref<string>('org_path'), path))
    .where('deleted_at', 'is', null)
    .where('status', 'not in', GONE)
    .executeTakeFirstOrThrow();
  return { total: Number(r.n), full: Number(r.full ?? 0) };
}
