// The member record's side of 组织关系转接 (modules/transfers): a step in the history, the move to the receiving
// branch, leaving as 转出, and a record created from a transfer received. Each runs inside the caller's transaction,
// so the transfer's own row and the member change commit together, and takes no actor: the transfers module's
// policy has decided who may, and the other side of a transfer between committees is outside the actor's tenant.
import { newId } from '../../db/ids.js';
import type { DbOrTx, MemberTable, MemberType } from '../../db/types.js';
import type { AuditContext } from '../../platform/audit/service.js';
import type { Platform } from '../../platform/context.js';
import { AppError, conflict, Problems } from '../../platform/errors.js';
import { liveOrg } from '../org/index.js';
import { isUniqueViolation } from '../people/unique.js';
import { checkIdentity, checkPartyFacts } from '../people/validation.js';
import { checkStaffInput, insertStaff, type StaffInput } from '../staff/index.js';
import { findUnit } from '../units/index.js';
import { fetchMembers, memberBase, type MemberRow } from './queries.js';
import { addEvent, currentPath, placeSnapshot, toMemberView } from './service.js';

/** One member of the tenant (not deleted), or undefined. */
export async function memberForTransfer(db: DbOrTx, tenantId: string, id: string): Promise<MemberRow | undefined> {
  return (await fetchMembers(db, memberBase(db).where('m.tenant_id', '=', tenantId).where('m.id', '=', id)))[0];
}

/** A step of a transfer under way, in the member's history (kind `transfer`); `after` says what happened. `id`: demo only. */
export async function recordTransferStep(trx: DbOrTx, p: Platform, ctx: AuditContext, m: { tenant_id: string; id: string }, occurredOn: string, reason: string, after: Record<string, unknown>, id?: string): Promise<void> {
  await addEvent(trx, p, ctx, m, 'transfer', occurredOn, reason, null, after, id);
}

/**
 * 转接中: the day a transfer out of the member began, or null when it ends without the member leaving (withdrawn).
 * Receiving clears it too (moveOnTransfer, leaveOnTransfer). The roster and the member page show it.
 */
export async function markTransferring(trx: DbOrTx, p: Platform, m: { tenant_id: string; id: string }, since: string | null): Promise<void> {
  await trx.updateTable('members').set({ transfer_since: since, updated_at: p.clock.now().toISOString() }).where('tenant_id', '=', m.tenant_id).where('id', '=', m.id).execute();
}

/** The branch (and group) a transferred member goes to, live in the tenant; field problems otherwise. */
export async function transferPlace(db: DbOrTx, tenantId: string, branchId: string, groupId: string | null | undefined, problems: Problems) {
  const branch = await liveOrg(db, tenantId, branchId);
  if (!branch || (branch.kind !== 'branch' && branch.kind !== 'jointBranch')) {
    problems.add('branchId', '请选择接收的党支部');
    return null;
  }
  if (!groupId) return { branch, group: null };
  const group = await liveOrg(db, tenantId, groupId);
  if (!group || group.kind !== 'group' || group.parent_id !== branch.id) {
    problems.add('groupId', '所选党小组不属于该党支部');
    return null;
  }
  return { branch, group };
}

type Place = NonNullable<Awaited<ReturnType<typeof transferPlace>>>;

/** Moves the member to the receiving branch on confirmation: history `transferIn` with the places before and after. */
export async function moveOnTransfer(trx: DbOrTx, p: Platform, ctx: AuditContext, row: MemberRow, place: Place, occurredOn: string, reason: string): Promise<void> {
  const orgPath = await currentPath(p, trx, row.tenant_id, place);
  await trx.updateTable('members').set({ branch_id: place.branch.id, group_id: place.group?.id ?? null, org_path: orgPath, transfer_since: null, updated_at: p.clock.now().toISOString() })
    .where('tenant_id', '=', row.tenant_id).where('id', '=', row.id).execute();
  const after = (await memberForTransfer(trx, row.tenant_id, row.id))!;
  await addEvent(trx, p, ctx, row, 'transferIn', occurredOn, reason, placeSnapshot(row), placeSnapshot(after));
  await p.audit.record(trx, ctx, { action: 'member.move', entity: 'member', entityId: row.id, before: toMemberView(p, row, false), after: toMemberView(p, after, false), tenantId: row.tenant_id });
}

/** The member leaves when the other side has received them: status 转出, history `transferOut` naming where to. */
export async function leaveOnTransfer(trx: DbOrTx, p: Platform, ctx: AuditContext, row: MemberRow, occurredOn: string, reason: string, after: Record<string, unknown>): Promise<void> {
  await trx.updateTable('members').set({ status: 'transferredOut', transfer_since: null, updated_at: p.clock.now().toISOString() })
    .where('tenant_id', '=', row.tenant_id).where('id', '=', row.id).execute();
  await addEvent(trx, p, ctx, row, 'transferOut', occurredOn, reason, { status: row.status }, { ...after, status: 'transferredOut' });
  await p.audit.record(trx, ctx, {
    action: 'member.status', entity: 'member', entityId: row.id, before: toMemberView(p, row, false),
    after: { ...toMemberView(p, row, false), status: 'transferredOut' }, tenantId: row.tenant_id,
  });
}

