// The Party-affairs post an employee holds for the committee (党务工作者, 党群部专职) with since and term end: kept
// with the staff record because it needs no membership (a 党群部 干事 may be no member), and read by 教育培训's
// 党务干部 register beside the organisations' posts. A member's committee posts stay in 组织 (org_posts).
import { z } from 'zod';
import type { DbOrTx, StaffTable } from '../../db/types.js';
import type { Platform } from '../../platform/context.js';
import type { AuditContext } from '../../platform/audit/service.js';
import { Problems } from '../../platform/errors.js';
import { shanghaiDate } from '../../platform/calendar.js';

export const PARTY_WORK_POSTS = ['affairsStaff', 'affairsFullTime'] as const;
export type PartyWorkPost = (typeof PARTY_WORK_POSTS)[number];
export const PARTY_WORK_NAMES: Record<PartyWorkPost, string> = { affairsStaff: '党务工作者', affairsFullTime: '党群部专职' };

const day = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

/** PUT /staff/{id}/party-work: the post, or null to end it. */
export const partyWorkBody = z.object({
  post: z.enum(PARTY_WORK_POSTS, { message: '党务岗位应为党务工作者或党群部专职' }).nullable().describe('党务岗位（null 为不担任）'),
  since: day.nullable().optional().describe('任职起始日期'),
  until: day.nullable().optional().describe('任期届满日期（可空）'),
});
export type PartyWorkBody = z.infer<typeof partyWorkBody>;

export const partyWorkView = z.object({
  post: z.enum(PARTY_WORK_POSTS), postName: z.string(), since: z.string(), until: z.string().nullable(),
}).nullable().describe('党务岗位（不担任为 null）');
export type PartyWorkView = z.infer<typeof partyWorkView>;

export function partyWorkOf(r: Pick<StaffTable, 'party_work' | 'party_work_since' | 'party_work_until'>): PartyWorkView {
  if (!r.party_work || !r.party_work_since) return null;
  return { post: r.party_work, postName: PARTY_WORK_NAMES[r.party_work], since: r.party_work_since, until: r.party_work_until };
}

const validDay = (d: string) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;

/** Sets or ends the employee's Party-affairs post, audited with before and after; bad input changes nothing. */
export async function setPartyWork(p: Platform, ctx: AuditContext, row: StaffTable, body: PartyWorkBody): Promise<PartyWorkView> {
  const before = partyWorkOf(row);
  let next: { party_work: PartyWorkPost | null; party_work_since: string | null; party_work_until: string | null };
  if (body.post === null) {
    next = { party_work: null, party_work_since: null, party_work_until: null };
  } else {
    const problems = new Problems();
    const since = body.since ?? null;
    const until = body.until ?? null;
    if (!since) problems.add('since', '请填写任职起始日期');
    else if (!validDay(since)) problems.add('since', '任职起始日期无效');
    else if (since > shanghaiDate(p.clock.now())) problems.add('since', '任职起始日期不能晚于今天');
    if (until && !validDay(until)) problems.add('until', '任期届满日期无效');
    else if (until && since && until < since) problems.add('until', '任期届满日期不能早于任职起始日期');
    if (row.employment !== 'active') problems.add('post', '只有在岗员工可以担任党务岗位');
    problems.throwIfAny();
    next = { party_work: body.post, party_work_since: since, party_work_until: until };
  }
  const after = partyWorkOf(next);
  await p.audit.tx(ctx, async (trx) => {
    await trx.updateTable('staff').set({ ...next, updated_at: p.clock.now().toISOString() }).where('tenant_id', '=', row.tenant_id).where('id', '=', row.id).execute();
    await p.audit.record(trx, ctx, { action: 'staff.partyWork', entity: 'staff', entityId: row.id, before: { partyWork: before }, after: { partyWork: after } });
  });
  return after;
}

/** A current Party-affairs post of an employee, for the 党务干部 register and the 学时 requirement. */
export interface PartyWorker {
  staffId: string;
  name: string;
  unitName: string;
  memberId: string | null;
  post: PartyWorkPost;
  postName: string;
  since: string;
  until: string | null;
}

/**
 * The employees of a tenant holding a Party-affairs post on `today`: in post (employment active), started, and
 * their term not ended. In name order.
 */
export async function currentPartyWorkers(db: DbOrTx, tenantId: string, today: string): Promise<PartyWorker[]> {
  const rows = await db.selectFrom('staff as s')
    .innerJoin('units as u', (j) => j.onRef('u.tenant_id', '=', 's.tenant_id').onRef('u.id', '=', 's.unit_id'))
    .leftJoin('members as m', (j) => j.onRef('m.tenant_id', '=', 's.tenant_id').onRef('m.staff_id', '=', 's.id').on('m.deleted_at', 'is', null))
    .select(['s.id', 's.name', 'u.name as unit_name', 'm.id as member_id', 's.party_work', 's.party_work_since', 's.party_work_until'])
    .where('s.tenant_id', '=', tenantId).where('s.deleted_at', 'is', null).where('s.employment', '=', 'active')
    .where('s.party_work', 'is not', null).where('s.party_work_since', '<=', today)
    .where((eb) => eb.or([eb('s.party_work_until', 'is', null), eb('s.party_work_until', '>=', today)]))
    .orderBy('s.name').orderBy('s.id')
    .execute();
  return rows.map((r) => ({
    staffId: r.id, name: r.name, unitName: r.unit_name, memberId: r.member_id, post: r.party_work!, postName: PARTY_WORK_NAMES[r.party_work!],
    since: r.party_work_since!, until: r.party_work_until,
  }));
}
