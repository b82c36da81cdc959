// The SQL of the register of residents: the filtered, scoped list (scope, filters, paging and count in the
// statement, never after fetching), the open pairings and recent visits of a record, and the 小区 in sight.
import { sql } from 'kysely';
import { inSlices } from '../../db/batch.js';
import type { Db, DbOrTx } from '../../db/types.js';
import { inSubtree, likeLiteral, totalRidesOnPage } from '../../db/dialect.js';
import type { DbDialect } from '../../config.js';
import type { Actor } from '../../platform/access/actor.js';
import { liveOrgOf } from '../org/index.js';
import { overdueCondition } from './due.js';
import { pairedWith, visibleResidents } from './policy.js';
import type { VolunteerRules } from './settings.js';
import type { ResidentFilters } from './residentSchema.js';
import type { VolunteerKind, VolunteerResidentTable } from './tables.js';
import { volunteerKey, volunteersByKey, type Volunteer } from './volunteers.js';

const base = (db: Db, tenantId: string) => db.selectFrom('volunteer_residents as vr').where('vr.tenant_id', '=', tenantId).where('vr.deleted_at', 'is', null);
type ResidentQuery = ReturnType<typeof base>;

/** Live residents the actor sees, narrowed by the list's filters. */
export async function filteredResidents(db: Db, actor: Actor, self: Volunteer | undefined, f: Partial<ResidentFilters>, today: string, rules: VolunteerRules): Promise<ResidentQuery> {
  let q: ResidentQuery = base(db, actor.tenantId).where(visibleResidents(actor, self));
  if (f.orgId) {
    const org = await liveOrgOf(db, actor, f.orgId);
    q = org ? q.where(inSubtree(sql.ref<string>('vr.org_path'), org.path)) : q.where(sql<boolean>`1 = 0`);
  }
  const status = f.status ?? 'active';
  if (status !== 'all') q = q.where('vr.status', '=', status);
  if (f.community) q = q.where('vr.community', '=', f.community);
  if (f.risk) q = q.where('vr.risk', '=', f.risk);
  // living is a JSON array of codes: the quoted code is found only as a whole element.
  if (f.living) q = q.where(likeLiteral(sql.ref<string>('vr.living'), `"${f.living}"`, 'anywhere'));
  if (f.keyword) q = q.where(likeLiteral(sql.ref<string>('vr.name'), f.keyword, 'anywhere'));
  if (f.overdue) q = q.where(overdueCondition(today, rules, 'vr'));
  if (f.paired !== undefined) {
    const open = sql<boolean>`exists (select 1 from volunteer_pairings vp where vp.tenant_id = vr.tenant_id and vp.resident_id = vr.id and vp.ended_on is null)`;
    q = q.where(f.paired ? open : sql<boolean>`not ${open}`);
  }
  return q;
}

/** The columns a list item shows: no ciphertext except the phone's (a list shows it masked). */
export const LIST_COLUMNS = [
  'vr.tenant_id', 'vr.id', 'vr.org_id', 'vr.name', 'vr.gender', 'vr.birth_date', 'vr.community', 'vr.phone_enc', 'vr.living', 'vr.risk', 'vr.status',
  'vr.status_on', 'vr.last_visit_on', 'vr.registered_on',
] as const;
export type ListRow = Pick<VolunteerResidentTable, 'tenant_id' | 'id' | 'org_id' | 'name' | 'gender' | 'birth_date' | 'community' | 'phone_enc' | 'living' | 'risk' | 'status' | 'status_on' | 'last_visit_on' | 'registered_on'>;

/**
 * One page (or, for an export, every row up to the limit) with the total: whole rows for an export (`full`), the
 * list's columns otherwise.
 */
