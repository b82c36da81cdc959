// 我的: the signed-in person's own record and every registered section about them, computed together (one request,
// sections in parallel), each by its own module for the actor's own member record. A section that fails is marked
// unavailable instead of failing the page; an account with no member record gets an empty page, not a refusal.
import type { Actor } from '../../platform/access/actor.js';
import { todayIn } from '../../platform/calendar.js';
import type { Platform } from '../../platform/context.js';
import type { MineSectionData } from '../../platform/mine/sections.js';
import { memberOfUser, ownMemberPlace } from '../members/index.js';
import type { OverviewView, SectionView, WhoView } from './schema.js';

export async function who(p: Platform, actor: Actor): Promise<WhoView> {
  const own = await ownMemberPlace(p, actor);
  return own ? { linked: true, name: own.name, branchName: own.branchName, groupName: own.groupName } : { linked: false, name: actor.displayName, branchName: null, groupName: null };
}

const sectionOf = (key: string, title: string, d: MineSectionData): SectionView => ({
  key, title, link: d.link ?? null, period: d.period ?? null,
  fields: (d.fields ?? []).map((f) => ({ key: f.key, label: f.label, value: f.value, revealable: f.revealable === true })),
  figures: d.figures ?? [],
  items: (d.items ?? []).map((i) => ({ title: i.title, note: i.note ?? null, date: i.date ?? null, tag: i.tag ?? null, tone: i.tone ?? null })),
  empty: d.empty ?? null, unavailable: false,
});

export async function overview(p: Platform, actor: Actor): Promise<OverviewView> {
  const today = todayIn(p.clock);
  const year = Number(today.slice(0, 4));
  const [person, member] = await Promise.all([who(p, actor), memberOfUser(p.db, actor.tenantId, actor.userId)]);
  if (!member) return { ...person, today, year, sections: [] };
  const defs = p.mine.list();
  const settled = await Promise.allSettled(defs.map((d) => d.compute({ actor, member, today, year })));
  return {
    ...person, today, year,
    sections: settled.map((r, i): SectionView => {
      const { key, title } = defs[i]!;
      if (r.status === 'fulfilled') return sectionOf(key, title, r.value);
      return { key, title, link: null, period: null, fields: [], figures: [], items: [], empty: null, unavailable: true };
    }),
  };
}
