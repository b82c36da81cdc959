// Who may see and do what with organisations: the one place that says it. A grant covers its organisation's
// subtree; lists filter in SQL (visibleOrgs, and orgScopeFilter for other modules' rows that keep an organisation
// id), single organisations come from the cached tree cut to the actor's scope (orgsInScope, orgInScope).
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { can, scopeFilter, scopePaths } from '../../platform/access/can.js';
import type { Permission } from '../../platform/access/permissions.js';
import type { Db, OrganisationTable } from '../../db/types.js';
import { tenantTree } from './treeCache.js';

/** SQL: the organisation row (its tenant and path columns) lies in a subtree where the actor holds `permission`. */
export function visibleOrgs(actor: Actor, permission: Permission, cols: { tenant: Expression<string>; path: Expression<string> }): Expression<SqlBool> {
  return scopeFilter(actor, permission, cols);
}

/**
 * SQL: the organisation in column `orgId` (of tenant `tenant`) lies in a subtree where the actor holds
 * `permission`. For a module that keeps an organisation id and not its path: the organisation is looked up by its
 * key in the same statement and its current path compared, so a move never leaves a stale scope. A keyed lookup
 * rather than `in (select … where path in ranges)`: inside an OR, PostgreSQL would otherwise read every row.
 */
export function orgScopeFilter(actor: Actor, permission: Permission, cols: { tenant: Expression<string>; orgId: Expression<string> }): Expression<SqlBool> {
  if (scopePaths(actor, permission).length === 0) return sql<SqlBool>`1 = 0`;
  // The alias is one no caller uses: a caller's own `o` passed in cols would otherwise bind to this inner table.
  const inPaths = visibleOrgs(actor, permission, { tenant: sql.ref('_org.tenant_id'), path: sql.ref('_org.path') });
  return sql<SqlBool>`exists (select 1 from organisations _org where _org.tenant_id = ${cols.tenant} and _org.id = ${cols.orgId} and ${inPaths})`;
}

/**
 * Organisations in the actor's scope, in path order: the tenant's tree from the per-process cache
 * (treeCache.ts, checked against the tree version on every call), cut to the subtrees of the actor's grants
 * with the same prefix rule as scopeFilter.
 */
export async function orgsInScope(db: Db, actor: Actor, permission: Permission): Promise<OrganisationTable[]> {
  const scopes = scopePaths(actor, permission);
  const out: OrganisationTable[] = [];
  for (const tenantId of new Set(scopes.map((s) => s.tenantId))) {
    const paths = scopes.filter((s) => s.tenantId === tenantId).map((s) => s.path);
    for (const o of await tenantTree(db, tenantId, tenantId === actor.tenantId ? actor.treeVersion : undefined)) if (paths.some((p) => o.path.startsWith(p))) out.push({ ...o });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** One organisation, or undefined when it does not exist or lies outside the actor's scope (from the cached tree). */
export async function orgInScope(db: Db, actor: Actor, permission: Permission, id: string): Promise<OrganisationTable | undefined> {
  return (await orgsInScope(db, actor, permission)).find((o) => o.id === id);
}

/** A member may be appointed to a post only by someone who may read that member (else the member answers 404). */
export const seesPostHolder = (actor: Actor, tenantId: string, memberPath: string): boolean => can(actor, 'member.read', { tenantId, orgPath: memberPath });

/** The highest organisation of the actor's own tenant where they hold `permission` (the default subject of a report). */
export async function topOrgInScope(db: Db, actor: Actor, permission: Permission): Promise<OrganisationTable | undefined> {
  const top = scopePaths(actor, permission).filter((s) => s.tenantId === actor.tenantId).sort((a, b) => a.path.length - b.path.length)[0];
  return top && (await orgsInScope(db, actor, permission)).find((o) => o.tenant_id === actor.tenantId && o.path === top.path);
}

/** The organisation a report or statistic is about: the one asked for when the actor holds `permission` there, else their highest one. */
export async function orgOrTopInScope(db: Db, actor: Actor, permission: Permission, id?: string): Promise<OrganisationTable | undefined> {
  return id ? orgInScope(db, actor, permission, id) : topOrgInScope(db, actor, permission);
}

/** The organisations of `org`'s subtree (itself included) where the actor holds `permission`, in path order (from the cached tree). */
export async function orgsInScopeUnder(db: Db, actor: Actor, permission: Permission, org: Pick<OrganisationTable, 'tenant_id' | 'path'>): Promise<OrganisationTable[]> {
  return (await orgsInScope(db, actor, permission)).filter((o) => o.tenant_id === org.tenant_id && o.path.startsWith(org.path));
}
