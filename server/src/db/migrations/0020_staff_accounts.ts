// The login account of an employee who is not a Party member (通讯员, 考核员, 宣传审核员 …), so that the account
// is named after the person and 用户管理 shows who it is. One account per employee and one person per account.
import type { Kysely } from 'kysely';
import type { DbDialect } from '../../config.js';

export function migration0020(_dialect: DbDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('staff').addColumn('user_id', 'text').execute();
      await db.schema.createIndex('staff_user_uq').on('staff').columns(['tenant_id', 'user_id']).unique().execute();
    },
  };
}
