// org_life_versions: one counter per tenant, raised by a trigger on every change the 组织生活 compliance list
// reads (records, attendance, themes, posts that make a 支委会, the records' photos, a member's name), like
// org_tree_versions (0013) and access_versions (0014). The compliance list is computed once per counter value
// and organisation and kept per process (modules/orgLife/complianceCache.ts): one lookup instead of six
// statements over a committee's records, and a change made through any process is seen on the next read.
import { sql, type Kysely } from 'kysely';
import type { DbDialect } from '../../config.js';

const TABLES = ['org_life_activities', 'org_life_attendance', 'org_life_themes', 'org_posts'] as const;
/** files.owner_kind of 组织生活 records (modules/orgLife/queries.ts FILE_OWNER). */
const FILE_OWNER = 'orgLife';

export function migration0015(dialect: DbDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('org_life_versions')
        .ifNotExists()
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('version', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('org_life_versions_pk', ['tenant_id'])
        .execute();
      if (dialect === 'postgres') {
        await sql`create or replace function org_life_version_bump() returns trigger language plpgsql as $$
          begin
            insert into org_life_versions (tenant_id, version)
              values (case when tg_op = 'DELETE' then old.tenant_id else new.tenant_id end, 1)
              on conflict (tenant_id) do update set version = org_life_versions.version + 1;
            return null;
          end $$`.execute(db);
        const triggers: [string, string, string][] = [
          ...TABLES.map((t): [string, string, string] => [t, `${t}_org_life_version`, 'after insert or update or delete']),
          ['staff', 'staff_org_life_version', 'after update of name'],
        ];
        for (const [table, name, when] of triggers) {
          await sql.raw(`drop trigger if exists ${name} on ${table}`).execute(db);
          await sql.raw(`create trigger ${name} ${when} on ${table} for each row execute function org_life_version_bump()`).execute(db);
        }
        for (const [event, cond] of [['insert', `new.owner_kind = '${FILE_OWNER}'`], ['update', `new.owner_kind = '${FILE_OWNER}' or old.owner_kind = '${FILE_OWNER}'`], ['delete', `old.owner_kind = '${FILE_OWNER}'`]] as const) {
          await sql.raw(`drop trigger if exists files_org_life_version_${event} on files`).execute(db);
          await sql.raw(`create trigger files_org_life_version_${event} after ${event} on files for each row when (${cond})
            execute function org_life_version_bump()`).execute(db);
        }
      } else {
        const bump = (row: 'new' | 'old') => `insert into org_life_versions (tenant_id, version) values (${row}.tenant_id, 1)
          on conflict (tenant_id) do update set version = version + 1;`;
        for (const table of TABLES) {
          for (const [event, row] of [['insert', 'new'], ['update', 'new'], ['delete', 'old']] as const) {
            await sql.raw(`create trigger if not exists ${table}_org_life_version_${event} after ${event} on ${table} begin ${bump(row)} end`).execute(db);
          }
        }
        await sql.raw(`create trigger if not exists staff_org_life_version_update after update of name on staff begin ${bump('new')} end`).execute(db);
        for (const [event, row] of [['insert', 'new'], ['update', 'new'], ['delete', 'old']] as const) {
          await sql.raw(`create trigger if not exists files_org_life_version_${event} after ${event} on files
            when ${row}.owner_kind = '${FILE_OWNER}' or ${event === 'update' ? `old.owner_kind = '${FILE_OWNER}'` : '0'} begin ${bump(row)} end`).execute(db);
        }
      }
    },
  };
}
