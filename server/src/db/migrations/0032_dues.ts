// 党费 (issue 22): members' yearly bases (income encrypted), monthly bills, payments (one per Idempotency-Key) and
// the branches' hand-overs to the committee. Money is integer 分 on both dialects.
import { sql, type Kysely } from 'kysely';
import type { DbDialect } from '../../config.js';
import { pathType } from '../dialect.js';

export function migration0032(dialect: DbDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const path = pathType(dialect);
      await db.schema
        .createTable('dues_bases')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('member_id', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('branch_id', 'text', (c) => c.notNull())
        .addColumn('org_path', path, (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('income_enc', 'text')
        .addColumn('computed_fen', 'integer', (c) => c.notNull())
        .addColumn('override_fen', 'integer')
        .addColumn('override_reason', 'text')
        .addColumn('monthly_fen', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('dues_bases_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('dues_bases_member_fk', ['tenant_id', 'member_id'], 'members', ['tenant_id', 'id'])
        .addForeignKeyConstraint('dues_bases_branch_fk', ['tenant_id', 'branch_id'], 'organisations', ['tenant_id', 'id'])
        .execute();
      // One base per member and year: two clerks setting it at once update one row.
      await db.schema.createIndex('dues_bases_member_year_uq').on('dues_bases').columns(['tenant_id', 'member_id', 'year']).unique().execute();
      await db.schema.createIndex('dues_bases_path_idx').on('dues_bases').columns(['tenant_id', 'year', 'org_path']).execute();

      await db.schema
        .createTable('dues_payments')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('member_id', 'text', (c) => c.notNull())
        .addColumn('branch_id', 'text', (c) => c.notNull())
        .addColumn('org_path', path, (c) => c.notNull())
        .addColumn('months', 'text', (c) => c.notNull())
        .addColumn('first_month', 'text', (c) => c.notNull())
        .addColumn('last_month', 'text', (c) => c.notNull())
        .addColumn('amount_fen', 'integer', (c) => c.notNull())
        .addColumn('method', 'text', (c) => c.notNull())
        .addColumn('payer_name', 'text')
        .addColumn('paid_on', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('idempotency_key', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('recorded_by', 'text')
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('dues_payments_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('dues_payments_member_fk', ['tenant_id', 'member_id'], 'members', ['tenant_id', 'id'])
        .addCheckConstraint('dues_payments_amount_ck', sql`amount_fen > 0`)
        .execute();
      // A retried or double-submitted payment is stored once, whichever process receives the copies.
      await db.schema.createIndex('dues_payments_key_uq').on('dues_payments').columns(['tenant_id', 'idempotency_key']).unique().execute();
      await db.schema.createIndex('dues_payments_path_idx').on('dues_payments').columns(['tenant_id', 'org_path', 'paid_on']).execute();
      await db.schema.createIndex('dues_payments_member_idx').on('dues_payments').columns(['tenant_id', 'member_id', 'paid_on']).execute();

      await db.schema
        .createTable('dues_bills')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('member_id', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('branch_id', 'text', (c) => c.notNull())
        .addColumn('org_path', path, (c) => c.notNull())
        .addColumn('amount_fen', 'integer', (c) => c.notNull())
        .addColumn('payment_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('dues_bills_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('dues_bills_member_fk', ['tenant_id', 'member_id'], 'members', ['tenant_id', 'id'])
        .addForeignKeyConstraint('dues_bills_payment_fk', ['tenant_id', 'payment_id'], 'dues_payments', ['tenant_id', 'id'])
        .execute();
      // One bill per member and month: generating the year twice adds nothing.
      await db.schema.createIndex('dues_bills_member_month_uq').on('dues_bills').columns(['tenant_id', 'member_id', 'month']).unique().execute();
      await db.schema.createIndex('dues_bills_path_idx').on('dues_bills').columns(['tenant_id', 'year', 'org_path']).execute();

      await db.schema
        .createTable('dues_handovers')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('org_id', 'text', (c) => c.notNull())
        .addColumn('org_path', path, (c) => c.notNull())
        .addColumn('handed_on', 'text', (c) => c.notNull())
        .addColumn('amount_fen', 'integer', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('recorded_by', 'text')
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('dues_handovers_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('dues_handovers_org_fk', ['tenant_id', 'org_id'], 'organisations', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('dues_handovers_path_idx').on('dues_handovers').columns(['tenant_id', 'org_path', 'handed_on']).execute();
    },
  };
}
