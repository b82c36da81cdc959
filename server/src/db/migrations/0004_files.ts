// Attachments kept in the database itself (metadata and bytes in separate tables), so that several server
// processes on one PostgreSQL see the same files and a backup of the database is a backup of everything.
import type { Kysely } from 'kysely';
import type { DbDialect } from '../../config.js';

export function migration0004(dialect: DbDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('files')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('owner_kind', 'text', (c) => c.notNull())
        .addColumn('owner_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('mime', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .addPrimaryKeyConstraint('files_pk', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('files_owner_idx').on('files').columns(['tenant_id', 'owner_kind', 'owner_id']).execute();

      await db.schema
        .createTable('file_blobs')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('file_id', 'text', (c) => c.notNull())
        .addColumn('data', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
        .addPrimaryKeyConstraint('file_blobs_pk', ['tenant_id', 'file_id'])
        .addForeignKeyConstraint('file_blobs_file_fk', ['tenant_id', 'file_id'], 'files', ['tenant_id', 'id'])
        .execute();
    },
  };
}
