// SQL of the 组织生活 records. An activity is visible with orgLife.read over its organisation's subtree
// (activities keep org_path, rewritten on moves); the condition is applied in SQL, never after fetching.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { scopeFilter } from '../../platform/access/can.js';
import type { DbOrTx, OrgKind } from '../../db/types.js';
import { inSlices } from '../../db/batch.js';
import { inSubtree } from '../../db/dialect.js';
import { shanghaiDate } from '../../platform/calendar.js';
import type { KindDef } from './kinds.js';
import type { OrgLifeActivityTable, OrgLifeAttendanceTable } from './tables.js';

/** Kind of activity documents in platform/search. */
/** (platform/search kinds are lower-case.) */
export const ORG_LIFE_SEARCH_KIND = 'orglife';
/** files.owner_kind of activity photos and files. */
export const FILE_OWNER = 'orgLife';

export const activityLink = (id: string) => `/org-life?id=${id}`;

export interface ActivityRow extends OrgLifeActivityTable {
  org_name: string;
  org_kind: OrgKind;
  theme_title: string | null;
  theme_month: string | null;
  theme_content: string | null;
}

/** Live activities a, with their organisation and theme. */
export function activityBase(db: DbOrTx) {
  return db
    .selectFrom('org_life_activities as a')
    .innerJoin('organisations as o', (j) => j.onRef('o.tenant_id', '=', 'a.tenant_id').onRef('o.id', '=', 'a.org_id'))
    .leftJoin('org_life_themes as th', (j) => j.onRef('th.tenant_id', '=', 'a.tenant_id').onRef('th.id', '=', 'a.theme_id'))
    .where('a.deleted_at', 'is', null);
}

export function selectActivity<Q extends ReturnType<typeof activityBase>>(q: Q) {
  return q.selectAll('a').select(['o.name as org_name', 'o.kind as org_kind', 'th.title as theme_title', 'th.month as theme_month', 'th.content as theme_content']);
}

export function readable(actor: Actor): Expression<SqlBool> {
  return scopeFilter(actor, 'orgLife.read', { tenant: sql.ref('a.tenant_id'), path: sql.ref('a.org_path') });
}

/** One activity the actor can read, or undefined (missing and out of scope look the same). */
export async function activityVisible(db: DbOrTx, actor: Actor, id: string): Promise<ActivityRow | undefined> {
  return (await selectActivity(activityBase(db).where('a.id', '=', id).where(readable(actor))).executeTakeFirst()) as ActivityRow | undefined;
}

export async function activityById(db: DbOrTx, tenantId: string, id: string): Promise<ActivityRow | undefined> {
  return (await selectActivity(activityBase(db).where('a.tenant_id', '=', tenantId).where('a.id', '=', id)).executeTakeFirst()) as ActivityRow | undefined;
}

export interface Counts {
  expected: number;
  present: number;
  leave: number;
  absent: number;
  unmarked: number;
  visitors: number;
  /** Expected full members (the entitled voters of a 党员大会). */
  entitledVoters: number;
}
const zero = (): Counts => ({ expected: 0, present: 0, leave: 0, absent: 0, unmarked: 0, visitors: 0, entitledVoters: 0 });

/** Attendance counts of many activities in one query. */
export async function attendanceCounts(db: DbOrTx, tenantId: string, ids: readonly string[]): Promise<Map<string, Counts>> {
  const rows = await inSlices(ids, (slice) =>
    db.selectFrom('org_life_attendance as t')
      .innerJoin('members as m', (j) => j.onRef('m.tenant_id', '=', 't.tenant_id').onRef('m.id', '=', 't.member_id'))
      .select(['t.activity_id', 't.expected', 't.status', 'm.type', (eb) => eb.fn.countAll<number>().as('n')])
      .where('t.tenant_id', '=', tenantId).where('t.activity_id', 'in', slice)
      .groupBy(['t.activity_id', 't.expected', 't.status', 'm.type'])
      .execute());
  const out = new Map<string, Counts>();
  for (const r of rows) {
    const c = out.get(r.activity_id) ?? zero();
    const n = Number(r.n);
    if (r.expected) {
      c.expected += n;
      if (r.type === 'full') c.entitledVoters += n;
      if (r.status === 'present') c.present += n;
      else if (r.status === 'leave') c.leave += n;
      else if (r.status === 'absent') c.absent += n;
      else c.unmarked += n;
    } else {
      c.visitors += n;
    }
    out.set(r.activity_id, c);
  }
  for (const id of ids) if (!out.has(id)) out.set(id, zero());
  return out;
}

export interface AttendanceRowFull extends OrgLifeAttendanceTable {
  name: string;
  member_type: 'full' | 'probationary';
  member_org_name: string;
}

/** The sheet of one activity: expected first, then by name. */
export async function attendanceOf(db: DbOrTx, tenantId: string, activityId: string): Promise<AttendanceRowFull[]> {
  const rows = await db.selectFrom('org_life_attendance as t')
    .innerJoin('members as m', (j) => j.onRef('m.tenant_id', '=', 't.tenant_id').onRef('m.id', '=', 't.member_id'))
    .innerJoin('staff as s', (j) => j.onRef('s.tenant_id', '=', 'm.tenant_id').onRef('s.id', '=', 'm.staff_id'))
    .innerJoin('organisations as mo', (j) => j.onRef('mo.tenant_id', '=', 'm.tenant_id').on((eb) => eb('mo.id', '=', eb.fn.coalesce('m.group_id', 'm.branch_id'))))
    .selectAll('t').select(['s.name', 'm.type as member_type', 'mo.name as member_org_name'])
    .where('t.tenant_id', '=', tenantId).where('t.activity_id', '=', activityId)
    .orderBy('t.expected', 'desc').orderBy('s.name').orderBy('t.member_id')
    .execute();
  return rows as AttendanceRowFull[];
}

/** Active members an organisation's activity expects by default: the subtree's members; for 支委会 the current committee. */
export async function defaultExpected(db: DbOrTx, tenantId: string, org: { id: string; path: string }, kind: KindDef): Promise<string[]> {
  if (kind.committeeOnly) {
    const posts = await db.selectFrom('org_posts as op')
      .innerJoin('members as m', (j) => j.onRef('m.tenant_id', '=', 'op.tenant_id').onRef('m.id', '=', 'op.member_id'))
      .select('m.id').distinct()
      .where('op.tenant_id', '=', tenantId).where('op.org_id', '=', org.id).where('op.ended_on', 'is', null)
      .where('m.deleted_at', 'is', null).where('m.status', '=', 'active')
      .execute();
    if (posts.length > 1) return posts.map((r) => r.id);
  }
  const rows = await db.selectFrom('members').select('id')
    .where('tenant_id', '=', tenantId).where('deleted_at', 'is', null).where('status', '=', 'active')
    .where(inSubtree(sql.ref<string>('org_path'), org.path))
    .execute();
  return rows.map((r) => r.id);
}

/** The published theme of a month, if any. */
export async function publishedTheme(db: DbOrTx, tenantId: string, month: string) {
  return db.selectFrom('org_life_themes').select(['id', 'title']).where('tenant_id', '=', tenantId).where('month', '=', month)
    .where('published_at', 'is not', null).executeTakeFirst();
}

/** YYYY-MM-DD in Asia/Shanghai of an ISO instant. */
export const shanghaiDay = (iso: string) => shanghaiDate(new Date(iso));
