// access_versions: one counter per tenant, raised by a trigger on every insert, update or delete of a grant
// or a role, like org_tree_versions (0013) for organisations. The session lookup before every request reads
// both counters in its one statement, and the actor's grants are then taken from a per-process cache while
// neither counter moved (platform/access/actor.ts): one statement before a request's own instead of two.
import { sql, type Kysely } from 'kysely';
import type { DbDialect } from '../../config.js';
import { createCounterTable, createPgBumpFunction, ROW_EVENTS, sqliteBump } from './counters.js';

const TABLES = ['grants', 'roles'] as const;

export function migration0014(dialect: DbDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await createCounterTable(db, 'access_versions');
      if (dialect === 'postgres') {
        await createPgBumpFunction(db, 'access_version_bump', 'access_versions');
        for (const table of TABLES) {
          await sql.raw(`drop trigger if exists ${table}_access_version on ${table}`).execute(db);
          await sql.raw(`create trigger ${table}_access_version after insert or update or delete on ${table}
            for each row execute function access_version_bump()`).execute(db);
        }
      } else {
        for (const table of TABLES) {
          for (const [event, row] of ROW_EVENTS) {
            await sql.raw(`create trigger if not exists ${table}_access_version_${event} after ${event} on ${table}
              begin ${sqliteBump('access_versions', row)} end`).execute(db);
          }
        }
      }
    },
  };
}
