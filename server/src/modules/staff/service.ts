// Rules of the staff roster: identity validated by the shared people rules, 身份证号 and phone stored
// encrypted beside a keyed hash, 住址 encrypted, every change audited with masked before/after.
import type { Db, DbOrTx, StaffTable } from '../../db/types.js';
import { newId } from '../../db/ids.js';
import type { Platform } from '../../platform/context.js';
import type { AuditContext } from '../../platform/audit/service.js';
import { shanghaiDate } from '../../platform/calendar.js';
import { AppError, conflict, forbidden, notFound } from '../../platform/errors.js';
import { nameAccountsAfterPerson } from '../../platform/accounts/service.js';
import { WindowCounter } from '../../platform/lru.js';

const tooManyLookups = () => new AppError(429, 'TOO_MANY_LOOKUPS', '按身份证号查找过于频繁，请稍后再试');
import { clearSensitive, identityColumns, identityView, SENSITIVE_IDENTITY_FIELDS } from '../people/identity.js';
import { checkIdentity, duplicateIdNumber } from '../people/validation.js';
import { Problems } from '../../platform/errors.js';
import { isUniqueViolation } from '../people/unique.js';
import { findUnit } from '../units/index.js';
import { selectStaff, staffBase, type StaffRow } from './queries.js';
import { mayLookUpStaff, revealsStaff } from '../people/policy.js';
import type { Actor } from '../../platform/access/actor.js';
import type { StaffView } from './schema.js';
import { partyWorkOf } from './partyWork.js';
import type { z } from 'zod';
import type { staffCreate } from './schema.js';

export type StaffInput = z.infer<typeof staffCreate>;

export function toStaffView(p: Platform, r: StaffRow, reveal: boolean): StaffView {
  return { id: r.id, ...identityView(p.fieldCrypto, r, shanghaiDate(p.clock.now()), reveal), unitId: r.unit_id, unitName: r.unit_name, memberId: r.member_id, partyWork: partyWorkOf(r) };
}

export function findStaff(db: Db, tenantId: string, id: string): Promise<StaffRow | undefined> {
  return selectStaff(staffBase(db, tenantId)).where('s.id', '=', id).executeTakeFirst();
}

/** The current (non-deleted) staff member with this 身份证号, if any. */
export async function staffByIdNumber(db: DbOrTx, p: Platform, tenantId: string, idNumber: string): Promise<Pick<StaffTable, 'id' | 'deleted_at'> | undefined> {
  return db.selectFrom('staff').select(['id', 'deleted_at']).where('tenant_id', '=', tenantId)
    .where('id_number_hash', '=', p.fieldCrypto.lookupHash(idNumber)).executeTakeFirst();
}

/**
 * Validates a complete identity (for a new person or the merged result of an edit): the field rules,
 * the unit, and uniqueness of the 身份证号 in the tenant. Throws before anything is written.
 */
export async function checkStaffInput(p: Platform, tenantId: string, v: StaffInput, selfId: string | null): Promise<{ idNumber: string; phone: string | null }> {
  const problems = new Problems();
  const normalised = checkIdentity(v, shanghaiDate(p.clock.now()), problems);
  if (!(await findUnit(p.db, tenantId, v.unitId))) problems.add('unitId', '所在单位不存在');
  problems.throwIfAny();
  const existing = await staffByIdNumber(p.db, p, tenantId, normalised.idNumber);
  // The unique key covers soft-deleted rows too: one person, one record, restorable rather than duplicated.
  if (existing && existing.id !== selfId) throw duplicateIdNumber();
  return normalised;
}

/** Inserts a staff row inside the caller's transaction (also used when a member is created with a new identity). */
export async function insertStaff(trx: DbOrTx, p: Platform, tenantId: string, v: StaffInput, normalised: { idNumber: string; phone: string | null }): Promise<string> {
  const now = p.clock.now();
  const id = newId(now.getTime());
  await trx.insertInto('staff').values({
    tenant_id: tenantId, id, ...identityColumns(p.fieldCrypto, v, normalised),
    created_at: now.toISOString(), updated_at: now.toISOString(), deleted_at: null,
  }).execute().catch(rethrowDuplicate);
  return id;
}

