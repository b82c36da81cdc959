// The only tables allowed to be shared reference tables, i.e. whose keys do not carry tenant_id
// (ARCHITECTURE.md, "Tenant on every row"). Under Citus these become reference tables copied to every
// node; every other table is distributed by tenant_id. db/schema.test.ts fails for any other table
// whose primary key, unique keys or foreign keys leave tenant_id out.
export const SHARED_TABLES: Readonly<Record<string, string>> = {
  tenants: 'the list of tenants itself: tenant_id is its id',
  usernames: 'login names are unique across tenants, so a username can route a login to its tenant',
  incentive_public_codes: 'a plaque\'s QR code opens its public page without a session or tenant in the URL, so the code routes to its tenant',
  kysely_migration: "Kysely's record of applied migrations: one per database, not per tenant",
  kysely_migration_lock: "Kysely's migration lock: one per database, not per tenant",
};

export const isSharedTable = (table: string): boolean => Object.hasOwn(SHARED_TABLES, table);
