// One person per login account, across the people register: an account is linked either to a member record
// (members.user_id) or to an employee who is not a member (staff.user_id), never to both nor to two of either.
// Both links ask here before they write, so each refuses an account the other holds.
import type { DbOrTx } from '../../db/types.js';

export type AccountHolder = { kind: 'member' | 'staff'; id: string };

/**
 * The member or staff record linked to this account, other than `self`, if any. Deleted records count too: the
 * unique keys cover them (a deleted employee's link is cleared when it is deleted, deleteStaff).
 */
export async function accountHolder(db: DbOrTx, tenantId: string, userId: string, self: AccountHolder | null): Promise<AccountHolder | undefined> {
  let members = db.selectFrom('members').select('id').where('tenant_id', '=', tenantId).where('user_id', '=', userId);
  if (self?.kind === 'member') members = members.where('id', '!=', self.id);
  const member = await members.executeTakeFirst();
  if (member) return { kind: 'member', id: member.id };
  let staff = db.selectFrom('staff').select('id').where('tenant_id', '=', tenantId).where('user_id', '=', userId);
  if (self?.kind === 'staff') staff = staff.where('id', '!=', self.id);
  const employee = await staff.executeTakeFirst();
  return employee && { kind: 'staff', id: employee.id };
}

/** The refusal when an account is already someone's (which record is not said: it may lie outside the reader's scope). */
export const holderMessage = (holder: AccountHolder, sameKind: 'member' | 'staff'): string =>
  holder.kind === 'member'
    ? (sameKind === 'member' ? '该账号已关联其他党员' : '该账号已关联党员，请在党员名册中管理')
    : (sameKind === 'staff' ? '该账号已关联其他员工' : '该账号已关联员工，请先在员工名册中解除关联');
