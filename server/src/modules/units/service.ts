// Administrative units (部门/科室): a tree of their own with the same materialised paths as the
// organisations. Tenant-wide records: every rule here assumes the caller holds staff.* at the root.
import { sql } from 'kysely';
import type { Db, DbOrTx, UnitTable } from '../../db/types.js';
import { inSlices } from '../../db/batch.js';
import { newId } from '../../db/ids.js';
import { inSubtree } from '../../db/dialect.js';
import type { Platform } from '../../platform/context.js';
import type { AuditContext } from '../../platform/audit/service.js';
import { conflict, fieldError, notFound } from '../../platform/errors.js';
import type { UnitView } from './schema.js';

export const toUnitView = (u: UnitTable, staffCount: number): UnitView => ({
  id: u.id, parentId: u.parent_id, kind: u.kind, name: u.name, code: u.code, path: u.path, depth: u.depth, staffCount,
});

export async function listUnits(db: Db, tenantId: string): Promise<UnitView[]> {
  const [units, counts] = await Promise.all([
    db.selectFrom('units').selectAll().where('tenant_id', '=', tenantId).where('deleted_at', 'is', null).orderBy('path').execute(),
    db.selectFrom('staff').select(['unit_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('tenant_id', '=', tenantId).where('deleted_at', 'is', null).groupBy('unit_id').execute(),
  ]);
  const byUnit = new Map(counts.map((c) => [c.unit_id, Number(c.n)]));
  return units.map((u) => toUnitView(u, byUnit.get(u.id) ?? 0));
}

export async function findUnit(db: Db, tenantId: string, id: string): Promise<UnitTable | undefined> {
  return db.selectFrom('units').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

async function staffCount(db: Db, tenantId: string, unitId: string): Promise<number> {
  const r = await db.selectFrom('staff').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId).where('unit_id', '=', unitId).where('deleted_at', 'is', null).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function unitView(db: Db, u: UnitTable): Promise<UnitView> {
  return toUnitView(u, await staffCount(db, u.tenant_id, u.id));
}

async function parentOf(db: Db, tenantId: string, parentId: string | null | undefined): Promise<UnitTable | null> {
  if (!parentId) return null;
  const parent = await findUnit(db, tenantId, parentId);
  if (!parent) throw fieldError('parentId', '上级单位不存在');
  return parent;
}

export async function createUnit(p: Platform, ctx: AuditContext, tenantId: string, input: { parentId?: string | null | undefined; kind: UnitTable['kind']; name: string; code?: string | null | undefined }): Promise<UnitView> {
  const parent = await parentOf(p.db, tenantId, input.parentId);
  if (input.kind === 'section' && !parent) throw fieldError('parentId', '科室须设在某个单位之下，请选择上级单位');
  const now = p.clock.now();
  const id = newId(now.getTime());
  const row: UnitTable = {
    tenant_id: tenantId, id, parent_id: parent?.id ?? null, kind: input.kind, name: input.name, code: input.code ?? null,
    path: `${parent?.path ?? '/'}${id}/`, depth: (parent?.depth ?? -1) + 1, sort_order: 0,
    created_at: now.toISOString(), updated_at: now.toISOString(), deleted_at: null,
  };
  const view = toUnitView(row, 0);
  await p.audit.tx(ctx, async (trx) => {
    await trx.insertInto('units').values(row).execute();
    await p.audit.record(trx, ctx, { action: 'unit.create', entity: 'unit', entityId: id, after: view });
  });
  return view;
}

export async function updateUnit(p: Platform, ctx: AuditContext, unit: UnitTable, input: { parentId?: string | null | undefined; kind?: UnitTable['kind'] | undefined; name?: string | undefined; code?: string | null | undefined }): Promise<UnitView> {
  const before = await unitView(p.db, unit);
  const moving = input.parentId !== undefined && (input.parentId ?? null) !== unit.parent_id;
  const parent = moving ? await parentOf(p.db, unit.tenant_id, input.parentId) : null;
  if (parent && parent.path.startsWith(unit.path)) throw fieldError('parentId', '不能把单位移到它自己或它的下级单位之下');
  const kind = input.kind ?? unit.kind;
  if (kind === 'section' && (moving ? !parent : !unit.parent_id)) throw fieldError('parentId', '科室须设在某个单位之下，请选择上级单位');
  const now = p.clock.now().toISOString();
  const next: UnitTable = {
    ...unit, kind, name: input.name ?? unit.name, code: input.code === undefined ? unit.code : input.code, updated_at: now,
    ...(moving ? { parent_id: parent?.id ?? null, path: `${parent?.path ?? '/'}${unit.id}/`, depth: (parent?.depth ?? -1) + 1 } : {}),
  };
  const after = toUnitView(next, before.staffCount);
  await p.audit.tx(ctx, async (trx) => {
    if (moving) {
      // The whole subtree follows: every path under the old prefix gets the new one.
      await trx.updateTable('units')
        .set({
          path: sql<string>`${next.path} || substr(path, ${unit.path.length + 1})`,
          depth: sql<number>`depth + ${next.depth - unit.depth}`,
          updated_at: now,
        })
        .where('tenant_id', '=', unit.tenant_id)
        .where(inSubtree(sql.ref('path'), unit.path))
        .where('id', '<>', unit.id)
        .execute();
    }
    await trx.updateTable('units')
      .set({ parent_id: next.parent_id, path: next.path, depth: next.depth, kind: next.kind, name: next.name, code: next.code, updated_at: now })
      .where('tenant_id', '=', unit.tenant_id).where('id', '=', unit.id).execute();
    await p.audit.record(trx, ctx, { action: 'unit.update', entity: 'unit', entityId: unit.id, before, after });
  });
  return after;
}

export async function deleteUnit(p: Platform, ctx: AuditContext, unit: UnitTable): Promise<void> {
  const before = await unitView(p.db, unit);
  if (before.staffCount > 0) throw conflict('UNIT_HAS_STAFF', `该单位还有 ${before.staffCount} 名员工，不能删除`);
  const child = await p.db.selectFrom('units').select('id').where('tenant_id', '=', unit.tenant_id).where('parent_id', '=', unit.id).where('deleted_at', 'is', null).executeTakeFirst();
  if (child) throw conflict('UNIT_HAS_CHILDREN', '该单位还有下级单位，不能删除');
  const now = p.clock.now().toISOString();
  await p.audit.tx(ctx, async (trx) => {
    const r = await trx.updateTable('units').set({ deleted_at: now, updated_at: now })
      .where('tenant_id', '=', unit.tenant_id).where('id', '=', unit.id).where('deleted_at', 'is', null).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw notFound('单位');
    await p.audit.record(trx, ctx, { action: 'unit.delete', entity: 'unit', entityId: unit.id, before });
  });
}

/** Names of units by id, keyed "<tenant>/<id>", for modules that show where a person works. */
export async function unitNames(db: DbOrTx, tenantIds: readonly string[], ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await inSlices(ids, (slice) => db.selectFrom('units').select(['tenant_id', 'id', 'name']).where('tenant_id', 'in', tenantIds).where('id', 'in', slice).execute());
  return new Map(rows.map((u) => [`${u.tenant_id}/${u.id}`, u.name]));
}

/**
 * Live (not deleted) units of a tenant in tree order, all of them or only the given ids: for modules that let a
 * unit take part in their records (an assessment indicator scored by a unit) and must refuse a deleted one.
 */
export async function liveUnits(db: DbOrTx, tenantId: string, ids?: readonly string[]): Promise<{ id: string; name: string }[]> {
  const base = db.selectFrom('units').select(['id', 'name', 'path', 'sort_order']).where('tenant_id', '=', tenantId).where('deleted_at', 'is', null);
  const rows = ids ? await inSlices(ids, (slice) => base.where('id', 'in', slice).execute()) : await base.execute();
  rows.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.sort_order - b.sort_order));
  return rows.map((u) => ({ id: u.id, name: u.name }));
}