export async function residentPage<Full extends boolean>(
  db: Db, dialect: DbDialect, actor: Actor, self: Volunteer | undefined, f: Partial<ResidentFilters>, today: string, rules: VolunteerRules,
  win: { limit: number; offset: number }, full: Full,
): Promise<{ rows: (Full extends true ? VolunteerResidentTable : ListRow)[]; total: number }> {
  type Row = Full extends true ? VolunteerResidentTable : ListRow;
  const q = await filteredResidents(db, actor, self, f, today, rules);
  const selected = full ? q.selectAll('vr') : q.select(LIST_COLUMNS);
  // The overdue list reads longest-unvisited first; the register reads by 小区 and name.
  const ordered = f.overdue
    ? selected.orderBy(sql`coalesce(vr.last_visit_on, vr.registered_on)`).orderBy('vr.id')
    : selected.orderBy('vr.community').orderBy('vr.name').orderBy('vr.id');
  const count = async () => Number((await q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
  if (totalRidesOnPage(dialect)) {
    // One statement; only a page past the end counts again (as the member roster does, db/dialect.ts).
    const found = await ordered.select(sql<number | string>`count(*) over ()`.as('total_count')).limit(win.limit).offset(win.offset).execute();
    const total = found.length > 0 ? Number(found[0]!.total_count) : win.offset === 0 ? 0 : await count();
    return { rows: found.map(({ total_count: _n, ...r }) => r as unknown as Row), total };
  }
  // SQLite runs statements one after the other anyway: a page that is not full (a short list, the last page) already
  // says the total, so only a full page counts.
  const rows = await ordered.limit(win.limit).offset(win.offset).execute();
  const total = rows.length < win.limit && (rows.length > 0 || win.offset === 0) ? win.offset + rows.length : await count();
  return { rows: rows as unknown as Row[], total };
}

export interface VolunteerRef { kind: VolunteerKind; name: string }

/** The volunteers paired now with each of the residents, by resident id. */
export async function openVolunteers(db: DbOrTx, tenantId: string, residentIds: readonly string[]): Promise<Map<string, VolunteerRef[]>> {
  const out = new Map<string, VolunteerRef[]>();
  if (residentIds.length === 0) return out;
  // An export passes every row: sliced, so the IN list stays within SQLite's bind-parameter limit. A resident's
  // pairings all fall in one slice, so their order holds.
  const rows = await inSlices(residentIds, (slice) => db.selectFrom('volunteer_pairings').select(['resident_id', 'volunteer_kind', 'volunteer_id']).where('tenant_id', '=', tenantId)
    .where('resident_id', 'in', slice).where('ended_on', 'is', null).orderBy('started_on').orderBy('id').execute());
  const names = await volunteersByKey(db, tenantId, rows.map((r) => ({ kind: r.volunteer_kind, id: r.volunteer_id })));
  for (const r of rows) {
    const name = names.get(volunteerKey(r.volunteer_kind, r.volunteer_id))?.name ?? '（已删除）';
    out.set(r.resident_id, [...(out.get(r.resident_id) ?? []), { kind: r.volunteer_kind, name }]);
  }
  return out;
}

/** Which of the residents the volunteer is paired with now. */
export async function pairedIds(db: DbOrTx, tenantId: string, self: Volunteer | undefined, residentIds: readonly string[]): Promise<Set<string>> {
  if (!self || residentIds.length === 0) return new Set();
  const rows = await inSlices(residentIds, (slice) => db.selectFrom('volunteer_residents as vr').select('vr.id').where('vr.tenant_id', '=', tenantId).where('vr.id', 'in', slice)
    .where(pairedWith(self, 'vr')).execute());
  return new Set(rows.map((r) => r.id));
}

/** A resident's pairings: open ones first (earliest first), then ended ones (latest ended first). */
export function residentPairings(db: DbOrTx, r: Pick<VolunteerResidentTable, 'tenant_id' | 'id'>) {
  return db.selectFrom('volunteer_pairings').selectAll().where('tenant_id', '=', r.tenant_id).where('resident_id', '=', r.id)
    .orderBy(sql`case when ended_on is null then 0 else 1 end`).orderBy('ended_on', 'desc').orderBy('started_on').orderBy('id').execute();
}

/** The resident's latest live visits. */
export function recentVisits(db: DbOrTx, r: Pick<VolunteerResidentTable, 'tenant_id' | 'id'>, limit = 10) {
  return db.selectFrom('volunteer_visits').selectAll().where('tenant_id', '=', r.tenant_id).where('resident_id', '=', r.id).where('deleted_at', 'is', null)
    .orderBy('visited_on', 'desc').orderBy('created_at', 'desc').limit(limit).execute();
}

/** The 小区 of the residents the actor sees (any status), for the list's filter. */
export async function communities(db: Db, actor: Actor, self: Volunteer | undefined): Promise<string[]> {
  const rows = await db.selectFrom('volunteer_residents as vr').select('vr.community').distinct().where('vr.tenant_id', '=', actor.tenantId)
    .where('vr.deleted_at', 'is', null).where(visibleResidents(actor, self)).orderBy('vr.community').execute();
  return rows.map((r) => r.community);
}
