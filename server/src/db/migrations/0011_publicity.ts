// 宣传 (issue 8): the correspondent team (通讯员) with their training records, manuscripts (稿件) through
// submission, editing, adoption or rejection and publication, the comments between editor and author, and a
// snapshot of each submitted text. Photos live in platform/files under owner kind `manuscript`.
import { sql, type Kysely } from 'kysely';
import { pathType } from '../dialect.js';
import type { DbDialect } from '../../config.js';

export function migration0011(dialect: DbDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('publicity_correspondents')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('org_id', 'text', (c) => c.notNull())
        // The organisation's path: the row's scope; rewritten with the tree (rewritePublicityPaths).
        .addColumn('org_path', pathType(dialect), (c) => c.notNull())
        .addColumn('user_id', 'text')
        .addColumn('member_id', 'text')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('phone', 'text')
        .addColumn('since', 'text', (c) => c.notNull())
        .addColumn('until', 'text')
        .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .addPrimaryKeyConstraint('publicity_correspondents_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('publicity_correspondents_org_fk', ['tenant_id', 'org_id'], 'organisations', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('publicity_correspondents_path_idx').on('publicity_correspondents').columns(['tenant_id', 'org_path']).execute();
      // One open-ended row per (organisation, account); ended and deleted rows are history.
      await db.schema.createIndex('publicity_correspondents_active_uq').unique().on('publicity_correspondents').columns(['tenant_id', 'org_id', 'user_id'])
        .where(sql.ref('user_id'), 'is not', null).where(sql.ref('until'), 'is', null).where(sql.ref('deleted_at'), 'is', null).execute();

      await db.schema
        .createTable('publicity_trainings')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('correspondent_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('from_date', 'text', (c) => c.notNull())
        .addColumn('to_date', 'text', (c) => c.notNull())
        .addColumn('hours', 'double precision', (c) => c.notNull())
        .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('deleted_at', 'text')
        .addPrimaryKeyConstraint('publicity_trainings_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('publicity_trainings_corr_fk', ['tenant_id', 'correspondent_id'], 'publicity_correspondents', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('publicity_trainings_corr_idx').on('publicity_trainings').columns(['tenant_id', 'correspondent_id']).execute();

      await db.schema
        .createTable('publicity_manuscripts')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('org_id', 'text', (c) => c.notNull())
        .addColumn('org_path', pathType(dialect), (c) => c.notNull())
        .addColumn('author_user_id', 'text', (c) => c.notNull())
        .addColumn('author_name', 'text', (c) => c.notNull())
        .addColumn('correspondent_id', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('body_text', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('outlet', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('submitted_at', 'text')
        .addColumn('adopted_at', 'text')
        .addColumn('rejected_at', 'text')
        .addColumn('reject_reason', 'text')
        .addColumn('published_at', 'text')
        .addColumn('published_on', 'text')
        .addColumn('published_outlet', 'text')
        .addColumn('published_level', 'text')
        .addColumn('published_ref', 'text')
        .addColumn('quality', 'integer')
        .addColumn('quality_note', 'text')
        .addColumn('quality_by', 'text')
        .addColumn('editor_user_id', 'text')
        .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .addPrimaryKeyConstraint('publicity_manuscripts_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('publicity_manuscripts_org_fk', ['tenant_id', 'org_id'], 'organisations', ['tenant_id', 'id'])
        .addForeignKeyConstraint('publicity_manuscripts_corr_fk', ['tenant_id', 'correspondent_id'], 'publicity_correspondents', ['tenant_id', 'id'])
        .execute();
      // Lists in scope, the review queue (status + path), an author's own, statistics by the dates they count.
      await db.schema.createIndex('publicity_manuscripts_path_idx').on('publicity_manuscripts').columns(['tenant_id', 'org_path', 'updated_at']).execute();
      await db.schema.createIndex('publicity_manuscripts_status_idx').on('publicity_manuscripts').columns(['tenant_id', 'status', 'org_path']).execute();
      await db.schema.createIndex('publicity_manuscripts_author_idx').on('publicity_manuscripts').columns(['tenant_id', 'author_user_id', 'updated_at']).execute();
      await db.schema.createIndex('publicity_manuscripts_submitted_idx').on('publicity_manuscripts').columns(['tenant_id', 'submitted_at']).execute();
      await db.schema.createIndex('publicity_manuscripts_adopted_idx').on('publicity_manuscripts').columns(['tenant_id', 'adopted_at']).execute();
      await db.schema.createIndex('publicity_manuscripts_published_idx').on('publicity_manuscripts').columns(['tenant_id', 'published_on']).execute();
      await db.schema.createIndex('publicity_manuscripts_corr_idx').on('publicity_manuscripts').columns(['tenant_id', 'correspondent_id']).execute();

      await db.schema
        .createTable('publicity_comments')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('manuscript_id', 'text', (c) => c.notNull())
        .addColumn('author_user_id', 'text')
        .addColumn('author_name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('request_revision', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('publicity_comments_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('publicity_comments_ms_fk', ['tenant_id', 'manuscript_id'], 'publicity_manuscripts', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('publicity_comments_ms_idx').on('publicity_comments').columns(['tenant_id', 'manuscript_id', 'created_at']).execute();

      await db.schema
        .createTable('publicity_revisions')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('manuscript_id', 'text', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addPrimaryKeyConstraint('publicity_revisions_pk', ['tenant_id', 'manuscript_id', 'revision'])
        .addForeignKeyConstraint('publicity_revisions_ms_fk', ['tenant_id', 'manuscript_id'], 'publicity_manuscripts', ['tenant_id', 'id'])
        .execute();
    },
  };
}
