// 组织关系转接 (issue 21, part 2): transfers out of and into the committee. Between two committees on this server each
// side keeps its own row (its own tenant), linked by the peer ids, so a committee only ever reads its own rows.
import { sql, type Kysely } from 'kysely';
import type { DbDialect } from '../../config.js';
import { pathType } from '../dialect.js';

export function migration0027(dialect: DbDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const path = pathType(dialect);
      await db.schema
        .createTable('transfers')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('direction', 'text', (c) => c.notNull())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('member_id', 'text')
        .addColumn('member_name', 'text', (c) => c.notNull())
        .addColumn('from_org_id', 'text')
        .addColumn('from_org_path', path)
        .addColumn('to_org_id', 'text')
        .addColumn('to_org_path', path)
        .addColumn('peer_tenant_id', 'text')
        .addColumn('peer_transfer_id', 'text')
        .addColumn('counterpart', 'text', (c) => c.notNull())
        .addColumn('letter_no', 'text')
        .addColumn('letter_year', 'integer')
        .addColumn('letter_seq', 'integer')
        .addColumn('dues_paid_to', 'text')
        .addColumn('validity_months', 'integer')
        .addColumn('valid_until', 'text')
        .addColumn('started_on', 'text', (c) => c.notNull())
        .addColumn('received_on', 'text')
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('carried_enc', 'text')
        .addColumn('started_by', 'text')
        .addColumn('received_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('transfers_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('transfers_member_fk', ['tenant_id', 'member_id'], 'members', ['tenant_id', 'id'])
        .addForeignKeyConstraint('transfers_from_org_fk', ['tenant_id', 'from_org_id'], 'organisations', ['tenant_id', 'id'])
        .addForeignKeyConstraint('transfers_to_org_fk', ['tenant_id', 'to_org_id'], 'organisations', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('transfers_from_idx').on('transfers').columns(['tenant_id', 'from_org_path', 'status']).execute();
      await db.schema.createIndex('transfers_to_idx').on('transfers').columns(['tenant_id', 'to_org_path', 'status']).execute();
      await db.schema.createIndex('transfers_member_idx').on('transfers').columns(['tenant_id', 'member_id']).execute();
      // Our letter numbers run per committee and year (two letters issued at once: one gets the next number).
      await db.schema.createIndex('transfers_letter_uq').on('transfers').columns(['tenant_id', 'letter_year', 'letter_seq']).unique().execute();
      // A member is in one transfer out at a time (two racing starts: one wins).
      await sql`create unique index transfers_open_uq on transfers (tenant_id, member_id) where direction = 'out' and status = 'pending'`.execute(db);
    },
  };
}
