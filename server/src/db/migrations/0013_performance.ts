// Indexes and structures the benchmark (issue 9, docs/PERFORMANCE.md) showed the reads need. Written to be
// re-runnable (if not exists), so a benchmark database migrated during development can take it again.
//
// org_tree_versions: one counter per tenant, raised by a trigger on every insert, update or delete of an
// organisation row, whoever writes it (the org module, the demo seeder, create-admin, a later module). A
// server process caches a tenant's tree with the version it read first (modules/org/treeCache.ts) and
// checks that one-row lookup on each use, so a change made through any process is seen on the next read.
// Its own table, not a column of `tenants`: tenants is a reference table (copied to every node under
// Citus), this one is distributed by tenant_id like the organisations it counts.
import { sql, type Kysely } from 'kysely';
import type { DbDialect } from '../../config.js';

export function migration0013(dialect: DbDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('org_tree_versions')
        .ifNotExists()
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('version', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('org_tree_versions_pk', ['tenant_id'])
        .execute();
      if (dialect === 'postgres') {
        await sql`create or replace function org_tree_version_bump() returns trigger language plpgsql as $$
          begin
            insert into org_tree_versions (tenant_id, version)
              values (case when tg_op = 'DELETE' then old.tenant_id else new.tenant_id end, 1)
              on conflict (tenant_id) do update set version = org_tree_versions.version + 1;
            return null;
          end $$`.execute(db);
        await sql`drop trigger if exists organisations_version on organisations`.execute(db);
        await sql`create trigger organisations_version after insert or update or delete on organisations
          for each row execute function org_tree_version_bump()`.execute(db);
      } else {
        for (const [event, row] of [['insert', 'new'], ['update', 'new'], ['delete', 'old']] as const) {
          await sql.raw(`create trigger if not exists organisations_version_${event} after ${event} on organisations begin
            insert into org_tree_versions (tenant_id, version) values (${row}.tenant_id, 1)
              on conflict (tenant_id) do update set version = version + 1;
          end`).execute(db);
        }
      }
      // Every existing tenant starts at a known version (a missing row reads as 0 and is created by the first change).
      await sql`insert into org_tree_versions (tenant_id, version) select distinct o.tenant_id, 1 from organisations o
        where not exists (select 1 from org_tree_versions v where v.tenant_id = o.tenant_id)`.execute(db);

      // 组织生活 by organisation and day: the compliance list (a period's records and each organisation's
      // last one) read every activity of the tenant through (tenant, starts_at) and filtered the rest.
      await db.schema.createIndex('org_life_activities_org_day_idx').ifNotExists().on('org_life_activities').columns(['tenant_id', 'org_id', 'starts_on']).execute();
      // Planned records past their end (待办 待补记录): a handful among thousands of held ones.
      await db.schema.createIndex('org_life_activities_status_idx').ifNotExists().on('org_life_activities').columns(['tenant_id', 'status', 'ends_at']).execute();
      // Absences of the compliance list (缺席未补课): at city scale PostgreSQL walked every member's whole attendance
      // history (30 ms for a committee with three years of records); these rows are a few per cent of it.
      await db.schema.createIndex('org_life_attendance_absent_idx').ifNotExists().on('org_life_attendance').columns(['tenant_id', 'activity_id'])
        .where(sql.ref('expected'), '=', 1).where(sql.ref('status'), 'in', ['leave', 'absent']).execute();
    },
  };
}
