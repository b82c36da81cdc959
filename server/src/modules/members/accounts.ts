// The member record a login account acts as (members.user_id), for modules where members act as
// themselves: QR sign-in to an activity, their own scores.
import type { DbOrTx } from '../../db/types.js';
import { accountsById } from '../../platform/accounts/service.js';

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

/** The account linked to a member record, if any (read through the platform's account reader). */
export async function accountOfMember(db: DbOrTx, tenantId: string, memberId: string): Promise<LinkedAccount | null> {
  const m = await db.selectFrom('members').select('user_id').where('tenant_id', '=', tenantId).where('id', '=', memberId).executeTakeFirst();
  return linkedAccount(db, tenantId, m?.user_id ?? null);
}

/** The account a member row's user_id points at, if any. */
export async function linkedAccount(db: DbOrTx, tenantId: string, userId: string | null): Promise<LinkedAccount | null> {
  if (!userId) return null;
  const u = (await accountsById(db, tenantId, [userId])).get(userId);
  return u ? { userId: u.id, username: u.username, displayName: u.displayName } : null;
}
