// The organisation tree grown to its full record (founding, terms, committee posts), administrative units,
// staff and Party members with their dated history. Identity lives on staff (a 党员 is a staff member or
// retiree); the membership record points at it. Sensitive fields are stored encrypted beside a keyed hash.
import type { Kysely } from 'kysely';
import { pathType } from '../dialect.js';
import type { DbDialect } from '../../config.js';

export function migration0002(dialect: DbDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const col of ['founded_on', 'term_started_on', 'term_ends_on']) {
        await db.schema.alterTable('organisations').addColumn(col, 'text').execute();
      }

      await db.schema
        .createTable('units')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('parent_id', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('code', 'text')
        .addColumn('path', pathType(dialect), (c) => c.notNull())
        .addColumn('depth', 'integer', (c) => c.notNull())
        .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .addPrimaryKeyConstraint('units_pk', ['tenant_id', 'id'])
        .addUniqueConstraint('units_path_uq', ['tenant_id', 'path'])
        .addForeignKeyConstraint('units_parent_fk', ['tenant_id', 'parent_id'], 'units', ['tenant_id', 'id'])
        .execute();

      await db.schema
        .createTable('staff')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('unit_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('gender', 'text', (c) => c.notNull())
        .addColumn('ethnicity', 'text', (c) => c.notNull().defaultTo('汉族'))
        .addColumn('birth_date', 'text', (c) => c.notNull())
        .addColumn('id_number_enc', 'text', (c) => c.notNull())
        .addColumn('id_number_hash', 'text', (c) => c.notNull())
        .addColumn('phone_enc', 'text')
        .addColumn('education', 'text')
        .addColumn('native_place', 'text')
        .addColumn('address', 'text')
        .addColumn('post', 'text')
        .addColumn('employment', 'text', (c) => c.notNull())
        .addColumn('work_started_on', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .addPrimaryKeyConstraint('staff_pk', ['tenant_id', 'id'])
        .addUniqueConstraint('staff_id_number_uq', ['tenant_id', 'id_number_hash'])
        .addForeignKeyConstraint('staff_unit_fk', ['tenant_id', 'unit_id'], 'units', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('staff_unit_idx').on('staff').columns(['tenant_id', 'unit_id']).execute();
      await db.schema.createIndex('staff_name_idx').on('staff').columns(['tenant_id', 'name']).execute();

      await db.schema
        .createTable('members')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('staff_id', 'text', (c) => c.notNull())
        .addColumn('branch_id', 'text', (c) => c.notNull())
        .addColumn('group_id', 'text')
        // Path of the group (or of the branch when in no group): the member's place in every scope check.
        .addColumn('org_path', pathType(dialect), (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('joined_on', 'text', (c) => c.notNull())
        .addColumn('confirmed_on', 'text')
        .addColumn('probation_extended_months', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('party_posts', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .addPrimaryKeyConstraint('members_pk', ['tenant_id', 'id'])
        .addUniqueConstraint('members_staff_uq', ['tenant_id', 'staff_id'])
        .addForeignKeyConstraint('members_staff_fk', ['tenant_id', 'staff_id'], 'staff', ['tenant_id', 'id'])
        .addForeignKeyConstraint('members_branch_fk', ['tenant_id', 'branch_id'], 'organisations', ['tenant_id', 'id'])
        .addForeignKeyConstraint('members_group_fk', ['tenant_id', 'group_id'], 'organisations', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('members_path_idx').on('members').columns(['tenant_id', 'org_path']).execute();

      await db.schema
        .createTable('member_events')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('member_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('occurred_on', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('before', 'text')
        .addColumn('after', 'text')
        .addColumn('recorded_by', 'text')
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('member_events_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('member_events_member_fk', ['tenant_id', 'member_id'], 'members', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('member_events_member_idx').on('member_events').columns(['tenant_id', 'member_id', 'occurred_on']).execute();

      await db.schema
        .createTable('org_posts')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('org_id', 'text', (c) => c.notNull())
        .addColumn('member_id', 'text', (c) => c.notNull())
        .addColumn('post', 'text', (c) => c.notNull())
        .addColumn('started_on', 'text')
        .addColumn('ended_on', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('org_posts_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('org_posts_org_fk', ['tenant_id', 'org_id'], 'organisations', ['tenant_id', 'id'])
        .addForeignKeyConstraint('org_posts_member_fk', ['tenant_id', 'member_id'], 'members', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('org_posts_org_idx').on('org_posts').columns(['tenant_id', 'org_id']).execute();
    },
  };
}
