// Linking a member record to a login account (党委管理员 or the branch, member.write), so the member can act
// as themselves: QR sign-in to activities, later their own scores. One account per member and one member per
// account; a 三员 account (系统管理员, 安全保密员, 安全审计员) is never a member's account. A linked account is
// named after the member (and stays so when the member is renamed, writeStaff); unlinking leaves the last name.
import type { Platform } from '../../platform/context.js';
import type { AuditContext } from '../../platform/audit/service.js';
import { conflict, fieldError } from '../../platform/errors.js';
import { forUpdate } from '../../db/dialect.js';
import { enabledAccount, nameAccountsAfterPerson } from '../../platform/accounts/service.js';
import { grantPathsOf } from '../../platform/access/holders.js';
import type { Actor } from '../../platform/access/actor.js';
import { linksAccount } from './policy.js';
import { accountHolder, holderMessage } from '../people/accountHolder.js';
import { accountOfMember, type LinkedAccount } from './accounts.js';
import type { MemberRow } from './queries.js';

export async function linkAccount(p: Platform, ctx: AuditContext, actor: Actor, member: MemberRow, username: string | null): Promise<LinkedAccount | null> {
  return p.audit.tx(ctx, async (trx) => {
    const before = await accountOfMember(trx, member.tenant_id, member.id);
    let user: { id: string; username: string; displayName: string } | undefined;
    if (username !== null) {
      const account = await enabledAccount(trx, member.tenant_id, username, forUpdate(p.config.dialect));
      if (!account) throw fieldError('username', '登录账号不存在或已停用');
      // Scope first: a branch learns nothing about accounts beyond it (not even which are 三员 accounts).
      if (!linksAccount(actor, member.tenant_id, await grantPathsOf(trx, member.tenant_id, account.id))) {
        throw fieldError('username', '该账号还用于您管理范围以外的组织，请由上级党组织管理员关联');
      }
      if (account.adminRoleName) throw fieldError('username', `${account.adminRoleName}账号不能关联党员`);
      user = account;
      // One person per account: another member or an employee (staff.user_id) may hold it.
      const other = await accountHolder(trx, member.tenant_id, user.id, { kind: 'member', id: member.id });
      if (other) throw conflict('ACCOUNT_TAKEN', holderMessage(other, 'member'), { username: holderMessage(other, 'member') });
    }
    if ((before?.userId ?? null) === (user?.id ?? null)) return before;
    await trx.updateTable('members').set({ user_id: user?.id ?? null, updated_at: p.clock.now().toISOString() })
      .where('tenant_id', '=', member.tenant_id).where('id', '=', member.id).execute();
    if (user) await nameAccountsAfterPerson(trx, member.tenant_id, [user.id], member.name, p.clock.now());
    const after = user ? { userId: user.id, username: user.username, displayName: member.name } : null;
    await p.audit.record(trx, ctx, { action: 'member.linkAccount', entity: 'member', entityId: member.id, before: { account: before?.username ?? null }, after: { account: after?.username ?? null } });
    return after;
  });
}
