// Names and places of members by id, for other modules (committee posts) that show who holds what.
import type { Db } from '../../db/types.js';

export interface MemberSummary {
  id: string;
  name: string;
  branchId: string;
  groupId: string | null;
}

/** Summaries of the given members of one tenant (soft-deleted members included, so old posts keep a name). */
export async function memberSummaries(db: Db, tenantId: string, ids: readonly string[]): Promise<Map<string, MemberSummary>> {
  const out = new Map<string, MemberSummary>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    const rows = await db
      .selectFrom('members as m')
      .innerJoin('staff as s', (j) => j.onRef('s.tenant_id', '=', 'm.tenant_id').onRef('s.id', '=', 'm.staff_id'))
      .select(['m.id', 's.name', 'm.branch_id', 'm.group_id'])
      .where('m.tenant_id', '=', tenantId)
      .where('m.id', 'in', chunk)
      .execute();
    for (const r of rows) out.set(r.id, { id: r.id, name: r.name, branchId: r.branch_id, groupId: r.group_id });
  }
  return out;
}
