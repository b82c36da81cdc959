// volunteer_versions: one counter per tenant, raised by a trigger on every change of what the 服务时长 summary
// reads besides the organisation tree: visits and activity hours (including the path rewrites of an organisation
// move) and people's names. The summary is kept per process and computed again only when the counter or the
// tree version moved (modules/volunteer/hours.ts).
import { sql, type Kysely } from 'kysely';
import type { DbDialect } from '../../config.js';
import { createCounterTable, createPgBumpFunction, ROW_EVENTS, sqliteBump } from './counters.js';

const TABLES = ['volunteer_visits', 'volunteer_activity_hours'] as const;

export function migration0022(dialect: DbDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await createCounterTable(db, 'volunteer_versions');
      if (dialect === 'postgres') {
        await createPgBumpFunction(db, 'volunteer_version_bump', 'volunteer_versions');
        for (const table of TABLES) {
          await sql.raw(`drop trigger if exists ${table}_volunteer_version on ${table}`).execute(db);
          await sql.raw(`create trigger ${table}_volunteer_version after insert or update or delete on ${table} for each row execute function volunteer_version_bump()`).execute(db);
        }
        await sql.raw('drop trigger if exists staff_volunteer_version on staff').execute(db);
        await sql.raw('create trigger staff_volunteer_version after update of name on staff for each row execute function volunteer_version_bump()').execute(db);
      } else {
        for (const table of TABLES) {
          for (const [event, row] of ROW_EVENTS) {
            await sql.raw(`create trigger if not exists ${table}_volunteer_version_${event} after ${event} on ${table} begin ${sqliteBump('volunteer_versions', row)} end`).execute(db);
          }
        }
        await sql.raw(`create trigger if not exists staff_volunteer_version_update after update of name on staff begin ${sqliteBump('volunteer_versions', 'new')} end`).execute(db);
      }
    },
  };
}
