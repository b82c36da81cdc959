// 服务时长: visit minutes plus activity minutes, each counted for the organisation the volunteer belonged to on the
// day (volunteer_org_path of visits and activity hours). The summary groups in SQL by volunteer, place and month
// (two statements, one per source) and folds those few rows here into months, child organisations and volunteers.
// A summary is kept per process until the tenant's volunteer_versions counter (raised by triggers on visits, activity
// hours and people's names: migration 0022) or its organisation tree version moves: it is a read of the benchmark.
import { sql } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import type { Platform } from '../../platform/context.js';
import { shanghaiDate } from '../../platform/calendar.js';
import { fieldError, notFound } from '../../platform/errors.js';
import { inSubtree } from '../../db/dialect.js';
import type { Db, DbOrTx } from '../../db/types.js';
import { readCounter } from '../../db/versions.js';
import { Lru, perHandle } from '../../platform/lru.js';
import { memberSummaries } from '../members/index.js';
import { staffSummaries } from '../staff/index.js';
import { orgNames, orgOrTopInScope, tenantTree } from '../org/index.js';
import { readableOrgs, readsAt } from './policy.js';
import { VISIT_KIND_NAMES } from './names.js';
import { volunteerKey, volunteerOfUser, volunteersByKey, type Volunteer } from './volunteers.js';
import type { HoursQuery, HoursRecord, HoursView } from './hoursSchema.js';
import type { VolunteerKind } from './tables.js';

/** Hours as people read them: minutes / 60 with one decimal. */
export const hoursText = (minutes: number): string => (minutes / 60).toFixed(1);

interface Grouped { source: 'visit' | 'activity'; kind: VolunteerKind; id: string; orgId: string; orgPath: string; month: string; n: number; minutes: number }

const yearOf = (p: Platform, year: string | undefined) => year ?? shanghaiDate(p.clock.now()).slice(0, 4);
const monthsOf = (year: string) => Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);

/** Summaries per process and database, by tenant, organisation and year, with the versions they were computed at. */
const summariesOf = perHandle((): Lru<string, { counter: number; tree: number; view: HoursView }> => new Lru(500));

/** Visits and activity hours placed under `path` in the year, summed per volunteer, place and month. */
async function groupedHours(db: Db, tenantId: string, path: string, year: string): Promise<Grouped[]> {
  const [from, to] = [`${year}-01-01`, `${year}-12-31`];
  const [visits, acts] = await Promise.all([
    db.selectFrom('volunteer_visits as x')
      .select((eb) => ['x.volunteer_kind', 'x.volunteer_id', 'x.volunteer_org_id', 'x.volunteer_org_path', sql<string>`substr(x.visited_on, 1, 7)`.as('month'),
        eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('x.minutes').as('m')])
      .where('x.tenant_id', '=', tenantId).where('x.deleted_at', 'is', null).where(inSubtree(sql.ref<string>('x.volunteer_org_path'), path))
      .where('x.visited_on', '>=', from).where('x.visited_on', '<=', to)
      .groupBy(['x.volunteer_kind', 'x.volunteer_id', 'x.volunteer_org_id', 'x.volunteer_org_path', sql`substr(x.visited_on, 1, 7)`]).execute(),
    db.selectFrom('volunteer_activity_hours as x')
      .select((eb) => ['x.volunteer_kind', 'x.volunteer_id', 'x.volunteer_org_id', 'x.volunteer_org_path', sql<string>`substr(x.held_on, 1, 7)`.as('month'),
        eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('x.minutes').as('m')])
      .where('x.tenant_id', '=', tenantId).where('x.deleted_at', 'is', null).where(inSubtree(sql.ref<string>('x.volunteer_org_path'), path))
      .where('x.held_on', '>=', from).where('x.held_on', '<=', to)
      .groupBy(['x.volunteer_kind', 'x.volunteer_id', 'x.volunteer_org_id', 'x.volunteer_org_path', sql`substr(x.held_on, 1, 7)`]).execute(),
  ]);
  const row = (source: Grouped['source']) => (r: (typeof visits)[number]): Grouped => ({
    source, kind: r.volunteer_kind, id: r.volunteer_id, orgId: r.volunteer_org_id, orgPath: r.volunteer_org_path, month: r.month, n: Number(r.n), minutes: Number(r.m ?? 0),
  });
  return [...visits.map(row('visit')), ...acts.map(row('activity'))];
}

