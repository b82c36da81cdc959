// The signed-in user with their grants, loaded once per request: everything `can` and `scopeFilter` need.
import type { Db, OrgKind } from '../../db/types.js';
import type { Separation } from './roles.js';
import { Lru, perHandle } from '../lru.js';

export interface ActorGrant {
  grantId: string;
  tenantId: string;
  roleId: string;
  roleCode: string;
  roleName: string;
  separation: Separation | null;
  permissions: ReadonlySet<string>;
  orgId: string;
  orgName: string;
  orgKind: OrgKind;
  orgPath: string;
}

export interface Actor {
  tenantId: string;
  tenantName: string;
  userId: string;
  username: string;
  displayName: string;
  sessionId: string;
  mustChangePassword: boolean;
  /** The password outlived the security policy's maximum age: mustChangePassword is set for this reason. */
  passwordExpired?: boolean;
  grants: ActorGrant[];
  /** Union of the permissions of all grants (at some scope). */
  permissions: ReadonlySet<string>;
  /**
   * The tenant's organisation-tree version read with the session, on reads (GET) only: the tree cache then
   * needs no statement of its own. A request that writes leaves it out, so that it sees its own changes.
   */
  treeVersion?: number;
}

/** Accounts kept per process and database, by tenant and user. */
const grantsOf = perHandle((): Lru<string, { version: string; grants: ActorGrant[] }> => new Lru(20_000));

/**
 * The user's grants, from this process's cache while the tenant's grant/role and organisation counters are
 * those the session statement read (`version`), else loaded again. Counters read before the grants can only
 * make a cached entry newer than its version (one extra load later), never older. Callers must not modify
 * the grants they get: they are shared between requests.
 */
export async function cachedGrants(db: Db, tenantId: string, userId: string, version: string): Promise<ActorGrant[]> {
  const cache = grantsOf(db);
  const key = `${tenantId}/${userId}`;
  const hit = cache.get(key);
  if (hit && hit.version === version) return hit.grants;
  const grants = await loadGrants(db, tenantId, userId);
  cache.set(key, { version, grants });
  return grants;
}

export async function loadGrants(db: Db, tenantId: string, userId: string): Promise<ActorGrant[]> {
  const rows = await db
    .selectFrom('grants as g')
    .innerJoin('roles as r', (j) => j.onRef('r.tenant_id', '=', 'g.tenant_id').onRef('r.id', '=', 'g.role_id'))
    .innerJoin('organisations as o', (j) => j.onRef('o.tenant_id', '=', 'g.tenant_id').onRef('o.id', '=', 'g.org_id'))
    .select([
      'g.id as grantId', 'g.tenant_id as tenantId', 'r.id as roleId', 'r.code as roleCode', 'r.name as roleName',
      'r.separation', 'r.permissions', 'o.id as orgId', 'o.name as orgName', 'o.kind as orgKind', 'o.path as orgPath',
    ])
    .where('g.tenant_id', '=', tenantId)
    .where('g.user_id', '=', userId)
    .where('g.revoked_at', 'is', null)
    .where('r.deleted_at', 'is', null)
    .where('o.deleted_at', 'is', null)
    .orderBy('o.path')
    .execute();
  return rows.map((r) => ({ ...r, permissions: new Set(JSON.parse(r.permissions) as string[]) }));
}
