// The register of residents cared for (服务对象): the masked views, the clear view behind a POST (each audited as
// sensitive.view), registering and editing with the same rules as the import, and the status changes 在册 → 迁出 /
// 去世 with their date. Sensitive values are encrypted at rest and appear in no error message and no audit entry.
import { newId } from '../../db/ids.js';
import type { DbOrTx } from '../../db/types.js';
import { uniqueViolation } from '../../db/dialect.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Platform } from '../../platform/context.js';
import type { AuditContext } from '../../platform/audit/service.js';
import { todayIn } from '../../platform/calendar.js';
import { maskIdNumber, maskPhone } from '../../platform/crypto/mask.js';
import { Lru, perHandle } from '../../platform/lru.js';
import { conflict, fieldError, forbidden, Problems } from '../../platform/errors.js';
import { liveOrg, orgRowsOf } from '../org/index.js';
import { ageOn, parseIdNumber } from '../staff/index.js';
import { nextDueOn, overdueDays } from './due.js';
import { RESIDENT_STATUS_NAMES } from './names.js';
import { exportsInClear, recordsVisitFor, revealsResident, writesAt, writesResident } from './policy.js';
import { openVolunteers, pairedIds, type ListRow, recentVisits, residentPairings, type VolunteerRef } from './residentQueries.js';
import type { EmergencyContact, ResidentCreate, ResidentDetail, ResidentItem, ResidentPatch, ResidentStatusChange } from './residentSchema.js';
import { VOLUNTEER_RULES, type VolunteerRules } from './settings.js';
import type { LivingSituation, VolunteerKind, VolunteerResidentTable } from './tables.js';
import { volunteerKey, volunteersByKey, type Volunteer } from './volunteers.js';

export const rulesOf = (p: Platform, tenantId: string): Promise<VolunteerRules> => p.settings.get(tenantId, VOLUNTEER_RULES);

/** The sensitive fields named in audit entries (never their values). */
export const SENSITIVE_FIELDS = ['address', 'phone', 'idNumber', 'health', 'emergency'] as const;
export const MASKED_ADDRESS = '******';
export const HIDDEN_HEALTH = '（已隐藏）';

interface Sensitive { address: string; phone: string | null; idNumber: string | null; health: string | null; emergency: EmergencyContact[] }

function decrypt(p: Platform, r: VolunteerResidentTable): Sensitive {
  const d = (v: string | null) => (v === null ? null : p.fieldCrypto.decrypt(v));
  return {
    address: p.fieldCrypto.decrypt(r.address_enc), phone: d(r.phone_enc), idNumber: d(r.id_number_enc), health: d(r.health_enc),
    emergency: r.emergency_enc ? (JSON.parse(p.fieldCrypto.decrypt(r.emergency_enc)) as EmergencyContact[]) : [],
  };
}

/** The design's masks: 小区 stays clear, the rest shows too little to be rebuilt. */
function mask(s: Sensitive): Sensitive {
  return {
    address: MASKED_ADDRESS, phone: s.phone && maskPhone(s.phone), idNumber: s.idNumber && maskIdNumber(s.idNumber), health: s.health ? HIDDEN_HEALTH : null,
    emergency: s.emergency.map((c) => ({ name: `${[...c.name][0] ?? ''}*`, relation: c.relation, phone: maskPhone(c.phone) })),
  };
}

const parseLiving = (s: string): LivingSituation[] => JSON.parse(s) as LivingSituation[];

interface ViewContext { today: string; rules: VolunteerRules; orgNames: Map<string, string>; volunteers: Map<string, VolunteerRef[]> }

/** An item's fields that hold nothing sensitive. */
const plainItem = (r: ListRow, c: ViewContext) => ({
  id: r.id, name: r.name, gender: r.gender, age: ageOn(r.birth_date, r.status === 'deceased' && r.status_on ? r.status_on : c.today), community: r.community,
  risk: r.risk, status: r.status, statusOn: r.status_on, living: parseLiving(r.living), orgId: r.org_id, orgName: c.orgNames.get(r.org_id) ?? '',
  lastVisitOn: r.last_visit_on, nextDueOn: nextDueOn(r, c.rules), overdueDays: overdueDays(r, c.rules, c.today), volunteers: c.volunteers.get(r.id) ?? [],
});

