// Rules of the membership record: creation (from a staff member or a new identity), edits, moves,
// 转正, extension of the probation and status changes. Each is one transaction with a dated member
// event and an audit entry carrying before/after (sensitive values masked); bad input changes nothing.
import type { DbOrTx, MemberEventKind, MemberTable, OrganisationTable } from '../../db/types.js';
import { newId } from '../../db/ids.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Platform } from '../../platform/context.js';
import type { AuditContext } from '../../platform/audit/service.js';
import { todayIn } from '../../platform/calendar.js';
import { maskAddress, maskIdNumber, maskPhone, remaskStored } from '../../platform/crypto/mask.js';
import { conflict, fieldError, forbidden, notFound, Problems } from '../../platform/errors.js';
import { lockOrgTree, orgPaths } from '../org/index.js';
import { identityView, SENSITIVE_IDENTITY_FIELDS } from '../people/identity.js';
import { isUniqueViolation } from '../people/unique.js';
import {
  checkIdentity, checkPartyFacts, earliestConfirmation, fullYears, notInFuture,
} from '../people/validation.js';
import { checkStaffInput, findStaff, insertStaff, staffAsInput, stripUndefined, writeStaff, type StaffInput } from '../staff/index.js';
import { findUnit } from '../units/index.js';
import { memberEvents, memberInScope, type MemberRow } from './queries.js';
import { revealsMember, revealsSomeMembers, writablePlace } from './policy.js';
import { userDisplayNames } from '../../platform/accounts/service.js';
import type { HistoryItem, MemberCreate, MemberPatch, MemberView } from './schema.js';
import type { Permission } from '../../platform/access/permissions.js';

const alreadyMember = () => conflict('ALREADY_MEMBER', '该员工已有党员档案，不能重复建档', { staffId: '该员工已有党员档案' });

export function toMemberView(p: Platform, r: MemberRow, reveal: boolean): MemberView {
  const t = todayIn(p.clock);
  const id = identityView(p.fieldCrypto, r, t, reveal);
  return {
    id: r.id, staffId: r.staff_id, name: id.name, gender: id.gender, birthDate: id.birthDate, age: id.age, idNumber: id.idNumber, phone: id.phone,
    ethnicity: id.ethnicity, education: id.education, nativePlace: id.nativePlace, address: id.address, unitId: r.unit_id, unitName: r.unit_name,
    post: id.post, employment: id.employment, workStartedOn: id.workStartedOn, type: r.type, joinedOn: r.joined_on, confirmedOn: r.confirmed_on,
    probationExtendedMonths: r.probation_extended_months, partyAgeYears: r.confirmed_on ? fullYears(r.confirmed_on, t) : 0,
    status: r.status, branchId: r.branch_id, branchName: r.branch_name, groupId: r.group_id, groupName: r.group_name,
    partyPosts: parsePosts(r.party_posts), masked: id.masked, transferSince: r.transfer_since,
  };
}

