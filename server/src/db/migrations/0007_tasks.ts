// 督办 (issue 6): closed-loop tasks with their co-owners and timeline, programmes (工作方案) whose milestones
// are tasks, and responsibility lists (党建工作责任制) with their items and periodic reports.
import type { Kysely } from 'kysely';
import type { DbDialect } from '../../config.js';

export function migration0007(_dialect: DbDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('programmes')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('issuing_org_id', 'text', (c) => c.notNull())
        .addColumn('start_on', 'text', (c) => c.notNull())
        .addColumn('end_on', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .addPrimaryKeyConstraint('programmes_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('programmes_org_fk', ['tenant_id', 'issuing_org_id'], 'organisations', ['tenant_id', 'id'])
        .execute();

      await db.schema
        .createTable('tasks')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('source_kind', 'text', (c) => c.notNull().defaultTo('manual'))
        .addColumn('source_id', 'text')
        .addColumn('source_link', 'text')
        .addColumn('source_label', 'text')
        .addColumn('issuer_id', 'text', (c) => c.notNull())
        .addColumn('issuing_org_id', 'text', (c) => c.notNull())
        .addColumn('owner_org_id', 'text', (c) => c.notNull())
        .addColumn('owner_id', 'text', (c) => c.notNull())
        .addColumn('programme_id', 'text')
        .addColumn('start_on', 'text', (c) => c.notNull())
        .addColumn('due_on', 'text', (c) => c.notNull())
        .addColumn('done_standard', 'text', (c) => c.notNull())
        .addColumn('percent', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('return_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('accepted_at', 'text')
        .addColumn('completion_reported_at', 'text')
        .addColumn('closed_at', 'text')
        .addColumn('closed_on', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .addPrimaryKeyConstraint('tasks_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('tasks_issuer_fk', ['tenant_id', 'issuer_id'], 'users', ['tenant_id', 'id'])
        .addForeignKeyConstraint('tasks_owner_fk', ['tenant_id', 'owner_id'], 'users', ['tenant_id', 'id'])
        .addForeignKeyConstraint('tasks_issuing_org_fk', ['tenant_id', 'issuing_org_id'], 'organisations', ['tenant_id', 'id'])
        .addForeignKeyConstraint('tasks_owner_org_fk', ['tenant_id', 'owner_org_id'], 'organisations', ['tenant_id', 'id'])
        .addForeignKeyConstraint('tasks_programme_fk', ['tenant_id', 'programme_id'], 'programmes', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('tasks_owner_org_idx').on('tasks').columns(['tenant_id', 'owner_org_id', 'due_on']).execute();
      await db.schema.createIndex('tasks_issuing_org_idx').on('tasks').columns(['tenant_id', 'issuing_org_id', 'due_on']).execute();
      await db.schema.createIndex('tasks_owner_idx').on('tasks').columns(['tenant_id', 'owner_id', 'status']).execute();
      await db.schema.createIndex('tasks_issuer_idx').on('tasks').columns(['tenant_id', 'issuer_id', 'status']).execute();
      await db.schema.createIndex('tasks_due_idx').on('tasks').columns(['tenant_id', 'due_on']).execute();
      await db.schema.createIndex('tasks_programme_idx').on('tasks').columns(['tenant_id', 'programme_id']).execute();
      await db.schema.createIndex('tasks_source_idx').on('tasks').columns(['tenant_id', 'source_kind', 'source_id']).execute();

      await db.schema
        .createTable('task_co_owners')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('task_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('task_co_owners_pk', ['tenant_id', 'task_id', 'user_id'])
        .addForeignKeyConstraint('task_co_owners_task_fk', ['tenant_id', 'task_id'], 'tasks', ['tenant_id', 'id'])
        .addForeignKeyConstraint('task_co_owners_user_fk', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('task_co_owners_user_idx').on('task_co_owners').columns(['tenant_id', 'user_id']).execute();

      await db.schema
        .createTable('task_events')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('task_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('by_user_id', 'text')
        .addColumn('from_status', 'text')
        .addColumn('to_status', 'text')
        .addColumn('percent', 'integer')
        .addColumn('notes', 'text')
        .addColumn('reason', 'text')
        .addColumn('evidence', 'text')
        .addColumn('changes', 'text')
        .addPrimaryKeyConstraint('task_events_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('task_events_task_fk', ['tenant_id', 'task_id'], 'tasks', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('task_events_task_idx').on('task_events').columns(['tenant_id', 'task_id', 'at']).execute();

      await db.schema
        .createTable('responsibilities')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('org_id', 'text', (c) => c.notNull())
        .addColumn('leader_id', 'text')
        .addColumn('leader_key', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('report_cycle', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .addPrimaryKeyConstraint('responsibilities_pk', ['tenant_id', 'id'])
        .addUniqueConstraint('responsibilities_uq', ['tenant_id', 'org_id', 'leader_key', 'year'])
        .addForeignKeyConstraint('responsibilities_org_fk', ['tenant_id', 'org_id'], 'organisations', ['tenant_id', 'id'])
        .addForeignKeyConstraint('responsibilities_leader_fk', ['tenant_id', 'leader_id'], 'users', ['tenant_id', 'id'])
        .execute();

      await db.schema
        .createTable('responsibility_items')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('responsibility_id', 'text', (c) => c.notNull())
        .addColumn('sort_order', 'integer', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('standard', 'text')
        .addColumn('deleted_at', 'text')
        .addPrimaryKeyConstraint('responsibility_items_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('responsibility_items_list_fk', ['tenant_id', 'responsibility_id'], 'responsibilities', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('responsibility_items_list_idx').on('responsibility_items').columns(['tenant_id', 'responsibility_id']).execute();

      await db.schema
        .createTable('responsibility_reports')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('responsibility_id', 'text', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('item_notes', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('reported_by', 'text')
        .addColumn('reported_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('responsibility_reports_pk', ['tenant_id', 'id'])
        .addUniqueConstraint('responsibility_reports_uq', ['tenant_id', 'responsibility_id', 'period'])
        .addForeignKeyConstraint('responsibility_reports_list_fk', ['tenant_id', 'responsibility_id'], 'responsibilities', ['tenant_id', 'id'])
        .execute();
    },
  };
}
