// 组织生活 (issue 5): the 党委's monthly themes, meetings and activities (三会一课, 主题党日, activity days) with
// their records, and per-member attendance (expected attendees, 出席/请假/缺席/列席, QR sign-in, 补课).
// Photos and files live in platform/files under owner kind `orgLife`.
import type { Kysely } from 'kysely';
import { pathType } from '../dialect.js';
import type { DbDialect } from '../../config.js';

export function migration0009(dialect: DbDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('org_life_themes')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('day_kinds', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('published_at', 'text')
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('org_life_themes_pk', ['tenant_id', 'id'])
        .addUniqueConstraint('org_life_themes_month_uq', ['tenant_id', 'month'])
        .execute();

      await db.schema
        .createTable('org_life_activities')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('org_id', 'text', (c) => c.notNull())
        // The organisation's path: the record's scope; rewritten with the tree (rewriteOrgLifePaths).
        .addColumn('org_path', pathType(dialect), (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('theme_id', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('starts_at', 'text', (c) => c.notNull())
        .addColumn('ends_at', 'text', (c) => c.notNull())
        // Asia/Shanghai calendar date of starts_at: periods, statistics and calendars count by it in portable SQL.
        .addColumn('starts_on', 'text', (c) => c.notNull())
        .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('host_name', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('recorder_name', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('lecturer_name', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('agenda', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('minutes', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('decisions', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('votes', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('allow_visitors', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('held_at', 'text')
        .addColumn('archived_at', 'text')
        .addColumn('deleted_at', 'text')
        .addPrimaryKeyConstraint('org_life_activities_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('org_life_activities_org_fk', ['tenant_id', 'org_id'], 'organisations', ['tenant_id', 'id'])
        .addForeignKeyConstraint('org_life_activities_theme_fk', ['tenant_id', 'theme_id'], 'org_life_themes', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('org_life_activities_path_idx').on('org_life_activities').columns(['tenant_id', 'org_path', 'starts_at']).execute();
      await db.schema.createIndex('org_life_activities_starts_idx').on('org_life_activities').columns(['tenant_id', 'starts_at']).execute();
      await db.schema.createIndex('org_life_activities_kind_idx').on('org_life_activities').columns(['tenant_id', 'kind', 'starts_at']).execute();

      await db.schema
        .createTable('org_life_attendance')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('activity_id', 'text', (c) => c.notNull())
        .addColumn('member_id', 'text', (c) => c.notNull())
        .addColumn('expected', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('unmarked'))
        .addColumn('reason', 'text')
        .addColumn('signed_in_at', 'text')
        .addColumn('method', 'text')
        .addColumn('makeup_on', 'text')
        .addColumn('makeup_note', 'text')
        .addColumn('updated_by', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('org_life_attendance_pk', ['tenant_id', 'activity_id', 'member_id'])
        .addForeignKeyConstraint('org_life_attendance_activity_fk', ['tenant_id', 'activity_id'], 'org_life_activities', ['tenant_id', 'id'])
        .addForeignKeyConstraint('org_life_attendance_member_fk', ['tenant_id', 'member_id'], 'members', ['tenant_id', 'id'])
        .execute();
      // A member's own attendance history (personal record, 补课 lists).
      await db.schema.createIndex('org_life_attendance_member_idx').on('org_life_attendance').columns(['tenant_id', 'member_id']).execute();
    },
  };
}