function toItem(p: Platform, r: VolunteerResidentTable, c: ViewContext, reveal: boolean): ResidentItem & { sensitive: Sensitive } {
  const clear = decrypt(p, r);
  const s = reveal ? clear : mask(clear);
  return { ...plainItem(r, c), address: s.address, phone: s.phone, masked: !reveal, sensitive: s };
}

async function viewContext(p: Platform, actor: Actor, rows: readonly ListRow[]): Promise<ViewContext> {
  const [orgs, volunteers, rules] = await Promise.all([
    orgRowsOf(p.db, actor, rows.map((r) => r.org_id)), openVolunteers(p.db, actor.tenantId, rows.map((r) => r.id)), rulesOf(p, actor.tenantId),
  ]);
  return { today: todayIn(p.clock), rules, orgNames: new Map([...orgs.values()].map((o) => [o.id, o.name])), volunteers };
}

/** List items; `reveal(row)` says which rows are in clear (only an unmasked export passes one that says yes). */
export async function residentItems(p: Platform, actor: Actor, rows: readonly VolunteerResidentTable[], reveal: (r: VolunteerResidentTable) => boolean = () => false): Promise<(ResidentItem & { sensitive: Sensitive })[]> {
  const c = await viewContext(p, actor, rows);
  return rows.map((r) => toItem(p, r, c, reveal(r)));
}

/**
 * Masked phones by stored value, per key (the form everyone may see, so keeping it discloses nothing): a list shows
 * only the address (a constant when masked) and the phone, so a page decrypts nothing it has shown before.
 */
const maskedPhones = perHandle((): Lru<string, string> => new Lru(20_000));
function maskedPhone(p: Platform, stored: string): string {
  const cache = maskedPhones(p.fieldCrypto);
  let v = cache.get(stored);
  if (v === undefined) {
    v = maskPhone(p.fieldCrypto.decrypt(stored));
    cache.set(stored, v);
  }
  return v;
}

/** The list's items, always masked: only the phone is read from its ciphertext (through the cache above). */
export async function listItems(p: Platform, actor: Actor, rows: readonly ListRow[]): Promise<ResidentItem[]> {
  const c = await viewContext(p, actor, rows);
  return rows.map((r) => ({ ...plainItem(r, c), address: MASKED_ADDRESS, phone: r.phone_enc === null ? null : maskedPhone(p, r.phone_enc), masked: true }));
}


/** The record's detail: masked unless `reveal` (the caller has checked and audited). */
export async function residentDetail(p: Platform, actor: Actor, self: Volunteer | undefined, r: VolunteerResidentTable, reveal: boolean): Promise<ResidentDetail> {
  const [[item], pairings, visits, paired] = await Promise.all([
    residentItems(p, actor, [r], () => reveal), residentPairings(p.db, r), recentVisits(p.db, r), pairedIds(p.db, r.tenant_id, self, [r.id]),
  ]);
  const names = await volunteersByKey(p.db, r.tenant_id, [...pairings.map((x) => ({ kind: x.volunteer_kind, id: x.volunteer_id })), ...visits.map((v) => ({ kind: v.volunteer_kind, id: v.volunteer_id }))]);
  const nameOf = (kind: VolunteerKind, id: string) => names.get(volunteerKey(kind, id))?.name ?? '（已删除）';
  const pairedNow = paired.has(r.id);
  const active = r.status === 'active';
  const allowed: ResidentDetail['allowed'] = [];
  if (writesResident(actor, r)) allowed.push('edit', 'status');
  if (writesResident(actor, r) && active) allowed.push('pair');
  if (revealsResident(actor, r, pairedNow)) allowed.push('reveal');
  if (active && recordsVisitFor(actor, r, pairedNow)) allowed.push('recordVisit');
  const { sensitive: s, ...rest } = item!;
  return {
    ...rest, birthDate: r.birth_date, idNumber: s.idNumber, health: s.health, needs: r.needs, emergency: s.emergency, registeredOn: r.registered_on,
    pairings: pairings.map((x) => ({
      id: x.id, volunteerKind: x.volunteer_kind, volunteerId: x.volunteer_id, volunteerName: nameOf(x.volunteer_kind, x.volunteer_id),
      startedOn: x.started_on, endedOn: x.ended_on, endReason: x.end_reason,
    })),
    recentVisits: visits.map((v) => ({
      id: v.id, visitedOn: v.visited_on, kind: v.kind, minutes: v.minutes, condition: v.condition, volunteerName: nameOf(v.volunteer_kind, v.volunteer_id), notes: v.notes,
    })),
    allowed,
  };
}

