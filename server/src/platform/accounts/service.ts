// User accounts: creation (with the global login name), and the administrator's actions on them.
import type { RawBuilder } from 'kysely';
import type { DbOrTx } from '../../db/types.js';
import { newId } from '../../db/ids.js';
import { inSlices } from '../../db/batch.js';
import { conflict, fieldError } from '../errors.js';
import { SEPARATION_NAMES, type Separation } from '../access/roles.js';

export const USERNAME_RULE = /^[A-Za-z0-9_.-]{3,32}$/;
export const USERNAME_MESSAGE = '用户名为 3–32 位字母、数字、下划线、点或短横线';

export interface NewUser {
  tenantId: string;
  username: string;
  displayName: string;
  passwordHash: string;
  mustChangePassword: boolean;
  isDemo?: boolean;
  now: Date;
}

export async function insertUser(trx: DbOrTx, u: NewUser): Promise<string> {
  if (!USERNAME_RULE.test(u.username)) throw fieldError('username', USERNAME_MESSAGE);
  const taken = await trx.selectFrom('usernames').select('username').where('username', '=', u.username).executeTakeFirst();
  if (taken) throw conflict('USERNAME_TAKEN', `用户名“${u.username}”已被使用`, { username: `用户名“${u.username}”已被使用` });
  const id = newId(u.now.getTime());
  const at = u.now.toISOString();
  await trx
    .insertInto('users')
    .values({
      tenant_id: u.tenantId, id, username: u.username, display_name: u.displayName, password_hash: u.passwordHash,
      must_change_password: u.mustChangePassword ? 1 : 0, failed_logins: 0, locked_until: null, disabled: 0,
      is_demo: u.isDemo ? 1 : 0, last_login_at: null, password_changed_at: null, created_at: at, updated_at: at,
    })
    .execute();
  await trx.insertInto('usernames').values({ username: u.username, tenant_id: u.tenantId, user_id: id }).execute();
  return id;
}

/** Display names of users by id (who recorded a change), for modules that show history. */
export async function userDisplayNames(db: DbOrTx, tenantId: string, ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await inSlices(ids, (slice) => db.selectFrom('users').select(['id', 'display_name']).where('tenant_id', '=', tenantId).where('id', 'in', slice).execute());
  return new Map(rows.map((u) => [u.id, u.display_name]));
}

/**
 * Names linked accounts after their person, inside the caller's transaction: the people room calls this when it
 * links an account to a person or the person's name changes. display_name stays a stored copy kept in step rather
 * than a name derived at read time, because every module names accounts through userDisplayNames and accountsById
 * (history, 待办, pickers, the session's greeting) and the platform may not read the people room's tables; the
 * copy is written in the same transaction as the name it follows, so the two never disagree.
 */
export async function nameAccountsAfterPerson(trx: DbOrTx, tenantId: string, userIds: readonly string[], name: string, now: Date): Promise<void> {
  if (userIds.length === 0) return;
  await trx.updateTable('users').set({ display_name: name, updated_at: now.toISOString() })
    .where('tenant_id', '=', tenantId).where('id', 'in', [...userIds]).where('display_name', '!=', name).execute();
}

/** Accounts by id (enabled or not): the reader modules use instead of the users table. */
export async function accountsById(db: DbOrTx, tenantId: string, ids: readonly string[]): Promise<Map<string, { id: string; username: string; displayName: string; disabled: boolean }>> {
  const rows = await inSlices([...new Set(ids)], (slice) => db.selectFrom('users').select(['id', 'username', 'display_name', 'disabled'])
    .where('tenant_id', '=', tenantId).where('id', 'in', slice).execute());
  return new Map(rows.map((u) => [u.id, { id: u.id, username: u.username, displayName: u.display_name, disabled: u.disabled === 1 }]));
}

/**
 * The enabled account with this login name in the tenant, locked against a concurrent change on PostgreSQL when
 * `lock` is given (a module linking the account to its own record), and the name of its 三员 role if it has one.
 */
export async function enabledAccount(db: DbOrTx, tenantId: string, username: string, lock?: RawBuilder<unknown>): Promise<{ id: string; username: string; displayName: string; adminRoleName: string | null } | undefined> {
  let q = db.selectFrom('users').select(['id', 'username', 'display_name']).where('tenant_id', '=', tenantId).where('username', '=', username).where('disabled', '=', 0);
  if (lock) q = q.modifyEnd(lock);
  const user = await q.executeTakeFirst();
  if (!user) return undefined;
  const admin = await accountClass(db, tenantId, user.id);
  return { id: user.id, username: user.username, displayName: user.display_name, adminRoleName: admin ? SEPARATION_NAMES[admin] : null };
}

/** The 三员 class of each of these accounts that has one (the 三员 are dedicated accounts, so at most one each). */
export async function accountClasses(db: DbOrTx, tenantIds: readonly string[], userIds: readonly string[]): Promise<Map<string, Separation>> {
  if (tenantIds.length === 0 || userIds.length === 0) return new Map();
  const rows = await inSlices([...new Set(userIds)], (slice) => db.selectFrom('grants as g')
    .innerJoin('roles as r', (j) => j.onRef('r.tenant_id', '=', 'g.tenant_id').onRef('r.id', '=', 'g.role_id'))
    .select(['g.user_id', 'r.separation']).where('g.tenant_id', 'in', tenantIds).where('g.user_id', 'in', slice)
    .where('g.revoked_at', 'is', null).where('r.deleted_at', 'is', null).where('r.separation', 'is not', null).execute());
  return new Map(rows.map((r) => [r.user_id, r.separation!]));
}

/** The 三员 class of one account, or null. */
export const accountClass = async (db: DbOrTx, tenantId: string, userId: string): Promise<Separation | null> =>
  (await accountClasses(db, [tenantId], [userId])).get(userId) ?? null;
