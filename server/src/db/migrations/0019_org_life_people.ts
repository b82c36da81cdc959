// The 主持人 and 记录人 of a 组织生活 record become members of the organisation that held it (picked from the roster,
// named through the members module) instead of typed names. The old text columns stay: records written before keep
// the name typed then, shown when no member is set.
import type { Kysely } from 'kysely';
import type { DbDialect } from '../../config.js';

export function migration0019(_dialect: DbDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // One column per statement: SQLite adds one column per ALTER TABLE.
      await db.schema.alterTable('org_life_activities').addColumn('host_member_id', 'text').execute();
      await db.schema.alterTable('org_life_activities').addColumn('recorder_member_id', 'text').execute();
    },
  };
}
