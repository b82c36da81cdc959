// Who may see and do what with member records: the one place that says it. A member's scope is members.org_path
// (the group's path, or the branch's): member.read to see the record, member.write to change it (over its current
// place, and over the place it goes to: resolved through the organisation module's scope), member.sensitive over
// that place to see the 身份证号 and phone in clear. Lists filter in SQL; one record loaded is checked here.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { can, canAtRoot, scopeFilter } from '../../platform/access/can.js';
import type { Permission } from '../../platform/access/permissions.js';
import type { Db, MemberTable, OrganisationTable } from '../../db/types.js';
import { orgInScope, orgsInScope } from '../org/index.js';

type Placed = Pick<MemberTable, 'tenant_id' | 'org_path'>;

/** SQL: the member row (`members as m` unless other columns are given) lies where the actor holds `permission`. */
export function visibleMembers(
  actor: Actor, permission: Permission, cols: { tenant: Expression<string>; path: Expression<string> } = { tenant: sql.ref('m.tenant_id'), path: sql.ref('m.org_path') },
): Expression<SqlBool> {
  return scopeFilter(actor, permission, cols);
}

/** An organisation whose members the actor may read (member.read over it), from the cached tree. */
export const readablePlace = (db: Db, actor: Actor, orgId: string): Promise<OrganisationTable | undefined> => orgInScope(db, actor, 'member.read', orgId);

/** An organisation the actor may place members in (member.write over it), from the cached tree. */
export const writablePlace = (db: Db, actor: Actor, orgId: string): Promise<OrganisationTable | undefined> => orgInScope(db, actor, 'member.write', orgId);

/** Every organisation the actor may place members in, in path order. */
export const writablePlaces = (db: Db, actor: Actor): Promise<OrganisationTable[]> => orgsInScope(db, actor, 'member.write');

/** The actor may change this member record (member.write over its place). */
export const writesMember = (actor: Actor, m: Placed): boolean => can(actor, 'member.write', { tenantId: m.tenant_id, orgPath: m.org_path });

/**
 * Linking an account makes it act as the member (sign-in, ratings, own scores): one may link only an account that
 * acts nowhere beyond one's own member.write scope, so a branch cannot take over a 党委 or another branch's account.
 * An account with no role yet may be anyone's: only the committee-wide member.write links it.
 */
export const linksAccount = (actor: Actor, tenantId: string, accountGrantPaths: readonly string[]): boolean =>
  accountGrantPaths.length === 0
    ? canAtRoot(actor, 'member.write') && actor.tenantId === tenantId
    : accountGrantPaths.every((orgPath) => can(actor, 'member.write', { tenantId, orgPath }));

/** The actor may see this member's 身份证号 and phone in clear (member.sensitive over its place). */
export const revealsMember = (actor: Actor, m: Placed): boolean => can(actor, 'member.sensitive', { tenantId: m.tenant_id, orgPath: m.org_path });

/** The actor may ask for an export in clear: member.sensitive somewhere (each row is still checked with revealsMember). */
export const revealsSomeMembers = (actor: Actor): boolean => can(actor, 'member.sensitive');
