// SQL of 党建工作责任制 (responsibilities, their items and reports), over the module's own tables. Who may see a
// list is policy.ts's visibleResponsibilities, applied in SQL; the organisation's path is looked up in the
// statement from the id the row keeps.
import { sql, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import type { DbOrTx } from '../../db/types.js';
import { newId } from '../../db/ids.js';
import { inSubtree } from '../../db/dialect.js';
import { responsibilityOrgPath, visibleResponsibilities } from './policy.js';
import type { ResponsibilityItemTable, ResponsibilityReportTable, ResponsibilityTable } from './tables.js';

export type ResponsibilityRow = ResponsibilityTable & { org_path: string };

function responsibilityBase(db: DbOrTx, actor: Actor) {
  return db.selectFrom('responsibilities as r').where('r.deleted_at', 'is', null).where(visibleResponsibilities(actor));
}

/** One list the actor can see, with its organisation's current path, or undefined (missing and out of scope look the same). */
export function responsibilityVisible(db: DbOrTx, actor: Actor, id: string): Promise<ResponsibilityRow | undefined> {
  return responsibilityBase(db, actor).selectAll('r').select(responsibilityOrgPath().as('org_path')).where('r.id', '=', id).executeTakeFirst();
}

/**
 * A page of the lists the actor can see, newest year first, then in tree order. `orgPath`: the subtree of the
 * organisation filter, null when it names no organisation.
 */
export async function responsibilityPage(db: DbOrTx, actor: Actor, f: { year?: number | undefined; orgPath?: string | null | undefined; limit: number; offset: number }) {
  let b = responsibilityBase(db, actor);
  if (f.year) b = b.where('r.year', '=', f.year);
  if (f.orgPath !== undefined) b = f.orgPath === null ? b.where(sql<SqlBool>`1 = 0`) : b.where(inSubtree(responsibilityOrgPath(), f.orgPath));
  const [rows, count] = await Promise.all([
    b.selectAll('r').orderBy('r.year', 'desc').orderBy(responsibilityOrgPath()).orderBy('r.leader_key').limit(f.limit).offset(f.offset).execute(),
    b.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Live items of many lists, in their order. */
export function itemsOf(db: DbOrTx, tenantId: string, ids: readonly string[]): Promise<ResponsibilityItemTable[]> {
  return db.selectFrom('responsibility_items').selectAll().where('tenant_id', '=', tenantId).where('responsibility_id', 'in', [...ids]).where('deleted_at', 'is', null).orderBy('sort_order').execute();
}

/** The periods already reported of many lists. */
export function reportedPeriods(db: DbOrTx, tenantId: string, ids: readonly string[]): Promise<{ responsibility_id: string; period: string }[]> {
  return db.selectFrom('responsibility_reports').select(['responsibility_id', 'period']).where('tenant_id', '=', tenantId).where('responsibility_id', 'in', [...ids]).execute();
}

/** Every report of one list, by period. */
export function reportsOf(db: DbOrTx, tenantId: string, id: string): Promise<ResponsibilityReportTable[]> {
  return db.selectFrom('responsibility_reports').selectAll().where('tenant_id', '=', tenantId).where('responsibility_id', '=', id).orderBy('period').execute();
}

/** Another list of the same organisation, leader and year, if any (deleted ones too: the unique key counts them). */
export function sameKeyList(db: DbOrTx, tenantId: string, k: { orgId: string; leaderKey: string; year: number; except?: string }) {
  let q = db.selectFrom('responsibilities').select('id').where('tenant_id', '=', tenantId).where('org_id', '=', k.orgId).where('leader_key', '=', k.leaderKey).where('year', '=', k.year);
  if (k.except) q = q.where('id', '!=', k.except);
  return q.executeTakeFirst();
}

export async function insertResponsibility(trx: DbOrTx, row: ResponsibilityTable, items: Omit<ResponsibilityItemTable, 'tenant_id' | 'responsibility_id' | 'deleted_at'>[]): Promise<void> {
  await trx.insertInto('responsibilities').values(row).execute();
  await trx.insertInto('responsibility_items').values(items.map((it) => ({ ...it, tenant_id: row.tenant_id, responsibility_id: row.id, deleted_at: null }))).execute();
}

export async function updateResponsibility(trx: DbOrTx, row: Pick<ResponsibilityTable, 'tenant_id' | 'id'>, set: Partial<ResponsibilityTable>): Promise<void> {
  await trx.updateTable('responsibilities').set(set).where('tenant_id', '=', row.tenant_id).where('id', '=', row.id).execute();
}

/**
 * Replaces a list's items: those not kept are soft-deleted, kept ones (by id) take their new place and text, new
 * ones are added. `current` are the live items read in the same transaction.
 */
export async function replaceItems(trx: DbOrTx, row: Pick<ResponsibilityTable, 'tenant_id' | 'id'>, current: readonly ResponsibilityItemTable[], items: readonly { id?: string | undefined; content: string; standard?: string | null | undefined }[], at: string): Promise<void> {
  const keep = new Set(items.flatMap((it) => (it.id ? [it.id] : [])));
  for (const c of current) if (!keep.has(c.id)) await trx.updateTable('responsibility_items').set({ deleted_at: at }).where('tenant_id', '=', row.tenant_id).where('id', '=', c.id).execute();
  for (const [i, it] of items.entries()) {
    if (it.id) await trx.updateTable('responsibility_items').set({ sort_order: i, content: it.content, standard: it.standard ?? null }).where('tenant_id', '=', row.tenant_id).where('id', '=', it.id).execute();
    else await trx.insertInto('responsibility_items').values({ tenant_id: row.tenant_id, id: newId(), responsibility_id: row.id, sort_order: i, content: it.content, standard: it.standard ?? null, deleted_at: null }).execute();
  }
}

/** Ids of a list's items, deleted ones included (a report may name an item removed since). */
export async function itemIdsOf(db: DbOrTx, tenantId: string, id: string): Promise<Set<string>> {
  const rows = await db.selectFrom('responsibility_items').select('id').where('tenant_id', '=', tenantId).where('responsibility_id', '=', id).execute();
  return new Set(rows.map((r) => r.id));
}

export async function insertReport(trx: DbOrTx, row: ResponsibilityReportTable): Promise<void> {
  await trx.insertInto('responsibility_reports').values(row).execute();
}

/** The report of one period of a list, if any. */
export function reportOfPeriod(db: DbOrTx, tenantId: string, id: string, period: string) {
  return db.selectFrom('responsibility_reports').select('id').where('tenant_id', '=', tenantId).where('responsibility_id', '=', id).where('period', '=', period).executeTakeFirst();
}
