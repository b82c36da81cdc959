// The signed-in user with their grants, loaded once per request: everything `can` and `scopeFilter` need.
import type { Db, OrgKind } from '../../db/types.js';
import type { Separation } from './roles.js';

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
  grants: ActorGrant[];
  /** Union of the permissions of all grants (at some scope). */
  permissions: ReadonlySet<string>;
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
