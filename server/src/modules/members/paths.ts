// Live members of a subtree, which the organisation module needs before it deletes an organisation.
import { sql } from 'kysely';
import { inSubtree } from '../../db/dialect.js';
import type { DbOrTx } from '../../db/types.js';

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
