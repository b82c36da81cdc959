// Activities follow their organisation when it moves: the organisation module calls this inside the move's
// transaction (as it does rewriteMemberPaths), so an activity's scope never disagrees with the tree.
import { sql } from 'kysely';
import { inSubtree } from '../../db/dialect.js';
import type { DbOrTx } from '../../db/types.js';

/** Rewrites `org_life_activities.org_path` (deleted ones too) under `oldPrefix` to start with `newPrefix`; returns the count. */
export async function rewriteOrgLifePaths(trx: DbOrTx, tenantId: string, oldPrefix: string, newPrefix: string): Promise<number> {
  if (oldPrefix === newPrefix) return 0;
  const res = await trx
    .updateTable('org_life_activities')
    .set({ org_path: sql<string>`${newPrefix} || substr(org_path, ${oldPrefix.length + 1})` })
    .where('tenant_id', '=', tenantId)
    .where(inSubtree(sql.ref<string>('org_path'), oldPrefix))
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
