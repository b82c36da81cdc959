// 志愿服务 (issue 18): residents cared for (sensitive fields encrypted), pairings with volunteers, visits, and
// voluntary-labour activities with hours per participant.
import { sql, type Kysely } from 'kysely';
import type { DbDialect } from '../../config.js';
import { pathType } from '../dialect.js';

export function migration0021(dialect: DbDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('volunteer_residents')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('org_id', 'text', (c) => c.notNull())
        .addColumn('org_path', pathType(dialect), (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('gender', 'text', (c) => c.notNull())
        .addColumn('birth_date', 'text', (c) => c.notNull())
        .addColumn('community', 'text', (c) => c.notNull())
        .addColumn('address_enc', 'text', (c) => c.notNull())
        .addColumn('phone_enc', 'text')
        .addColumn('id_number_enc', 'text')
        .addColumn('person_key', 'text', (c) => c.notNull())
        .addColumn('living', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('health_enc', 'text')
        .addColumn('needs', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('emergency_enc', 'text')
        .addColumn('risk', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('status_on', 'text')
        .addColumn('last_visit_on', 'text')
        .addColumn('registered_on', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .addPrimaryKeyConstraint('volunteer_residents_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('volunteer_residents_org_fk', ['tenant_id', 'org_id'], 'organisations', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('volunteer_residents_path_idx').on('volunteer_residents').columns(['tenant_id', 'org_path']).execute();
      await db.schema.createIndex('volunteer_residents_key_uq').on('volunteer_residents').columns(['tenant_id', 'person_key']).unique().execute();

      await db.schema
        .createTable('volunteer_pairings')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('resident_id', 'text', (c) => c.notNull())
        .addColumn('volunteer_kind', 'text', (c) => c.notNull())
        .addColumn('volunteer_id', 'text', (c) => c.notNull())
        .addColumn('slot', 'integer', (c) => c.notNull())
        .addColumn('started_on', 'text', (c) => c.notNull())
        .addColumn('ended_on', 'text')
        .addColumn('end_reason', 'text')
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('ended_by', 'text')
        .addColumn('ended_at', 'text')
        .addPrimaryKeyConstraint('volunteer_pairings_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('volunteer_pairings_resident_fk', ['tenant_id', 'resident_id'], 'volunteer_residents', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('volunteer_pairings_resident_idx').on('volunteer_pairings').columns(['tenant_id', 'resident_id']).execute();
      await db.schema.createIndex('volunteer_pairings_volunteer_idx').on('volunteer_pairings').columns(['tenant_id', 'volunteer_id']).execute();
      // While open: a volunteer holds each slot once (the limit, safe under concurrency) and a resident each volunteer once.
      await sql`create unique index volunteer_pairings_slot_uq on volunteer_pairings (tenant_id, volunteer_kind, volunteer_id, slot) where ended_on is null`.execute(db);
      await sql`create unique index volunteer_pairings_open_uq on volunteer_pairings (tenant_id, resident_id, volunteer_kind, volunteer_id) where ended_on is null`.execute(db);

      await db.schema
        .createTable('volunteer_visits')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('resident_id', 'text', (c) => c.notNull())
        .addColumn('org_path', pathType(dialect), (c) => c.notNull())
        .addColumn('volunteer_kind', 'text', (c) => c.notNull())
        .addColumn('volunteer_id', 'text', (c) => c.notNull())
        .addColumn('volunteer_org_id', 'text', (c) => c.notNull())
        .addColumn('volunteer_org_path', pathType(dialect), (c) => c.notNull())
        .addColumn('visited_on', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('minutes', 'integer', (c) => c.notNull())
        .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('condition', 'text', (c) => c.notNull())
        .addColumn('handled_at', 'text')
        .addColumn('handled_by', 'text')
        .addColumn('handled_note', 'text')
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .addPrimaryKeyConstraint('volunteer_visits_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('volunteer_visits_resident_fk', ['tenant_id', 'resident_id'], 'volunteer_residents', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('volunteer_visits_resident_idx').on('volunteer_visits').columns(['tenant_id', 'resident_id', 'visited_on']).execute();
      await db.schema.createIndex('volunteer_visits_path_idx').on('volunteer_visits').columns(['tenant_id', 'org_path']).execute();
      await db.schema.createIndex('volunteer_visits_hours_idx').on('volunteer_visits').columns(['tenant_id', 'volunteer_org_path', 'visited_on']).execute();
      await db.schema.createIndex('volunteer_visits_volunteer_idx').on('volunteer_visits').columns(['tenant_id', 'volunteer_id', 'visited_on']).execute();

      await db.schema
        .createTable('volunteer_activities')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('org_id', 'text', (c) => c.notNull())
        .addColumn('org_path', pathType(dialect), (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('held_on', 'text', (c) => c.notNull())
        .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('org_life_activity_id', 'text')
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .addPrimaryKeyConstraint('volunteer_activities_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('volunteer_activities_org_fk', ['tenant_id', 'org_id'], 'organisations', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('volunteer_activities_path_idx').on('volunteer_activities').columns(['tenant_id', 'org_path', 'held_on']).execute();
      await sql`create unique index volunteer_activities_source_uq on volunteer_activities (tenant_id, org_life_activity_id) where org_life_activity_id is not null and deleted_at is null`.execute(db);

      await db.schema
        .createTable('volunteer_activity_hours')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('activity_id', 'text', (c) => c.notNull())
        .addColumn('volunteer_kind', 'text', (c) => c.notNull())
        .addColumn('volunteer_id', 'text', (c) => c.notNull())
        .addColumn('volunteer_org_id', 'text', (c) => c.notNull())
        .addColumn('volunteer_org_path', pathType(dialect), (c) => c.notNull())
        .addColumn('held_on', 'text', (c) => c.notNull())
        .addColumn('minutes', 'integer', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .addPrimaryKeyConstraint('volunteer_activity_hours_pk', ['tenant_id', 'activity_id', 'volunteer_kind', 'volunteer_id'])
        .addForeignKeyConstraint('volunteer_activity_hours_activity_fk', ['tenant_id', 'activity_id'], 'volunteer_activities', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('volunteer_activity_hours_path_idx').on('volunteer_activity_hours').columns(['tenant_id', 'volunteer_org_path', 'held_on']).execute();
      await db.schema.createIndex('volunteer_activity_hours_volunteer_idx').on('volunteer_activity_hours').columns(['tenant_id', 'volunteer_id', 'held_on']).execute();
    },
  };
}
