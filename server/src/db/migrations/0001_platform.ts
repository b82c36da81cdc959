// Platform tables: tenants, organisations (minimal; grown by the org module), accounts, roles, grants,
// sessions, settings and the hash-chained audit log. Every business table leads its keys with tenant_id.
import { sql, type Kysely } from 'kysely';
import { pathType } from '../dialect.js';
import type { DbDialect } from '../../config.js';
import { SYSTEM_TENANT_ID } from '../../platform/tenants.js';

export function migration0001(dialect: DbDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('tenants')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('region_path', pathType(dialect), (c) => c.notNull().defaultTo('/'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('usernames')
        .addColumn('username', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('user_id', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('organisations')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('parent_id', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('code', 'text')
        .addColumn('path', pathType(dialect), (c) => c.notNull())
        .addColumn('depth', 'integer', (c) => c.notNull())
        .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .addPrimaryKeyConstraint('organisations_pk', ['tenant_id', 'id'])
        .addUniqueConstraint('organisations_path_uq', ['tenant_id', 'path'])
        .addForeignKeyConstraint('organisations_parent_fk', ['tenant_id', 'parent_id'], 'organisations', ['tenant_id', 'id'])
        .execute();

      await db.schema
        .createTable('users')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'text')
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_login_at', 'text')
        .addColumn('password_changed_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('users_pk', ['tenant_id', 'id'])
        .addUniqueConstraint('users_username_uq', ['tenant_id', 'username'])
        .execute();

      await db.schema
        .createTable('roles')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('builtin', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('separation', 'text')
        .addColumn('permissions', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .addPrimaryKeyConstraint('roles_pk', ['tenant_id', 'id'])
        .addUniqueConstraint('roles_code_uq', ['tenant_id', 'code'])
        .execute();

      await db.schema
        .createTable('grants')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('role_id', 'text', (c) => c.notNull())
        .addColumn('org_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('revoked_at', 'text')
        .addColumn('revoked_by', 'text')
        .addPrimaryKeyConstraint('grants_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('grants_user_fk', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'id'])
        .addForeignKeyConstraint('grants_role_fk', ['tenant_id', 'role_id'], 'roles', ['tenant_id', 'id'])
        .addForeignKeyConstraint('grants_org_fk', ['tenant_id', 'org_id'], 'organisations', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('grants_user_idx').on('grants').columns(['tenant_id', 'user_id']).execute();

      await db.schema
        .createTable('sessions')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('ip', 'text', (c) => c.notNull())
        .addColumn('user_agent', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .addPrimaryKeyConstraint('sessions_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('sessions_user_fk', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('sessions_user_idx').on('sessions').columns(['tenant_id', 'user_id']).execute();

      await db.schema
        .createTable('settings')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('settings_pk', ['tenant_id', 'key'])
        .execute();

      await db.schema
        .createTable('audit_log')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text')
        .addColumn('username', 'text')
        .addColumn('ip', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('entity', 'text')
        .addColumn('entity_id', 'text')
        .addColumn('before', 'text')
        .addColumn('after', 'text')
        .addColumn('request_id', 'text')
        .addColumn('status', 'integer')
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('audit_log_pk', ['tenant_id', 'seq'])
        .execute();
      await db.schema.createIndex('audit_log_at_idx').on('audit_log').columns(['tenant_id', 'at']).execute();

      await db.schema
        .createTable('audit_heads')
        .addColumn('tenant_id', 'text', (c) => c.primaryKey().references('tenants.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('mac', 'text', (c) => c.notNull())
        .execute();

      // The platform's own tenant holds what belongs to no committee (e.g. a failed login with an
      // unknown username), so every audit entry has a chain to live in.
      await sql`insert into tenants (id, name, region_path, created_at)
        values (${SYSTEM_TENANT_ID}, '平台', '/', ${new Date().toISOString()})`.execute(db);

      // Append-only at the database too: the application's own connection cannot rewrite history.
      // Someone with owner rights can drop the trigger, which is what the hash chain is for.
      if (dialect === 'postgres') {
        await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
          begin raise exception 'audit_log is append-only'; end $$`.execute(db);
        await sql`create trigger audit_log_no_change before update or delete on audit_log
          for each row execute function audit_log_append_only()`.execute(db);
      } else {
        await sql`create trigger audit_log_no_update before update on audit_log
          begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
        await sql`create trigger audit_log_no_delete before delete on audit_log
          begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
      }
    },
  };
}