/** POST /residents/{id}/reveal: the paired volunteer or volunteer.sensitive over the organisation, else 403; audited. */
export async function revealResident(p: Platform, ctx: AuditContext, actor: Actor, self: Volunteer | undefined, r: VolunteerResidentTable): Promise<ResidentDetail> {
  const paired = await pairedIds(p.db, r.tenant_id, self, [r.id]);
  if (!revealsResident(actor, r, paired.has(r.id))) throw forbidden('您没有查看该服务对象敏感信息的权限');
  await p.audit.sensitiveView(ctx, { entity: 'volunteerResident', entityId: r.id, fields: [...SENSITIVE_FIELDS] });
  return residentDetail(p, actor, self, r, true);
}

/** An export in clear needs volunteer.sensitive somewhere; checked before any row is read. */
export function checkUnmaskedExport(actor: Actor): void {
  if (!exportsInClear(actor)) throw forbidden('您没有导出服务对象敏感信息的权限');
}

/**
 * Items for an export, and its one audit entry: in clear only when asked (a POST) and only for rows the actor
 * reveals; `sensitive.view` with the count shown in clear, or `export` with the count when all are masked.
 */
export type ExportRow = ResidentItem & { sensitive: Sensitive; birthDate: string; needs: string; registeredOn: string };
export async function exportItems(p: Platform, ctx: AuditContext, actor: Actor, self: Volunteer | undefined, rows: VolunteerResidentTable[], unmasked: boolean): Promise<ExportRow[]> {
  const paired = unmasked ? await pairedIds(p.db, actor.tenantId, self, rows.map((r) => r.id)) : new Set<string>();
  let revealed = 0;
  const items = await residentItems(p, actor, rows, (r) => {
    const yes = unmasked && revealsResident(actor, r, paired.has(r.id));
    if (yes) revealed++;
    return yes;
  });
  await p.audit.recordAlone(ctx, revealed > 0
    ? { action: 'sensitive.view', entity: 'volunteerResident', after: { fields: [...SENSITIVE_FIELDS], export: true, count: revealed, total: items.length } }
    : { action: 'export', entity: 'volunteerResident', after: { count: items.length, masked: true } });
  return items.map((it, i) => ({ ...it, birthDate: rows[i]!.birth_date, needs: rows[i]!.needs, registeredOn: rows[i]!.registered_on }));
}

// ---------- the rules of a record (the form and the import) ----------

/** A mobile number, or a fixed line with its area code (many of the elderly have only a fixed line). */
export const PHONE = /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
export const PHONE_MESSAGE = '应为 11 位手机号或带区号的固定电话（如 0571-88886666）';

export interface ResidentFacts {
  name: string;
  gender: 'male' | 'female';
  birthDate: string;
  community: string;
  address: string;
  phone?: string | null | undefined;
  idNumber?: string | null | undefined;
  health?: string | null | undefined;
  emergency: EmergencyContact[];
  registeredOn?: string | undefined;
}

/**
 * Checks a record's facts as typed (form or import row) and returns them normalised: a 身份证号 with a valid check
 * digit agreeing with the birth date and sex, phones in a known form, no date ahead of today.
 */
