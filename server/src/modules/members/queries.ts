// SQL of the members module: the joined member row (identity from staff, unit, branch and group
// names) and the list filters. Scope is always policy.ts's filter on m.org_path, applied in SQL.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db, DbOrTx, MemberTable, StaffTable } from '../../db/types.js';
import { inSubtree, totalRidesOnPage } from '../../db/dialect.js';
import type { DbDialect } from '../../config.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Permission } from '../../platform/access/permissions.js';
import type { FieldCrypto } from '../../platform/crypto/fieldCrypto.js';
import { nameBeside, orgNames, orgNamesOf } from '../org/index.js';
import { unitNames } from '../units/index.js';
import { ageBandCondition, keywordCondition } from '../staff/index.js';
import type { MemberListQuery } from './schema.js';
import { readablePlace, visibleMembers } from './policy.js';

export type MemberCore = MemberTable & Omit<StaffTable, 'id' | 'tenant_id' | 'created_at' | 'updated_at' | 'deleted_at' | 'party_work' | 'party_work_since' | 'party_work_until'>;
export type MemberRow = MemberCore & { unit_name: string; branch_name: string; group_name: string | null };

/**
 * Members joined with their identity. Unit and organisation names are looked up afterwards for the rows
 * actually returned (withNames): those tables are small and rarely analysed, and joining them into the
 * main query let PostgreSQL pick cross-product plans that cost seconds on a few thousand members.
 */
export function memberBase(db: DbOrTx) {
  return db
    .selectFrom('members as m')
    .innerJoin('staff as s', (j) => j.onRef('s.tenant_id', '=', 'm.tenant_id').onRef('s.id', '=', 'm.staff_id'))
    .where('m.deleted_at', 'is', null);
}

/** Members in the actor's scope for `permission`. */
export function scopedMembers(db: DbOrTx, actor: Actor, permission: Permission) {
  return memberBase(db).where(visibleMembers(actor, permission));
}

export const selectMemberCore = <Q extends ReturnType<typeof memberBase>>(q: Q) =>
  q.selectAll('m').select([
    's.unit_id', 's.name', 's.gender', 's.ethnicity', 's.birth_date', 's.id_number_enc', 's.id_number_hash', 's.phone_enc', 's.education',
    's.native_place', 's.address_enc', 's.post', 's.employment', 's.work_started_on',
  ]);

/**
 * Adds the unit, branch and group names to member rows (two small keyed lookups). With the reading actor,
 * organisation names come from the cached tree of their tenant (org module) and only units are read.
 */
export async function withNames(db: DbOrTx, rows: MemberCore[], reader?: Actor): Promise<MemberRow[]> {
  if (rows.length === 0) return [];
  const tenantIds = [...new Set(rows.map((r) => r.tenant_id))];
  const unitIds = [...new Set(rows.map((r) => r.unit_id))];
  const orgIds = [...new Set(rows.flatMap((r) => (r.group_id ? [r.branch_id, r.group_id] : [r.branch_id])))];
  // Through the owning modules: names are theirs to read.
  const [units, orgs] = await Promise.all([
    unitNames(db, tenantIds, unitIds),
    reader && tenantIds.length === 1 && tenantIds[0] === reader.tenantId ? orgNamesOf(db, reader, orgIds) : orgNames(db, tenantIds, orgIds),
  ]);
  return rows.map((r) => {
    const branchName = orgs.get(`${r.tenant_id}/${r.branch_id}`) ?? '';
    const groupName = r.group_id ? (orgs.get(`${r.tenant_id}/${r.group_id}`) ?? null) : null;
    // The group is always shown beside the branch (and kept so in history): its own name, not branch/group again.
    return { ...r, unit_name: units.get(`${r.tenant_id}/${r.unit_id}`) ?? '', branch_name: branchName, group_name: groupName && nameBeside(groupName, branchName) };
  });
}

/** The named rows a member query selects. */
export async function fetchMembers<Q extends ReturnType<typeof memberBase>>(db: DbOrTx, q: Q): Promise<MemberRow[]> {
  return withNames(db, (await selectMemberCore(q).execute()) as MemberCore[]);
}

/** One member in the actor's scope for `permission`, or undefined (the caller answers 404). */
export async function memberInScope(db: DbOrTx, actor: Actor, permission: Permission, id: string): Promise<MemberRow | undefined> {
  return (await fetchMembers(db, scopedMembers(db, actor, permission).where('m.id', '=', id)))[0];
}

