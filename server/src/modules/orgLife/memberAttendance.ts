// One member's attendance at held 组织生活 between two dates (应到 lines only; 列席 does not count), for other
// modules' records of the member (表彰's nomination snapshot).
import { sql } from 'kysely';
import type { DbOrTx } from '../../db/types.js';

export async function memberAttendance(db: DbOrTx, tenantId: string, memberId: string, from: string, to: string): Promise<{ expected: number; present: number }> {
  const row = await db.selectFrom('org_life_attendance as a')
    .innerJoin('org_life_activities as act', (j) => j.onRef('act.tenant_id', '=', 'a.tenant_id').onRef('act.id', '=', 'a.activity_id'))
    .select([sql<number>`count(*)`.as('expected'), sql<number>`sum(case when a.status = 'present' then 1 else 0 end)`.as('present')])
    .where('a.tenant_id', '=', tenantId).where('a.member_id', '=', memberId).where('a.expected', '=', 1)
    .where('act.status', 'in', ['held', 'archived']).where('act.deleted_at', 'is', null)
    .where('act.starts_on', '>=', from).where('act.starts_on', '<=', to).executeTakeFirst();
  return { expected: Number(row?.expected ?? 0), present: Number(row?.present ?? 0) };
}

export interface AttendanceLine {
  activityId: string;
  kind: string;
  title: string;
  startsOn: string;
  /** 1 = on the expected list (应到); 0 = 列席. */
  expected: boolean;
  status: 'present' | 'leave' | 'absent' | 'visitor' | 'unmarked';
  makeupOn: string | null;
}

/** One member's lines on the sheets of held 组织生活 between two dates (列席 included), latest first: 我的 lists them. */
export async function memberAttendanceLines(db: DbOrTx, tenantId: string, memberId: string, from: string, to: string): Promise<AttendanceLine[]> {
  const rows = await db.selectFrom('org_life_attendance as a')
    .innerJoin('org_life_activities as act', (j) => j.onRef('act.tenant_id', '=', 'a.tenant_id').onRef('act.id', '=', 'a.activity_id'))
    .select(['act.id', 'act.kind', 'act.title', 'act.starts_on', 'act.starts_at', 'a.expected', 'a.status', 'a.makeup_on'])
    .where('a.tenant_id', '=', tenantId).where('a.member_id', '=', memberId)
    .where('act.status', 'in', ['held', 'archived']).where('act.deleted_at', 'is', null)
    .where('act.starts_on', '>=', from).where('act.starts_on', '<=', to)
    .orderBy('act.starts_at', 'desc').orderBy('act.id', 'desc').execute();
  return rows.map((r) => ({ activityId: r.id, kind: r.kind, title: r.title, startsOn: r.starts_on, expected: Number(r.expected) === 1, status: r.status, makeupOn: r.makeup_on }));
}
