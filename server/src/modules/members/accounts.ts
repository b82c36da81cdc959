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

export interface LinkedAccount {
  userId: string;
  username: string;
  displayName: string;
}

/** The account linked to a member record, if any. */
export async function accountOfMember(db: DbOrTx, tenantId: string, memberId: string): Promise<LinkedAccount | null> {
  const row = await db
    .selectFrom('members as m')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'm.tenant_id').onRef('u.id', '=', 'm.user_id'))
    .select(['u.id', 'u.username', 'u.display_name'])
    .where('m.tenant_id', '=', tenantId)
    .where('m.id', '=', memberId)
    .executeTakeFirst();
  return row ? { userId: row.id, username: row.username, displayName: row.display_name } : null;
}