export function parsePosts(s: string): string[] {
  try {
    const v: unknown = JSON.parse(s);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export interface Place {
  branch: OrganisationTable;
  group: OrganisationTable | null;
  path: string;
}

export const placeSnapshot = (pl: { branch_id: string; branch_name: string; group_id: string | null; group_name: string | null }) => ({
  branchId: pl.branch_id, branchName: pl.branch_name, groupId: pl.group_id, groupName: pl.group_name,
});

/** The branch and group a member goes to, both within the actor's member.write scope. */
async function resolvePlace(p: Platform, actor: Actor, branchId: string, groupId: string | null | undefined, problems: Problems): Promise<Place | null> {
  const branch = await writablePlace(p.db, actor, branchId);
  if (!branch) {
    problems.add('branchId', '党支部不存在或不在您的管理范围内');
    return null;
  }
  if (branch.kind !== 'branch' && branch.kind !== 'jointBranch') {
    problems.add('branchId', '党员只能编入党支部或联合支部，请选择党支部');
    return null;
  }
  if (!groupId) return { branch, group: null, path: branch.path };
  const group = await writablePlace(p.db, actor, groupId);
  if (!group || group.kind !== 'group' || group.parent_id !== branch.id) {
    problems.add('groupId', '所选党小组不属于该党支部');
    return null;
  }
  return { branch, group, path: group.path };
}

async function reload(trx: DbOrTx, actor: Actor, id: string): Promise<MemberRow> {
  // Read back through the scope the write was allowed in: member.write covers the new place.
  const row = await memberInScope(trx, actor, 'member.write', id);
  if (!row) throw notFound('党员');
  return row;
}

/** `id` is given only by demo seeders, whose rows must be the same on every fresh start. */
export async function addEvent(trx: DbOrTx, p: Platform, ctx: AuditContext, m: { tenant_id: string; id: string }, kind: MemberEventKind, occurredOn: string, reason: string | undefined, before: unknown, after: unknown, id?: string): Promise<void> {
  const now = p.clock.now();
  await trx.insertInto('member_events').values({
    tenant_id: m.tenant_id, id: id ?? newId(now.getTime()), member_id: m.id, kind, occurred_on: occurredOn, reason: reason ?? '',
    before: before === null || before === undefined ? null : JSON.stringify(before),
    after: after === null || after === undefined ? null : JSON.stringify(after),
    recorded_by: ctx.userId, recorded_at: now.toISOString(),
  }).execute();
}

const IDENTITY_KEYS = ['name', 'gender', 'birthDate', 'idNumber', 'phone', 'ethnicity', 'education', 'nativePlace', 'address', 'post', 'employment', 'workStartedOn', 'unitId'] as const;
const IDENTITY_LABELS: Record<(typeof IDENTITY_KEYS)[number], string> = {
  name: '姓名', gender: '性别', birthDate: '出生日期', idNumber: '身份证号', phone: '手机号码', ethnicity: '民族', education: '学历',
  nativePlace: '籍贯', address: '住址', post: '岗位', employment: '在岗状态', workStartedOn: '参加工作日期', unitId: '所在单位',
};
const REQUIRED_IDENTITY = ['name', 'gender', 'birthDate', 'idNumber', 'employment', 'unitId'] as const;

/**
 * The path of the member's new place as it is inside this transaction, with the tenant's tree locked: an
 * organisation moved after the request was checked must not leave the member with a stale scope.
 */
export async function currentPath(p: Platform, trx: DbOrTx, tenantId: string, place: { branch: { id: string }; group: { id: string } | null }): Promise<string> {
  await lockOrgTree(trx, p.data.dialect, tenantId);
  const orgId = place.group?.id ?? place.branch.id;
  const path = (await orgPaths(trx, tenantId, [orgId])).get(orgId);
  if (!path) throw conflict('ORG_CHANGED', '所选组织刚被他人调整或删除，请刷新后重试');
  return path;
}

/** A member record checked and ready to write: createMember's first half, before any transaction. */
export interface PreparedMember {
  input: MemberCreate;
  place: Place;
  staffId: string | null;
  identity: StaffInput | null;
  normalised: { idNumber: string; phone: string | null } | null;
  occurredOn: string;
}

/**
 * Checks a new member record (place, identity or staff, party facts) and throws every problem at once; reads
 * only, so a module that creates a member inside its own transaction (发展党员's 支部大会 vote) calls it before
 * opening the transaction and `insertMember` inside it.
 */
export async function prepareMember(p: Platform, actor: Actor, input: MemberCreate): Promise<PreparedMember> {
  const t = todayIn(p.clock);
  const problems = new Problems();
  const tenantId = actor.tenantId;
  const place = await resolvePlace(p, actor, input.branchId, input.groupId, problems);

  let staffId: string | null = null;
  let birthDate = input.birthDate ?? '';
  let identity: StaffInput | null = null;
  let normalised: { idNumber: string; phone: string | null } | null = null;
  if (input.staffId) {
    const staff = await findStaff(p.db, tenantId, input.staffId);
    if (!staff) problems.add('staffId', '所选员工不存在');
    else {
      if (staff.member_id) throw alreadyMember();
      staffId = staff.id;
      birthDate = staff.birth_date;
    }
  } else {
    const missing = REQUIRED_IDENTITY.filter((k) => input[k] === undefined || input[k] === '');
    for (const k of missing) problems.add(k, `请填写${IDENTITY_LABELS[k]}`);
    if (missing.length === 0) {
      identity = Object.fromEntries(IDENTITY_KEYS.map((k) => [k, input[k]])) as StaffInput;
      normalised = checkIdentity(identity, t, problems);
      if (!(await findUnit(p.db, tenantId, identity.unitId))) problems.add('unitId', '所在单位不存在');
    }
  }
  checkPartyFacts({ birthDate, type: input.type, joinedOn: input.joinedOn, confirmedOn: input.confirmedOn ?? null, probationExtendedMonths: input.probationExtendedMonths ?? 0 }, t, problems);
  const occurredOn = input.occurredOn ?? (input.source === 'admitted' ? input.joinedOn : t);
  notInFuture(problems, 'occurredOn', '发生日期', occurredOn, t);
  problems.throwIfAny();
  if (identity && normalised) normalised = await checkStaffInput(p, tenantId, identity, null); // duplicate 身份证号 → 409
  return { input, place: place!, staffId, identity, normalised, occurredOn };
}

/** Writes a prepared member record, its first history event and its audit entry inside the caller's transaction. */
export async function insertMember(trx: DbOrTx, p: Platform, ctx: AuditContext, actor: Actor, prepared: PreparedMember): Promise<MemberView> {
  const { input, place, staffId, identity, normalised, occurredOn } = prepared;
  const tenantId = actor.tenantId;
  const now = p.clock.now();
  const id = newId(now.getTime());
  const orgPath = await currentPath(p, trx, tenantId, place);
  const sid = staffId ?? (await insertStaff(trx, p, tenantId, identity!, normalised!));
  const row: MemberTable = {
    tenant_id: tenantId, id, staff_id: sid, branch_id: place.branch.id, group_id: place.group?.id ?? null, org_path: orgPath,
    type: input.type, joined_on: input.joinedOn, confirmed_on: input.type === 'full' ? (input.confirmedOn ?? null) : null,
    probation_extended_months: input.probationExtendedMonths ?? 0, status: 'active', party_posts: JSON.stringify(input.partyPosts ?? []), user_id: null, transfer_since: null,
    created_at: now.toISOString(), updated_at: now.toISOString(), deleted_at: null,
  };
  await trx.insertInto('members').values(row).execute().catch((err: unknown) => {
    if (isUniqueViolation(err, 'members_staff_uq', 'members', ['tenant_id', 'staff_id'])) throw alreadyMember();
    throw err;
  });
  const created = toMemberView(p, await reload(trx, actor, id), false);
  await addEvent(trx, p, ctx, row, input.source, occurredOn, input.reason, null, {
    ...placeSnapshot({ branch_id: created.branchId, branch_name: created.branchName, group_id: created.groupId, group_name: created.groupName }),
    type: created.type, joinedOn: created.joinedOn, confirmedOn: created.confirmedOn, status: created.status,
  });
  await p.audit.record(trx, ctx, { action: 'member.create', entity: 'member', entityId: id, after: created });
  return created;
}

export async function createMember(p: Platform, ctx: AuditContext, actor: Actor, input: MemberCreate): Promise<MemberView> {
  const prepared = await prepareMember(p, actor, input);
  return p.audit.tx(ctx, (trx) => insertMember(trx, p, ctx, actor, prepared));
}

/** The fields of `afterAll` whose value differs from `beforeAll`, both sides as the audit may keep them (masked). */
export function changedFields(beforeAll: Record<string, unknown>, afterAll: Record<string, unknown>): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const k of Object.keys(afterAll)) {
    if (JSON.stringify(beforeAll[k] ?? null) !== JSON.stringify(afterAll[k] ?? null)) {
      before[k] = safeValue(k, beforeAll[k]);
      after[k] = safeValue(k, afterAll[k]);
    }
  }
  return { before, after };
}

