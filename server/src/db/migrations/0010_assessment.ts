// 量化考核 (issue 7): schemes (indicator trees), rounds (a scheme version applied to a period and a subtree),
// targets, score sheets and their scores, frozen automatic scores, and audited corrections of published scores.
import type { Kysely } from 'kysely';
import { pathType } from '../dialect.js';
import type { DbDialect } from '../../config.js';
import { createAppraisalTables } from '../../modules/assessment/appraisalTables.js';

export function migration0010(dialect: DbDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('assessment_schemes')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('target_type', 'text', (c) => c.notNull())
        .addColumn('period_type', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('indicators', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .addPrimaryKeyConstraint('assessment_schemes_pk', ['tenant_id', 'id'])
        .execute();

      await db.schema
        .createTable('assessment_rounds')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('scheme_id', 'text', (c) => c.notNull())
        .addColumn('scheme_version', 'integer', (c) => c.notNull())
        // Snapshot of the tree at opening: later scheme edits never change a round.
        .addColumn('indicators', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('target_type', 'text', (c) => c.notNull())
        .addColumn('period_from', 'text', (c) => c.notNull())
        .addColumn('period_to', 'text', (c) => c.notNull())
        .addColumn('period_label', 'text', (c) => c.notNull())
        .addColumn('root_org_id', 'text', (c) => c.notNull())
        .addColumn('root_org_path', pathType(dialect), (c) => c.notNull())
        .addColumn('deadline', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('self_assessment', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('review_at', 'text')
        .addColumn('published_at', 'text')
        .addColumn('published_by', 'text')
        .addColumn('deleted_at', 'text')
        .addPrimaryKeyConstraint('assessment_rounds_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('assessment_rounds_scheme_fk', ['tenant_id', 'scheme_id'], 'assessment_schemes', ['tenant_id', 'id'])
        .addForeignKeyConstraint('assessment_rounds_org_fk', ['tenant_id', 'root_org_id'], 'organisations', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('assessment_rounds_path_idx').on('assessment_rounds').columns(['tenant_id', 'root_org_path']).execute();

      await db.schema
        .createTable('assessment_targets')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('round_id', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('target_name', 'text', (c) => c.notNull())
        // The target organisation's path (a member target: their branch's path): the scope of its results.
        .addColumn('org_path', pathType(dialect), (c) => c.notNull())
        .addColumn('assessor_user_id', 'text')
        .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('assessment_targets_pk', ['tenant_id', 'round_id', 'target_id'])
        .addForeignKeyConstraint('assessment_targets_round_fk', ['tenant_id', 'round_id'], 'assessment_rounds', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('assessment_targets_path_idx').on('assessment_targets').columns(['tenant_id', 'org_path']).execute();

      await db.schema
        .createTable('assessment_sheets')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('round_id', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('assessor_user_id', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('unit_id', 'text')
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
        .addColumn('submitted_at', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('assessment_sheets_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('assessment_sheets_target_fk', ['tenant_id', 'round_id', 'target_id'], 'assessment_targets', ['tenant_id', 'round_id', 'target_id'])
        .execute();
      await db.schema.createIndex('assessment_sheets_round_idx').on('assessment_sheets').columns(['tenant_id', 'round_id', 'target_id']).execute();
      await db.schema.createIndex('assessment_sheets_assessor_idx').on('assessment_sheets').columns(['tenant_id', 'assessor_user_id', 'status']).execute();

      await db.schema
        .createTable('assessment_scores')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('sheet_id', 'text', (c) => c.notNull())
        .addColumn('indicator_id', 'text', (c) => c.notNull())
        .addColumn('score', 'double precision', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
        .addPrimaryKeyConstraint('assessment_scores_pk', ['tenant_id', 'sheet_id', 'indicator_id'])
        .addForeignKeyConstraint('assessment_scores_sheet_fk', ['tenant_id', 'sheet_id'], 'assessment_sheets', ['tenant_id', 'id'])
        .execute();

      await db.schema
        .createTable('assessment_auto_scores')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('round_id', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('indicator_id', 'text', (c) => c.notNull())
        .addColumn('metric_key', 'text', (c) => c.notNull())
        .addColumn('metric_value', 'double precision')
        .addColumn('score', 'double precision', (c) => c.notNull())
        .addColumn('formula', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('computed_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('assessment_auto_scores_pk', ['tenant_id', 'round_id', 'target_id', 'indicator_id'])
        .addForeignKeyConstraint('assessment_auto_scores_target_fk', ['tenant_id', 'round_id', 'target_id'], 'assessment_targets', ['tenant_id', 'round_id', 'target_id'])
        .execute();

      await db.schema
        .createTable('assessment_corrections')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('round_id', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('indicator_id', 'text', (c) => c.notNull())
        .addColumn('old_score', 'double precision')
        .addColumn('new_score', 'double precision', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('by', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('assessment_corrections_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('assessment_corrections_target_fk', ['tenant_id', 'round_id', 'target_id'], 'assessment_targets', ['tenant_id', 'round_id', 'target_id'])
        .execute();
      await db.schema.createIndex('assessment_corrections_round_idx').on('assessment_corrections').columns(['tenant_id', 'round_id', 'target_id']).execute();

      // 民主评议 (same room, owned by the results part of the module).
      await createAppraisalTables(db);
    },
  };
}
