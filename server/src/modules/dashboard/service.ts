// The 工作台 of an organisation: every registered card the reader may see, computed together (one request, cards in
// parallel), each by its own module. A card that fails is marked unavailable instead of failing the page.
import type { Actor } from '../../platform/access/actor.js';
import { todayIn } from '../../platform/calendar.js';
import type { Platform } from '../../platform/context.js';
import { cachedCard } from '../../platform/dashboard/cardCache.js';
import { writeVersion } from '../../platform/keptReads.js';
import type { CardDef } from '../../platform/dashboard/cards.js';
import { notFound } from '../../platform/errors.js';
import { orgInScope, topOrgInScope, type OrganisationTable } from '../org/index.js';
import { seesCard } from './policy.js';
import type { CardView, DashboardView } from './schema.js';

/** The organisation asked for where the reader holds some card's permission, else their highest such one. */
async function dashboardOrg(p: Platform, actor: Actor, orgId: string | undefined): Promise<OrganisationTable | undefined> {
  const perms = p.cards.permissions();
  if (orgId) {
    for (const perm of perms) {
      const org = await orgInScope(p.db, actor, perm, orgId);
      if (org) return org;
    }
    throw notFound('组织');
  }
  const tops = (await Promise.all(perms.map((perm) => topOrgInScope(p.db, actor, perm)))).filter((o): o is OrganisationTable => o !== undefined);
  return tops.sort((a, b) => a.path.length - b.path.length)[0];
}

/**
 * The given cards for the organisation as the actor, in parallel and through the per-process card cache (a card's
 * figures depend on the organisation, not on the reader); a card that fails is marked unavailable.
 */
export async function cardViews(p: Platform, actor: Actor, org: OrganisationTable, today: string, cards: readonly CardDef[]): Promise<CardView[]> {
  const version = await writeVersion(p.db, actor.tenantId);
  const settled = await Promise.allSettled(cards.map((c) => cachedCard(p, c, { actor, org, today }, version)));
  return settled.map((r, i): CardView => {
    const { key, title } = cards[i]!;
    if (r.status === 'rejected') return { key, title, link: '', period: null, figures: [], chart: null, lines: [], unavailable: true };
    const d = r.value;
    return {
      key, title, link: d.link, period: d.period ?? null,
      figures: d.figures.map((f) => ({ label: f.label, value: f.value, unit: f.unit, tone: f.tone ?? null, link: f.link ?? null })),
      chart: d.chart ?? null, lines: (d.lines ?? []).map((l) => ({ ...l, tone: l.tone ?? null })), unavailable: false,
    };
  });
}

export async function dashboard(p: Platform, actor: Actor, orgId: string | undefined): Promise<DashboardView> {
  const today = todayIn(p.clock);
  const org = await dashboardOrg(p, actor, orgId);
  if (!org) return { org: null, today, cards: [] };
  const cards = p.cards.list().filter((c) => seesCard(actor, c, org));
  return { org: { id: org.id, name: org.name, kind: org.kind }, today, cards: await cardViews(p, actor, org, today, cards) };
}
