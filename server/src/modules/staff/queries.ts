// SQL of the staff module: the joined row (unit name, membership) and the list filters.
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Db, DbOrTx, StaffTable } from '../../db/types.js';
import { inSubtree, likeLiteral } from '../../db/dialect.js';
import type { FieldCrypto } from '../../platform/crypto/fieldCrypto.js';
import { ageBandBirthBounds, type AgeBand } from '../people/validation.js';
import type { StaffListQuery } from './schema.js';

/** Sort keys → column and the direction that means "ascending" to the user. */
const SORT_COLUMNS = {
  name: ['s.name', 'asc'], birthDate: ['s.birth_date', 'asc'], age: ['s.birth_date', 'desc'], workStartedOn: ['s.work_started_on', 'asc'],
  unitName: ['u.name', 'asc'], createdAt: ['s.created_at', 'asc'],
} as const;

export type StaffRow = StaffTable & { unit_name: string; member_id: string | null };

export function staffBase(db: DbOrTx, tenantId: string) {
  return db
    .selectFrom('staff as s')
    .innerJoin('units as u', (j) => j.onRef('u.tenant_id', '=', 's.tenant_id').onRef('u.id', '=', 's.unit_id'))
    .leftJoin('members as m', (j) => j.onRef('m.tenant_id', '=', 's.tenant_id').onRef('m.staff_id', '=', 's.id').on('m.deleted_at', 'is', null))
    .where('s.tenant_id', '=', tenantId)
    .where('s.deleted_at', 'is', null);
}

export const selectStaff = <Q extends ReturnType<typeof staffBase>>(q: Q) => q.selectAll('s').select(['u.name as unit_name', 'm.id as member_id']);

/** A keyword that is a whole 身份证号 is looked up exactly through the keyed hash; anything else matches names. */
export const looksLikeIdNumber = (k: string) => /^\d{17}[\dXx]$/.test(k);

/**
 * SQL on staff `s`: the name contains the keyword, or (a whole 身份证号) the identity has that number, but only
 * where `byIdNumber` holds: the viewer's member.sensitive scope. A search by the full number answers whether a
 * guess is right, so to a masked viewer it would rebuild the hidden digits one guess at a time (issue 16).
 */
export function keywordCondition(crypto: FieldCrypto, k: string, byIdNumber: Expression<SqlBool> | boolean): Expression<SqlBool> {
  const byName = likeLiteral(sql.ref<string>('s.name'), k, 'anywhere');
  if (!looksLikeIdNumber(k) || byIdNumber === false) return byName;
  const hash = sql<SqlBool>`s.id_number_hash = ${crypto.lookupHash(k)}`;
  return sql<SqlBool>`(${byName} or ${byIdNumber === true ? hash : sql<SqlBool>`(${hash} and ${byIdNumber})`})`;
}

type Filters = Pick<StaffListQuery, 'unitId' | 'keyword' | 'employment' | 'gender' | 'education' | 'ageBand' | 'isMember'>;

/** The filtered roster; `byIdNumber`: a keyword that is a whole 身份证号 may match it (the viewer may see it in clear). */
export async function filteredStaff(db: Db, crypto: FieldCrypto, tenantId: string, f: Filters, today: string, byIdNumber: boolean) {
  let q = staffBase(db, tenantId);
  if (f.unitId) {
    const unit = await db.selectFrom('units').select('path').where('tenant_id', '=', tenantId).where('id', '=', f.unitId).executeTakeFirst();
    q = unit ? q.where(inSubtree(sql.ref('u.path'), unit.path)) : q.where(sql<SqlBool>`1 = 0`);
  }
  if (f.keyword) q = q.where(keywordCondition(crypto, f.keyword, byIdNumber));
  if (f.employment) q = q.where('s.employment', '=', f.employment);
  if (f.gender) q = q.where('s.gender', '=', f.gender);
  if (f.education) q = q.where('s.education', '=', f.education);
  if (f.ageBand) q = q.where(ageBandCondition('s.birth_date', f.ageBand, today));
  if (f.isMember !== undefined) q = q.where('m.id', f.isMember ? 'is not' : 'is', null);
  return q;
}

/** SQL condition: a birth-date column puts the person in the age band on `today`. */
export function ageBandCondition(column: string, band: AgeBand, today: string): RawBuilder<SqlBool> {
  const b = ageBandBirthBounds(band, today);
  const parts = [
    ...(b.after ? [sql<SqlBool>`${sql.ref(column)} > ${b.after}`] : []),
    ...(b.onOrBefore ? [sql<SqlBool>`${sql.ref(column)} <= ${b.onOrBefore}`] : []),
  ];
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

/** A page of the filtered roster in the requested order, and how many rows match. */
export async function staffPage(
  db: Db, crypto: FieldCrypto, tenantId: string, q: Filters & Pick<StaffListQuery, 'sort' | 'order'>, today: string, win: { limit: number; offset: number },
  byIdNumber: boolean,
): Promise<{ rows: StaffRow[]; total: number }> {
  const base = await filteredStaff(db, crypto, tenantId, q, today, byIdNumber);
  const [col, natural] = SORT_COLUMNS[q.sort];
  const dir = q.order === natural ? 'asc' : 'desc';
  const [rows, count] = await Promise.all([
    selectStaff(base).orderBy(sql.ref(col), dir).orderBy('s.id', dir).limit(win.limit).offset(win.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
