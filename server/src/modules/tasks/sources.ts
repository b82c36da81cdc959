// The 督办 tasks another module opened from its records (source kind + source id), so it can link to them
// instead of opening a second task for the same record.
import { sql } from 'kysely';
import type { DbOrTx } from '../../db/types.js';
import { likeLiteral } from '../../db/dialect.js';

/** Live tasks of `sourceKind` whose source id starts with `sourceIdPrefix` (e.g. `<roundId>|`). */
export async function tasksFromSource(db: DbOrTx, tenantId: string, sourceKind: string, sourceIdPrefix: string): Promise<{ id: string; sourceId: string }[]> {
  const rows = await db.selectFrom('tasks').select(['id', 'source_id'])
    .where('tenant_id', '=', tenantId).where('source_kind', '=', sourceKind).where('deleted_at', 'is', null)
    .where(likeLiteral(sql.ref<string>('source_id'), sourceIdPrefix, 'prefix'))
    .execute();
  return rows.map((r) => ({ id: r.id, sourceId: r.source_id ?? '' }));
}
