// 教育培训 (issue 20): courses with online materials and offline sessions (held as 组织生活 activities), the study
// time that earns 学时, the question bank, exams, attempts and their graded items.
import { sql, type Kysely } from 'kysely';
import type { DbDialect } from '../../config.js';
import { pathType } from '../dialect.js';

export function migration0024(dialect: DbDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const path = pathType(dialect);
      await db.schema
        .createTable('training_courses')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('org_id', 'text', (c) => c.notNull())
        .addColumn('org_path', path, (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .addPrimaryKeyConstraint('training_courses_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('training_courses_org_fk', ['tenant_id', 'org_id'], 'organisations', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('training_courses_path_idx').on('training_courses').columns(['tenant_id', 'org_path', 'year']).execute();

      await db.schema
        .createTable('training_materials')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('course_id', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('file_id', 'text')
        .addColumn('credit_tenths', 'integer', (c) => c.notNull())
        .addColumn('required_minutes', 'integer', (c) => c.notNull())
        .addColumn('opens_on', 'text', (c) => c.notNull())
        .addColumn('closes_on', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .addPrimaryKeyConstraint('training_materials_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('training_materials_course_fk', ['tenant_id', 'course_id'], 'training_courses', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('training_materials_course_idx').on('training_materials').columns(['tenant_id', 'course_id', 'position']).execute();

      await db.schema
        .createTable('training_sessions')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('course_id', 'text', (c) => c.notNull())
        .addColumn('activity_id', 'text', (c) => c.notNull())
        .addColumn('credit_tenths', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .addPrimaryKeyConstraint('training_sessions_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('training_sessions_course_fk', ['tenant_id', 'course_id'], 'training_courses', ['tenant_id', 'id'])
        .addForeignKeyConstraint('training_sessions_activity_fk', ['tenant_id', 'activity_id'], 'org_life_activities', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('training_sessions_course_idx').on('training_sessions').columns(['tenant_id', 'course_id']).execute();
      // An activity earns its 学时 once, however many courses would like to claim it.
      await sql`create unique index training_sessions_activity_uq on training_sessions (tenant_id, activity_id) where deleted_at is null`.execute(db);

      await db.schema
        .createTable('training_study')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('member_id', 'text', (c) => c.notNull())
        .addColumn('material_id', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('seconds', 'integer', (c) => c.notNull())
        .addColumn('last_beat_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('training_study_pk', ['tenant_id', 'member_id', 'material_id', 'day'])
        .addForeignKeyConstraint('training_study_member_fk', ['tenant_id', 'member_id'], 'members', ['tenant_id', 'id'])
        .addForeignKeyConstraint('training_study_material_fk', ['tenant_id', 'material_id'], 'training_materials', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('training_study_day_idx').on('training_study').columns(['tenant_id', 'member_id', 'day']).execute();
      await db.schema.createIndex('training_study_material_idx').on('training_study').columns(['tenant_id', 'material_id']).execute();

      await db.schema
        .createTable('training_questions')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('org_id', 'text', (c) => c.notNull())
        .addColumn('org_path', path, (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('stem', 'text', (c) => c.notNull())
        .addColumn('options', 'text', (c) => c.notNull())
        .addColumn('answer', 'text', (c) => c.notNull())
        .addColumn('explanation', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('difficulty', 'integer', (c) => c.notNull())
        .addColumn('tags', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .addPrimaryKeyConstraint('training_questions_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('training_questions_org_fk', ['tenant_id', 'org_id'], 'organisations', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('training_questions_path_idx').on('training_questions').columns(['tenant_id', 'org_path']).execute();

      await db.schema
        .createTable('training_question_tags')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('question_id', 'text', (c) => c.notNull())
        .addColumn('tag', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('training_question_tags_pk', ['tenant_id', 'question_id', 'tag'])
        .addForeignKeyConstraint('training_question_tags_question_fk', ['tenant_id', 'question_id'], 'training_questions', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('training_question_tags_tag_idx').on('training_question_tags').columns(['tenant_id', 'tag']).execute();

      await db.schema
        .createTable('training_exams')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('org_id', 'text', (c) => c.notNull())
        .addColumn('org_path', path, (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('paper_mode', 'text', (c) => c.notNull())
        .addColumn('rules', 'text', (c) => c.notNull())
        .addColumn('opens_at', 'text', (c) => c.notNull())
        .addColumn('closes_at', 'text', (c) => c.notNull())
        .addColumn('time_limit_minutes', 'integer', (c) => c.notNull())
        .addColumn('max_attempts', 'integer', (c) => c.notNull())
        .addColumn('pass_score', 'integer', (c) => c.notNull())
        .addColumn('total_score', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('published_at', 'text')
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .addPrimaryKeyConstraint('training_exams_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('training_exams_org_fk', ['tenant_id', 'org_id'], 'organisations', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('training_exams_path_idx').on('training_exams').columns(['tenant_id', 'org_path', 'opens_at']).execute();

      await db.schema
        .createTable('training_exam_questions')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('exam_id', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('question_id', 'text', (c) => c.notNull())
        .addColumn('points', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('training_exam_questions_pk', ['tenant_id', 'exam_id', 'position'])
        .addForeignKeyConstraint('training_exam_questions_exam_fk', ['tenant_id', 'exam_id'], 'training_exams', ['tenant_id', 'id'])
        .addForeignKeyConstraint('training_exam_questions_question_fk', ['tenant_id', 'question_id'], 'training_questions', ['tenant_id', 'id'])
        .execute();

      await db.schema
        .createTable('training_attempts')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('exam_id', 'text', (c) => c.notNull())
        .addColumn('member_id', 'text', (c) => c.notNull())
        .addColumn('org_path', path, (c) => c.notNull())
        .addColumn('attempt_no', 'integer', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('deadline_at', 'text', (c) => c.notNull())
        .addColumn('submitted_at', 'text')
        .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('score', 'integer')
        .addColumn('passed', 'integer')
        .addPrimaryKeyConstraint('training_attempts_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('training_attempts_exam_fk', ['tenant_id', 'exam_id'], 'training_exams', ['tenant_id', 'id'])
        .addForeignKeyConstraint('training_attempts_member_fk', ['tenant_id', 'member_id'], 'members', ['tenant_id', 'id'])
        .execute();
      // Two concurrent starts of the same attempt number: one wins, the other is refused.
      await db.schema.createIndex('training_attempts_no_uq').on('training_attempts').columns(['tenant_id', 'exam_id', 'member_id', 'attempt_no']).unique().execute();
      await db.schema.createIndex('training_attempts_path_idx').on('training_attempts').columns(['tenant_id', 'exam_id', 'org_path']).execute();
      await db.schema.createIndex('training_attempts_member_idx').on('training_attempts').columns(['tenant_id', 'member_id']).execute();

      await db.schema
        .createTable('training_attempt_items')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('attempt_id', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('question_id', 'text', (c) => c.notNull())
        .addColumn('points', 'integer', (c) => c.notNull())
        .addColumn('answer', 'text')
        .addColumn('answered_at', 'text')
        .addColumn('correct', 'integer')
        .addPrimaryKeyConstraint('training_attempt_items_pk', ['tenant_id', 'attempt_id', 'position'])
        .addForeignKeyConstraint('training_attempt_items_attempt_fk', ['tenant_id', 'attempt_id'], 'training_attempts', ['tenant_id', 'id'])
        .addForeignKeyConstraint('training_attempt_items_question_fk', ['tenant_id', 'question_id'], 'training_questions', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('training_attempt_items_question_idx').on('training_attempt_items').columns(['tenant_id', 'question_id']).execute();
    },
  };
}
