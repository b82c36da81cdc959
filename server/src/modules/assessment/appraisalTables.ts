// 民主评议党员: row types and DDL of its three tables. The DDL is a function so that the room's migration
// (0010, owned by the core of 量化考核) creates them in the same step: `await createAppraisalTables(db)`.
import type { Kysely } from 'kysely';

export type AppraisalGrade = 'excellent' | 'qualified' | 'basic' | 'unqualified';
export const GRADES: AppraisalGrade[] = ['excellent', 'qualified', 'basic', 'unqualified'];
export const GRADE_NAMES: Record<AppraisalGrade, string> = { excellent: '优秀', qualified: '合格', basic: '基本合格', unqualified: '不合格' };

/** One 民主评议 of one branch for one year. */
export type AppraisalTable = {
  tenant_id: string;
  id: string;
  branch_id: string;
  year: number;
  status: 'open' | 'published';
  created_by: string | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  published_by: string | null;
  deleted_at: string | null;
};

/** The branch's members when the appraisal opened; 预备党员 listed with graded = 0. */
export type AppraisalMemberTable = {
  tenant_id: string;
  appraisal_id: string;
  member_id: string;
  member_name: string;
  member_type: 'full' | 'probationary';
  graded: 0 | 1;
  sort_order: number;
  self_grade: AppraisalGrade | null;
  self_comment: string;
  self_at: string | null;
  decision: AppraisalGrade | null;
  decision_note: string;
  decided_by: string | null;
  decided_at: string | null;
};

/** One member's rating of another (never of themselves). */
export type AppraisalRatingTable = {
  tenant_id: string;
  appraisal_id: string;
  rater_member_id: string;
  member_id: string;
  grade: AppraisalGrade;
  at: string;
};

export type AppraisalTables = {
  appraisals: AppraisalTable;
  appraisal_members: AppraisalMemberTable;
  appraisal_ratings: AppraisalRatingTable;
};

export async function createAppraisalTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('appraisals')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('branch_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'text')
    .addColumn('deleted_at', 'text')
    .addPrimaryKeyConstraint('appraisals_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('appraisals_branch_fk', ['tenant_id', 'branch_id'], 'organisations', ['tenant_id', 'id'])
    .execute();
  // One per branch per year (soft-deleted ones are never made: an appraisal is not deleted).
  await db.schema.createIndex('appraisals_branch_year_uq').on('appraisals').columns(['tenant_id', 'branch_id', 'year']).unique().execute();

  await db.schema
    .createTable('appraisal_members')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('appraisal_id', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('member_name', 'text', (c) => c.notNull())
    .addColumn('member_type', 'text', (c) => c.notNull())
    .addColumn('graded', 'integer', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('self_grade', 'text')
    .addColumn('self_comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('self_at', 'text')
    .addColumn('decision', 'text')
    .addColumn('decision_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addPrimaryKeyConstraint('appraisal_members_pk', ['tenant_id', 'appraisal_id', 'member_id'])
    .addForeignKeyConstraint('appraisal_members_appraisal_fk', ['tenant_id', 'appraisal_id'], 'appraisals', ['tenant_id', 'id'])
    .addForeignKeyConstraint('appraisal_members_member_fk', ['tenant_id', 'member_id'], 'members', ['tenant_id', 'id'])
    .execute();

  await db.schema
    .createTable('appraisal_ratings')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('appraisal_id', 'text', (c) => c.notNull())
    .addColumn('rater_member_id', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('grade', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('appraisal_ratings_pk', ['tenant_id', 'appraisal_id', 'rater_member_id', 'member_id'])
    .addForeignKeyConstraint('appraisal_ratings_member_fk', ['tenant_id', 'appraisal_id', 'member_id'], 'appraisal_members', ['tenant_id', 'appraisal_id', 'member_id'])
    .addForeignKeyConstraint('appraisal_ratings_rater_fk', ['tenant_id', 'appraisal_id', 'rater_member_id'], 'appraisal_members', ['tenant_id', 'appraisal_id', 'member_id'])
    .execute();
}
