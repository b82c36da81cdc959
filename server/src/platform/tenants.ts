// Tenants: one per 党委. The platform tenant is fixed and owns entries that belong to no committee.
import type { DbDialect } from '../config.js';
import type { DbOrTx } from '../db/types.js';

export const SYSTEM_TENANT_ID = '00000000-0000-7000-8000-000000000000';

/**
 * Locks the tenant's row until the transaction ends (PostgreSQL; SQLite already has a single writer), so that
 * changes a module serialises per tenant (the organisation tree's shape) run one at a time. NO KEY UPDATE:
 * exclusive among such changes, yet no conflict with the KEY SHARE locks that foreign keys to the tenant take
 * (every audit entry has one), which FOR UPDATE would turn into deadlocks.
 */
export async function lockTenant(trx: DbOrTx, dialect: DbDialect, tenantId: string): Promise<void> {
  if (dialect === 'postgres') await trx.selectFrom('tenants').select('id').where('id', '=', tenantId).forNoKeyUpdate().execute();
}

/** The other committees on this server (id and name), for a transfer between committees; never the platform tenant. */
export async function otherTenants(db: DbOrTx, tenantId: string): Promise<{ id: string; name: string }[]> {
  return db.selectFrom('tenants').select(['id', 'name']).where('id', '!=', tenantId).where('id', '!=', SYSTEM_TENANT_ID).orderBy('name').execute();
}

/** A committee's name, or undefined for an unknown id (or the platform tenant). */
export async function tenantName(db: DbOrTx, tenantId: string): Promise<string | undefined> {
  if (tenantId === SYSTEM_TENANT_ID) return undefined;
  return (await db.selectFrom('tenants').select('name').where('id', '=', tenantId).executeTakeFirst())?.name;
}
