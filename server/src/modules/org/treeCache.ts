// The organisation tree of a tenant, cached per server process and checked against the tenant's tree
// version (org_tree_versions, raised by a trigger on every change of an organisation row: migration 0013)
// before each use: one primary-key lookup instead of reading and sending the tree again, and a change made
// through another process (several servers on one PostgreSQL) is seen on the very next read.
import type { Db, OrganisationTable } from '../../db/types.js';
import { readCounter } from '../../db/versions.js';
import { Lru, perHandle } from '../../platform/lru.js';

interface Entry { version: number; rows: readonly OrganisationTable[] }

/** Tenants kept per process and database (a city has thousands). */
const treesOf = perHandle((): Lru<string, Entry> => new Lru(10_000));

/**
 * Every live organisation of the tenant in path order. The version is read before the tree: a change
 * committed in between makes the cached tree newer than its version (one extra reload later), never older.
 * The rows are shared: callers must not modify them. `knownVersion` is the version the session statement
 * already read for this request (Actor.treeVersion), which saves the lookup.
 */
export async function tenantTree(db: Db, tenantId: string, knownVersion?: number): Promise<readonly OrganisationTable[]> {
  const trees = treesOf(db);
  const version = knownVersion ?? (await readCounter(db, 'org_tree_versions', tenantId));
  const hit = trees.get(tenantId);
  if (hit && hit.version === version) return hit.rows;
  const rows = await db.selectFrom('organisations').selectAll().where('tenant_id', '=', tenantId).where('deleted_at', 'is', null).orderBy('path').execute();
  trees.set(tenantId, { version, rows: Object.freeze(rows.map((r) => Object.freeze(r))) });
  return rows;
}
