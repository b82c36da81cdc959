// Who could be chosen for a duty at an organisation (a task's owner, a round's assessor): active accounts with
// a grant covering the organisation (at it or above) or inside it, whose role carries a matching permission.
import { sql } from 'kysely';
import type { DbOrTx } from '../../db/types.js';
import { inSubtree } from '../../db/dialect.js';
import { inSlices } from '../../db/batch.js';

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

/**
 * For each organisation, the enabled account granted a built-in role (by code, e.g. `secretary`) directly at it,
 * earliest grant first: who answers for an organisation (its 书记) when a module needs one person.
 */
export async function roleHoldersAt(db: DbOrTx, tenantId: string, orgIds: readonly string[], roleCode: string): Promise<Map<string, string>> {
  const rows = await inSlices([...new Set(orgIds)], (slice) => db.selectFrom('grants as g')
    .innerJoin('roles as r', (j) => j.onRef('r.tenant_id', '=', 'g.tenant_id').onRef('r.id', '=', 'g.role_id'))
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'g.tenant_id').onRef('u.id', '=', 'g.user_id'))
    .select(['g.org_id', 'g.user_id', 'g.created_at']).where('g.tenant_id', '=', tenantId).where('g.org_id', 'in', slice).where('g.revoked_at', 'is', null)
    .where('r.code', '=', roleCode).where('u.disabled', '=', 0).execute());
  rows.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0));
  const out = new Map<string, string>();
  for (const r of rows) if (!out.has(r.org_id)) out.set(r.org_id, r.user_id);
  return out;
}

/** The organisation paths of an account's live grants (any role): where the account acts. */
export async function grantPathsOf(db: DbOrTx, tenantId: string, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('grants as g')
    .innerJoin('organisations as o', (j) => j.onRef('o.tenant_id', '=', 'g.tenant_id').onRef('o.id', '=', 'g.org_id'))
    .select('o.path').where('g.tenant_id', '=', tenantId).where('g.user_id', '=', userId).where('g.revoked_at', 'is', null).execute();
  return [...new Set(rows.map((r) => r.path))];
}
