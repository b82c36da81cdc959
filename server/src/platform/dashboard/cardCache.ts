// The 工作台's card values, kept per process (platform/keptReads.ts): a committee's dashboard recomputes eight
// modules' pages (tens of milliseconds), while its figures change only when something is written. An entry is (card,
// organisation, day); the day is in the key because lights and arrears move with the date alone.
// A card's figures depend on the organisation, not on the reader: whoever sees a card holds its permission over the
// whole organisation, so every reader's scope covers the same subtree (dashboard.test.ts compares two readers).
import type { Platform } from '../context.js';
import { keptReads } from '../keptReads.js';
import type { CardContext, CardData, CardDef } from './cards.js';

export const CARD_MAX_AGE_MS = 5 * 60_000;

const kept = keptReads<CardData>(2000, CARD_MAX_AGE_MS);

/** The card's values for the context's organisation and day, from the cache while `version` (writeVersion, read once per dashboard) holds. */
export function cachedCard(p: Platform, def: CardDef, ctx: CardContext, version: number): Promise<CardData> {
  return kept(p.db, `${ctx.org.tenant_id}|${def.key}|${ctx.org.id}|${ctx.today}`, version, () => def.compute(ctx));
}
