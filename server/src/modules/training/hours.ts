// 学时 of members over a span of days (a year, or a year up to a metric's period end), in tenths (integers only):
// - online: per material, floor(min(seconds, required × 60) × credit / (required × 60)) over the study days in the span
//   (the heartbeats of study.ts write training_study; time earned on a material deleted since stays earned, and a course
//   that anyone studied cannot be deleted);
// - offline: a live session whose 组织生活 activity was held in the span, the member present, 列席 or made up (补课);
// - lectures: a 党课 of 组织生活 held in the span that the member attended and that backs no live session, at the
//   业务规则's lectureTenths. A 党课 held as a session earns the session's credit instead: it counts once, not twice.
// The requirement: cadreHours for a member holding a committee post now (书记, 副书记, 委员 …; not 党小组长), else
// memberHours.
import type { DbOrTx } from '../../db/types.js';
import { inSlices } from '../../db/batch.js';
import { readSetting } from '../../platform/settings/service.js';
import { attendedActivities } from '../orgLife/index.js';
import { currentPosts, POST_NAMES } from '../org/index.js';
import { currentPartyWorkers } from '../staff/index.js';
import { HOURS_RULES, type HoursRules } from './hoursSettings.js';

export interface HoursTotals { online: number; offline: number; lectures: number; total: number }
export type HoursSource = 'online' | 'offline' | 'lecture';

/** One credited line of a member: a material studied, a session attended, a 党课 attended. */
export interface HoursItem {
  memberId: string;
  source: HoursSource;
  /** Material id, or the 组织生活 activity id of a session or 党课. */
  refId: string;
  title: string;
  /** The course of a material or session; '' for a 党课. */
  courseTitle: string;
  /** The last study day of a material; the activity's date otherwise. */
  date: string;
  tenths: number;
  /** Online only: seconds counted (capped at the required time) and the required minutes. */
  seconds?: number;
  requiredMinutes?: number;
  /** Made up (补课) on this date instead of attending. */
  makeupOn?: string | null;
}

const zero = (): HoursTotals => ({ online: 0, offline: 0, lectures: 0, total: 0 });

/** Earned tenths of one material: proportional to the time, never beyond the required time; integers only. */
export const materialTenths = (seconds: number, requiredMinutes: number, creditTenths: number): number => {
  const required = requiredMinutes * 60;
  if (required <= 0) return 0;
  return Math.floor((Math.min(seconds, required) * creditTenths) / required);
};

/** Every credited line of the members (`'all'`: of every member of the tenant) between two dates (inclusive). */
export async function hoursItems(db: DbOrTx, tenantId: string, memberIds: readonly string[] | 'all', from: string, to: string, rules?: HoursRules): Promise<HoursItem[]> {
  if (memberIds !== 'all' && memberIds.length === 0) return [];
  const r = rules ?? await readSetting(db, tenantId, HOURS_RULES);
  const studied = (slice: readonly string[] | 'all') => db.selectFrom('training_study as s')
    .innerJoin('training_materials as m', (j) => j.onRef('m.tenant_id', '=', 's.tenant_id').onRef('m.id', '=', 's.material_id'))
    .innerJoin('training_courses as c', (j) => j.onRef('c.tenant_id', '=', 'm.tenant_id').onRef('c.id', '=', 'm.course_id'))
    .select((eb) => ['s.member_id', 's.material_id', 'm.title', 'm.credit_tenths', 'm.required_minutes', 'c.title as course_title',
      eb.fn.sum<number>('s.seconds').as('seconds'), eb.fn.max('s.day').as('last_day')])
    .where('s.tenant_id', '=', tenantId).$if(slice !== 'all', (qb) => qb.where('s.member_id', 'in', slice as readonly string[]))
    .where('s.day', '>=', from).where('s.day', '<=', to)
    .where('c.deleted_at', 'is', null)
    .groupBy(['s.member_id', 's.material_id', 'm.title', 'm.credit_tenths', 'm.required_minutes', 'c.title']).execute();
  const [study, sessions] = await Promise.all([
    memberIds === 'all' ? studied('all') : inSlices(memberIds, studied),
    db.selectFrom('training_sessions as s')
      .innerJoin('training_courses as c', (j) => j.onRef('c.tenant_id', '=', 's.tenant_id').onRef('c.id', '=', 's.course_id'))
      .select(['s.activity_id', 's.credit_tenths', 'c.title as course_title'])
      .where('s.tenant_id', '=', tenantId).where('s.deleted_at', 'is', null).where('c.deleted_at', 'is', null).execute(),
  ]);
  const sessionOf = new Map(sessions.map((s) => [s.activity_id, s]));
  const attended = await attendedActivities(db, tenantId, memberIds, from, to, sessions.map((s) => s.activity_id));
  const items: HoursItem[] = study.map((s) => {
    const seconds = Math.min(Number(s.seconds ?? 0), s.required_minutes * 60);
    return {
      memberId: s.member_id, source: 'online', refId: s.material_id, title: s.title, courseTitle: s.course_title, date: String(s.last_day),
      tenths: materialTenths(seconds, s.required_minutes, s.credit_tenths), seconds, requiredMinutes: s.required_minutes,
    };
  });
  for (const a of attended) {
    const session = sessionOf.get(a.activityId);
    if (session) {
      items.push({ memberId: a.memberId, source: 'offline', refId: a.activityId, title: a.title, courseTitle: session.course_title, date: a.startsOn, tenths: session.credit_tenths, makeupOn: a.makeupOn });
    } else if (a.kind === 'partyLecture') {
      items.push({ memberId: a.memberId, source: 'lecture', refId: a.activityId, title: a.title, courseTitle: '', date: a.startsOn, tenths: r.lectureTenths, makeupOn: a.makeupOn });
    }
  }
  return items;
}