/** A value as it may appear in history and the audit log: sensitive fields masked. */
export function safeValue(key: string, v: unknown): unknown {
  if (typeof v !== 'string') return v ?? null;
  if (key === 'idNumber') return maskIdNumber(v);
  if (key === 'phone') return maskPhone(v);
  if (key === 'address') return maskAddress(v);
  return v;
}

export async function editMember(p: Platform, ctx: AuditContext, actor: Actor, row: MemberRow, patch: MemberPatch): Promise<MemberView> {
  const t = todayIn(p.clock);
  const problems = new Problems();
  const staffRow = await p.db.selectFrom('staff').selectAll().where('tenant_id', '=', row.tenant_id).where('id', '=', row.staff_id).executeTakeFirstOrThrow();
  const currentIdentity = staffAsInput(p, staffRow);
  const identityPatch = stripUndefined(Object.fromEntries(IDENTITY_KEYS.map((k) => [k, patch[k]])) as Partial<StaffInput>);
  const identity: StaffInput = { ...currentIdentity, ...identityPatch };
  const identityChanged = Object.keys(identityPatch).length > 0;
  const normalised = checkIdentity(identity, t, problems);
  if (identityChanged && identityPatch.unitId && !(await findUnit(p.db, row.tenant_id, identity.unitId))) problems.add('unitId', '所在单位不存在');

  const type = patch.type ?? row.type;
  const facts = {
    type,
    joinedOn: patch.joinedOn ?? row.joined_on,
    confirmedOn: patch.confirmedOn !== undefined ? patch.confirmedOn : type === 'probationary' && patch.type ? null : row.confirmed_on,
    probationExtendedMonths: patch.probationExtendedMonths ?? row.probation_extended_months,
    partyPosts: patch.partyPosts ?? parsePosts(row.party_posts),
  };
  checkPartyFacts({ birthDate: identity.birthDate, ...facts }, t, problems);
  problems.throwIfAny();
  if (identityChanged) await checkStaffInput(p, row.tenant_id, identity, row.staff_id);

  // What changed, field by field, compared in clear and recorded masked.
  const beforeAll: Record<string, unknown> = { ...currentIdentity, ...facts, type: row.type, joinedOn: row.joined_on, confirmedOn: row.confirmed_on, probationExtendedMonths: row.probation_extended_months, partyPosts: parsePosts(row.party_posts) };
  const afterAll: Record<string, unknown> = { ...identity, phone: normalised.phone, idNumber: normalised.idNumber, ...facts };
  const { before, after } = changedFields(beforeAll, afterAll);
  if (Object.keys(after).length === 0) return toMemberView(p, row, false);

  const beforeView = toMemberView(p, row, false);
  return p.audit.tx(ctx, async (trx) => {
    if (identityChanged) await writeStaff(trx, p, row.tenant_id, row.staff_id, identity, normalised);
    await trx.updateTable('members').set({
      type: facts.type, joined_on: facts.joinedOn, confirmed_on: facts.confirmedOn ?? null, probation_extended_months: facts.probationExtendedMonths,
      party_posts: JSON.stringify(facts.partyPosts), updated_at: p.clock.now().toISOString(),
    }).where('tenant_id', '=', row.tenant_id).where('id', '=', row.id).execute();
    await addEvent(trx, p, ctx, row, 'edited', t, patch.reason, before, after);
    const view = toMemberView(p, await reload(trx, actor, row.id), false);
    await p.audit.record(trx, ctx, { action: 'member.update', entity: 'member', entityId: row.id, before: beforeView, after: view });
    return view;
  });
}

