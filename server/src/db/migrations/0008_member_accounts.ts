// The login account of a Party member, so that a member can act as themselves: sign in to an activity
// with a QR code, see their own record and scores. One account per member and one member per account.
import type { Kysely } from 'kysely';
import type { DbDialect } from '../../config.js';

export function migration0008(_dialect: DbDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('members').addColumn('user_id', 'text').execute();
      await db.schema.createIndex('members_user_uq').on('members').columns(['tenant_id', 'user_id']).unique().execute();
    },
  };
}
