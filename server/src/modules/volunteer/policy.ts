// Who may see and do what in 志愿服务: the only file that says so.
// - A resident (and their visits) is seen with volunteer.read over the responsible organisation, or by a volunteer
//   paired with them now (their own residents only). Out of sight answers 404.
// - Address, phone, 身份证号, health notes and emergency contacts are shown in clear only to a volunteer paired with
//   the resident now and to volunteer.sensitive over the organisation (the 书记 role), only by a POST, each audited.
// - Registering, editing, pairing and activities need volunteer.write over the organisation.
// - A visit is recorded by the paired volunteer themselves (volunteer.serve), or for them by volunteer.write.
// - A 需关注/紧急 visit is dealt with (已处理, 转督办) by volunteer.sensitive or volunteer.write over the resident.
// - The responsible secretary of a resident is whoever holds volunteer.sensitive by a grant at the responsible
//   organisation itself: they get its alerts in 待办 and the notifications.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { can, canAtRoot, scopeFilter, scopePaths } from '../../platform/access/can.js';
import { forbidden, notFound } from '../../platform/errors.js';
import type { DbOrTx } from '../../db/types.js';
import type { VolunteerResidentTable, VolunteerVisitTable } from './tables.js';
import type { Volunteer } from './volunteers.js';

type PathCols = { tenant: Expression<string>; path: Expression<string> };
const cols = (alias: string): PathCols => ({ tenant: sql.ref<string>(`${alias}.tenant_id`), path: sql.ref<string>(`${alias}.org_path`) });
type Placed = Pick<VolunteerResidentTable, 'tenant_id' | 'org_path'>;
const rec = (r: Placed) => ({ tenantId: r.tenant_id, orgPath: r.org_path });

/** Anyone holding one of the four permissions may open the module's routes (a member holds only volunteer.serve): else 403. */
export function checkMayUse(actor: Actor): void {
  if (!can(actor, 'volunteer.read') && !can(actor, 'volunteer.write') && !can(actor, 'volunteer.serve')) throw forbidden('没有查看志愿服务的权限');
}

/** SQL: the resident (alias `alias`, default `vr`) is paired with this volunteer now. */
export function pairedWith(self: Volunteer | undefined, alias = 'vr'): Expression<SqlBool> {
  if (!self) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`exists (select 1 from volunteer_pairings vp where vp.tenant_id = ${sql.ref(`${alias}.tenant_id`)} and vp.resident_id = ${sql.ref(`${alias}.id`)}
    and vp.volunteer_kind = ${self.kind} and vp.volunteer_id = ${self.id} and vp.ended_on is null)`;
}

/** SQL: the actor sees the resident aliased `vr` (volunteer.read over its organisation, or paired with them now). */
export function visibleResidents(actor: Actor, self: Volunteer | undefined): Expression<SqlBool> {
  return sql<SqlBool>`(${scopeFilter(actor, 'volunteer.read', cols('vr'))} or ${pairedWith(self, 'vr')})`;
}

/** SQL: the actor sees the visit aliased `vv`: volunteer.read over its resident's organisation, or their own visit. */
export function visibleVisits(actor: Actor, self: Volunteer | undefined): Expression<SqlBool> {
  const own = self ? sql<SqlBool>`(vv.volunteer_kind = ${self.kind} and vv.volunteer_id = ${self.id})` : sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`(${scopeFilter(actor, 'volunteer.read', cols('vv'))} or ${own})`;
}

/** SQL: the organisation path column `path` of alias lies where the actor holds volunteer.read (hours, activities). */
export const readableOrgs = (actor: Actor, alias: string, column = 'org_path'): Expression<SqlBool> =>
  scopeFilter(actor, 'volunteer.read', { tenant: sql.ref<string>(`${alias}.tenant_id`), path: sql.ref<string>(`${alias}.${column}`) });

/** Organisation ids where the actor answers for residents (volunteer.sensitive granted at the organisation itself). */
export function responsibleOrgIds(actor: Actor): string[] {
  return actor.grants.filter((g) => g.tenantId === actor.tenantId && g.permissions.has('volunteer.sensitive')).map((g) => g.orgId);
}

// ---------- one record ----------

/** The live resident if the actor sees it, else 404. */
export async function residentFor(db: DbOrTx, actor: Actor, self: Volunteer | undefined, id: string): Promise<VolunteerResidentTable> {
  const r = await db.selectFrom('volunteer_residents as vr').selectAll('vr').where('vr.tenant_id', '=', actor.tenantId).where('vr.id', '=', id)
    .where('vr.deleted_at', 'is', null).where(visibleResidents(actor, self)).executeTakeFirst();
  if (!r) throw notFound('服务对象');
  return r;
}

export const writesResident = (actor: Actor, r: Placed): boolean => can(actor, 'volunteer.write', rec(r));

/** Manages 志愿服务 at the organisation (registering residents, pairing, activities): volunteer.write over it. */
export const writesAt = (actor: Actor, orgPath: string): boolean => can(actor, 'volunteer.write', { tenantId: actor.tenantId, orgPath });
/** Reads 志愿服务 records of the organisation (hours, a volunteer's certificate): volunteer.read over it. */
export const readsAt = (actor: Actor, orgPath: string): boolean => can(actor, 'volunteer.read', { tenantId: actor.tenantId, orgPath });
/** The subtrees where the actor manages 志愿服务, in the actor's own tenant. */
export const writeScopes = (actor: Actor): string[] => scopePaths(actor, 'volunteer.write').filter((s) => s.tenantId === actor.tenantId).map((s) => s.path);
/** Reads every resident of the committee, so a list needs no look-up of the actor's own pairings. */
export const readsWholeCommittee = (actor: Actor): boolean => canAtRoot(actor, 'volunteer.read');
/** May ask for an export in clear at all: volunteer.sensitive somewhere (each row is still checked with revealsResident). */
export const exportsInClear = (actor: Actor): boolean => can(actor, 'volunteer.sensitive');
export const managesResidentsAnywhere = (actor: Actor): boolean => can(actor, 'volunteer.write');

/** Sees the sensitive fields in clear: volunteer.sensitive over the organisation, or paired with the resident now. */
export const revealsResident = (actor: Actor, r: Placed, pairedNow: boolean): boolean => pairedNow || can(actor, 'volunteer.sensitive', rec(r));

/** Deals with a 需关注/紧急 visit (已处理, 转督办). */
export const handlesVisit = (actor: Actor, v: Pick<VolunteerVisitTable, 'tenant_id' | 'org_path'>): boolean =>
  can(actor, 'volunteer.sensitive', rec(v)) || can(actor, 'volunteer.write', rec(v));

/** Adds photos to a visit: whoever recorded it, its volunteer, or volunteer.write over the resident. */
export const addsPhotos = (actor: Actor, self: Volunteer | undefined, v: VolunteerVisitTable): boolean =>
  v.recorded_by === actor.userId || (self !== undefined && self.kind === v.volunteer_kind && self.id === v.volunteer_id) || writesResident(actor, v);

/** Records a visit: the paired volunteer themselves, or volunteer.write over the resident (for a paired volunteer). */
export const recordsVisitFor = (actor: Actor, r: Placed, pairedNow: boolean): boolean =>
  (pairedNow && can(actor, 'volunteer.serve')) || writesResident(actor, r);
