// The members 党费 is about, read through the roster's reader (modules/members duesFacts): the members of the
// actor's scope, one member checked against the actor (out of sight → 404), and the months a member owes in a year.
import { sql } from 'kysely';
import type { Db, DbOrTx } from '../../db/types.js';
import type { Actor } from '../../platform/access/actor.js';
import { scopePaths } from '../../platform/access/can.js';
import type { Permission } from '../../platform/access/permissions.js';
import { notFound } from '../../platform/errors.js';
import { duesFacts, duesFactsUnder, type MemberDuesFacts } from '../members/index.js';
import { orgInScope } from '../org/index.js';
import { readsAt } from './policy.js';

export type { MemberDuesFacts } from '../members/index.js';

/** Every member record under the actor's grants of `permission` (or under `orgId`, which must be in them). */
export async function membersInScope(db: Db, actor: Actor, permission: Permission, orgId?: string): Promise<MemberDuesFacts[]> {
  let paths: string[];
  if (orgId) {
    const org = await orgInScope(db, actor, permission, orgId);
    if (!org) throw notFound('党组织');
    paths = [org.path];
  } else {
    paths = scopePaths(actor, permission).filter((s) => s.tenantId === actor.tenantId).map((s) => s.path);
  }
  const seen = new Map<string, MemberDuesFacts>();
  for (const path of paths) for (const m of await duesFactsUnder(db, actor.tenantId, path)) seen.set(m.id, m);
  return [...seen.values()];
}

/** The member, if the actor sees their dues; else 404 (never 403, so ids cannot be probed). */
export async function memberFor(db: DbOrTx, actor: Actor, memberId: string): Promise<MemberDuesFacts> {
  const m = (await duesFacts(db, actor.tenantId, [memberId])).get(memberId);
  if (!m || !readsAt(actor, m.orgPath)) throw notFound('党员');
  return m;
}

/** The months of `year` a member owes dues for: from the month of joining (a 预备党员's vote) to the month of leaving. */
export function owedMonths(m: Pick<MemberDuesFacts, 'joinedOn' | 'leftOn'>, year: number): string[] {
  const first = `${year}-01` > m.joinedOn.slice(0, 7) ? `${year}-01` : m.joinedOn.slice(0, 7);
  const last = m.leftOn && m.leftOn.slice(0, 7) < `${year}-12` ? m.leftOn.slice(0, 7) : `${year}-12`;
  const out: string[] = [];
  for (let i = 1; i <= 12; i++) {
    const month = `${year}-${String(i).padStart(2, '0')}`;
    if (month >= first && month <= last) out.push(month);
  }
  return out;
}

/** Names of organisations by id for a reader's answer. */
export const inList = <T>(values: readonly T[]) => (values.length ? values : [null as unknown as T]);
export const zero = sql<number>`0`;
