// password_history: the hashes an account's password had before, so that a new password cannot be one of the last
// few (the security policy's passwordHistory, 等保 periodic change). A trigger keeps the replaced hash whatever wrote
// the new one (the user's own change, an administrator's reset, create-admin): a reset cannot wash the history.
// The user's own change prunes the account's rows to what the policy asks for.
import { sql, type Kysely } from 'kysely';
import type { DbDialect } from '../../config.js';

export function migration0016(dialect: DbDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('password_history')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('user_id', 'text', (c) => c.notNull())
        // 1, 2, … per account in the order the passwords were replaced (two changes can share a timestamp).
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('replaced_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('password_history_pk', ['tenant_id', 'user_id', 'seq'])
        .addForeignKeyConstraint('password_history_user_fk', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'id'])
        .execute();
      // The users row is being updated, so concurrent changes of one account are serialised and max(seq) is safe.
      const keep = `insert into password_history (tenant_id, user_id, seq, password_hash, replaced_at)
        select old.tenant_id, old.id, coalesce(max(h.seq), 0) + 1, old.password_hash, new.updated_at
        from password_history h where h.tenant_id = old.tenant_id and h.user_id = old.id`;
      if (dialect === 'postgres') {
        await sql.raw(`create or replace function password_history_keep() returns trigger language plpgsql as $$
          begin
            ${keep};
            return null;
          end $$`).execute(db);
        await sql.raw('drop trigger if exists users_password_history on users').execute(db);
        await sql.raw(`create trigger users_password_history after update of password_hash on users for each row
          when (old.password_hash is distinct from new.password_hash) execute function password_history_keep()`).execute(db);
      } else {
        await sql.raw(`create trigger if not exists users_password_history after update of password_hash on users
          when old.password_hash is not new.password_hash begin ${keep}; end`).execute(db);
      }
    },
  };
}
