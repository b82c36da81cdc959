// SQL of the information base. Who sees what is decided here, in SQL for lists and by `can` for one row:
// published rows need info.read over their organisation, unpublished ones info.write or info.publish there.
import { forUpdate } from '../../db/dialect.js';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { can, scopeFilter } from '../../platform/access/can.js';
import type { Db, DbOrTx } from '../../db/types.js';
import type { InfoEntryTable } from './tables.js';

interface Cols { tenant: Expression<string>; path: Expression<string>; status: Expression<string> }

/** SQL: the actor may see the row. */
export function visibleFilter(actor: Actor, c: Cols): Expression<SqlBool> {
  const cols = { tenant: c.tenant, path: c.path };
  return sql<SqlBool>`((${c.status} = 'published' and ${scopeFilter(actor, 'info.read', cols)}) or (${c.status} <> 'published' and (${scopeFilter(actor, 'info.write', cols)} or ${scopeFilter(actor, 'info.publish', cols)})))`;
}

/** The same rule for one row already fetched. */
export function canSee(actor: Actor, e: Pick<InfoEntryTable, 'tenant_id' | 'org_path' | 'status'>): boolean {
  const rec = { tenantId: e.tenant_id, orgPath: e.org_path };
  if (e.status === 'published') return can(actor, 'info.read', rec);
  return can(actor, 'info.write', rec) || can(actor, 'info.publish', rec);
}

/** A live entry the actor may see, or undefined (missing, deleted or out of scope: all answer 404). */
export async function visibleEntry(db: DbOrTx, actor: Actor, id: string): Promise<InfoEntryTable | undefined> {
  const row = await db.selectFrom('info_entries').selectAll()
    .where('tenant_id', '=', actor.tenantId).where('id', '=', id).where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row && canSee(actor, row) ? row : undefined;
}

/** The entry again inside a write transaction, locked on PostgreSQL so concurrent transitions serialise. */
export async function lockedEntry(trx: DbOrTx, dialect: 'sqlite' | 'postgres', tenantId: string, id: string): Promise<InfoEntryTable | undefined> {
  return trx.selectFrom('info_entries').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).where('deleted_at', 'is', null)
    .modifyEnd(forUpdate(dialect)).executeTakeFirst();
}

export async function versionsOf(db: Db, tenantId: string, entryId: string) {
  return db.selectFrom('info_entry_versions').selectAll()
    .where('tenant_id', '=', tenantId).where('entry_id', '=', entryId)
    .orderBy('version', 'desc').execute();
}
