// The 督办 tasks another module opened from its records (source kind + source id), so it can link to them
// instead of opening a second task for the same record.
import { sql } from 'kysely';
import type { DbOrTx } from '../../db/types.js';
import { likeLiteral } from '../../db/dialect.js';
import { inSlices } from '../../db/batch.js';
import type { TaskStatus } from './tables.js';

/** Live tasks of `sourceKind` whose source id starts with `sourceIdPrefix` (e.g. `<roundId>|`). */
export async function tasksFromSource(db: DbOrTx, tenantId: string, sourceKind: string, sourceIdPrefix: string): Promise<{ id: string; sourceId: string }[]> {
  const rows = await db.selectFrom('tasks').select(['id', 'source_id'])
    .where('tenant_id', '=', tenantId).where('source_kind', '=', sourceKind).where('deleted_at', 'is', null)
    .where(likeLiteral(sql.ref<string>('source_id'), sourceIdPrefix, 'prefix'))
    .execute();
  return rows.map((r) => ({ id: r.id, sourceId: r.source_id ?? '' }));
}

/** Status, due date, percent and closing day of tasks by id (deleted ones left out): for a module showing its tasks' progress. */
export async function taskStatuses(db: DbOrTx, tenantId: string, ids: readonly string[]): Promise<Map<string, { status: TaskStatus; dueOn: string; percent: number; closedOn: string | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await inSlices([...new Set(ids)], (slice) => db.selectFrom('tasks').select(['id', 'status', 'due_on', 'percent', 'closed_on'])
    .where('tenant_id', '=', tenantId).where('id', 'in', slice).where('deleted_at', 'is', null).execute());
  return new Map(rows.map((r) => [r.id, { status: r.status, dueOn: r.due_on, percent: r.percent, closedOn: r.closed_on }]));
}
