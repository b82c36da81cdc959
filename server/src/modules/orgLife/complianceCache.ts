// The compliance list (问题清单) of an organisation, kept per server process and computed again only when
// something it reads has changed: the tenant's 组织生活 counter (org_life_versions, raised by triggers on
// records, attendance, themes, 支委 posts, record photos and member names: migration 0015), the organisation
// tree's version, the day, the period, the kinds and rules, and the reader's scope are all in the key. The
// list was the heaviest read of the benchmark (six statements over a committee's records and 60 KB of
// JSON computed per request); a hit costs one primary-key lookup.
import type { Db } from '../../db/types.js';

interface Entry<T> { value: T }

/** Per database handle (tests open several with the same demo ids). */
const caches = new WeakMap<object, Map<string, Entry<unknown>>>();
/** Lists kept per process (each some tens of KB); the least recently used goes first. */
const MAX_ENTRIES = 500;

async function versionOf(db: Db, tenantId: string): Promise<number> {
  const r = await db.selectFrom('org_life_versions').select('version').where('tenant_id', '=', tenantId).executeTakeFirst();
  return r ? Number(r.version) : 0;
}

/**
 * `compute()`'s result for `key` at the tenant's current 组织生活 version. The version is read before
 * computing: a change committed in between makes the kept list newer than its version, never older.
 * The value is shared between requests: callers must not modify it.
 */
export async function cachedCompliance<T>(db: Db, tenantId: string, key: string, compute: () => Promise<T>): Promise<T> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const full = `${tenantId}|${await versionOf(db, tenantId)}|${key}`;
  const hit = cache.get(full);
  if (hit) {
    cache.delete(full);
    cache.set(full, hit);
    return hit.value as T;
  }
  const value = await compute();
  cache.set(full, { value });
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return value;
}
