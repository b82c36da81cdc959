// 月度党建工作报告 (issue 23): the secretary's own words of an organisation's monthly report, one row per part
// (总体情况, 存在问题, 下月计划), kept between generations.
import type { Kysely } from 'kysely';
import type { DbDialect } from '../../config.js';

export function migration0037(_dialect: DbDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('report_words')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('org_id', 'text', (c) => c.notNull())
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('part', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        // The writer's name as it was when saving (the page shows who wrote it without reading accounts).
        .addColumn('updated_by_name', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        // One text per organisation, month and part: saving again replaces it.
        .addPrimaryKeyConstraint('report_words_pk', ['tenant_id', 'org_id', 'month', 'part'])
        .addForeignKeyConstraint('report_words_org_fk', ['tenant_id', 'org_id'], 'organisations', ['tenant_id', 'id'])
        .execute();
    },
  };
}