export function checkResident(v: ResidentFacts, t: string, pr: Problems): { idNumber: string | null; phone: string | null; health: string | null; emergency: EmergencyContact[] } {
  if (v.birthDate > t) pr.add('birthDate', `出生日期不能晚于今天（${t}）`);
  else if (v.birthDate < '1900-01-01') pr.add('birthDate', '出生日期不能早于 1900-01-01');
  if (v.registeredOn && v.registeredOn > t) pr.add('registeredOn', `登记日期不能晚于今天（${t}）`);
  if (v.registeredOn && v.registeredOn < v.birthDate) pr.add('registeredOn', '登记日期不能早于出生日期');
  let idNumber: string | null = v.idNumber?.trim() ? v.idNumber.trim().toUpperCase() : null;
  if (idNumber) {
    const parsed = parseIdNumber(idNumber, t);
    if ('error' in parsed) pr.add('idNumber', parsed.error);
    else {
      idNumber = parsed.normalised;
      if (parsed.birthDate !== v.birthDate) pr.add('birthDate', `出生日期与身份证号不一致（身份证号中为 ${parsed.birthDate}）`);
      if (parsed.gender !== v.gender) pr.add('gender', `性别与身份证号不一致（身份证号中为${parsed.gender === 'male' ? '男' : '女'}）`);
    }
  }
  if (v.address.includes('*')) pr.add('address', '详细地址不能含“*”（是否粘贴了脱敏后的地址？），请填写完整地址');
  const phone = v.phone?.trim() ? v.phone.trim() : null;
  if (phone !== null && !PHONE.test(phone)) pr.add('phone', `联系电话${PHONE_MESSAGE}`);
  // By position, not by name: a contact's name is sensitive too and no message repeats it.
  v.emergency.forEach((c, i) => {
    if (!PHONE.test(c.phone.trim())) pr.add('emergency', `第 ${i + 1} 位紧急联系人的电话${PHONE_MESSAGE}`);
  });
  return { idNumber, phone, health: v.health?.trim() ? v.health.trim() : null, emergency: v.emergency.map((c) => ({ name: c.name.trim(), relation: c.relation.trim(), phone: c.phone.trim() })) };
}

/** The import's and the register's identity of a person: the 身份证号, or without one name, birth date and 小区. */
export const personKey = (p: Platform, v: { idNumber: string | null; name: string; birthDate: string; community: string }): string =>
  p.fieldCrypto.lookupHash(v.idNumber ?? `${v.name.trim()}|${v.birthDate}|${v.community.trim()}`);
/** The key a record without a 身份证号 has: an import row that now carries one still finds it. */
export const nameKey = (p: Platform, v: { name: string; birthDate: string; community: string }): string => personKey(p, { ...v, idNumber: null });

const duplicate = () => conflict('DUPLICATE_RESIDENT', '该服务对象已登记（身份证号相同，或姓名、出生日期、小区都相同），不能重复登记', { name: '该服务对象已登记' });

/** A resident's values as audit entries keep them: sensitive ones masked. */
export function auditSnapshot(p: Platform, r: VolunteerResidentTable) {
  const s = mask(decrypt(p, r));
  return {
    orgId: r.org_id, name: r.name, gender: r.gender, birthDate: r.birth_date, community: r.community, address: s.address, phone: s.phone, idNumber: s.idNumber,
    health: s.health, emergency: s.emergency, living: parseLiving(r.living), needs: r.needs, risk: r.risk, status: r.status, statusOn: r.status_on, registeredOn: r.registered_on,
  };
}

/** The responsible organisation, when live and within the actor's volunteer.write scope; else a 400 naming the field. */
export async function writableOrg(trx: DbOrTx, actor: Actor, orgId: string) {
  const org = await liveOrg(trx, actor.tenantId, orgId);
  if (!org || !writesAt(actor, org.path)) throw fieldError('orgId', '负责组织不存在或不在您的管理范围内');
  return org;
}

export const encryptOrNull = (p: Platform, v: string | null) => (v === null ? null : p.fieldCrypto.encrypt(v));
export const encryptContacts = (p: Platform, list: EmergencyContact[]) => (list.length ? p.fieldCrypto.encrypt(JSON.stringify(list)) : null);

async function insertOrDuplicate(fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    if (uniqueViolation(err)) throw duplicate();
    throw err;
  }
}

const readRow = (trx: DbOrTx, tenantId: string, id: string) =>
  trx.selectFrom('volunteer_residents').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirstOrThrow();

