// The organisation tree of a tenant, cached per server process and checked against the tenant's tree
// version (org_tree_versions, raised by a trigger on every change of an organisation row: migration 0013)
// before each use: one primary-key lookup instead of reading and sending the tree again, and a change made
// through another process (several servers on one PostgreSQL) is seen on the very next read.
import type { Db, OrganisationTable } from '../../db/types.js';

interface Entry { version: number; rows: readonly OrganisationTable[] }

/** Per database handle: tests open several databases in one process with the same demo tenant ids. */
const caches = new WeakMap<object, Map<string, Entry>>();
/** Tenants kept per process; the least recently used goes first (a city has thousands). */
const MAX_TENANTS = 10_000;

async function versionOf(db: Db, tenantId: string): Promise<number> {
  const r = await db.selectFrom('org_tree_versions').select('version').where('tenant_id', '=', tenantId).executeTakeFirst();
  return r ? Number(r.version) : 0;
}

/**
 * Every live organisation of the tenant in path order. The version is read before the tree: a change
 * committed in between makes the cached tree newer than its version (one extra reload later), never older.
 * The rows are shared: callers must not modify them. `knownVersion` is the version the session statement
 * already read for this request (Actor.treeVersion), which saves the lookup.
 */
export async function tenantTree(db: Db, tenantId: string, knownVersion?: number): Promise<readonly OrganisationTable[]> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const version = knownVersion ?? (await versionOf(db, tenantId));
  const hit = cache.get(tenantId);
  if (hit && hit.version === version) {
    cache.delete(tenantId);
    cache.set(tenantId, hit);
    return hit.rows;
  }
  const rows = await db.selectFrom('organisations').selectAll().where('tenant_id', '=', tenantId).where('deleted_at', 'is', null).orderBy('path').execute();
  cache.set(tenantId, { version, rows: Object.freeze(rows.map((r) => Object.freeze(r))) });
  if (cache.size > MAX_TENANTS) cache.delete(cache.keys().next().value!);
  return rows;
}
