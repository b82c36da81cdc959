// The member record a login account acts as (members.user_id), for modules where members act as
// themselves: QR sign-in to an activity, their own scores.
import type { DbOrTx } from '../../db/types.js';

export interface AccountMember {
  id: string;
  orgPath: string;
  branchId: string;
  groupId: string | null;
  name: string;
}

/** The active member record linked to the account, if any. */
export async function memberOfUser(db: DbOrTx, tenantId: string, userId: string): Promise<AccountMember | undefined> {
  const row = await db
    .selectFrom('members as m')
    .innerJoin('staff as s', (j) => j.onRef('s.tenant_id', '=', 'm.tenant_id').onRef('s.id', '=', 'm.staff_id'))
    .select(['m.id', 'm.org_path', 'm.branch_id', 'm.group_id', 's.name'])
    .where('m.tenant_id', '=', tenantId)
    .where('m.user_id', '=', userId)
    .where('m.status', '=', 'active')
    .where('m.deleted_at', 'is', null)
    .executeTakeFirst();
  return row && { id: row.id, orgPath: row.org_path, branchId: row.branch_id, groupId: row.group_id, name: row.name };
}