export async function createResident(p: Platform, ctx: AuditContext, actor: Actor, self: Volunteer | undefined, body: ResidentCreate): Promise<ResidentDetail> {
  const t = todayIn(p.clock);
  const pr = new Problems();
  const n = checkResident(body, t, pr);
  pr.throwIfAny();
  const key = personKey(p, { ...body, idNumber: n.idNumber });
  const id = await p.audit.tx(ctx, async (trx) => {
    const org = await writableOrg(trx, actor, body.orgId);
    const clash = await trx.selectFrom('volunteer_residents').select('id').where('tenant_id', '=', actor.tenantId).where('person_key', '=', key).executeTakeFirst();
    if (clash) throw duplicate();
    const now = p.clock.now().toISOString();
    const id = newId(p.clock.now().getTime());
    await insertOrDuplicate(() => trx.insertInto('volunteer_residents').values({
      tenant_id: actor.tenantId, id, org_id: org.id, org_path: org.path, name: body.name, gender: body.gender, birth_date: body.birthDate, community: body.community,
      address_enc: p.fieldCrypto.encrypt(body.address), phone_enc: encryptOrNull(p, n.phone), id_number_enc: encryptOrNull(p, n.idNumber), person_key: key,
      living: JSON.stringify([...new Set(body.living)]), health_enc: encryptOrNull(p, n.health), needs: body.needs, emergency_enc: encryptContacts(p, n.emergency),
      risk: body.risk, status: 'active', status_on: null, last_visit_on: null, registered_on: body.registeredOn ?? t, created_by: actor.userId,
      created_at: now, updated_at: now, deleted_at: null,
    }).execute());
    await p.audit.record(trx, ctx, { action: 'volunteerResident.create', entity: 'volunteerResident', entityId: id, after: auditSnapshot(p, await readRow(trx, actor.tenantId, id)) });
    return id;
  });
  return residentDetail(p, actor, self, await readRow(p.db, actor.tenantId, id), false);
}

/** A value sent back as the form showed it masked means "unchanged" (a form prefilled from a masked GET). */
function unlessMasked<T>(sent: T | undefined, masked: T): T | undefined {
  return sent !== undefined && JSON.stringify(sent) === JSON.stringify(masked) ? undefined : sent;
}

export async function editResident(p: Platform, ctx: AuditContext, actor: Actor, self: Volunteer | undefined, r: VolunteerResidentTable, patch: ResidentPatch): Promise<ResidentDetail> {
  if (!writesResident(actor, r)) throw forbidden('您没有修改该服务对象的权限');
  const t = todayIn(p.clock);
  const clear = decrypt(p, r);
  const shown = mask(clear);
  const address = unlessMasked(patch.address, shown.address);
  const phone = unlessMasked(patch.phone, shown.phone);
  const idNumber = unlessMasked(patch.idNumber, shown.idNumber);
  const health = unlessMasked(patch.health, shown.health);
  const emergency = unlessMasked(patch.emergency, shown.emergency);
  const next: ResidentFacts = {
    name: patch.name ?? r.name, gender: patch.gender ?? r.gender, birthDate: patch.birthDate ?? r.birth_date, community: patch.community ?? r.community,
    address: address ?? clear.address, phone: phone === undefined ? clear.phone : phone, idNumber: idNumber === undefined ? clear.idNumber : idNumber,
    health: health === undefined ? clear.health : health, emergency: emergency ?? clear.emergency, registeredOn: r.registered_on,
  };
  const pr = new Problems();
  const n = checkResident(next, t, pr);
  pr.throwIfAny();
  const key = personKey(p, { ...next, idNumber: n.idNumber });
  await p.audit.tx(ctx, async (trx) => {
    const before = await readRow(trx, r.tenant_id, r.id);
    const org = patch.orgId && patch.orgId !== r.org_id ? await writableOrg(trx, actor, patch.orgId) : null;
    if (key !== before.person_key) {
      const clash = await trx.selectFrom('volunteer_residents').select('id').where('tenant_id', '=', r.tenant_id).where('person_key', '=', key).where('id', '!=', r.id).executeTakeFirst();
      if (clash) throw duplicate();
    }
    const changed = [
      ...(['address', 'phone', 'idNumber', 'health'] as const).filter((f) => (f === 'idNumber' ? n.idNumber : f === 'phone' ? n.phone : f === 'health' ? n.health : next.address) !== clear[f]),
      ...(JSON.stringify(n.emergency) !== JSON.stringify(clear.emergency) ? ['emergency'] : []),
    ];
    await insertOrDuplicate(() => trx.updateTable('volunteer_residents').set({
      ...(org ? { org_id: org.id, org_path: org.path } : {}),
      name: next.name, gender: next.gender, birth_date: next.birthDate, community: next.community, person_key: key,
      ...(changed.includes('address') ? { address_enc: p.fieldCrypto.encrypt(next.address) } : {}),
      ...(changed.includes('phone') ? { phone_enc: encryptOrNull(p, n.phone) } : {}),
      ...(changed.includes('idNumber') ? { id_number_enc: encryptOrNull(p, n.idNumber) } : {}),
      ...(changed.includes('health') ? { health_enc: encryptOrNull(p, n.health) } : {}),
      ...(changed.includes('emergency') ? { emergency_enc: encryptContacts(p, n.emergency) } : {}),
      ...(patch.living ? { living: JSON.stringify([...new Set(patch.living)]) } : {}),
      ...(patch.needs !== undefined ? { needs: patch.needs } : {}),
      ...(patch.risk ? { risk: patch.risk } : {}),
      updated_at: p.clock.now().toISOString(),
    }).where('tenant_id', '=', r.tenant_id).where('id', '=', r.id).execute());
    const after = await readRow(trx, r.tenant_id, r.id);
    // Masked snapshots can look alike when a sensitive value changed: the entry also names those fields.
    await p.audit.record(trx, ctx, { action: 'volunteerResident.update', entity: 'volunteerResident', entityId: r.id, before: auditSnapshot(p, before), after: { ...auditSnapshot(p, after), changedSensitive: changed } });
  });
  return residentDetail(p, actor, self, await readRow(p.db, r.tenant_id, r.id), false);
}

