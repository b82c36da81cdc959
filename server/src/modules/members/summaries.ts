// The people reader other modules use: members by id, or the members of a subtree, each with the name from their
// identity and where they sit. Other modules never name the members or staff tables; they call these.
import { sql } from 'kysely';
import { inSubtree } from '../../db/dialect.js';
import { inSlices } from '../../db/batch.js';
import type { DbOrTx, MemberStatus, MemberType } from '../../db/types.js';

export interface MemberSummary {
  id: string;
  name: string;
  branchId: string;
  groupId: string | null;
  /** Path of the group, or of the branch when in no group: the member's scope. */
  orgPath: string;
  type: MemberType;
  status: MemberStatus;
  /** The member's own login account, if linked. */
  userId: string | null;
  /** Soft-deleted records are returned by id (an old post keeps its name) and marked. */
  deleted: boolean;
}

function summaryBase(db: DbOrTx) {
  return db.selectFrom('members as m')
    .innerJoin('staff as s', (j) => j.onRef('s.tenant_id', '=', 'm.tenant_id').onRef('s.id', '=', 'm.staff_id'))
    .select(['m.id', 's.name', 'm.branch_id', 'm.group_id', 'm.org_path', 'm.type', 'm.status', 'm.user_id', 'm.deleted_at']);
}

type SummaryRow = { id: string; name: string; branch_id: string; group_id: string | null; org_path: string; type: MemberType; status: MemberStatus; user_id: string | null; deleted_at: string | null };

const toSummary = (r: SummaryRow): MemberSummary => ({
  id: r.id, name: r.name, branchId: r.branch_id, groupId: r.group_id, orgPath: r.org_path, type: r.type, status: r.status, userId: r.user_id, deleted: r.deleted_at !== null,
});

/** Summaries of the given members of one tenant (soft-deleted members included, so old records keep a name). */
export async function memberSummaries(db: DbOrTx, tenantId: string, ids: readonly string[]): Promise<Map<string, MemberSummary>> {
  const rows = await inSlices([...new Set(ids)], (slice) => summaryBase(db).where('m.tenant_id', '=', tenantId).where('m.id', 'in', slice).execute());
  return new Map(rows.map((r) => [r.id, toSummary(r)]));
}

/** Live members (not deleted) of the subtree at `path`, optionally of one status, by place, name and id. */
export async function membersUnder(db: DbOrTx, tenantId: string, path: string, opts: { status?: MemberStatus } = {}): Promise<MemberSummary[]> {
  let q = summaryBase(db).where('m.tenant_id', '=', tenantId).where('m.deleted_at', 'is', null).where(inSubtree(sql.ref<string>('m.org_path'), path));
  if (opts.status) q = q.where('m.status', '=', opts.status);
  return (await q.orderBy('m.org_path').orderBy('s.name').orderBy('m.id').execute()).map(toSummary);
}
