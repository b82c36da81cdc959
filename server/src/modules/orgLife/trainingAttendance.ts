// The held 组织生活 activities members attended, for 教育培训's 学时: 党课 (kind partyLecture) and any activity a
// training session is held as. 组织生活 owns these tables; this is its reader.
import { sql, type SqlBool } from 'kysely';
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
 */
export async function attendedActivities(
  db: DbOrTx, tenantId: string, memberIds: readonly string[], from: string, to: string, also: readonly string[] = [],
): Promise<AttendedActivity[]> {
  if (memberIds.length === 0) return [];
  const rows = await inSlices(memberIds, (slice) => db.selectFrom('org_life_attendance as at')
    .innerJoin('org_life_activities as a', (j) => j.onRef('a.tenant_id', '=', 'at.tenant_id').onRef('a.id', '=', 'at.activity_id'))
    .select(['a.id', 'at.member_id', 'a.kind', 'a.title', 'a.org_id', 'a.starts_on', 'at.makeup_on', 'at.status'])
    .where('at.tenant_id', '=', tenantId).where('at.member_id', 'in', slice)
    .where('a.deleted_at', 'is', null).where('a.status', 'in', ['held', 'archived'])
    .where('a.starts_on', '>=', from).where('a.starts_on', '<=', to)
    .where((eb) => eb.or([eb('at.status', 'in', ['present', 'visitor']), eb('at.makeup_on', 'is not', null)]))
    .where((eb) => (also.length === 0 ? eb('a.kind', '=', 'partyLecture')
      : eb.or([eb('a.kind', '=', 'partyLecture'), sql<SqlBool>`a.id in (${sql.join([...new Set(also)])})`])))
    .orderBy('a.starts_on').orderBy('a.id').execute(), 400);
  return rows.map((r) => ({
    activityId: r.id, memberId: r.member_id, kind: r.kind, title: r.title, orgId: r.org_id, startsOn: r.starts_on,
    makeupOn: r.status === 'present' || r.status === 'visitor' ? null : r.makeup_on,
  }));
}
