// What a wall screen receives for its link: the figures of the cards marked for the 大屏, computed by their modules
// as a read-only actor over the link's organisation, with every link, id and person left out. A link that is
// malformed, forged, revoked, expired or whose organisation is gone is `undefined` alike, so nothing can be probed.
import { todayIn } from '../../platform/calendar.js';
import type { Platform } from '../../platform/context.js';
import { cardViews } from '../dashboard/index.js';
import { tenantTree } from '../org/index.js';
import { hashToken, linkStatus, TOKEN_SHAPE } from './links.js';
import { screenActor } from './policy.js';
import type { ScreenView } from './schema.js';

export async function screenFor(p: Platform, token: string): Promise<ScreenView | undefined> {
  if (!TOKEN_SHAPE.test(token)) return undefined;
  // Looked up by the token's hash: the database compares hashes, never the secret itself, so timing tells nothing.
  const link = await p.db.selectFrom('display_links').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
  const today = todayIn(p.clock);
  if (!link || linkStatus(link, today) !== 'active') return undefined;
  const org = (await tenantTree(p.db, link.tenant_id)).find((o) => o.id === link.org_id);
  if (!org) return undefined;
  const cards = p.cards.list().filter((c) => c.display === true);
  const actor = screenActor(link.id, org, [...new Set(cards.map((c) => c.access))]);
  const now = p.clock.now();
  const [views] = await Promise.all([
    cardViews(p, actor, org, today, cards),
    p.db.updateTable('display_links').set({ last_seen_at: now.toISOString() }).where('tenant_id', '=', link.tenant_id).where('id', '=', link.id).execute(),
  ]);
  return {
    place: link.place,
    org: { name: org.name },
    today,
    at: now.toISOString(),
    // A card that failed is left out rather than shown empty on the wall.
    cards: views.filter((c) => !c.unavailable).map((c) => ({
      key: c.key, title: c.title, period: c.period,
      figures: c.figures.map((f) => ({ label: f.label, value: f.value, unit: f.unit, tone: f.tone })),
      chart: c.chart,
      lines: c.lines.map((l) => ({ label: l.label, note: l.note, tone: l.tone })),
    })),
  };
}
