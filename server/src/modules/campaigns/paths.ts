// Campaign rows follow their organisation when it moves: the organisation module is meant to call this inside
// the move's transaction (as it does rewriteInfoPaths), so a row's scope never disagrees with the tree.
import { sql } from 'kysely';
import { inSubtree } from '../../db/dialect.js';
import type { DbOrTx } from '../../db/types.js';

const TABLES = [
  ['campaigns', 'root_org_path'], ['campaign_orgs', 'org_path'], ['campaign_submissions', 'org_path'], ['campaign_cases', 'org_path'], ['proposals', 'org_path'],
] as const;

/** Rewrites the organisation paths of campaigns, their branches, submissions, cases and proposals under `oldPrefix`; returns the count. */
export async function rewriteCampaignPaths(trx: DbOrTx, tenantId: string, oldPrefix: string, newPrefix: string): Promise<number> {
  if (oldPrefix === newPrefix) return 0;
  let n = 0;
  for (const [table, column] of TABLES) {
    const res = await trx.updateTable(table)
      .set({ [column]: sql<string>`${newPrefix} || substr(${sql.ref(column)}, ${oldPrefix.length + 1})` } as never)
      .where('tenant_id', '=', tenantId)
      .where(inSubtree(sql.ref<string>(column), oldPrefix))
      .executeTakeFirst();
    n += Number(res.numUpdatedRows);
  }
  return n;
}
