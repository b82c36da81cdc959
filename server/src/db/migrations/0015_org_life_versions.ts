// org_life_versions: one counter per tenant, raised by a trigger on every change the 组织生活 compliance list
// reads (records, attendance, themes, posts that make a 支委会, the records' photos, a member's name), like
// org_tree_versions (0013) and access_versions (0014). The compliance list is computed once per counter value
// and organisation and kept per process (modules/orgLife/complianceCache.ts): one lookup instead of six
// statements over a committee's records, and a change made through any process is seen on the next read.
import { sql, type Kysely } from 'kysely';
import type { DbDialect } from '../../config.js';
import { createCounterTable, createPgBumpFunction, ROW_EVENTS, sqliteBump } from './counters.js';

const TABLES = ['org_life_activities', 'org_life_attendance', 'org_life_themes', 'org_posts'] as const;
/** files.owner_kind of 组织生活 records (modules/orgLife/queries.ts FILE_OWNER). */
const FILE_OWNER = 'orgLife';
/** Which file rows count: a 组织生活 record's photo before or after the change. */
const FILE_WHEN = { insert: `new.owner_kind = '${FILE_OWNER}'`, update: `new.owner_kind = '${FILE_OWNER}' or old.owner_kind = '${FILE_OWNER}'`, delete: `old.owner_kind = '${FILE_OWNER}'` };

export function migration0015(dialect: DbDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await createCounterTable(db, 'org_life_versions');
      if (dialect === 'postgres') {
        await createPgBumpFunction(db, 'org_life_version_bump', 'org_life_versions');
        const triggers: [string, string, string][] = [
          ...TABLES.map((t): [string, string, string] => [t, `${t}_org_life_version`, 'after insert or update or delete']),
          ['staff', 'staff_org_life_version', 'after update of name'],
        ];
        for (const [table, name, when] of triggers) {
          await sql.raw(`drop trigger if exists ${name} on ${table}`).execute(db);
          await sql.raw(`create trigger ${name} ${when} on ${table} for each row execute function org_life_version_bump()`).execute(db);
        }
        for (const [event] of ROW_EVENTS) {
          await sql.raw(`drop trigger if exists files_org_life_version_${event} on files`).execute(db);
          await sql.raw(`create trigger files_org_life_version_${event} after ${event} on files for each row when (${FILE_WHEN[event]})
            execute function org_life_version_bump()`).execute(db);
        }
      } else {
        const bump = (row: 'new' | 'old') => sqliteBump('org_life_versions', row);
        for (const table of TABLES) {
          for (const [event, row] of ROW_EVENTS) {
            await sql.raw(`create trigger if not exists ${table}_org_life_version_${event} after ${event} on ${table} begin ${bump(row)} end`).execute(db);
          }
        }
        await sql.raw(`create trigger if not exists staff_org_life_version_update after update of name on staff begin ${bump('new')} end`).execute(db);
        for (const [event, row] of ROW_EVENTS) {
          await sql.raw(`create trigger if not exists files_org_life_version_${event} after ${event} on files
            when ${FILE_WHEN[event]} begin ${bump(row)} end`).execute(db);
        }
      }
    },
  };
}
