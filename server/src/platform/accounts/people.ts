// The person behind a login account (对应人员): a port the people room fills when the platform is created
// (registerAccountPeople), so that 用户管理 can show who an account is without the platform importing a module.
import type { DbOrTx } from '../../db/types.js';
import type { Platform } from '../context.js';

export interface AccountPerson {
  /** A Party member (members.user_id) or an employee who is not one (staff.user_id). */
  kind: 'member' | 'staff';
  /** The person's name (the account's display name follows it). */
  name: string;
  /** Where the person sits and their posts, e.g. “机关第一党支部 · 支部书记”, or an employee's “单位 · 岗位”. */
  detail: string;
}

export interface AccountPeople {
  /** The person each of these accounts is linked to, for the accounts that have one. */
  ofAccounts(db: DbOrTx, tenantIds: readonly string[], userIds: readonly string[]): Promise<Map<string, AccountPerson>>;
}

const ports = new WeakMap<Platform, AccountPeople>();

export function registerAccountPeople(p: Platform, people: AccountPeople): void {
  if (ports.has(p)) throw new Error('the accounts room\'s people port is already filled');
  ports.set(p, people);
}

export function accountPeople(p: Platform): AccountPeople {
  const people = ports.get(p);
  if (!people) throw new Error('the people room has not filled the accounts room\'s people port (registerAccountPeople)');
  return people;
}
