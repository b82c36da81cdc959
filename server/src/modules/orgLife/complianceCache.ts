// The compliance list (问题清单) of an organisation, kept per server process and computed again only when
// something it reads has changed: the tenant's 组织生活 counter (org_life_versions, raised by triggers on
// records, attendance, themes, 支委 posts, record photos and member names: migration 0015), the organisation
// tree's version, the day, the period, the kinds and rules, and the reader's scope are all in the key. The
// list was the heaviest read of the benchmark (six statements over a committee's records and 60 KB of
// JSON computed per request); a hit costs one primary-key lookup.
import type { Db } from '../../db/types.js';
import { readCounter } from '../../db/versions.js';
import { Lru, perHandle } from '../../platform/lru.js';
import type { ComplianceResult } from './compliance.js';

interface Entry { counter: number; list: ComplianceResult }

/** Lists kept per process and database (each some tens of KB). */
const listsOf = perHandle((): Lru<string, Entry> => new Lru(500));

/**
 * `compute()`'s list for `key` at the tenant's current 组织生活 counter. The counter is read before
 * computing: a change committed in between makes the kept list newer than its counter, never older.
 * One list per key, checked against the counter like the organisation tree (treeCache.ts): the counter only
 * rises, so a list of an older counter is never read again, and keeping it (the counter in the key) filled
 * all 500 places with dead lists under steady 组织生活 writes — tens of MB of heap, found by the soak run.
 * The list is shared between requests: callers must not modify it.
 */
export async function cachedCompliance(db: Db, tenantId: string, key: string, compute: () => Promise<ComplianceResult>): Promise<ComplianceResult> {
  const lists = listsOf(db);
  const full = `${tenantId}|${key}`;
  const counter = await readCounter(db, 'org_life_versions', tenantId);
  const hit = lists.get(full);
  if (hit && hit.counter === counter) return hit.list;
  const list = await compute();
  // A slower request of an older counter does not replace a newer list.
  const now = lists.get(full);
  if (!now || now.counter <= counter) lists.set(full, { counter, list });
  return list;
}

/** Lists held for a database (tests: one per key, whatever the counter did). */
export const keptComplianceLists = (db: Db): number => listsOf(db).size;