const END_REASON = { movedOut: '服务对象迁出', deceased: '服务对象去世' } as const;

/**
 * 在册 → 迁出 or 去世 on a date (not ahead of today, not before birth); 迁出 → 在册 on returning. A death is final.
 * Leaving the register ends the open pairings that day, so the volunteers' places are free again.
 */
export async function changeResidentStatus(p: Platform, ctx: AuditContext, actor: Actor, self: Volunteer | undefined, r: VolunteerResidentTable, body: ResidentStatusChange): Promise<ResidentDetail> {
  if (!writesResident(actor, r)) throw forbidden('您没有变更该服务对象状态的权限');
  const t = todayIn(p.clock);
  await p.audit.tx(ctx, async (trx) => {
    const before = await readRow(trx, r.tenant_id, r.id);
    if (before.status === 'deceased') throw conflict('RESIDENT_DECEASED', '该服务对象已去世，不能再变更状态');
    if (before.status === body.status) throw conflict('SAME_STATUS', `该服务对象已是“${RESIDENT_STATUS_NAMES[body.status]}”状态`);
    let on: string | null = null;
    if (body.status !== 'active') {
      const what = body.status === 'deceased' ? '去世日期' : '迁出日期';
      if (!body.on) throw fieldError('on', `请填写${what}`);
      if (body.on > t) throw fieldError('on', `${what}不能晚于今天（${t}）`);
      if (body.on < before.birth_date) throw fieldError('on', `${what}不能早于出生日期`);
      on = body.on;
    }
    const now = p.clock.now().toISOString();
    // Only from the status read above: of two changes at once (two clicks on 去世), the second finds it changed.
    const done = await trx.updateTable('volunteer_residents').set({ status: body.status, status_on: on, updated_at: now })
      .where('tenant_id', '=', r.tenant_id).where('id', '=', r.id).where('status', '=', before.status).executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw conflict('STATUS_CHANGED', '该服务对象的状态刚被他人变更，请刷新后重试');
    let endedPairings = 0;
    if (body.status !== 'active') {
      const ended = await trx.updateTable('volunteer_pairings').set({ ended_on: on!, end_reason: END_REASON[body.status], ended_by: actor.userId, ended_at: now })
        .where('tenant_id', '=', r.tenant_id).where('resident_id', '=', r.id).where('ended_on', 'is', null).executeTakeFirst();
      endedPairings = Number(ended.numUpdatedRows);
    }
    await p.audit.record(trx, ctx, {
      action: 'volunteerResident.status', entity: 'volunteerResident', entityId: r.id,
      before: { status: before.status, statusOn: before.status_on }, after: { status: body.status, statusOn: on, note: body.note, endedPairings },
    });
  });
  return residentDetail(p, actor, self, await readRow(p.db, r.tenant_id, r.id), false);
}