/** The summary of an organisation (volunteer.read there; the actor's highest one by default) for a year. */
export async function hoursSummary(p: Platform, actor: Actor, q: Pick<HoursQuery, 'orgId' | 'year'>): Promise<HoursView> {
  const org = await orgOrTopInScope(p.db, actor, 'volunteer.read', q.orgId);
  if (!org) throw fieldError('orgId', '组织不存在或不在您的查看范围内');
  const year = yearOf(p, q.year);
  // The versions are read first: a change committed in between makes the kept summary newer than them, never older.
  // One entry per key (the versions only rise). Shared between requests: callers must not modify it.
  const kept = summariesOf(p.db);
  const key = `${actor.tenantId}|${org.id}|${org.path}|${year}`;
  const [counter, tree] = await Promise.all([
    readCounter(p.db, 'volunteer_versions', actor.tenantId), actor.treeVersion ?? readCounter(p.db, 'org_tree_versions', actor.tenantId),
  ]);
  const hit = kept.get(key);
  if (hit && hit.counter === counter && hit.tree === tree) return hit.view;
  const view = await computeSummary(p.db, actor, org, year);
  kept.set(key, { counter, tree, view });
  return view;
}

async function computeSummary(db: Db, actor: Actor, org: { id: string; path: string }, year: string): Promise<HoursView> {
  const rows = await groupedHours(db, actor.tenantId, org.path, year);
  const months = monthsOf(year);
  // Child organisations, then the organisation's own members (本级) when it has any hours of its own.
  const children = (await tenantTree(db, actor.tenantId, actor.treeVersion)).filter((o) => o.parent_id === org.id);
  const buckets = children.map((c) => ({ orgId: c.id, path: c.path }));
  if (children.length === 0 || rows.some((r) => !children.some((c) => r.orgPath.startsWith(c.path)))) buckets.push({ orgId: org.id, path: org.path });
  const bucketOf = (r: Grouped) => buckets.find((b) => b.orgId !== org.id && r.orgPath.startsWith(b.path)) ?? buckets.find((b) => b.orgId === org.id)!;

  const byMonth = new Map(months.map((m) => [m, { month: m, visitMinutes: 0, activityMinutes: 0, visits: 0 }]));
  const byOrg = new Map(buckets.map((b) => [b.orgId, { minutes: 0, people: new Set<string>(), monthMinutes: months.map(() => 0) }]));
  const byVol = new Map<string, { kind: VolunteerKind; id: string; orgId: string; lastMonth: string; visitMinutes: number; activityMinutes: number; visits: number }>();
  for (const r of rows) {
    const key = volunteerKey(r.kind, r.id);
    const m = byMonth.get(r.month);
    if (m) {
      if (r.source === 'visit') { m.visitMinutes += r.minutes; m.visits += r.n; } else m.activityMinutes += r.minutes;
    }
    const o = byOrg.get(bucketOf(r).orgId)!;
    o.minutes += r.minutes;
    o.people.add(key);
    const i = months.indexOf(r.month);
    if (i >= 0) o.monthMinutes[i]! += r.minutes;
    const v = byVol.get(key) ?? { kind: r.kind, id: r.id, orgId: r.orgId, lastMonth: r.month, visitMinutes: 0, activityMinutes: 0, visits: 0 };
    if (r.month >= v.lastMonth) { v.lastMonth = r.month; v.orgId = r.orgId; }
    if (r.source === 'visit') { v.visitMinutes += r.minutes; v.visits += r.n; } else v.activityMinutes += r.minutes;
    byVol.set(key, v);
  }
  const [names, people] = await Promise.all([
    orgNames(db, [actor.tenantId], [org.id, ...buckets.map((b) => b.orgId), ...[...byVol.values()].map((v) => v.orgId)]),
    volunteersByKey(db, actor.tenantId, [...byVol.values()]),
  ]);
  const name = (id: string) => names.get(`${actor.tenantId}/${id}`) ?? '';
  const volunteers = [...byVol.entries()].map(([key, v]) => ({
    kind: v.kind, id: v.id, name: people.get(key)?.name ?? '', orgName: name(v.orgId), visitMinutes: v.visitMinutes, activityMinutes: v.activityMinutes, visits: v.visits,
  })).sort((a, b) => b.visitMinutes + b.activityMinutes - (a.visitMinutes + a.activityMinutes) || a.name.localeCompare(b.name));
  return {
    orgId: org.id, orgName: name(org.id), year,
    months: [...byMonth.values()],
    orgs: buckets.map((b) => {
      const o = byOrg.get(b.orgId)!;
      return { orgId: b.orgId, orgName: b.orgId === org.id && children.length ? `${name(org.id)}（本级）` : name(b.orgId), minutes: o.minutes, volunteers: o.people.size, monthMinutes: o.monthMinutes };
    }),
    volunteers,
    total: {
      visitMinutes: volunteers.reduce((s, v) => s + v.visitMinutes, 0), activityMinutes: volunteers.reduce((s, v) => s + v.activityMinutes, 0),
      visits: volunteers.reduce((s, v) => s + v.visits, 0), volunteers: volunteers.length,
    },
  };
}

// ---------- one volunteer ----------

