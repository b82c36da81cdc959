// Correspondents and manuscripts keep their organisation's path (their scope). The organisation module rewrites
// it when it moves a subtree, inside the move's transaction (as it does rewriteMemberPaths), so a record's
// scope never disagrees with the tree.
import { sql } from 'kysely';
import type { DbOrTx } from '../../db/types.js';
import { inSubtree } from '../../db/dialect.js';

export async function rewritePublicityPaths(trx: DbOrTx, tenantId: string, oldPrefix: string, newPrefix: string): Promise<number> {
  let n = 0;
  for (const table of ['publicity_correspondents', 'publicity_manuscripts'] as const) {
    const res = await trx.updateTable(table)
      .set({ org_path: sql<string>`${newPrefix} || substr(org_path, ${oldPrefix.length + 1})` })
      .where('tenant_id', '=', tenantId).where(inSubtree(sql.ref('org_path'), oldPrefix)).executeTakeFirst();
    n += Number(res.numUpdatedRows);
  }
  return n;
}
