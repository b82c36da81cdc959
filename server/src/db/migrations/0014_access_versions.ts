// access_versions: one counter per tenant, raised by a trigger on every insert, update or delete of a grant
// or a role, like org_tree_versions (0013) for organisations. The session lookup before every request reads
// both counters in its one statement, and the actor's grants are then taken from a per-process cache while
// neither counter moved (platform/access/actor.ts): one statement before a request's own instead of two.
// A missing row reads as 0 and is created at 1 by the first change.
import { sql, type Kysely } from 'kysely';
import type { DbDialect } from '../../config.js';

const TABLES = ['grants', 'roles'] as const;

export function migration0014(dialect: DbDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('access_versions')
        .ifNotExists()
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('version', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('access_versions_pk', ['tenant_id'])
        .execute();
      if (dialect === 'postgres') {
        await sql`create or replace function access_version_bump() returns trigger language plpgsql as $$
          begin
            insert into access_versions (tenant_id, version)
              values (case when tg_op = 'DELETE' then old.tenant_id else new.tenant_id end, 1)
              on conflict (tenant_id) do update set version = access_versions.version + 1;
            return null;
          end $$`.execute(db);
        for (const table of TABLES) {
          await sql.raw(`drop trigger if exists ${table}_access_version on ${table}`).execute(db);
          await sql.raw(`create trigger ${table}_access_version after insert or update or delete on ${table}
            for each row execute function access_version_bump()`).execute(db);
        }
      } else {
        for (const table of TABLES) {
          for (const [event, row] of [['insert', 'new'], ['update', 'new'], ['delete', 'old']] as const) {
            await sql.raw(`create trigger if not exists ${table}_access_version_${event} after ${event} on ${table} begin
              insert into access_versions (tenant_id, version) values (${row}.tenant_id, 1)
                on conflict (tenant_id) do update set version = version + 1;
            end`).execute(db);
          }
        }
      }
    },
  };
}
