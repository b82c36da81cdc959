// 后备人才库 (issue 20, part C): the talents a branch nominates and the committee accepts, their history, yearly
// evaluations and the development plan's milestones (each one a 督办 task). The 党务干部 register has no table:
// it is read from the organisations' posts.
import { sql, type Kysely } from 'kysely';
import type { DbDialect } from '../../config.js';
import { pathType } from '../dialect.js';

export function migration0025(dialect: DbDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const path = pathType(dialect);
      await db.schema
        .createTable('training_talents')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('member_id', 'text', (c) => c.notNull())
        .addColumn('org_id', 'text', (c) => c.notNull())
        .addColumn('org_path', path, (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('plan_goal', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('decision_note', 'text')
        .addColumn('decided_on', 'text')
        .addColumn('removed_on', 'text')
        .addColumn('removed_reason', 'text')
        .addColumn('nominated_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('training_talents_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('training_talents_org_fk', ['tenant_id', 'org_id'], 'organisations', ['tenant_id', 'id'])
        .addForeignKeyConstraint('training_talents_member_fk', ['tenant_id', 'member_id'], 'members', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('training_talents_path_idx').on('training_talents').columns(['tenant_id', 'org_path', 'status']).execute();
      await db.schema.createIndex('training_talents_member_idx').on('training_talents').columns(['tenant_id', 'member_id']).execute();
      // A member is nominated or in the pool once at a time (two racing nominations: one wins).
      await sql`create unique index training_talents_open_uq on training_talents (tenant_id, member_id) where status in ('nominated', 'active')`.execute(db);

      await db.schema
        .createTable('training_talent_events')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('talent_id', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('actor_id', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('training_talent_events_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('training_talent_events_talent_fk', ['tenant_id', 'talent_id'], 'training_talents', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('training_talent_events_talent_idx').on('training_talent_events').columns(['tenant_id', 'talent_id', 'at']).execute();

      await db.schema
        .createTable('training_talent_evaluations')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('talent_id', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('grade', 'text', (c) => c.notNull())
        .addColumn('comment', 'text', (c) => c.notNull())
        .addColumn('evaluated_by', 'text')
        .addColumn('evaluated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('training_talent_evaluations_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('training_talent_evaluations_talent_fk', ['tenant_id', 'talent_id'], 'training_talents', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('training_talent_evaluations_year_uq').on('training_talent_evaluations').columns(['tenant_id', 'talent_id', 'year']).unique().execute();

      await db.schema
        .createTable('training_talent_milestones')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('talent_id', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('due_on', 'text', (c) => c.notNull())
        .addColumn('task_id', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('training_talent_milestones_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('training_talent_milestones_talent_fk', ['tenant_id', 'talent_id'], 'training_talents', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('training_talent_milestones_talent_idx').on('training_talent_milestones').columns(['tenant_id', 'talent_id', 'due_on']).execute();
    },
  };
}
