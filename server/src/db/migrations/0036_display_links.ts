// 大屏 (issue 23): the signed links a 党委管理员 issues for the 党建 room's wall screen. Only the token's SHA-256 is kept
// (the link is shown once); a link is looked up by that hash alone, before its tenant is known, so the hash is unique
// across tenants.
import type { Kysely } from 'kysely';
import type { DbDialect } from '../../config.js';

export function migration0036(_dialect: DbDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('display_links')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('org_id', 'text', (c) => c.notNull())
        .addColumn('place', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull())
        .addColumn('expires_on', 'text')
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_by', 'text')
        .addColumn('revoked_at', 'text')
        .addColumn('last_seen_at', 'text')
        .addPrimaryKeyConstraint('display_links_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('display_links_org_fk', ['tenant_id', 'org_id'], 'organisations', ['tenant_id', 'id'])
        .execute();
      // Unique within the tenant, like every key (db/schema.test.ts); the screen finds its link by the hash alone through
      // the plain index (the URL names no tenant), and 32 random bytes never meet twice, so that finds at most one row.
      await db.schema.createIndex('display_links_token_uq').on('display_links').columns(['tenant_id', 'token_hash']).unique().execute();
      await db.schema.createIndex('display_links_token_idx').on('display_links').column('token_hash').execute();
      await db.schema.createIndex('display_links_tenant_idx').on('display_links').columns(['tenant_id', 'created_at']).execute();
    },
  };
}
