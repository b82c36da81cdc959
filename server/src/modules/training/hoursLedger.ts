// The 学时 ledger of an organisation (every live member of its subtree against the yearly requirement, who is behind
// and by how much, a summary per child organisation) and a learner's own 学时 with the lines that earned them.
import type { Actor } from '../../platform/access/actor.js';
import type { Platform } from '../../platform/context.js';
import { todayIn } from '../../platform/calendar.js';
import { membersUnder } from '../members/index.js';
import { orgRowsOf, tenantTree } from '../org/index.js';
import { cadrePosts, hoursItems, requiredTenths, totalsOf } from './hours.js';
import { yearTotals } from './hoursCache.js';
import { HOURS_RULES } from './hoursSettings.js';
import { hoursLedgerOrg } from './policy.js';
import { linkedLearner } from './learner.js';
import type { HoursExportQuery, HoursList, HoursRow, MyHoursView } from './hoursSchema.js';

const yearOf = (p: Platform, year: string | undefined): string => year ?? todayIn(p.clock).slice(0, 4);
const rateOf = (met: number, n: number): number | null => (n === 0 ? null : Math.round((1000 * met) / n) / 10);

/** Every row of the ledger (filtered, sorted: the furthest behind first) with the summaries. */
export async function hoursLedger(p: Platform, actor: Actor, q: HoursExportQuery): Promise<Omit<HoursList, 'items' | 'total' | 'page' | 'pageSize'> & { rows: HoursRow[] }> {
  const org = await hoursLedgerOrg(p.db, actor, q.orgId);
  const year = yearOf(p, q.year);
  const tenantId = actor.tenantId;
  const [members, tree, rules] = await Promise.all([
    membersUnder(p.db, tenantId, org.path, { status: 'active' }), tenantTree(p.db, tenantId, actor.treeVersion), p.settings.get(tenantId, HOURS_RULES),
  ]);
  const [posts, totals] = await Promise.all([cadrePosts(p.db, tenantId, tree.map((o) => o.id), todayIn(p.clock)), yearTotals(p, tenantId, year)]);
  const children = tree.filter((o) => o.parent_id === org.id);
  const names = await orgRowsOf(p.db, actor, [org.id, ...children.map((c) => c.id), ...members.map((m) => m.groupId ?? m.branchId)]);
  const name = (id: string) => names.get(id)?.name ?? '';

  const all: (HoursRow & { path: string })[] = members.map((m) => {
    const t = totals.of(m.id);
    const held = posts.get(m.id) ?? [];
    const required = requiredTenths(rules, held.length > 0);
    const orgId = m.groupId ?? m.branchId;
    return {
      memberId: m.id, name: m.name, orgId, orgName: name(orgId), posts: held, requiredTenths: required,
      onlineTenths: t.online, offlineTenths: t.offline, lectureTenths: t.lectures, totalTenths: t.total, behindTenths: Math.max(0, required - t.total), path: m.orgPath,
    };
  });
  const summarise = (orgId: string, orgName: string, rows: typeof all) => {
    const met = rows.filter((r) => r.behindTenths === 0).length;
    return { orgId, orgName, members: rows.length, met, rate: rateOf(met, rows.length), totalTenths: rows.reduce((s, r) => s + r.totalTenths, 0) };
  };
  const orgs = children.map((c) => summarise(c.id, name(c.id), all.filter((r) => r.path.startsWith(c.path))));
  const own = all.filter((r) => !children.some((c) => r.path.startsWith(c.path)));
  if (own.length > 0 || children.length === 0) orgs.push(summarise(org.id, children.length ? `${name(org.id)}（本级）` : name(org.id), own));

  const keyword = q.keyword?.trim();
  const rows = all
    .filter((r) => (!q.behind || r.behindTenths > 0) && (!keyword || r.name.includes(keyword)))
    .sort((a, b) => b.behindTenths - a.behindTenths || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.name.localeCompare(b.name, 'zh-CN') || (a.memberId < b.memberId ? -1 : 1))
    .map(({ path: _path, ...r }) => r);
  return {
    orgId: org.id, orgName: name(org.id), year, requirement: { memberTenths: rules.memberHours * 10, cadreTenths: rules.cadreHours * 10 },
    summary: summarise(org.id, name(org.id), all), orgs, rows,
  };
}

/** One page of the ledger. */
export async function hoursPage(p: Platform, actor: Actor, q: HoursExportQuery & { page: number; pageSize: number }): Promise<HoursList> {
  const { rows, ...rest } = await hoursLedger(p, actor, q);
  const from = (q.page - 1) * q.pageSize;
  return { ...rest, items: rows.slice(from, from + q.pageSize), total: rows.length, page: q.page, pageSize: q.pageSize };
}

/** The learner's own 学时 of a year with the lines that earned them (empty, `linked: false`, without a linked member record). */
export async function myHours(p: Platform, actor: Actor, year: string | undefined): Promise<MyHoursView> {
  const me = await linkedLearner(p, actor);
  const y = yearOf(p, year);
  if (!me) {
    return { year: y, linked: false, name: actor.displayName, posts: [], requiredTenths: 0, onlineTenths: 0, offlineTenths: 0, lectureTenths: 0, totalTenths: 0, behindTenths: 0, items: [] };
  }
  const [rules, tree] = await Promise.all([p.settings.get(actor.tenantId, HOURS_RULES), tenantTree(p.db, actor.tenantId, actor.treeVersion)]);
  const [items, posts] = await Promise.all([
    hoursItems(p.db, actor.tenantId, [me.id], `${y}-01-01`, `${y}-12-31`, rules), cadrePosts(p.db, actor.tenantId, tree.map((o) => o.id), todayIn(p.clock)),
  ]);
  const t = totalsOf([me.id], items).get(me.id)!;
  const held = posts.get(me.id) ?? [];
  const required = requiredTenths(rules, held.length > 0);
  return {
    year: y, linked: true, name: me.name, posts: held, requiredTenths: required, onlineTenths: t.online, offlineTenths: t.offline, lectureTenths: t.lectures,
    totalTenths: t.total, behindTenths: Math.max(0, required - t.total),
    items: items.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.refId < b.refId ? -1 : 1)).map((i) => ({
      source: i.source, refId: i.refId, title: i.title, courseTitle: i.courseTitle, date: i.date, tenths: i.tenths,
      seconds: i.seconds ?? null, requiredMinutes: i.requiredMinutes ?? null, makeupOn: i.makeupOn ?? null,
    })),
  };
}
