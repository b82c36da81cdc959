// The member record a login account acts as (members.user_id), for modules where members act as
// themselves: QR sign-in to an activity, their own scores.
import { sql } from 'kysely';
import type { DbOrTx } from '../../db/types.js';
import { accountsById } from '../../platform/accounts/service.js';
import type { AccountPerson } from '../../platform/accounts/people.js';
import { inSlices } from '../../db/batch.js';
import { orgNames } from '../org/index.js';
import { parsePosts } from './service.js';

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

/**
 * The person an account acts as, in one statement: its active member record if any, else the live employee linked
 * directly (staff.user_id). For modules where a member or an employee acts as themselves (志愿服务's volunteers).
 */
export async function personOfUser(db: DbOrTx, tenantId: string, userId: string): Promise<({ kind: 'member' } & AccountMember) | { kind: 'staff'; id: string; name: string } | undefined> {
  const rows = await db.selectFrom('members as m')
    .innerJoin('staff as s', (j) => j.onRef('s.tenant_id', '=', 'm.tenant_id').onRef('s.id', '=', 'm.staff_id'))
    .select([sql<string>`'member'`.as('kind'), 'm.id', 's.name', sql<string | null>`m.org_path`.as('org_path'), sql<string | null>`m.branch_id`.as('branch_id'), 'm.group_id'])
    .where('m.tenant_id', '=', tenantId).where('m.user_id', '=', userId).where('m.status', '=', 'active').where('m.deleted_at', 'is', null)
    .unionAll(db.selectFrom('staff as s')
      .select([sql<string>`'staff'`.as('kind'), 's.id', 's.name', sql<string | null>`null`.as('org_path'), sql<string | null>`null`.as('branch_id'), sql<string | null>`null`.as('group_id')])
      .where('s.tenant_id', '=', tenantId).where('s.user_id', '=', userId).where('s.deleted_at', 'is', null))
    .execute();
  const m = rows.find((r) => r.kind === 'member');
  if (m) return { kind: 'member', id: m.id, name: m.name, orgPath: m.org_path!, branchId: m.branch_id!, groupId: m.group_id };
  const s = rows[0];
  return s && { kind: 'staff', id: s.id, name: s.name };
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

/**
 * The member behind each of these accounts (用户管理's 对应人员): name, and where they sit with their party posts
 * (or 党员). Deleted records no longer name an account; a member who has left keeps it until unlinked.
 */
export async function membersOfAccounts(db: DbOrTx, tenantIds: readonly string[], userIds: readonly string[]): Promise<Map<string, AccountPerson>> {
  if (tenantIds.length === 0 || userIds.length === 0) return new Map();
  const rows = await inSlices([...new Set(userIds)], (slice) => db.selectFrom('members as m')
    .innerJoin('staff as s', (j) => j.onRef('s.tenant_id', '=', 'm.tenant_id').onRef('s.id', '=', 'm.staff_id'))
    .select(['m.tenant_id', 'm.user_id', 'm.branch_id', 'm.group_id', 'm.party_posts', 's.name'])
    .where('m.tenant_id', 'in', tenantIds).where('m.user_id', 'in', slice).where('m.deleted_at', 'is', null).execute());
  const names = await orgNames(db, tenantIds, [...new Set(rows.flatMap((r) => (r.group_id ? [r.branch_id, r.group_id] : [r.branch_id])))]);
  return new Map(rows.map((r) => {
    // A 党小组's display name already carries its branch ("机关第一党支部/第一党小组").
    const place = names.get(`${r.tenant_id}/${r.group_id ?? r.branch_id}`) ?? '';
    const posts = parsePosts(r.party_posts);
    return [r.user_id!, { kind: 'member', name: r.name, detail: `${place} · ${posts.length > 0 ? posts.join('、') : '党员'}` }];
  }));
}
