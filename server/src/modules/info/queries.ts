// SQL of the information base. Who sees what is info/policy.ts: in SQL for lists, by its predicate for one row.
import { forUpdate } from '../../db/dialect.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Db, DbOrTx } from '../../db/types.js';
import { seesEntry } from './policy.js';
import type { InfoEntryTable } from './tables.js';

/** A live entry the actor may see, or undefined (missing, deleted or out of scope: all answer 404). */
export async function visibleEntry(db: DbOrTx, actor: Actor, id: string): Promise<InfoEntryTable | undefined> {
  const row = await db.selectFrom('info_entries').selectAll()
    .where('tenant_id', '=', actor.tenantId).where('id', '=', id).where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row && seesEntry(actor, row) ? row : undefined;
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