/** An event date: a real date, not in the future, not before the member joined. */
function checkEventDate(p: Platform, row: MemberRow, occurredOn: string, label: string): void {
  const problems = new Problems();
  notInFuture(problems, 'occurredOn', label, occurredOn, todayIn(p.clock));
  if (occurredOn < row.joined_on) problems.add('occurredOn', `${label}不能早于入党日期（${row.joined_on}）`);
  problems.throwIfAny();
}

export async function moveMember(p: Platform, ctx: AuditContext, actor: Actor, row: MemberRow, input: { branchId: string; groupId?: string | null | undefined; occurredOn: string; reason: string }): Promise<MemberView> {
  const problems = new Problems();
  const place = await resolvePlace(p, actor, input.branchId, input.groupId, problems);
  problems.throwIfAny();
  if (place!.branch.id === row.branch_id && (place!.group?.id ?? null) === row.group_id) throw fieldError('branchId', '党员已在所选组织，无需调整');
  checkEventDate(p, row, input.occurredOn, '调整日期');
  const beforeView = toMemberView(p, row, false);
  return p.audit.tx(ctx, async (trx) => {
    const orgPath = await currentPath(p, trx, row.tenant_id, place!);
    await trx.updateTable('members').set({ branch_id: place!.branch.id, group_id: place!.group?.id ?? null, org_path: orgPath, updated_at: p.clock.now().toISOString() })
      .where('tenant_id', '=', row.tenant_id).where('id', '=', row.id).execute();
    const after = await reload(trx, actor, row.id);
    await addEvent(trx, p, ctx, row, 'moved', input.occurredOn, input.reason, placeSnapshot(row), placeSnapshot(after));
    const view = toMemberView(p, after, false);
    await p.audit.record(trx, ctx, { action: 'member.move', entity: 'member', entityId: row.id, before: beforeView, after: view });
    return view;
  });
}

