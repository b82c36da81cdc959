// Employees as other modules see them (e.g. 志愿服务's non-member volunteers): by id, or the one an account is linked to.
import { sql } from 'kysely';
import type { DbOrTx } from '../../db/types.js';
import { likeLiteral } from '../../db/dialect.js';
import { inSlices } from '../../db/batch.js';

export interface StaffSummary {
  id: string;
  name: string;
  userId: string | null;
  deleted: boolean;
}

/** Employees of one tenant by id (deleted ones too, so old records keep a name). */
export async function staffSummaries(db: DbOrTx, tenantId: string, ids: readonly string[]): Promise<Map<string, StaffSummary>> {
  const rows = await inSlices([...new Set(ids)], (slice) => db.selectFrom('staff').select(['id', 'name', 'user_id', 'deleted_at'])
    .where('tenant_id', '=', tenantId).where('id', 'in', slice).execute());
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, userId: r.user_id, deleted: r.deleted_at !== null }]));
}


/**
 * Live employees who are not (live) Party members, by name (a keyword matches anywhere) or among `ids`: the
 * employees 志愿服务 may pair as non-member volunteers (a member is always paired as a member).
 */
export async function nonMemberStaff(db: DbOrTx, tenantId: string, opts: { keyword?: string | undefined; ids?: readonly string[]; limit?: number }): Promise<StaffSummary[]> {
  let q = db.selectFrom('staff as s').select(['s.id', 's.name', 's.user_id']).where('s.tenant_id', '=', tenantId).where('s.deleted_at', 'is', null).where('s.employment', '<>', 'left')
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('members as m').select('m.id').whereRef('m.tenant_id', '=', 's.tenant_id').whereRef('m.staff_id', '=', 's.id').where('m.deleted_at', 'is', null))));
  if (opts.ids) {
    if (opts.ids.length === 0) return [];
    q = q.where('s.id', 'in', [...opts.ids]);
  }
  if (opts.keyword) q = q.where(likeLiteral(sql.ref<string>('s.name'), opts.keyword, 'anywhere'));
  const rows = await q.orderBy('s.name').orderBy('s.id').limit(opts.limit ?? 200).execute();
  return rows.map((r) => ({ id: r.id, name: r.name, userId: r.user_id, deleted: false }));
}