/** Current identity of a staff row as edit input, with the 身份证号, phone and 住址 in clear. */
export function staffAsInput(p: Platform, r: StaffTable): StaffInput {
  const clear = clearSensitive(p.fieldCrypto, r);
  return {
    name: r.name, gender: r.gender, birthDate: r.birth_date, idNumber: clear.idNumber, phone: clear.phone, ethnicity: r.ethnicity,
    education: r.education as StaffInput['education'], nativePlace: r.native_place, address: clear.address, post: r.post,
    employment: r.employment, workStartedOn: r.work_started_on, unitId: r.unit_id,
  };
}

/**
 * Updates a staff row inside the caller's transaction from an already-validated complete input. Every change of a
 * person's name passes here (员工, 党员 edits and both imports), so the login account linked to the person's member
 * record, or to the employee (staff.user_id), is renamed here too, in the same transaction.
 */
export async function writeStaff(trx: DbOrTx, p: Platform, tenantId: string, id: string, v: StaffInput, normalised: { idNumber: string; phone: string | null }): Promise<void> {
  const now = p.clock.now();
  await trx.updateTable('staff').set({ ...identityColumns(p.fieldCrypto, v, normalised), updated_at: now.toISOString() })
    .where('tenant_id', '=', tenantId).where('id', '=', id).execute().catch(rethrowDuplicate);
  const linked = await trx.selectFrom('members').select('user_id').where('tenant_id', '=', tenantId).where('staff_id', '=', id)
    .where('deleted_at', 'is', null).where('user_id', 'is not', null).execute();
  const own = await trx.selectFrom('staff').select('user_id').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  await nameAccountsAfterPerson(trx, tenantId, [...linked.map((m) => m.user_id!), ...(own?.user_id ? [own.user_id] : [])], v.name, now);
}

export async function createStaff(p: Platform, ctx: AuditContext, tenantId: string, v: StaffInput): Promise<StaffView> {
  const normalised = await checkStaffInput(p, tenantId, v, null);
  const id = await p.audit.tx(ctx, async (trx) => {
    const newIdValue = await insertStaff(trx, p, tenantId, v, normalised);
    const row = await selectStaff(staffBase(trx, tenantId)).where('s.id', '=', newIdValue).executeTakeFirstOrThrow();
    await p.audit.record(trx, ctx, { action: 'staff.create', entity: 'staff', entityId: newIdValue, after: toStaffView(p, row, false) });
    return newIdValue;
  });
  return toStaffView(p, (await findStaff(p.db, tenantId, id))!, false);
}

export async function updateStaff(p: Platform, ctx: AuditContext, row: StaffRow, patch: Partial<StaffInput>): Promise<StaffView> {
  const merged: StaffInput = { ...staffAsInput(p, row), ...stripUndefined(patch) };
  const normalised = await checkStaffInput(p, row.tenant_id, merged, row.id);
  const before = toStaffView(p, row, false);
  await p.audit.tx(ctx, async (trx) => {
    await writeStaff(trx, p, row.tenant_id, row.id, merged, normalised);
    const after = await selectStaff(staffBase(trx, row.tenant_id)).where('s.id', '=', row.id).executeTakeFirstOrThrow();
    await p.audit.record(trx, ctx, { action: 'staff.update', entity: 'staff', entityId: row.id, before, after: toStaffView(p, after, false) });
  });
  return toStaffView(p, (await findStaff(p.db, row.tenant_id, row.id))!, false);
}

export async function deleteStaff(p: Platform, ctx: AuditContext, row: StaffRow): Promise<void> {
  if (row.member_id) {
    const m = await p.db.selectFrom('members').select('status').where('tenant_id', '=', row.tenant_id).where('id', '=', row.member_id).executeTakeFirstOrThrow();
    if (!['transferredOut', 'expelled', 'deceased'].includes(m.status)) throw conflict('STAFF_IS_MEMBER', '该员工是在册党员，请先办理党员组织关系转出等手续后再删除');
  }
  const now = p.clock.now().toISOString();
  await p.audit.tx(ctx, async (trx) => {
    // A deleted employee no longer names an account: the link goes, the account keeps the last name.
    const r = await trx.updateTable('staff').set({ deleted_at: now, updated_at: now, user_id: null })
      .where('tenant_id', '=', row.tenant_id).where('id', '=', row.id).where('deleted_at', 'is', null).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw notFound('员工');
    await p.audit.record(trx, ctx, { action: 'staff.delete', entity: 'staff', entityId: row.id, before: toStaffView(p, row, false) });
  });
}