/** Totals per member (tenths) from their lines; every member asked for is in the map. */
export function totalsOf(memberIds: readonly string[], items: readonly HoursItem[]): Map<string, HoursTotals> {
  const out = new Map(memberIds.map((id) => [id, zero()]));
  for (const i of items) {
    const t = out.get(i.memberId);
    if (!t) continue;
    if (i.source === 'online') t.online += i.tenths; else if (i.source === 'offline') t.offline += i.tenths; else t.lectures += i.tenths;
    t.total += i.tenths;
  }
  return out;
}

/** 学时 (tenths) of the members in a calendar year, by source. */
export async function memberYearHours(db: DbOrTx, tenantId: string, memberIds: readonly string[], year: number | string): Promise<Map<string, HoursTotals>> {
  return totalsOf(memberIds, await hoursItems(db, tenantId, memberIds, `${year}-01-01`, `${year}-12-31`));
}

/** Posts that make a member a cadre for the requirement: every post but 党小组长 (党务工作者 included). */
const CADRE_POSTS = new Set(Object.keys(POST_NAMES).filter((p) => p !== 'groupLeader'));

/**
 * The committee posts (names) each member holds now, among the given organisations' posts, and the Party-affairs
 * post a member holds as an employee of the committee (staff module: 党务工作者, 党群部专职) on `today`.
 */
export async function cadrePosts(db: DbOrTx, tenantId: string, orgIds: readonly string[], today: string): Promise<Map<string, string[]>> {
  const [posts, workers] = await Promise.all([currentPosts(db, tenantId, orgIds), currentPartyWorkers(db, tenantId, today)]);
  const out = new Map<string, string[]>();
  const add = (memberId: string, name: string) => {
    const held = out.get(memberId) ?? [];
    // The same post held in 组织 and as an employee is one post.
    if (!held.includes(name)) out.set(memberId, [...held, name]);
  };
  for (const rows of posts.values()) {
    for (const p of rows) if (CADRE_POSTS.has(p.post)) add(p.member_id, POST_NAMES[p.post as keyof typeof POST_NAMES]);
  }
  for (const w of workers) if (w.memberId) add(w.memberId, w.postName);
  return out;
}

/** The yearly requirement (tenths) of a member: cadres more. */
export const requiredTenths = (rules: HoursRules, cadre: boolean): number => (cadre ? rules.cadreHours : rules.memberHours) * 10;

/** 学时 as people read them: tenths with one decimal. */
export const hoursText = (tenths: number): string => (tenths / 10).toFixed(1);