type Filters = Omit<MemberListQuery, 'page' | 'pageSize' | 'format' | 'sort' | 'order'>;

export async function filteredMembers(db: Db, crypto: FieldCrypto, actor: Actor, f: Filters, today: string) {
  let q = scopedMembers(db, actor, 'member.read');
  if (f.orgId) {
    const org = await readablePlace(db, actor, f.orgId);
    q = org ? q.where(inSubtree(sql.ref('m.org_path'), org.path)) : q.where(sql<SqlBool>`1 = 0`);
  }
  if (f.keyword) q = q.where(keywordCondition(crypto, f.keyword, visibleMembers(actor, 'member.sensitive')));
  if (f.type) q = q.where('m.type', '=', f.type);
  if (f.status) q = q.where('m.status', '=', f.status);
  if (f.employment) q = q.where('s.employment', '=', f.employment);
  if (f.gender) q = q.where('s.gender', '=', f.gender);
  if (f.education) q = q.where('s.education', '=', f.education);
  if (f.ageBand) q = q.where(ageBandCondition('s.birth_date', f.ageBand, today));
  if (f.joinYearFrom !== undefined) q = q.where('m.joined_on', '>=', `${f.joinYearFrom}-01-01`);
  if (f.joinYearTo !== undefined) q = q.where('m.joined_on', '<=', `${f.joinYearTo}-12-31`);
  return q;
}

/** Sort keys → column and the direction that means "ascending" to the user. */
const SORTS: Record<MemberListQuery['sort'], [Expression<unknown>, 'asc' | 'desc']> = {
  name: [sql.ref('s.name'), 'asc'],
  joinedOn: [sql.ref('m.joined_on'), 'asc'],
  birthDate: [sql.ref('s.birth_date'), 'asc'],
  age: [sql.ref('s.birth_date'), 'desc'],
  // 党龄 counts from 转正; probationary members (no date yet) have the smallest Party age.
  partyAge: [sql`coalesce(m.confirmed_on, '9999-12-31')`, 'desc'],
  confirmedOn: [sql`coalesce(m.confirmed_on, '9999-12-31')`, 'asc'],
  org: [sql.ref('m.org_path'), 'asc'],
  createdAt: [sql.ref('m.created_at'), 'asc'],
};

/** A page of the members the actor may read, filtered and ordered as asked, with names, and how many match. */
export async function memberPage(
  db: Db, dialect: DbDialect, crypto: FieldCrypto, actor: Actor, q: Filters & Pick<MemberListQuery, 'sort' | 'order'>, today: string,
  win: { limit: number; offset: number },
): Promise<{ rows: MemberRow[]; total: number }> {
  const base = await filteredMembers(db, crypto, actor, q, today);
  const [col, natural] = SORTS[q.sort];
  const dir = q.order === 'asc' ? natural : natural === 'asc' ? 'desc' : 'asc';
  let ordered = selectMemberCore(base).orderBy(col, dir);
  if (q.sort !== 'name') ordered = ordered.orderBy('s.name', 'asc');
  const { limit, offset } = win;
  const count = async () => Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  let page: MemberCore[];
  let total: number;
  if (totalRidesOnPage(dialect)) {
    // One statement; only a page past the end counts again.
    const found = await ordered.select(sql<number>`count(*) over ()`.as('total_count')).orderBy('m.id', 'asc').limit(limit).offset(offset).execute();
    page = found as MemberCore[];
    total = found.length > 0 ? Number(found[0]!.total_count) : offset === 0 ? 0 : await count();
  } else {
    [page, total] = await Promise.all([ordered.orderBy('m.id', 'asc').limit(limit).offset(offset).execute() as Promise<MemberCore[]>, count()]);
  }
  return { rows: await withNames(db, page, actor), total };
}

/** The dated events of one member record, newest first. */
export function memberEvents(db: DbOrTx, m: Pick<MemberTable, 'tenant_id' | 'id'>) {
  return db
    .selectFrom('member_events as e')
    .select(['e.id', 'e.kind', 'e.occurred_on', 'e.reason', 'e.before', 'e.after', 'e.recorded_at', 'e.recorded_by'])
    .where('e.tenant_id', '=', m.tenant_id)
    .where('e.member_id', '=', m.id)
    .orderBy('e.occurred_on', 'desc').orderBy('e.recorded_at', 'desc').orderBy('e.id', 'desc')
    .execute();
}
