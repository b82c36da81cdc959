// Linking an employee who is not a Party member (通讯员, 考核员, 宣传审核员 …) to their login account, so that the
// account is named after the person and 用户管理 shows who it is. The staff roster is the committee's (staff.write
// over the committee), so no scope beyond that is asked. A member's account is linked on the member record
// (members/accountLink.ts); one person per account across both (people/accountHolder.ts); a 三员 account is never a
// person's. A linked account is named after the employee (and stays so on a rename, writeStaff); unlinking leaves
// the last name.
import type { Platform } from '../../platform/context.js';
import type { AuditContext } from '../../platform/audit/service.js';
import { conflict, fieldError } from '../../platform/errors.js';
import { forUpdate } from '../../db/dialect.js';
import { accountsById, enabledAccount, nameAccountsAfterPerson } from '../../platform/accounts/service.js';
import type { DbOrTx } from '../../db/types.js';
import { accountHolder, holderMessage } from '../people/accountHolder.js';
import type { StaffRow } from './queries.js';

export interface StaffAccount {
  userId: string;
  username: string;
  displayName: string;
}

/** The account linked to this employee, if any (read through the platform's account reader). */
export async function accountOfStaff(db: DbOrTx, tenantId: string, staffId: string): Promise<StaffAccount | null> {
  const s = await db.selectFrom('staff').select('user_id').where('tenant_id', '=', tenantId).where('id', '=', staffId).executeTakeFirst();
  if (!s?.user_id) return null;
  const u = (await accountsById(db, tenantId, [s.user_id])).get(s.user_id);
  return u ? { userId: u.id, username: u.username, displayName: u.displayName } : null;
}

export async function linkStaffAccount(p: Platform, ctx: AuditContext, row: StaffRow, username: string | null): Promise<StaffAccount | null> {
  return p.audit.tx(ctx, async (trx) => {
    const before = await accountOfStaff(trx, row.tenant_id, row.id);
    let user: { id: string; username: string } | undefined;
    if (username !== null) {
      // A member's account belongs on the member record, where sign-in and scores look for it.
      if (row.member_id) throw fieldError('username', '该员工是党员，请在党员名册中关联登录账号');
      const account = await enabledAccount(trx, row.tenant_id, username, forUpdate(p.config.dialect));
      if (!account) throw fieldError('username', '登录账号不存在或已停用');
      if (account.adminRoleName) throw fieldError('username', `${account.adminRoleName}账号不能关联员工`);
      const other = await accountHolder(trx, row.tenant_id, account.id, { kind: 'staff', id: row.id });
      if (other) throw conflict('ACCOUNT_TAKEN', holderMessage(other, 'staff'), { username: holderMessage(other, 'staff') });
      user = account;
    }
    if ((before?.userId ?? null) === (user?.id ?? null)) return before;
    const now = p.clock.now();
    await trx.updateTable('staff').set({ user_id: user?.id ?? null, updated_at: now.toISOString() })
      .where('tenant_id', '=', row.tenant_id).where('id', '=', row.id).execute();
    if (user) await nameAccountsAfterPerson(trx, row.tenant_id, [user.id], row.name, now);
    const after = user ? { userId: user.id, username: user.username, displayName: row.name } : null;
    await p.audit.record(trx, ctx, { action: 'staff.linkAccount', entity: 'staff', entityId: row.id, before: { account: before?.username ?? null }, after: { account: after?.username ?? null } });
    return after;
  });
}
