// The reader 党费 uses: for each member, what their dues depend on (joined when, full or probationary, employed or
// retired, left when). Dues never name the roster's tables; they call this.
import { sql } from 'kysely';
import { inSubtree } from '../../db/dialect.js';
import { inSlices } from '../../db/batch.js';
import type { DbOrTx, Employment, MemberStatus, MemberType } from '../../db/types.js';

export interface MemberDuesFacts {
  id: string;
  name: string;
  branchId: string;
  orgPath: string;
  type: MemberType;
  status: MemberStatus;
  /** 入党 date: for a 预备党员 the day of the 支部大会 vote, from which dues are owed. */
  joinedOn: string;
  employment: Employment;
  /** The day the member stopped being one here (转出, 出党, 停止党籍, 去世); null while a member. */
  leftOn: string | null;
  userId: string | null;
}

/** Statuses after which no dues are billed here. */
export const LEFT_STATUSES: readonly MemberStatus[] = ['transferredOut', 'suspended', 'expelled', 'deceased'];

function base(db: DbOrTx, tenantId: string) {
  return db.selectFrom('members as m')
    .innerJoin('staff as s', (j) => j.onRef('s.tenant_id', '=', 'm.tenant_id').onRef('s.id', '=', 'm.staff_id'))
    .select(['m.id', 's.name', 'm.branch_id', 'm.org_path', 'm.type', 'm.status', 'm.joined_on', 's.employment', 'm.user_id', 'm.updated_at'])
    .select((eb) => eb.selectFrom('member_events as e').select((e) => e.fn.max('e.occurred_on').as('d'))
      .whereRef('e.tenant_id', '=', 'm.tenant_id').whereRef('e.member_id', '=', 'm.id').where('e.kind', 'in', ['transferOut', 'statusChanged']).as('last_status_on'))
    .where('m.tenant_id', '=', tenantId).where('m.deleted_at', 'is', null);
}

type Row = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];
const toFacts = (r: Row): MemberDuesFacts => ({
  id: r.id, name: r.name, branchId: r.branch_id, orgPath: r.org_path, type: r.type, status: r.status, joinedOn: r.joined_on, employment: r.employment,
  leftOn: LEFT_STATUSES.includes(r.status) ? String(r.last_status_on ?? r.updated_at.slice(0, 10)) : null, userId: r.user_id,
});

/** Live member records (any status) of the subtree at `path`, by place and name. */
export async function duesFactsUnder(db: DbOrTx, tenantId: string, path: string): Promise<MemberDuesFacts[]> {
  const rows = await base(db, tenantId).where(inSubtree(sql.ref<string>('m.org_path'), path)).orderBy('m.org_path').orderBy('s.name').orderBy('m.id').execute();
  return rows.map(toFacts);
}

/** The given live member records of one tenant. */
export async function duesFacts(db: DbOrTx, tenantId: string, ids: readonly string[]): Promise<Map<string, MemberDuesFacts>> {
  const rows = await inSlices(ids, (slice) => base(db, tenantId).where('m.id', 'in', slice).execute());
  return new Map(rows.map((r) => [r.id, toFacts(r)]));
}
