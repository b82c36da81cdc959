// The 工作台's card values, kept per process: a committee's dashboard recomputes eight modules' pages (tens of
// milliseconds), while its figures change only when something is written. An entry is (card, organisation, day) and is
// valid while the tenant's write_versions counter (raised after every write request and job run) is the one read before
// computing it, and for at most CARD_MAX_AGE_MS, for writes that pass neither (the command line, another tool on the
// database). The day is in the key because lights and arrears move with the date alone.
// A card's figures depend on the organisation, not on the reader: whoever sees a card holds its permission over the
// whole organisation, so every reader's scope covers the same subtree (dashboard.test.ts compares two readers).
import { readCounter } from '../../db/versions.js';
import type { Platform } from '../context.js';
import { Lru, perHandle } from '../lru.js';
import type { CardContext, CardData, CardDef } from './cards.js';

export const CARD_MAX_AGE_MS = 5 * 60_000;

interface Kept { version: number; at: number; data: Promise<CardData> }

const keptOf = perHandle((): Lru<string, Kept> => new Lru(2000));

/** The tenant's write counter, read once per dashboard before any card is computed. */
export function writeVersion(p: Platform, tenantId: string): Promise<number> {
  return readCounter(p.db, 'write_versions', tenantId);
}

/**
 * The card's values for the context's organisation and day, from the cache while `version` holds. Concurrent first
 * readers share one computation; a failed one is not kept.
 */
export function cachedCard(p: Platform, def: CardDef, ctx: CardContext, version: number): Promise<CardData> {
  const kept = keptOf(p.db);
  const key = `${ctx.org.tenant_id}|${def.key}|${ctx.org.id}|${ctx.today}`;
  const now = Date.now();
  const hit = kept.get(key);
  if (hit && hit.version === version && now - hit.at < CARD_MAX_AGE_MS) return hit.data;
  const data = def.compute(ctx);
  const entry: Kept = { version, at: now, data };
  kept.set(key, entry);
  data.catch(() => {
    if (kept.get(key) === entry) kept.set(key, { ...entry, at: -Infinity });
  });
  return data;
}
