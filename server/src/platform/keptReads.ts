// Reads kept per process behind the tenant's write_versions counter (migration 0039), raised after every successful
// write request of the tenant's accounts (platform/http/writeCounter.ts) and after every job run: a kept value is
// served while the counter is the one read before computing it, and for at most its maximum age, for writes that pass
// neither (the command line, another tool on the database). Used where a read costs far more than the counter (the
// 工作台's cards, the 志愿服务 lists, 我的); the counter is per tenant, so a module never has to say which writes feed it.
import { readCounter } from '../db/versions.js';
import type { Db } from '../db/types.js';
import type { Actor } from './access/actor.js';
import { Lru, perHandle } from './lru.js';

interface Kept<T> { version: number; at: number; value: Promise<T> }

/** The tenant's write counter: read once per request, before anything is computed. */
export function writeVersion(db: Db, tenantId: string): Promise<number> {
  return readCounter(db, 'write_versions', tenantId);
}

/**
 * A bounded store of computed values per database handle: the kept value for `key` while `version` holds and it is
 * younger than `maxAgeMs`; concurrent first readers share one computation, and a failed one (or one `keep` refuses)
 * is not kept.
 */
export function keptReads<T>(
  max: number, maxAgeMs: number, keep: (value: T) => boolean = () => true,
): (db: Db, key: string, version: number, compute: () => Promise<T>) => Promise<T> {
  const keptOf = perHandle((): Lru<string, Kept<T>> => new Lru(max));
  return (db, key, version, compute) => {
    const kept = keptOf(db);
    const now = Date.now();
    const hit = kept.get(key);
    if (hit && hit.version === version && now - hit.at < maxAgeMs) return hit.value;
    const value = compute();
    const entry: Kept<T> = { version, at: now, value };
    kept.set(key, entry);
    // A failed computation, or a value the caller does not want kept (one that says part of it failed), is read again.
    const drop = () => {
      if (kept.get(key) === entry) kept.set(key, { ...entry, at: -Infinity });
    };
    value.then((v) => (keep(v) ? undefined : drop()), drop);
    return value;
  };
}

/** How long a page kept for a reader lives past a write the counter did not see (the command line). */
export const READER_PAGE_MAX_AGE_MS = 60_000;

/**
 * A store of pages kept per reader: the account and its grants (which decide scope and masking), the day (ages,
 * overdue days) and the query. The caller has made its permission check before asking.
 */
export function keptForReader<T>(max: number, keep?: (value: T) => boolean): (db: Db, actor: Actor, today: string, query: unknown, compute: () => Promise<T>) => Promise<T> {
  const kept = keptReads<T>(max, READER_PAGE_MAX_AGE_MS, keep);
  return async (db, actor, today, query, compute) => {
    const key = `${actor.tenantId}|${actor.userId}|${actor.grants.map((g) => g.grantId).join(',')}|${today}|${JSON.stringify(query ?? null)}`;
    return kept(db, key, await writeVersion(db, actor.tenantId), compute);
  };
}
