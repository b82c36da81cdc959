// 激励 (issue 19): 示范岗/责任区 plaques with their history and public ratings, evaluation rounds, 星级评定, and
// 表彰 selections with nominations, objections and the honours written to records.
import { sql, type Kysely } from 'kysely';
import type { DbDialect } from '../../config.js';
import { pathType } from '../dialect.js';

export function migration0023(dialect: DbDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const path = pathType(dialect);
      await db.schema
        .createTable('incentive_plaques')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('org_id', 'text', (c) => c.notNull())
        .addColumn('org_path', path, (c) => c.notNull())
        .addColumn('member_id', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('unit_id', 'text')
        .addColumn('post_name', 'text')
        .addColumn('area_kind', 'text')
        .addColumn('area_name', 'text')
        .addColumn('extent', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('commitment', 'text', (c) => c.notNull())
        .addColumn('period_from', 'text', (c) => c.notNull())
        .addColumn('period_to', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('public_code', 'text')
        .addColumn('issued_on', 'text')
        .addColumn('withdrawn_on', 'text')
        .addColumn('withdraw_reason', 'text')
        .addColumn('flagged', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .addPrimaryKeyConstraint('incentive_plaques_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('incentive_plaques_org_fk', ['tenant_id', 'org_id'], 'organisations', ['tenant_id', 'id'])
        .addForeignKeyConstraint('incentive_plaques_member_fk', ['tenant_id', 'member_id'], 'members', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('incentive_plaques_path_idx').on('incentive_plaques').columns(['tenant_id', 'org_path']).execute();
      await db.schema.createIndex('incentive_plaques_member_idx').on('incentive_plaques').columns(['tenant_id', 'member_id']).execute();
      await sql`create unique index incentive_plaques_code_uq on incentive_plaques (tenant_id, public_code) where public_code is not null`.execute(db);
      // The public page finds a plaque by its code alone (no tenant in the URL): a shared routing table, like usernames.
      await db.schema
        .createTable('incentive_public_codes')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('plaque_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('incentive_plaque_events')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('plaque_id', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('actor_id', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('incentive_plaque_events_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('incentive_plaque_events_plaque_fk', ['tenant_id', 'plaque_id'], 'incentive_plaques', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('incentive_plaque_events_plaque_idx').on('incentive_plaque_events').columns(['tenant_id', 'plaque_id', 'at']).execute();

      await db.schema
        .createTable('incentive_ratings')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('plaque_id', 'text', (c) => c.notNull())
        .addColumn('org_path', path, (c) => c.notNull())
        .addColumn('score', 'integer', (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('comment_status', 'text', (c) => c.notNull())
        .addColumn('moderated_by', 'text')
        .addColumn('moderated_at', 'text')
        .addColumn('device_key', 'text', (c) => c.notNull())
        .addColumn('address_key', 'text', (c) => c.notNull())
        .addColumn('rated_on', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('incentive_ratings_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('incentive_ratings_plaque_fk', ['tenant_id', 'plaque_id'], 'incentive_plaques', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('incentive_ratings_plaque_idx').on('incentive_ratings').columns(['tenant_id', 'plaque_id', 'rated_on']).execute();
      // One rating per device, plaque and day: two concurrent posts from one phone cannot both land.
      await db.schema.createIndex('incentive_ratings_device_uq').on('incentive_ratings').columns(['tenant_id', 'plaque_id', 'device_key', 'rated_on']).unique().execute();
      await db.schema.createIndex('incentive_ratings_address_idx').on('incentive_ratings').columns(['address_key', 'rated_on']).execute();
      await db.schema.createIndex('incentive_ratings_pending_idx').on('incentive_ratings').columns(['tenant_id', 'comment_status', 'org_path']).execute();

      await db.schema
        .createTable('incentive_evaluation_rounds')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('period_from', 'text', (c) => c.notNull())
        .addColumn('period_to', 'text', (c) => c.notNull())
        .addColumn('weights', 'text', (c) => c.notNull())
        .addColumn('threshold', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .addPrimaryKeyConstraint('incentive_evaluation_rounds_pk', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('incentive_evaluation_rounds_period_uq').on('incentive_evaluation_rounds').columns(['tenant_id', 'period']).unique().execute();

      await db.schema
        .createTable('incentive_evaluations')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('round_id', 'text', (c) => c.notNull())
        .addColumn('plaque_id', 'text', (c) => c.notNull())
        .addColumn('org_path', path, (c) => c.notNull())
        .addColumn('self_score', 'double precision')
        .addColumn('self_report', 'text')
        .addColumn('self_at', 'text')
        .addColumn('residents_score', 'double precision')
        .addColumn('rating_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('branch_score', 'double precision')
        .addColumn('branch_comment', 'text')
        .addColumn('branch_by', 'text')
        .addColumn('branch_at', 'text')
        .addColumn('total', 'double precision')
        .addColumn('flagged', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('incentive_evaluations_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('incentive_evaluations_round_fk', ['tenant_id', 'round_id'], 'incentive_evaluation_rounds', ['tenant_id', 'id'])
        .addForeignKeyConstraint('incentive_evaluations_plaque_fk', ['tenant_id', 'plaque_id'], 'incentive_plaques', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('incentive_evaluations_plaque_uq').on('incentive_evaluations').columns(['tenant_id', 'round_id', 'plaque_id']).unique().execute();
      await db.schema.createIndex('incentive_evaluations_path_idx').on('incentive_evaluations').columns(['tenant_id', 'org_path']).execute();

      await db.schema
        .createTable('incentive_stars')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('subject_kind', 'text', (c) => c.notNull())
        .addColumn('subject_key', 'text', (c) => c.notNull())
        .addColumn('subject_name', 'text', (c) => c.notNull())
        .addColumn('org_path', path, (c) => c.notNull())
        .addColumn('computed_score', 'double precision')
        .addColumn('basis', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('computed_stars', 'integer', (c) => c.notNull())
        .addColumn('stars', 'integer', (c) => c.notNull())
        .addColumn('adjust_reason', 'text')
        .addColumn('adjusted_by', 'text')
        .addColumn('adjusted_at', 'text')
        .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('incentive_stars_pk', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('incentive_stars_subject_uq').on('incentive_stars').columns(['tenant_id', 'year', 'subject_kind', 'subject_key']).unique().execute();
      await db.schema.createIndex('incentive_stars_path_idx').on('incentive_stars').columns(['tenant_id', 'year', 'org_path']).execute();

      await db.schema
        .createTable('incentive_selections')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('quotas', 'text', (c) => c.notNull())
        .addColumn('nominate_by', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('publicity_from', 'text')
        .addColumn('publicity_to', 'text')
        .addColumn('decided_on', 'text')
        .addColumn('decision_no', 'text')
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('incentive_selections_pk', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('incentive_selections_year_uq').on('incentive_selections').columns(['tenant_id', 'year']).unique().execute();

      await db.schema
        .createTable('incentive_nominations')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('selection_id', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('nominee_kind', 'text', (c) => c.notNull())
        .addColumn('nominee_id', 'text', (c) => c.notNull())
        .addColumn('nominee_name', 'text', (c) => c.notNull())
        .addColumn('org_id', 'text', (c) => c.notNull())
        .addColumn('org_path', path, (c) => c.notNull())
        .addColumn('deeds', 'text', (c) => c.notNull())
        .addColumn('snapshot', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('review_note', 'text')
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('incentive_nominations_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('incentive_nominations_selection_fk', ['tenant_id', 'selection_id'], 'incentive_selections', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('incentive_nominations_selection_idx').on('incentive_nominations').columns(['tenant_id', 'selection_id', 'category']).execute();
      await db.schema.createIndex('incentive_nominations_path_idx').on('incentive_nominations').columns(['tenant_id', 'org_path']).execute();
      // A nominee once per category of a selection while not withdrawn.
      await sql`create unique index incentive_nominations_nominee_uq on incentive_nominations (tenant_id, selection_id, category, nominee_id) where status <> 'withdrawn'`.execute(db);

      await db.schema
        .createTable('incentive_objections')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('nomination_id', 'text', (c) => c.notNull())
        .addColumn('received_on', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('handling', 'text')
        .addColumn('handled_by', 'text')
        .addColumn('handled_at', 'text')
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('incentive_objections_pk', ['tenant_id', 'id'])
        .addForeignKeyConstraint('incentive_objections_nomination_fk', ['tenant_id', 'nomination_id'], 'incentive_nominations', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('incentive_objections_nomination_idx').on('incentive_objections').columns(['tenant_id', 'nomination_id']).execute();

      await db.schema
        .createTable('incentive_honours')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('subject_kind', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'text', (c) => c.notNull())
        .addColumn('subject_name', 'text', (c) => c.notNull())
        .addColumn('org_path', path, (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('awarded_on', 'text', (c) => c.notNull())
        .addColumn('awarded_by', 'text', (c) => c.notNull())
        .addColumn('nomination_id', 'text')
        .addColumn('note', 'text')
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .addPrimaryKeyConstraint('incentive_honours_pk', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('incentive_honours_subject_idx').on('incentive_honours').columns(['tenant_id', 'subject_kind', 'subject_id']).execute();
      await db.schema.createIndex('incentive_honours_path_idx').on('incentive_honours').columns(['tenant_id', 'year', 'org_path']).execute();
      await sql`create unique index incentive_honours_nomination_uq on incentive_honours (tenant_id, nomination_id) where nomination_id is not null`.execute(db);
    },
  };
}
