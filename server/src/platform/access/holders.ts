// Who could be chosen for a duty at an organisation (a task's owner, a round's assessor): active accounts with
// a grant covering the organisation (at it or above) or inside it, whose role carries a matching permission.
import { sql } from 'kysely';
import type { DbOrTx } from '../../db/types.js';
import { inSubtree } from '../../db/dialect.js';

export interface PermissionHolder {
  id: string;
  name: string;
  username: string;
  /** The organisation paths of this account's matching grants, shallowest first. */
  grantPaths: string[];
}

/** The organisation path and each of its ancestors' paths ("/a/b/" → "/a/", "/a/b/"). */
export function ancestorPaths(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}/`);
}

export async function permissionHolders(db: DbOrTx, tenantId: string, orgPath: string, matches: (permission: string) => boolean): Promise<PermissionHolder[]> {
  const rows = await db.selectFrom('grants as g')
    .innerJoin('roles as r', (j) => j.onRef('r.tenant_id', '=', 'g.tenant_id').onRef('r.id', '=', 'g.role_id'))
    .innerJoin('organisations as o', (j) => j.onRef('o.tenant_id', '=', 'g.tenant_id').onRef('o.id', '=', 'g.org_id'))
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'g.tenant_id').onRef('u.id', '=', 'g.user_id'))
    .select(['u.id', 'u.display_name', 'u.username', 'r.permissions', 'o.path'])
    .where('g.tenant_id', '=', tenantId).where('g.revoked_at', 'is', null).where('u.disabled', '=', 0).where('r.deleted_at', 'is', null)
    .where((eb) => eb.or([inSubtree(sql.ref('o.path'), orgPath), eb('o.path', 'in', ancestorPaths(orgPath))]))
    .orderBy('o.path').orderBy('u.display_name').execute();
  const seen = new Map<string, PermissionHolder>();
  for (const r of rows) {
    if (!(JSON.parse(r.permissions) as string[]).some(matches)) continue;
    const holder = seen.get(r.id) ?? { id: r.id, name: r.display_name, username: r.username, grantPaths: [] };
    if (!holder.grantPaths.includes(r.path)) holder.grantPaths.push(r.path);
    seen.set(r.id, holder);
  }
  return [...seen.values()];
}
