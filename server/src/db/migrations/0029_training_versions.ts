// training_versions: one counter per tenant, raised by a trigger on every change of what the 学时 totals read
// besides 组织生活 (which has its own counter, org_life_versions): study time, materials (credit and required time),
// courses (deleted or not) and sessions. The year's totals per member are kept per process and computed again only
// when a counter or the 学时 rules moved (modules/training/hoursCache.ts).
import { sql, type Kysely } from 'kysely';
import type { DbDialect } from '../../config.js';
import { createCounterTable, createPgBumpFunction, ROW_EVENTS, sqliteBump } from './counters.js';

const TABLES = ['training_study', 'training_materials', 'training_courses', 'training_sessions'] as const;

export function migration0029(dialect: DbDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await createCounterTable(db, 'training_versions');
      if (dialect === 'postgres') {
        await createPgBumpFunction(db, 'training_version_bump', 'training_versions');
        for (const table of TABLES) {
          await sql.raw(`drop trigger if exists ${table}_training_version on ${table}`).execute(db);
          await sql.raw(`create trigger ${table}_training_version after insert or update or delete on ${table} for each row execute function training_version_bump()`).execute(db);
        }
      } else {
        for (const table of TABLES) {
          for (const [event, row] of ROW_EVENTS) {
            await sql.raw(`create trigger if not exists ${table}_training_version_${event} after ${event} on ${table} begin ${sqliteBump('training_versions', row)} end`).execute(db);
          }
        }
      }
    },
  };
}
