// The information base (管控信息): written entries (制度/职责/流程) with their review workflow, and every
// published version kept as a snapshot. Meetings, activities and assessments are not copied here: their
// modules register sources that the list, search and statistics read in place (modules/info/sources.ts).
import type { Kysely } from 'kysely';
import { pathType } from '../dialect.js';
import type { DbDialect } from '../../config.js';

export function migration0005(dialect: DbDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('info_entries')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('org_id', 'text', (c) => c.notNull())
        // Path of the organisation: the entry's scope; rewritten with the tree (rewriteInfoPaths).
        .addColumn('org_path', pathType(dialect), (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body_html', 'text', (c) => c.notNull())
        .addColumn('body_text', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('return_reason', 'text')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('submitted_by', 'text')
        .addColumn('submitted_at', 'text')
        .addColumn('published_by', 'text')
        .addColumn('published_at', 'text')
        .addColumn('first_published_at', 'text')
        // YYYY-MM (Asia/Shanghai) of the first publication: the month the statistics count the entry in.
        .addColumn('published_month', 'text')
        .addColumn('deleted_at', 'text')
        .addPrimaryKeyConstraint('info_entries_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('info_entries_org_fk', ['tenant_id', 'org_id'], 'organisations', ['tenant_id', 'id'])
        .execute();
      // Lists in scope (path range), the review queue (status + path), statistics (month + path).
      await db.schema.createIndex('info_entries_path_idx').on('info_entries').columns(['tenant_id', 'org_path', 'updated_at']).execute();
      await db.schema.createIndex('info_entries_status_idx').on('info_entries').columns(['tenant_id', 'status', 'org_path']).execute();
      await db.schema.createIndex('info_entries_month_idx').on('info_entries').columns(['tenant_id', 'published_month', 'org_path']).execute();
      await db.schema.createIndex('info_entries_updated_idx').on('info_entries').columns(['tenant_id', 'updated_at']).execute();

      await db.schema
        .createTable('info_entry_versions')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('entry_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body_html', 'text', (c) => c.notNull())
        .addColumn('published_by', 'text')
        .addColumn('published_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('info_entry_versions_pk', ['tenant_id', 'id'])
        .addUniqueConstraint('info_entry_versions_uq', ['tenant_id', 'entry_id', 'version'])
        .addForeignKeyConstraint('info_entry_versions_entry_fk', ['tenant_id', 'entry_id'], 'info_entries', ['tenant_id', 'id'])
        .execute();
    },
  };
}
