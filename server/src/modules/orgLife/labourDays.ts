// The held 义务劳动日 records (kind 'labourDay') of a subtree with who was present, for 志愿服务 to take an
// activity's participants from a record instead of typing them twice. 组织生活 owns these tables; this is its reader.
import { sql } from 'kysely';
import type { DbOrTx } from '../../db/types.js';
import { inSubtree } from '../../db/dialect.js';
import { inSlices } from '../../db/batch.js';

export interface HeldLabourDay {
  id: string;
  orgId: string;
  orgPath: string;
  title: string;
  /** Asia/Shanghai date the record started. */
  startsOn: string;
  startsAt: string;
  endsAt: string;
  place: string;
  /** Members marked 出席 on the sign-in sheet (列席 visitors are not the organisation's). */
  presentMemberIds: string[];
}

/** Held or archived 义务劳动日 records under `path` (or just `id` there), newest first, with present members. */
export async function heldLabourDays(db: DbOrTx, tenantId: string, path: string, opts: { id?: string; limit?: number } = {}): Promise<HeldLabourDay[]> {
  let q = db.selectFrom('org_life_activities as a')
    .select(['a.id', 'a.org_id', 'a.org_path', 'a.title', 'a.starts_on', 'a.starts_at', 'a.ends_at', 'a.place'])
    .where('a.tenant_id', '=', tenantId).where('a.deleted_at', 'is', null).where('a.kind', '=', 'labourDay').where('a.status', 'in', ['held', 'archived'])
    .where(inSubtree(sql.ref<string>('a.org_path'), path));
  if (opts.id) q = q.where('a.id', '=', opts.id);
  const acts = await q.orderBy('a.starts_at', 'desc').orderBy('a.id', 'desc').limit(opts.limit ?? 200).execute();
  const present = acts.length === 0 ? [] : await inSlices(acts.map((a) => a.id), (slice) => db.selectFrom('org_life_attendance')
    .select(['activity_id', 'member_id']).where('tenant_id', '=', tenantId).where('activity_id', 'in', slice).where('status', '=', 'present')
    .orderBy('member_id').execute());
  const byAct = new Map<string, string[]>();
  for (const r of present) byAct.set(r.activity_id, [...(byAct.get(r.activity_id) ?? []), r.member_id]);
  return acts.map((a) => ({
    id: a.id, orgId: a.org_id, orgPath: a.org_path, title: a.title, startsOn: a.starts_on, startsAt: a.starts_at, endsAt: a.ends_at, place: a.place,
    presentMemberIds: byAct.get(a.id) ?? [],
  }));
}
