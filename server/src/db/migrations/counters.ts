// Per-tenant change counters (org_tree_versions in 0013, access_versions in 0014, org_life_versions in 0015):
// a table of one row per tenant and the trigger body that raises it. A process caches what it derived from
// the counted rows with the counter value it read first, and reads again when the value moved.
import { sql, type Kysely } from 'kysely';

/** The counter table: tenant_id → version (a missing row reads as 0; the first change creates it at 1). */
export async function createCounterTable(db: Kysely<unknown>, table: string): Promise<void> {
  await db.schema
    .createTable(table)
    .ifNotExists()
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('version', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint(`${table}_pk`, ['tenant_id'])
    .execute();
}

/** PostgreSQL: the trigger function `fn` raising `table` for the tenant of the changed row. */
export async function createPgBumpFunction(db: Kysely<unknown>, fn: string, table: string): Promise<void> {
  await sql.raw(`create or replace function ${fn}() returns trigger language plpgsql as $$
    begin
      insert into ${table} (tenant_id, version)
        values (case when tg_op = 'DELETE' then old.tenant_id else new.tenant_id end, 1)
        on conflict (tenant_id) do update set version = ${table}.version + 1;
      return null;
    end $$`).execute(db);
}

/** SQLite: the trigger statement raising `table` for the tenant of `row` (new or old). */
export function sqliteBump(table: string, row: 'new' | 'old'): string {
  return `insert into ${table} (tenant_id, version) values (${row}.tenant_id, 1)
    on conflict (tenant_id) do update set version = version + 1;`;
}

export const ROW_EVENTS = [['insert', 'new'], ['update', 'new'], ['delete', 'old']] as const;
