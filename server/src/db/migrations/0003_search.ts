// platform/search's index (ARCHITECTURE.md, "Search"): one table shared by every module, keyed by
// (tenant, kind, entity). PostgreSQL: tsvector rows (a very long text takes several chunks) with a GIN
// index. SQLite: a map to the rowids of a contentless FTS5 table holding the tokens.
import { sql, type Kysely } from 'kysely';
import type { DbDialect } from '../../config.js';

export function migration0003(dialect: DbDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect === 'postgres') {
        await db.schema
          .createTable('search_documents')
          .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('entity_id', 'text', (c) => c.notNull())
          .addColumn('chunk', 'integer', (c) => c.notNull())
          .addColumn('vec', sql`tsvector`, (c) => c.notNull())
          // the title alone (first chunk; empty on the others): small, so ranking never reads vec
          .addColumn('title_vec', sql`tsvector`, (c) => c.notNull())
          .addPrimaryKeyConstraint('search_documents_pk', ['tenant_id', 'kind', 'entity_id', 'chunk'])
          .execute();
        await sql`create index search_documents_vec_idx on search_documents using gin (vec)`.execute(db);
        return;
      }
      await db.schema
        .createTable('search_documents')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        // rowid of the document in search_fts (an explicit column: VACUUM may renumber implicit rowids)
        .addColumn('doc_id', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('search_documents_pk', ['tenant_id', 'kind', 'entity_id'])
        .execute();
      await db.schema.createIndex('search_documents_doc_idx').on('search_documents').column('doc_id').execute();
      await sql`create virtual table search_fts using fts5(title, body, content='', contentless_delete=1, tokenize='ascii')`.execute(db);
    },
  };
}
