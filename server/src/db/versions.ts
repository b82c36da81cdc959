// Reading a tenant's change counter (db/types.ts VersionTable; migrations 0013–0015, 0022, 0029).
import type { Db } from './types.js';

export type CounterTable = 'org_tree_versions' | 'access_versions' | 'org_life_versions' | 'volunteer_versions' | 'training_versions';

/** The tenant's counter; a tenant whose counted rows never changed has no row yet and reads as 0. */
export async function readCounter(db: Db, table: CounterTable, tenantId: string): Promise<number> {
  const r = await db.selectFrom(table).select('version').where('tenant_id', '=', tenantId).executeTakeFirst();
  return r ? Number(r.version) : 0;
}
