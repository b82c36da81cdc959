// account_requests: the two-person acts of 三员分立 (docs/DOMAIN.md). A password reset of another account, and
// disabling or enabling another 三员 account, are proposed by the 系统管理员, revoking another account's 三员 role by
// the 安全保密员; each takes effect only when an account of a third 三员 class approves. part_a holds the proposer's half of a reset's temporary password,
// encrypted with the field key, until the request is decided; neither half is ever written anywhere else.
import { sql, type Kysely } from 'kysely';
import type { DbDialect } from '../../config.js';

export function migration0018(_dialect: DbDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('account_requests')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('target_user_id', 'text', (c) => c.notNull())
        .addColumn('grant_id', 'text')
        .addColumn('approver_class', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('part_a', 'text')
        .addColumn('proposed_by', 'text', (c) => c.notNull())
        .addColumn('proposed_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('decided_by', 'text')
        .addColumn('decided_at', 'text')
        .addPrimaryKeyConstraint('account_requests_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('account_requests_target_fk', ['tenant_id', 'target_user_id'], 'users', ['tenant_id', 'id'])
        .addForeignKeyConstraint('account_requests_proposer_fk', ['tenant_id', 'proposed_by'], 'users', ['tenant_id', 'id'])
        .execute();
      // One open request per account and kind: two resets in flight would hand out two different passwords.
      await sql`create unique index account_requests_open_uq on account_requests (tenant_id, target_user_id, kind) where status = 'pending'`.execute(db);
      await db.schema.createIndex('account_requests_recent_ix').on('account_requests').columns(['tenant_id', 'proposed_at']).execute();
    },
  };
}
