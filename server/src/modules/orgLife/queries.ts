// SQL of the 组织生活 records. Who may see them is orgLife/policy.ts, applied here in SQL; organisations and
// members are read through their owners' readers (the cached tree, the people summaries), never their tables.
import type { Actor } from '../../platform/access/actor.js';
import type { Db, DbOrTx, OrgKind } from '../../db/types.js';
import { inSlices } from '../../db/batch.js';
import { shanghaiDate } from '../../platform/calendar.js';
import { currentPosts, orgNamesOf, orgRowsOf } from '../org/index.js';
import { memberSummaries, membersUnder, type MemberSummary } from '../members/index.js';
import type { KindDef } from './kinds.js';
import { visibleActivities } from './policy.js';
import type { OrgLifeActivityTable, OrgLifeAttendanceTable } from './tables.js';

/** Kind of activity documents in platform/search. */
/** (platform/search kinds are lower-case.) */
export const ORG_LIFE_SEARCH_KIND = 'orglife';
/** files.owner_kind of activity photos and files. */
export const FILE_OWNER = 'orgLife';

export const activityLink = (id: string) => `/org-life?id=${id}`;

export interface ActivityRow extends OrgLifeActivityTable {
  theme_title: string | null;
  theme_month: string | null;
  theme_content: string | null;
}

/** Live activities a, with their theme. */
export function activityBase(db: DbOrTx) {
  return db
    .selectFrom('org_life_activities as a')
    .leftJoin('org_life_themes as th', (j) => j.onRef('th.tenant_id', '=', 'a.tenant_id').onRef('th.id', '=', 'a.theme_id'))
    .where('a.deleted_at', 'is', null);
}

export function selectActivity<Q extends ReturnType<typeof activityBase>>(q: Q) {
  return q.selectAll('a').select(['th.title as theme_title', 'th.month as theme_month', 'th.content as theme_content']);
}

/** One activity the actor can read, or undefined (missing and out of scope look the same). */
export async function activityVisible(db: DbOrTx, actor: Actor, id: string): Promise<ActivityRow | undefined> {
  return (await selectActivity(activityBase(db).where('a.tenant_id', '=', actor.tenantId).where('a.id', '=', id).where(visibleActivities(actor))).executeTakeFirst()) as ActivityRow | undefined;
}

export async function activityById(db: DbOrTx, tenantId: string, id: string): Promise<ActivityRow | undefined> {
  return (await selectActivity(activityBase(db).where('a.tenant_id', '=', tenantId).where('a.id', '=', id)).executeTakeFirst()) as ActivityRow | undefined;
}

/** Name and kind of the organisations that held the activities (a deleted one included), for a reader of their tenant. */
export async function activityOrgs(db: Db, reader: Actor, rows: readonly Pick<OrgLifeActivityTable, 'org_id'>[]): Promise<Map<string, { name: string; kind: OrgKind }>> {
  const orgs = await orgRowsOf(db, reader, rows.map((r) => r.org_id));
  return new Map([...orgs].map(([id, o]) => [id, { name: o.name, kind: o.kind }]));
}

export interface Counts {
  expected: number;
  present: number;
  leave: number;
  absent: number;
  unmarked: number;
  visitors: number;
}
const zero = (): Counts => ({ expected: 0, present: 0, leave: 0, absent: 0, unmarked: 0, visitors: 0 });

/** Adds `n` sheet lines of one kind (expected or not, status) to the counts. */
function tally(c: Counts, line: { expected: number; status: string }, n: number): void {
  if (!Number(line.expected)) c.visitors += n;
  else {
    c.expected += n;
    if (line.status === 'present') c.present += n;
    else if (line.status === 'leave') c.leave += n;
    else if (line.status === 'absent') c.absent += n;
    else c.unmarked += n;
  }
}