/** 转正 inside the caller's transaction (发展党员's step 24 records its step in the same one); checks first. */
export async function confirmMemberIn(trx: DbOrTx, p: Platform, ctx: AuditContext, actor: Actor, row: MemberRow, input: { occurredOn: string; reason?: string | undefined }): Promise<MemberView> {
  if (row.type !== 'probationary') throw conflict('NOT_PROBATIONARY', '该党员已是正式党员');
  checkEventDate(p, row, input.occurredOn, '转正日期');
  const earliest = earliestConfirmation(row.joined_on, row.probation_extended_months);
  if (input.occurredOn < earliest) {
    const ext = row.probation_extended_months ? `并延长预备期 ${row.probation_extended_months} 个月` : '';
    throw fieldError('occurredOn', `转正日期不能早于 ${earliest}（入党满一年${ext}）`);
  }
  const beforeView = toMemberView(p, row, false);
  await trx.updateTable('members').set({ type: 'full', confirmed_on: input.occurredOn, updated_at: p.clock.now().toISOString() })
    .where('tenant_id', '=', row.tenant_id).where('id', '=', row.id).execute();
  await addEvent(trx, p, ctx, row, 'confirmed', input.occurredOn, input.reason, { type: 'probationary' }, { type: 'full', confirmedOn: input.occurredOn });
  const view = toMemberView(p, await reload(trx, actor, row.id), false);
  await p.audit.record(trx, ctx, { action: 'member.confirm', entity: 'member', entityId: row.id, before: beforeView, after: view });
  return view;
}

export async function confirmMember(p: Platform, ctx: AuditContext, actor: Actor, row: MemberRow, input: { occurredOn: string; reason?: string | undefined }): Promise<MemberView> {
  // The checks run before the transaction opens too, so a refused 转正 opens none.
  if (row.type !== 'probationary') throw conflict('NOT_PROBATIONARY', '该党员已是正式党员');
  return p.audit.tx(ctx, (trx) => confirmMemberIn(trx, p, ctx, actor, row, input));
}

/** 延长预备期 inside the caller's transaction; checks first. */
export async function extendProbationIn(trx: DbOrTx, p: Platform, ctx: AuditContext, actor: Actor, row: MemberRow, input: { months: number; occurredOn: string; reason: string }): Promise<MemberView> {
  if (row.type !== 'probationary') throw conflict('NOT_PROBATIONARY', '该党员已是正式党员，不能延长预备期');
  if (row.probation_extended_months > 0) throw conflict('ALREADY_EXTENDED', '预备期只能延长一次');
  checkEventDate(p, row, input.occurredOn, '决定日期');
  const beforeView = toMemberView(p, row, false);
  await trx.updateTable('members').set({ probation_extended_months: input.months, updated_at: p.clock.now().toISOString() })
    .where('tenant_id', '=', row.tenant_id).where('id', '=', row.id).execute();
  await addEvent(trx, p, ctx, row, 'probationExtended', input.occurredOn, input.reason, { probationExtendedMonths: 0 },
    { probationExtendedMonths: input.months, earliestConfirmation: earliestConfirmation(row.joined_on, input.months) });
  const view = toMemberView(p, await reload(trx, actor, row.id), false);
  await p.audit.record(trx, ctx, { action: 'member.extendProbation', entity: 'member', entityId: row.id, before: beforeView, after: view });
  return view;
}

export async function extendProbation(p: Platform, ctx: AuditContext, actor: Actor, row: MemberRow, input: { months: number; occurredOn: string; reason: string }): Promise<MemberView> {
  return p.audit.tx(ctx, (trx) => extendProbationIn(trx, p, ctx, actor, row, input));
}

