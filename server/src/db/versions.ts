// Reading a tenant's change counter (db/types.ts VersionTable; migrations 0013–0015, 0022, 0029, 0039).
import type { Db } from './types.js';

export type CounterTable = 'org_tree_versions' | 'access_versions' | 'org_life_versions' | 'volunteer_versions' | 'training_versions' | 'write_versions';

/** The tenant's counter; a tenant whose counted rows never changed has no row yet and reads as 0. */
export async function readCounter(db: Db, table: CounterTable, tenantId: string): Promise<number> {
  const r = await db.selectFrom(table).select('version').where('tenant_id', '=', tenantId).executeTakeFirst();
  return r ? Number(r.version) : 0;
}

/** Raises the tenant's counter by one (creating it at 1): for counters raised by the application, not by triggers. */
export async function bumpCounter(db: Db, table: CounterTable, tenantId: string): Promise<void> {
  await db.insertInto(table).values({ tenant_id: tenantId, version: 1 })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet((eb) => ({ version: eb(eb.ref(`${table}.version`), '+', 1) })))
    .execute();
}
