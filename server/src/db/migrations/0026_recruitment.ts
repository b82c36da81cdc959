// 发展党员 (issue 21, part 1): people in the recruitment pipeline, their steps and their documents' kinds.
import { sql, type Kysely } from 'kysely';
import type { DbDialect } from '../../config.js';
import { pathType } from '../dialect.js';

export function migration0026(dialect: DbDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const path = pathType(dialect);
      await db.schema
        .createTable('recruit_people')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('org_id', 'text', (c) => c.notNull())
        .addColumn('org_path', path, (c) => c.notNull())
        .addColumn('staff_id', 'text')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('gender', 'text', (c) => c.notNull())
        .addColumn('birth_date', 'text', (c) => c.notNull())
        .addColumn('id_number_enc', 'text', (c) => c.notNull())
        .addColumn('id_number_hash', 'text', (c) => c.notNull())
        .addColumn('phone_enc', 'text')
        .addColumn('unit_id', 'text')
        .addColumn('employment', 'text', (c) => c.notNull())
        .addColumn('stage', 'text', (c) => c.notNull())
        .addColumn('last_step', 'integer', (c) => c.notNull())
        .addColumn('member_id', 'text')
        .addColumn('probation_extended_months', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .addPrimaryKeyConstraint('recruit_people_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('recruit_people_org_fk', ['tenant_id', 'org_id'], 'organisations', ['tenant_id', 'id'])
        .addForeignKeyConstraint('recruit_people_staff_fk', ['tenant_id', 'staff_id'], 'staff', ['tenant_id', 'id'])
        .addForeignKeyConstraint('recruit_people_member_fk', ['tenant_id', 'member_id'], 'members', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('recruit_people_path_idx').on('recruit_people').columns(['tenant_id', 'org_path', 'stage']).execute();
      // One person once in the pipeline at a time (two clerks typing the same 身份证号: one wins).
      await sql`create unique index recruit_people_id_number_uq on recruit_people (tenant_id, id_number_hash) where deleted_at is null`.execute(db);

      await db.schema
        .createTable('recruit_steps')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('step', 'integer', (c) => c.notNull())
        .addColumn('done_on', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('people', 'text', (c) => c.notNull())
        .addColumn('meeting_id', 'text')
        .addColumn('publicity_from', 'text')
        .addColumn('late_reason', 'text')
        .addColumn('recorded_by', 'text')
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('recruit_steps_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('recruit_steps_person_fk', ['tenant_id', 'person_id'], 'recruit_people', ['tenant_id', 'id'])
        .execute();
      // Each step once per person: two clerks recording the same step at once, one wins.
      await db.schema.createIndex('recruit_steps_step_uq').on('recruit_steps').columns(['tenant_id', 'person_id', 'step']).unique().execute();

      await db.schema
        .createTable('recruit_documents')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('recruit_documents_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('recruit_documents_person_fk', ['tenant_id', 'person_id'], 'recruit_people', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('recruit_documents_person_idx').on('recruit_documents').columns(['tenant_id', 'person_id']).execute();
    },
  };
}