/** Every visit and activity of the volunteer in the year, wherever it counted, newest first. */
export async function volunteerRecords(db: DbOrTx, tenantId: string, v: { kind: VolunteerKind; id: string }, year: string): Promise<HoursRecord[]> {
  const [from, to] = [`${year}-01-01`, `${year}-12-31`];
  const [visits, acts] = await Promise.all([
    db.selectFrom('volunteer_visits as vv').innerJoin('volunteer_residents as vr', (j) => j.onRef('vr.tenant_id', '=', 'vv.tenant_id').onRef('vr.id', '=', 'vv.resident_id'))
      .select(['vv.visited_on', 'vv.kind', 'vv.minutes', 'vv.volunteer_org_id', 'vr.name', 'vv.id'])
      .where('vv.tenant_id', '=', tenantId).where('vv.volunteer_kind', '=', v.kind).where('vv.volunteer_id', '=', v.id).where('vv.deleted_at', 'is', null)
      .where('vv.visited_on', '>=', from).where('vv.visited_on', '<=', to).execute(),
    db.selectFrom('volunteer_activity_hours as h').innerJoin('volunteer_activities as va', (j) => j.onRef('va.tenant_id', '=', 'h.tenant_id').onRef('va.id', '=', 'h.activity_id'))
      .select(['h.held_on', 'h.minutes', 'h.volunteer_org_id', 'va.title', 'va.id'])
      .where('h.tenant_id', '=', tenantId).where('h.volunteer_kind', '=', v.kind).where('h.volunteer_id', '=', v.id).where('h.deleted_at', 'is', null)
      .where('h.held_on', '>=', from).where('h.held_on', '<=', to).execute(),
  ]);
  const names = await orgNames(db, [tenantId], [...visits, ...acts].map((r) => r.volunteer_org_id));
  const name = (id: string) => names.get(`${tenantId}/${id}`) ?? '';
  const out = [
    ...visits.map((r) => ({ date: r.visited_on, source: 'visit' as const, title: `${VISIT_KIND_NAMES[r.kind]}：${r.name}`, minutes: r.minutes, orgName: name(r.volunteer_org_id), key: r.id })),
    ...acts.map((r) => ({ date: r.held_on, source: 'activity' as const, title: `志愿活动：${r.title}`, minutes: r.minutes, orgName: name(r.volunteer_org_id), key: r.id })),
  ].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.key < b.key ? 1 : -1));
  return out.map(({ key: _key, ...r }) => r);
}

export function totalsOf(records: HoursRecord[], year: string) {
  const months = monthsOf(year).map((month) => ({ month, visitMinutes: 0, activityMinutes: 0, visits: 0 }));
  for (const r of records) {
    const m = months[Number(r.date.slice(5, 7)) - 1]!;
    if (r.source === 'visit') { m.visitMinutes += r.minutes; m.visits++; } else m.activityMinutes += r.minutes;
  }
  return {
    months,
    total: { visitMinutes: months.reduce((s, m) => s + m.visitMinutes, 0), activityMinutes: months.reduce((s, m) => s + m.activityMinutes, 0), visits: months.reduce((s, m) => s + m.visits, 0) },
  };
}

/** The acting volunteer's own hours of the year (none when the account is neither a member nor an employee). */
export async function myHours(p: Platform, actor: Actor, year: string | undefined) {
  const y = yearOf(p, year);
  const self = await volunteerOfUser(p.db, actor.tenantId, actor.userId);
  const records = self ? await volunteerRecords(p.db, actor.tenantId, self, y) : [];
  return { year: y, volunteer: self ? { kind: self.kind, id: self.id, name: self.name } : null, ...totalsOf(records, y), records };
}

/**
 * Another volunteer whose certificate the actor may issue: volunteer.read over a member's organisation, or for an
 * employee over an organisation where their hours count. Anyone else answers 404.
 */
export async function certifiableVolunteer(db: Db, actor: Actor, kind: VolunteerKind, id: string): Promise<Volunteer> {
  if (kind === 'member') {
    const m = (await memberSummaries(db, actor.tenantId, [id])).get(id);
    if (!m || !readsAt(actor, m.orgPath)) throw notFound('志愿者');
    return { kind, id, name: m.name, orgId: m.groupId ?? m.branchId, orgPath: m.orgPath, userId: m.userId };
  }
  const s = (await staffSummaries(db, actor.tenantId, [id])).get(id);
  // Only when the hours of the employee count somewhere the actor reads.
  const counted = s && !s.deleted && ((await db.selectFrom('volunteer_visits as x').select('x.id').where('x.tenant_id', '=', actor.tenantId).where('x.volunteer_kind', '=', 'staff')
    .where('x.volunteer_id', '=', id).where('x.deleted_at', 'is', null).where(readableOrgs(actor, 'x', 'volunteer_org_path')).limit(1).executeTakeFirst())
    || (await db.selectFrom('volunteer_activity_hours as x').select('x.activity_id').where('x.tenant_id', '=', actor.tenantId).where('x.volunteer_kind', '=', 'staff')
      .where('x.volunteer_id', '=', id).where('x.deleted_at', 'is', null).where(readableOrgs(actor, 'x', 'volunteer_org_path')).limit(1).executeTakeFirst()));
  if (!s || !counted) throw notFound('志愿者');
  return { kind, id, name: s.name, orgId: null, orgPath: null, userId: s.userId };
}
