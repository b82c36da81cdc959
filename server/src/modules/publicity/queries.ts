// SQL of 宣传. Who sees a manuscript is decided here, in SQL for lists and by `canSee` for one row: the author
// always sees their own; anyone else needs publicity.read or publicity.review over its organisation, and never
// sees another person's draft.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { can, scopeFilter } from '../../platform/access/can.js';
import { forUpdate } from '../../db/dialect.js';
import type { DbDialect } from '../../config.js';
import type { DbOrTx } from '../../db/types.js';
import type { PublicityCorrespondentTable, PublicityManuscriptTable } from './tables.js';

interface Cols { tenant: Expression<string>; path: Expression<string>; status: Expression<string>; author: Expression<string> }

/** SQL: the actor may see the manuscript row. */
export function visibleFilter(actor: Actor, c: Cols): Expression<SqlBool> {
  const cols = { tenant: c.tenant, path: c.path };
  return sql<SqlBool>`((${c.tenant} = ${actor.tenantId} and ${c.author} = ${actor.userId}) or (${c.status} <> 'draft' and (${scopeFilter(actor, 'publicity.read', cols)} or ${scopeFilter(actor, 'publicity.review', cols)})))`;
}

export const manuscriptCols = (alias: string): Cols => ({
  tenant: sql.ref(`${alias}.tenant_id`), path: sql.ref(`${alias}.org_path`), status: sql.ref(`${alias}.status`), author: sql.ref(`${alias}.author_user_id`),
});

const rec = (m: Pick<PublicityManuscriptTable, 'tenant_id' | 'org_path'>) => ({ tenantId: m.tenant_id, orgPath: m.org_path });

export function canSee(actor: Actor, m: PublicityManuscriptTable): boolean {
  if (m.tenant_id !== actor.tenantId) return false;
  if (m.author_user_id === actor.userId) return true;
  return m.status !== 'draft' && (can(actor, 'publicity.read', rec(m)) || can(actor, 'publicity.review', rec(m)));
}

export const isEditor = (actor: Actor, m: Pick<PublicityManuscriptTable, 'tenant_id' | 'org_path'>) => can(actor, 'publicity.review', rec(m));
export const isAuthor = (actor: Actor, m: Pick<PublicityManuscriptTable, 'tenant_id' | 'author_user_id'>) => m.tenant_id === actor.tenantId && m.author_user_id === actor.userId;

/** A live manuscript the actor may see, or undefined (missing, deleted or out of sight: all answer 404). */
export async function visibleManuscript(db: DbOrTx, actor: Actor, id: string): Promise<PublicityManuscriptTable | undefined> {
  const row = await db.selectFrom('publicity_manuscripts').selectAll()
    .where('tenant_id', '=', actor.tenantId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  return row && canSee(actor, row) ? row : undefined;
}

/** The manuscript again inside a write transaction, locked on PostgreSQL so concurrent steps serialise. */
export function lockedManuscript(trx: DbOrTx, dialect: DbDialect, tenantId: string, id: string): Promise<PublicityManuscriptTable | undefined> {
  return trx.selectFrom('publicity_manuscripts').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).where('deleted_at', 'is', null)
    .modifyEnd(forUpdate(dialect)).executeTakeFirst();
}

/** A live correspondent whose organisation lies in the actor's publicity.read (or review) scope. */
export async function visibleCorrespondent(db: DbOrTx, actor: Actor, id: string): Promise<PublicityCorrespondentTable | undefined> {
  const row = await db.selectFrom('publicity_correspondents').selectAll()
    .where('tenant_id', '=', actor.tenantId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!row) return undefined;
  const r = { tenantId: row.tenant_id, orgPath: row.org_path };
  return can(actor, 'publicity.read', r) || can(actor, 'publicity.review', r) ? row : undefined;
}

/** The author's active correspondent row for the organisation on a day, if any. */
export async function activeCorrespondentOf(db: DbOrTx, tenantId: string, userId: string, orgId: string, today: string): Promise<string | null> {
  const row = await db.selectFrom('publicity_correspondents').select('id')
    .where('tenant_id', '=', tenantId).where('user_id', '=', userId).where('org_id', '=', orgId).where('deleted_at', 'is', null)
    .where('since', '<=', today).where((eb) => eb.or([eb('until', 'is', null), eb('until', '>=', today)]))
    .orderBy('since', 'desc').executeTakeFirst();
  return row?.id ?? null;
}
