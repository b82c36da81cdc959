// 发展党员 (issue 21, part 2): the yearly 发展计划 per branch (quota, set by the committee) and the length of the
// concentrated training recorded on step 11 (days or 学时, checked against the 业务规则), and the day a 预备期 was
// extended (for the year's statistics).
import type { Kysely } from 'kysely';
import type { DbDialect } from '../../config.js';

export function migration0033(_dialect: DbDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('recruit_plans')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('org_id', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('quota', 'integer', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('set_by', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        // One plan per branch and year: setting it again replaces it.
        .addPrimaryKeyConstraint('recruit_plans_pk', ['tenant_id', 'org_id', 'year'])
        .addForeignKeyConstraint('recruit_plans_org_fk', ['tenant_id', 'org_id'], 'organisations', ['tenant_id', 'id'])
        .execute();
      await db.schema.alterTable('recruit_steps').addColumn('training_days', 'integer').execute();
      await db.schema.alterTable('recruit_steps').addColumn('training_hours', 'integer').execute();
      // When the 预备期 was extended: the year's statistics count extensions by the date they were decided.
      await db.schema.alterTable('recruit_people').addColumn('probation_extended_on', 'text').execute();
    },
  };
}
