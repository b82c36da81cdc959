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
