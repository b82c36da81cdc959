// Employees as other modules see them (e.g. 志愿服务's non-member volunteers): by id, or the one an account is linked to.
import type { DbOrTx } from '../../db/types.js';
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

/** The live employee linked directly to this account (staff.user_id), if any. */
export async function staffOfUser(db: DbOrTx, tenantId: string, userId: string): Promise<StaffSummary | undefined> {
  const r = await db.selectFrom('staff').select(['id', 'name', 'user_id', 'deleted_at']).where('tenant_id', '=', tenantId).where('user_id', '=', userId)
    .where('deleted_at', 'is', null).executeTakeFirst();
  return r && { id: r.id, name: r.name, userId: r.user_id, deleted: false };
}
