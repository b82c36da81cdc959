// The held 组织生活 activities members attended, for 教育培训's 学时: 党课 (kind partyLecture) and any activity a
// training session is held as. 组织生活 owns these tables; this is its reader.
import type { DbOrTx } from '../../db/types.js';
import { inSlices } from '../../db/batch.js';

export interface AttendedActivity {
  activityId: string;
  memberId: string;
  kind: string;
  title: string;
  orgId: string;
  /** Asia/Shanghai date the activity started: what decides the year it counts for. */
  startsOn: string;
  /** 补课 date when the member made it up instead of attending. */
  makeupOn: string | null;
}

/**
 * Held or archived activities between two dates (inclusive, by start date) that the members attended: signed in as
 * present, as 列席 (they were there), or absent/on leave with a 补课 date. Only 党课 and the given activity ids.
 * `'all'` reads every member's lines: the activities' sheets whole, cheaper than one index probe per member and
 * activity when the members are a whole committee.
 */
export async function attendedActivities(
  db: DbOrTx, tenantId: string, memberIds: readonly string[] | 'all', from: string, to: string, also: readonly string[] = [],
): Promise<AttendedActivity[]> {
  if (memberIds.length === 0) return [];
  // The few activities first (党课 by kind, sessions by id), then their sheets by key: both statements stay on indexes.
  const held = () => db.selectFrom('org_life_activities').select(['id', 'kind', 'title', 'org_id', 'starts_on'])
    .where('tenant_id', '=', tenantId).where('deleted_at', 'is', null).where('status', 'in', ['held', 'archived'])
    .where('starts_on', '>=', from).where('starts_on', '<=', to);
  const [lectures, sessions] = await Promise.all([
    held().where('kind', '=', 'partyLecture').execute(),
    inSlices(also, (slice) => held().where('id', 'in', slice).execute()),
  ]);
  const acts = new Map([...lectures, ...sessions].map((a) => [a.id, a]));
  if (acts.size === 0) return [];
  const sheet = (activityIds: string[]) => db.selectFrom('org_life_attendance')
    .select(['activity_id', 'member_id', 'status', 'makeup_on'])
    .where('tenant_id', '=', tenantId).where('activity_id', 'in', activityIds)
    .where((eb) => eb.or([eb('status', 'in', ['present', 'visitor']), eb('makeup_on', 'is not', null)]));
  const lines = memberIds === 'all'
    ? await inSlices([...acts.keys()], (activityIds) => sheet(activityIds).execute())
    : await inSlices([...acts.keys()], (activityIds) => inSlices(memberIds, (slice) => sheet(activityIds).where('member_id', 'in', slice).execute()), 200);
  return lines.map((l) => {
    const a = acts.get(l.activity_id)!;
    return {
      activityId: a.id, memberId: l.member_id, kind: a.kind, title: a.title, orgId: a.org_id, startsOn: a.starts_on,
      makeupOn: l.status === 'present' || l.status === 'visitor' ? null : l.makeup_on,
    };
  }).sort((x, y) => (x.startsOn < y.startsOn ? -1 : x.startsOn > y.startsOn ? 1 : x.activityId < y.activityId ? -1 : x.activityId > y.activityId ? 1 : x.memberId < y.memberId ? -1 : 1));
}
