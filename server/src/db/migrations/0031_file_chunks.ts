// Large files (training videos) kept in the database like every attachment, but in numbered pieces: an upload is
// written piece by piece from a temporary file and a range request reads only the pieces it covers.
import type { Kysely } from 'kysely';
import type { DbDialect } from '../../config.js';

export function migration0031(dialect: DbDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('file_chunks')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('file_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('data', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
        .addPrimaryKeyConstraint('file_chunks_pk', ['tenant_id', 'file_id', 'seq'])
        .addForeignKeyConstraint('file_chunks_file_fk', ['tenant_id', 'file_id'], 'files', ['tenant_id', 'id'])
        .execute();
    },
  };
}