/** What a transfer carries of a person into the receiving committee. */
export interface TransferredPerson {
  identity: StaffInput;
  type: MemberType;
  joinedOn: string;
  confirmedOn: string | null;
  probationExtendedMonths: number;
}

const alreadyHere = () => conflict('ALREADY_IN_ROSTER', '该身份证号的人员已在本委名册中，请先核对，不能重复建档');

/**
 * Checks a person a transfer brings in against the receiving tenant (identity, Party facts, the unit, not already in
 * the roster) and answers the normalised identity; field problems and 409 otherwise, before anything is written.
 */
export async function checkTransferredPerson(p: Platform, tenantId: string, person: TransferredPerson, today: string): Promise<{ idNumber: string; phone: string | null }> {
  const problems = new Problems();
  // Identity and Party facts together, so every field problem shows at once; checkStaffInput then normalises.
  checkIdentity(person.identity, today, problems);
  checkPartyFacts({ birthDate: person.identity.birthDate, type: person.type, joinedOn: person.joinedOn, confirmedOn: person.confirmedOn, probationExtendedMonths: person.probationExtendedMonths }, today, problems);
  if (!(await findUnit(p.db, tenantId, person.identity.unitId))) problems.add('unitId', '所在单位不存在');
  problems.throwIfAny();
  try {
    return await checkStaffInput(p, tenantId, person.identity, null);
  } catch (err) {
    if (err instanceof AppError && err.status === 409) throw alreadyHere();
    throw err;
  }
}

/** Creates the member record of a person received by transfer (identity and membership), history `transferIn`. */
export async function createOnTransfer(trx: DbOrTx, p: Platform, ctx: AuditContext, tenantId: string, person: TransferredPerson, normalised: { idNumber: string; phone: string | null }, place: Place, occurredOn: string, reason: string, from: Record<string, unknown>): Promise<string> {
  const now = p.clock.now();
  const orgPath = await currentPath(p, trx, tenantId, place);
  const staffId = await insertStaff(trx, p, tenantId, person.identity, normalised).catch((err: unknown) => {
    if (err instanceof AppError && err.status === 409) throw alreadyHere();
    throw err;
  });
  const row: MemberTable = {
    tenant_id: tenantId, id: newId(now.getTime()), staff_id: staffId, branch_id: place.branch.id, group_id: place.group?.id ?? null, org_path: orgPath,
    type: person.type, joined_on: person.joinedOn, confirmed_on: person.type === 'full' ? person.confirmedOn : null,
    probation_extended_months: person.probationExtendedMonths, status: 'active', party_posts: '[]', user_id: null, transfer_since: null,
    created_at: now.toISOString(), updated_at: now.toISOString(), deleted_at: null,
  };
  await trx.insertInto('members').values(row).execute().catch((err: unknown) => {
    if (isUniqueViolation(err, 'members_staff_uq', 'members', ['tenant_id', 'staff_id'])) throw alreadyHere();
    throw err;
  });
  const created = toMemberView(p, (await memberForTransfer(trx, tenantId, row.id))!, false);
  await addEvent(trx, p, ctx, row, 'transferIn', occurredOn, reason, null, {
    ...from, ...placeSnapshot({ branch_id: created.branchId, branch_name: created.branchName, group_id: created.groupId, group_name: created.groupName }),
    type: created.type, joinedOn: created.joinedOn, confirmedOn: created.confirmedOn, status: created.status,
  });
  await p.audit.record(trx, ctx, { action: 'member.create', entity: 'member', entityId: row.id, after: created, tenantId });
  return row.id;
}

/** The identity of a member as a transfer to another committee carries it (in clear: the caller encrypts it). */
export function carriedPerson(p: Platform, row: MemberRow): Omit<TransferredPerson, 'identity'> & { identity: Omit<StaffInput, 'unitId'> } {
  const view = toMemberView(p, row, true);
  return {
    identity: {
      name: view.name, gender: view.gender, birthDate: view.birthDate, idNumber: view.idNumber, phone: view.phone, ethnicity: view.ethnicity,
      education: view.education as StaffInput['education'], nativePlace: view.nativePlace, address: view.address, post: null, employment: view.employment,
      workStartedOn: view.workStartedOn,
    },
    type: row.type, joinedOn: row.joined_on, confirmedOn: row.confirmed_on, probationExtendedMonths: row.probation_extended_months,
  };
}
