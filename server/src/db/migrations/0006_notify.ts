// platform/notify and platform/jobs: the in-app notifications and the job claims (job_runs).
import type { Kysely } from 'kysely';
import type { DbDialect } from '../../config.js';

export function migration0006(_dialect: DbDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('notifications')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text')
        .addColumn('link', 'text')
        .addColumn('dedupe_key', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('read_at', 'text')
        .addPrimaryKeyConstraint('notifications_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('notifications_user_fk', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'id'])
        .execute();
      // NULL dedupe keys are distinct on both dialects, so only keyed notifications are deduplicated; a plain
      // (not partial) unique index so that "on conflict (tenant_id, user_id, dedupe_key)" names it on both.
      await db.schema.createIndex('notifications_dedupe_uq').unique().on('notifications').columns(['tenant_id', 'user_id', 'dedupe_key']).execute();
      // The inbox: a user's notifications newest first, and the unread count.
      await db.schema.createIndex('notifications_inbox_ix').on('notifications').columns(['tenant_id', 'user_id', 'created_at']).execute();
      await db.schema.createIndex('notifications_unread_ix').on('notifications').columns(['tenant_id', 'user_id', 'read_at']).execute();

      await db.schema
        .createTable('job_runs')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('job', 'text', (c) => c.notNull())
        .addColumn('run_key', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('holder', 'text', (c) => c.notNull())
        .addColumn('lease_until', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addColumn('error', 'text')
        .addPrimaryKeyConstraint('job_runs_pk', ['tenant_id', 'job', 'run_key'])
        .execute();
      await db.schema.createIndex('job_runs_recent_ix').on('job_runs').columns(['tenant_id', 'started_at']).execute();
    },
  };
}