/** Attendance counts of many activities in one query. */
export async function attendanceCounts(db: DbOrTx, tenantId: string, ids: readonly string[]): Promise<Map<string, Counts>> {
  const rows = await inSlices(ids, (slice) =>
    db.selectFrom('org_life_attendance')
      .select(['activity_id', 'expected', 'status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('tenant_id', '=', tenantId).where('activity_id', 'in', slice)
      .groupBy(['activity_id', 'expected', 'status'])
      .execute());
  const out = new Map<string, Counts>(ids.map((id) => [id, zero()]));
  for (const r of rows) tally(out.get(r.activity_id)!, r, Number(r.n));
  return out;
}

/** The counts of one sheet, and its expected full members: the entitled voters of a 党员大会 (预备党员 have no vote). */
export function sheetCounts(lines: readonly Pick<AttendanceLine, 'expected' | 'status' | 'member_type'>[]): Counts & { entitledVoters: number } {
  const c = { ...zero(), entitledVoters: 0 };
  for (const l of lines) {
    tally(c, l, 1);
    if (Number(l.expected) && l.member_type === 'full') c.entitledVoters++;
  }
  return c;
}

export interface AttendanceLine extends OrgLifeAttendanceTable {
  name: string;
  member_type: MemberSummary['type'];
  /** The member's group, else branch. */
  member_org_id: string;
}

/** Sheet lines with the members' names and types (one batch of summaries); expected first, then by name and member. */
export async function withMembers<L extends Pick<OrgLifeAttendanceTable, 'member_id' | 'expected'>>(db: DbOrTx, tenantId: string, lines: readonly L[]): Promise<(L & Pick<AttendanceLine, 'name' | 'member_type' | 'member_org_id'>)[]> {
  const members = await memberSummaries(db, tenantId, lines.map((l) => l.member_id));
  return lines.flatMap((l) => {
    const m = members.get(l.member_id);
    return m ? [{ ...l, name: m.name, member_type: m.type, member_org_id: m.groupId ?? m.branchId }] : [];
  }).sort((a, b) => Number(b.expected) - Number(a.expected) || compareText(a.name, b.name) || compareText(a.member_id, b.member_id));
}

/** Text order as the databases sort it (binary), not the locale's. */
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The sheet of one activity: expected first, then by name; with the name of each member's group or branch. */
export async function attendanceOf(db: Db, reader: Actor, tenantId: string, activityId: string): Promise<(AttendanceLine & { member_org_name: string })[]> {
  const rows = await db.selectFrom('org_life_attendance').selectAll().where('tenant_id', '=', tenantId).where('activity_id', '=', activityId).execute();
  const lines = await withMembers(db, tenantId, rows);
  const orgNames = await orgNamesOf(db, reader, lines.map((l) => l.member_org_id));
  return lines.map((l) => ({ ...l, member_org_name: orgNames.get(`${tenantId}/${l.member_org_id}`) ?? '' }));
}

/** Names of the hosts and recorders of the records, from the members module (a deleted member keeps their name). */
export async function peopleNames(db: DbOrTx, tenantId: string, rows: readonly Pick<OrgLifeActivityTable, 'host_member_id' | 'recorder_member_id'>[]): Promise<Map<string, string>> {
  const ids = rows.flatMap((r) => [r.host_member_id, r.recorder_member_id]).filter((id): id is string => !!id);
  return new Map([...(await memberSummaries(db, tenantId, ids)).values()].map((m) => [m.id, m.name]));
}

/** The person's name, or the name typed on an old record. */
export const personName = (names: ReadonlyMap<string, string>, id: string | null, typed: string) => (id ? names.get(id) ?? '' : typed);

/** Active members an organisation's activity expects by default: the subtree's members; for 支委会 the current committee. */
export async function defaultExpected(db: DbOrTx, tenantId: string, org: { id: string; path: string }, kind: KindDef): Promise<string[]> {
  if (kind.committeeOnly) {
    const posts = (await currentPosts(db, tenantId, [org.id])).get(org.id) ?? [];
    const holders = await memberSummaries(db, tenantId, posts.map((op) => op.member_id));
    const committee = [...holders.values()].filter((m) => !m.deleted && m.status === 'active').map((m) => m.id);
    if (committee.length > 1) return committee;
  }
  return (await membersUnder(db, tenantId, org.path, { status: 'active' })).map((m) => m.id);
}

/** The published theme of a month, if any. */
export async function publishedTheme(db: DbOrTx, tenantId: string, month: string) {
  return db.selectFrom('org_life_themes').select(['id', 'title']).where('tenant_id', '=', tenantId).where('month', '=', month)
    .where('published_at', 'is not', null).executeTakeFirst();
}

/** YYYY-MM-DD in Asia/Shanghai of an ISO instant. */
export const shanghaiDay = (iso: string) => shanghaiDate(new Date(iso));
