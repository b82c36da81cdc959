// The one central permission check, and its SQL twin that turns a user's grants into a WHERE condition.
// A grant covers its organisation and every organisation below it, in its own tenant only.
import { sql, type Expression, type SqlBool } from 'kysely';
import { subtreeBounds } from '../../db/dialect.js';
import type { Actor } from './actor.js';
import type { Permission } from './permissions.js';

export interface ScopedRecord {
  tenantId: string;
  /** Materialised path of the organisation the record belongs to. */
  orgPath: string;
}

const covers = (grantPath: string, recordPath: string) => recordPath.startsWith(grantPath);

/** May the actor do `permission` at all (somewhere), or on this record when one is given? */
export function can(actor: Actor | null | undefined, permission: Permission, record?: ScopedRecord): boolean {
  if (!actor) return false;
  for (const g of actor.grants) {
    if (!g.permissions.has(permission)) continue;
    if (!record) return true;
    if (g.tenantId === record.tenantId && covers(g.orgPath, record.orgPath)) return true;
  }
  return false;
}

/** The subtrees (as paths) where the actor holds `permission`, with nested ones folded into their parent. */
export function scopePaths(actor: Actor, permission: Permission): { tenantId: string; path: string }[] {
  const paths = actor.grants
    .filter((g) => g.permissions.has(permission))
    .map((g) => ({ tenantId: g.tenantId, path: g.orgPath }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  const out: { tenantId: string; path: string }[] = [];
  for (const p of paths) {
    if (!out.some((o) => o.tenantId === p.tenantId && covers(o.path, p.path))) out.push(p);
  }
  return out;
}

/**
 * SQL condition: the row (given its tenant and organisation-path columns) lies in a subtree where the
 * actor holds `permission`. No grant → a condition that is always false, so nothing leaks.
 */
export function scopeFilter(actor: Actor, permission: Permission, cols: { tenant: Expression<string>; path: Expression<string> }): Expression<SqlBool> {
  const scopes = scopePaths(actor, permission);
  if (scopes.length === 0) return sql<SqlBool>`1 = 0`;
  const parts = scopes.map((s) => {
    const [lo, hi] = subtreeBounds(s.path);
    return sql<SqlBool>`(${cols.tenant} = ${s.tenantId} and ${cols.path} >= ${lo} and ${cols.path} < ${hi})`;
  });
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

/**
 * Does the actor hold `permission` over the root organisation (the committee) of their own tenant?
 * Tenant-wide records (administrative units, staff) have no place in the Party tree, so only such a
 * grant reaches them. A root organisation's path has exactly one segment.
 */
export function canAtRoot(actor: Actor | null | undefined, permission: Permission): boolean {
  if (!actor) return false;
  return rootGrants(actor).some((g) => g.permissions.has(permission));
}

/** Grants over the root organisation (the committee) of the actor's own tenant. */
const rootGrants = (actor: Actor) => actor.grants.filter((g) => g.tenantId === actor.tenantId && /^\/[^/]+\/$/.test(g.orgPath));

/** Permissions held over the whole tenant: what tenant-wide pages (staff, units) need. */
export function rootPermissions(actor: Actor): string[] {
  return [...new Set(rootGrants(actor).flatMap((g) => [...g.permissions]))].sort();
}