export async function changeStatus(p: Platform, ctx: AuditContext, actor: Actor, row: MemberRow, input: { status: MemberTable['status']; occurredOn: string; reason: string }): Promise<MemberView> {
  if (input.status === row.status) throw fieldError('status', '党籍状态没有变化');
  checkEventDate(p, row, input.occurredOn, '发生日期');
  const beforeView = toMemberView(p, row, false);
  return p.audit.tx(ctx, async (trx) => {
    await trx.updateTable('members').set({ status: input.status, updated_at: p.clock.now().toISOString() })
      .where('tenant_id', '=', row.tenant_id).where('id', '=', row.id).execute();
    await addEvent(trx, p, ctx, row, input.status === 'transferredOut' ? 'transferOut' : 'statusChanged', input.occurredOn, input.reason, { status: row.status }, { status: input.status });
    const view = toMemberView(p, await reload(trx, actor, row.id), false);
    await p.audit.record(trx, ctx, { action: 'member.status', entity: 'member', entityId: row.id, before: beforeView, after: view });
    return view;
  });
}

/** The member in the actor's scope for `permission`; 404 otherwise (missing and out of scope look the same). */
export async function memberFor(db: DbOrTx, actor: Actor, permission: Permission, id: string): Promise<MemberRow> {
  const row = await memberInScope(db, actor, permission, id);
  if (!row) throw notFound('党员');
  return row;
}

/** One member's view for a GET: always masked, whatever the query says (revealing is a POST, revealMember). */
export function memberDetail(p: Platform, row: MemberRow): MemberView {
  return toMemberView(p, row, false);
}

/**
 * POST /members/{id}/reveal: the member in clear, only with member.sensitive over the member's place (403 otherwise;
 * the caller has already answered 404 outside member.read), each clear view audited as `sensitive.view`.
 */
export async function revealMember(p: Platform, ctx: AuditContext, actor: Actor, row: MemberRow): Promise<MemberView> {
  if (!revealsMember(actor, row)) throw forbidden('您没有查看该党员敏感信息的权限');
  await p.audit.sensitiveView(ctx, { entity: 'member', entityId: row.id, fields: [...SENSITIVE_IDENTITY_FIELDS] });
  return toMemberView(p, row, true);
}

/** An export in clear needs member.sensitive somewhere; checked before the rows are read. */
export function checkUnmaskedExport(actor: Actor): void {
  if (!revealsSomeMembers(actor)) throw forbidden('您没有导出党员敏感信息的权限');
}

/**
 * Views of members for an export, and its one audit entry. In clear only when asked (a POST) and then only for the
 * members whose organisation the actor holds member.sensitive over: `sensitive.view` naming the fields, how many
 * were shown in clear and how many exported. Otherwise `export` with the count, masked: who took the roster out.
 */
export async function memberExportViews(p: Platform, ctx: AuditContext, actor: Actor, rows: MemberRow[], unmasked: boolean): Promise<MemberView[]> {
  let revealed = 0;
  const items = rows.map((r) => {
    const reveal = unmasked && revealsMember(actor, r);
    if (reveal) revealed++;
    return toMemberView(p, r, reveal);
  });
  await p.audit.recordAlone(ctx, revealed > 0
    ? { action: 'sensitive.view', entity: 'member', after: { fields: [...SENSITIVE_IDENTITY_FIELDS], export: true, count: revealed, total: items.length } }
    : { action: 'export', entity: 'member', after: { count: items.length, masked: true } });
  return items;
}

/** The member's history (newest first) with the names of those who recorded each change. */
export async function memberHistory(p: Platform, row: MemberRow): Promise<HistoryItem[]> {
  const events = await memberEvents(p.db, row);
  const recorders = await userDisplayNames(p.db, row.tenant_id, events.flatMap((e) => (e.recorded_by ? [e.recorded_by] : [])));
  return events.map((e) => ({
    id: e.id, kind: e.kind, occurredOn: e.occurred_on, reason: e.reason,
    // Masked again on the way out: events written under the older 身份证号 mask (first 6, last 4) show no more than new ones.
    before: e.before ? remaskStored(JSON.parse(e.before)) : null, after: e.after ? remaskStored(JSON.parse(e.after)) : null,
    recordedByName: (e.recorded_by && recorders.get(e.recorded_by)) || null, recordedAt: e.recorded_at,
  }));
}
