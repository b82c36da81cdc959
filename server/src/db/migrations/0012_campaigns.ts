// 主题实践活动 (issue 8): campaigns, their branches, measures and progress reports, 精品案例 and ratings; 合理化建议.
import type { Kysely } from 'kysely';
import type { DbDialect } from '../../config.js';
import { pathType } from '../dialect.js';

export function migration0012(dialect: DbDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('campaigns')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('start_on', 'text', (c) => c.notNull())
        .addColumn('end_on', 'text', (c) => c.notNull())
        .addColumn('measures_due', 'text', (c) => c.notNull())
        .addColumn('root_org_id', 'text', (c) => c.notNull())
        .addColumn('root_org_path', pathType(dialect), (c) => c.notNull())
        .addColumn('calls_cases', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('case_theme', 'text')
        .addColumn('case_design_due', 'text')
        .addColumn('case_result_due', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('activated_at', 'text')
        .addColumn('closed_at', 'text')
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .addPrimaryKeyConstraint('campaigns_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('campaigns_org_fk', ['tenant_id', 'root_org_id'], 'organisations', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('campaigns_path_idx').on('campaigns').columns(['tenant_id', 'root_org_path']).execute();

      // The branches a campaign applies to, stored explicitly (chosen at creation, edited by hand later).
      await db.schema
        .createTable('campaign_orgs')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('campaign_id', 'text', (c) => c.notNull())
        .addColumn('org_id', 'text', (c) => c.notNull())
        .addColumn('org_path', pathType(dialect), (c) => c.notNull())
        .addPrimaryKeyConstraint('campaign_orgs_pk', ['tenant_id', 'campaign_id', 'org_id'])
        .addForeignKeyConstraint('campaign_orgs_campaign_fk', ['tenant_id', 'campaign_id'], 'campaigns', ['tenant_id', 'id'])
        .addForeignKeyConstraint('campaign_orgs_org_fk', ['tenant_id', 'org_id'], 'organisations', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('campaign_orgs_path_idx').on('campaign_orgs').columns(['tenant_id', 'org_path']).execute();

      await db.schema
        .createTable('campaign_report_dues')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('campaign_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('due_on', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('campaign_report_dues_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('campaign_report_dues_campaign_fk', ['tenant_id', 'campaign_id'], 'campaigns', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('campaign_report_dues_campaign_idx').on('campaign_report_dues').columns(['tenant_id', 'campaign_id']).execute();

      // `slot` is 'measures' or the report due's id: one row per (campaign, org, slot), enforced by the key
      // (a nullable report_due_id could not be unique in both dialects).
      await db.schema
        .createTable('campaign_submissions')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('campaign_id', 'text', (c) => c.notNull())
        .addColumn('org_id', 'text', (c) => c.notNull())
        .addColumn('org_path', pathType(dialect), (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('report_due_id', 'text')
        .addColumn('slot', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('submitted_by', 'text')
        .addColumn('submitted_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('campaign_submissions_pk', ['tenant_id', 'id'])
        .addUniqueConstraint('campaign_submissions_slot_uq', ['tenant_id', 'campaign_id', 'org_id', 'slot'])
        .addForeignKeyConstraint('campaign_submissions_campaign_fk', ['tenant_id', 'campaign_id'], 'campaigns', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('campaign_submissions_path_idx').on('campaign_submissions').columns(['tenant_id', 'org_path']).execute();

      await db.schema
        .createTable('campaign_cases')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('campaign_id', 'text', (c) => c.notNull())
        .addColumn('org_id', 'text', (c) => c.notNull())
        .addColumn('org_path', pathType(dialect), (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('design', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('design_at', 'text', (c) => c.notNull())
        .addColumn('result', 'text')
        .addColumn('result_at', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .addPrimaryKeyConstraint('campaign_cases_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('campaign_cases_campaign_fk', ['tenant_id', 'campaign_id'], 'campaigns', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('campaign_cases_campaign_idx').on('campaign_cases').columns(['tenant_id', 'campaign_id']).execute();

      await db.schema
        .createTable('campaign_case_ratings')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('reviewer_user_id', 'text', (c) => c.notNull())
        .addColumn('score', 'integer', (c) => c.notNull())
        .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('rated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('campaign_case_ratings_pk', ['tenant_id', 'case_id', 'reviewer_user_id'])
        .addForeignKeyConstraint('campaign_case_ratings_case_fk', ['tenant_id', 'case_id'], 'campaign_cases', ['tenant_id', 'id'])
        .execute();

      // 合理化建议: value_fen is integer 分 (bigint: a large project's value must not overflow).
      await db.schema
        .createTable('proposals')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('org_id', 'text', (c) => c.notNull())
        .addColumn('org_path', pathType(dialect), (c) => c.notNull())
        .addColumn('proposer_user_id', 'text', (c) => c.notNull())
        .addColumn('proposer_member_id', 'text')
        .addColumn('proposer_name', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('expected_benefit', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('decision_note', 'text')
        .addColumn('decided_by', 'text')
        .addColumn('decided_at', 'text')
        .addColumn('implemented_on', 'text')
        .addColumn('value_fen', 'bigint')
        .addColumn('value_note', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .addPrimaryKeyConstraint('proposals_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('proposals_org_fk', ['tenant_id', 'org_id'], 'organisations', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('proposals_path_idx').on('proposals').columns(['tenant_id', 'org_path']).execute();
      await db.schema.createIndex('proposals_proposer_idx').on('proposals').columns(['tenant_id', 'proposer_user_id']).execute();
    },
  };
}
