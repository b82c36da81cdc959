// SQL of the organisation module. Scope is applied in SQL via scopeFilter, never after fetching.
import type { Actor } from '../../platform/access/actor.js';
import { scopeFilter } from '../../platform/access/can.js';
import type { Permission } from '../../platform/access/permissions.js';
import type { Db, OrganisationTable } from '../../db/types.js';
import { sql } from 'kysely';

export function orgsInScope(db: Db, actor: Actor, permission: Permission): Promise<OrganisationTable[]> {
  return db
    .selectFrom('organisations as o')
    .selectAll()
    .where('o.deleted_at', 'is', null)
    .where(scopeFilter(actor, permission, { tenant: sql.ref('o.tenant_id'), path: sql.ref('o.path') }))
    .orderBy('o.path')
    .execute();
}

/** One organisation, or undefined when it does not exist or lies outside the actor's scope. */
export function orgInScope(db: Db, actor: Actor, permission: Permission, id: string): Promise<OrganisationTable | undefined> {
  return db
    .selectFrom('organisations as o')
    .selectAll()
    .where('o.id', '=', id)
    .where('o.deleted_at', 'is', null)
    .where(scopeFilter(actor, permission, { tenant: sql.ref('o.tenant_id'), path: sql.ref('o.path') }))
    .executeTakeFirst();
}