/** The same person saved twice at the same moment: the unique key answers, as a 409 naming 身份证号. */
function rethrowDuplicate(err: unknown): never {
  if (isUniqueViolation(err, 'staff_id_number_uq', 'staff', ['tenant_id', 'id_number_hash'])) throw duplicateIdNumber();
  throw err;
}

export function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}


/** An export in clear needs member.sensitive over the committee (staff are tenant-wide); 403 before any row is read. */
export function checkUnmaskedExport(actor: Actor): void {
  if (!revealsStaff(actor)) throw forbidden('您没有导出员工敏感信息的权限');
}

/**
 * Views of the roster for an export, and its one audit entry: in clear only when asked (a POST, after
 * checkUnmaskedExport), then `sensitive.view` naming the fields and how many people; otherwise `export` with the
 * count, masked, so taking the roster out is on the record either way.
 */
export async function staffExportViews(p: Platform, ctx: AuditContext, actor: Actor, rows: StaffRow[], unmasked: boolean): Promise<StaffView[]> {
  const reveal = unmasked && revealsStaff(actor);
  const items = rows.map((r) => toStaffView(p, r, reveal));
  await p.audit.recordAlone(ctx, reveal
    ? { action: 'sensitive.view', entity: 'staff', after: { fields: [...SENSITIVE_IDENTITY_FIELDS], export: true, count: items.length } }
    : { action: 'export', entity: 'staff', after: { count: items.length, masked: true } });
  return items;
}

/** One employee's view for a GET: always masked (revealing is a POST, revealStaff). */
export function staffDetail(p: Platform, row: StaffRow): StaffView {
  return toStaffView(p, row, false);
}

/** POST /staff/{id}/reveal: the employee in clear, only with member.sensitive over the committee (403), audited. */
export async function revealStaff(p: Platform, ctx: AuditContext, actor: Actor, row: StaffRow): Promise<StaffView> {
  if (!revealsStaff(actor)) throw forbidden('您没有查看员工敏感信息的权限');
  await p.audit.sensitiveView(ctx, { entity: 'staff', entityId: row.id, fields: [...SENSITIVE_IDENTITY_FIELDS] });
  return toStaffView(p, row, true);
}

/**
 * Look-ups by someone who may not see the numbers in clear, per account: a look-up tells whether a guessed number
 * is on the roster, and the masked views leave a few hundred guesses per person (issue 16), so they are counted.
 * Kept in this process's memory: a restart or a second instance starts afresh, which slows a guesser all the same.
 */
export const LOOKUP_LIMIT = { count: 30, windowMs: 60 * 60 * 1000 };
const lookupsBy = new WindowCounter(LOOKUP_LIMIT.windowMs, 10_000);

function countLookup(actor: Actor, now: number): void {
  if (lookupsBy.hit(`${actor.tenantId}/${actor.userId}`, now).count > LOOKUP_LIMIT.count) throw tooManyLookups();
}

/**
 * GET /staff/lookup: the employee with exactly this 身份证号 in the actor's tenant, masked; 403 unless mayLookUpStaff.
 * Each look-up is audited (`staff.lookup`, found or not, never the number), and one who may not reveal staff
 * gets LOOKUP_LIMIT of them per hour (429 beyond).
 */
export async function lookupStaff(p: Platform, ctx: AuditContext, actor: Actor, idNumber: string): Promise<StaffView | null> {
  if (!mayLookUpStaff(actor)) throw forbidden();
  if (!revealsStaff(actor)) countLookup(actor, p.clock.now().getTime());
  const row = await selectStaff(staffBase(p.db, actor.tenantId)).where('s.id_number_hash', '=', p.fieldCrypto.lookupHash(idNumber)).executeTakeFirst();
  await p.audit.recordAlone(ctx, { action: 'staff.lookup', entity: 'staff', entityId: row?.id ?? null, after: { found: !!row } });
  return row ? toStaffView(p, row, false) : null;
}
