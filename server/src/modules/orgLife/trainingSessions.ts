// What 教育培训 reads of 组织生活 for its offline sessions: the activities a course may be held as (those of the
// course organisation's subtree) and, for sessions already linked, their time, place, lecturer and attendance.
import { sql } from 'kysely';
import { inSubtree, likeLiteral } from '../../db/dialect.js';
import type { DbOrTx } from '../../db/types.js';
import { attendanceCounts } from './queries.js';

export interface SessionActivity {
  id: string;
  org_id: string;
  org_path: string;
  kind: string;
  title: string;
  status: string;
  starts_at: string;
  place: string;
  lecturer_name: string;
  deleted: boolean;
  present: number;
  expected: number;
}

const columns = ['id', 'org_id', 'org_path', 'kind', 'title', 'status', 'starts_at', 'place', 'lecturer_name', 'deleted_at'] as const;

async function withCounts(db: DbOrTx, tenantId: string, rows: { id: string; org_id: string; org_path: string; kind: string; title: string; status: string; starts_at: string; place: string; lecturer_name: string; deleted_at: string | null }[]): Promise<SessionActivity[]> {
  const counts = await attendanceCounts(db, tenantId, rows.map((r) => r.id));
  return rows.map(({ deleted_at, ...r }) => ({ ...r, deleted: deleted_at !== null, present: counts.get(r.id)?.present ?? 0, expected: counts.get(r.id)?.expected ?? 0 }));
}

/** The activities by id (deleted ones too, flagged: a session keeps showing what it was held as). */
export async function sessionActivities(db: DbOrTx, tenantId: string, ids: readonly string[]): Promise<Map<string, SessionActivity>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('org_life_activities').select([...columns]).where('tenant_id', '=', tenantId).where('id', 'in', [...new Set(ids)]).execute();
  return new Map((await withCounts(db, tenantId, rows)).map((r) => [r.id, r]));
}

/** Live activities of the subtree at `path`, newest first (at most 100), optionally by title keyword. */
export async function sessionCandidates(db: DbOrTx, tenantId: string, path: string, keyword?: string): Promise<SessionActivity[]> {
  let q = db.selectFrom('org_life_activities').select([...columns]).where('tenant_id', '=', tenantId).where('deleted_at', 'is', null)
    .where(inSubtree(sql.ref<string>('org_path'), path));
  if (keyword) q = q.where(likeLiteral(sql.ref<string>('title'), keyword, 'anywhere'));
  return withCounts(db, tenantId, await q.orderBy('starts_at', 'desc').limit(100).execute());
}
