// 志愿活动 (e.g. 小区卫生治理): an organisation's activity with its participants and the minutes each served.
// Each participant's hours are a row of volunteer_activity_hours placed at the participant's group or branch on
// the day (an employee's at the activity's organisation), so the hours summary reads one indexed table. An
// activity may be taken from a held 组织生活 义务劳动日 record, once per record, its present members as participants.
import { sql } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import type { Platform } from '../../platform/context.js';
import { shanghaiDate } from '../../platform/calendar.js';
import { conflict, fieldError, forbidden, notFound } from '../../platform/errors.js';
import { window } from '../../platform/http/paging.js';
import { forUpdate, inSubtree, uniqueViolation } from '../../db/dialect.js';
import { inSlices } from '../../db/batch.js';
import { newId } from '../../db/ids.js';
import type { Db, DbOrTx } from '../../db/types.js';
import { memberSummaries } from '../members/index.js';
import { staffSummaries } from '../staff/index.js';
import { orgNamesOf, orgOrTopInScope, tenantTree } from '../org/index.js';
import { heldLabourDays } from '../orgLife/index.js';
import { readableOrgs, writesAt, writeScopes } from './policy.js';
import { VOLUNTEER_RULES } from './settings.js';
import { volunteerKey, volunteersByKey } from './volunteers.js';
import type { ActivityCreate, ActivityItem, ActivityListQuery, ActivityPatch, ActivityView } from './hoursSchema.js';
import type { VolunteerActivityHoursTable, VolunteerActivityTable, VolunteerKind } from './tables.js';

type Participant = { kind: VolunteerKind; id: string; minutes: number };
type Placed = { id: string; path: string };

/** The live organisation where the actor holds volunteer.write, else 400 (unknown and out of scope read alike). */
async function writableOrg(db: Db, actor: Actor, orgId: string): Promise<Placed> {
  const org = (await tenantTree(db, actor.tenantId, actor.treeVersion)).find((o) => o.id === orgId);
  if (!org || !writesAt(actor, org.path)) throw fieldError('orgId', '组织不存在或不在您的管理范围内');
  return { id: org.id, path: org.path };
}

function checkHeldOn(p: Platform, heldOn: string): void {
  const today = shanghaiDate(p.clock.now());
  if (heldOn > today) throw fieldError('heldOn', `活动日期不能晚于今天（${today}）`);
}

/**
 * The hours rows of the participants, each placed where their hours count: live 在册 members of the organisation's
 * subtree at their group or branch; employees (only when the committee allows them) at the activity's organisation.
 */
async function hoursRows(p: Platform, db: DbOrTx, tenantId: string, org: Placed, activityId: string, heldOn: string, list: Participant[]): Promise<VolunteerActivityHoursTable[]> {
  const seen = new Set<string>();
  for (const x of list) {
    if (seen.has(volunteerKey(x.kind, x.id))) throw fieldError('participants', '参与人重复，请合并为一行');
    seen.add(volunteerKey(x.kind, x.id));
  }
  const members = await memberSummaries(db, tenantId, list.filter((x) => x.kind === 'member').map((x) => x.id));
  const staffIds = list.filter((x) => x.kind === 'staff').map((x) => x.id);
  if (staffIds.length && !(await p.settings.get(tenantId, VOLUNTEER_RULES)).allowStaffVolunteers) {
    throw fieldError('participants', '按业务规则，非党员员工不能作为志愿者登记时长');
  }
  const staff = staffIds.length ? await staffSummaries(db, tenantId, staffIds) : new Map<string, never>();
  return list.map((x) => {
    let place: Placed;
    if (x.kind === 'member') {
      const m = members.get(x.id);
      if (!m || m.deleted) throw fieldError('participants', '参与人不存在');
      if (m.status !== 'active' || !m.orgPath.startsWith(org.path)) throw fieldError('participants', `${m.name}不是本组织（含下级）在册党员`);
      place = { id: m.groupId ?? m.branchId, path: m.orgPath };
    } else {
      const s = staff.get(x.id);
      if (!s || s.deleted) throw fieldError('participants', '参与人不存在');
      place = org;
    }
    return {
      tenant_id: tenantId, activity_id: activityId, volunteer_kind: x.kind, volunteer_id: x.id, volunteer_org_id: place.id, volunteer_org_path: place.path,
      held_on: heldOn, minutes: x.minutes, deleted_at: null,
    };
  });
}

const snapshot = (a: VolunteerActivityTable, hours: Pick<VolunteerActivityHoursTable, 'volunteer_kind' | 'volunteer_id' | 'minutes'>[]) => ({
  orgId: a.org_id, title: a.title, heldOn: a.held_on, place: a.place, orgLifeActivityId: a.org_life_activity_id,
  participants: hours.map((h) => ({ kind: h.volunteer_kind, id: h.volunteer_id, minutes: h.minutes })),
});

const hoursOf = (db: DbOrTx, tenantId: string, activityId: string) =>
  db.selectFrom('volunteer_activity_hours').selectAll().where('tenant_id', '=', tenantId).where('activity_id', '=', activityId)
    .orderBy('volunteer_kind').orderBy('volunteer_id').execute();

// ---------- reads ----------

/** The live activity if the actor holds volunteer.read over its organisation, else 404. */
export async function activityFor(db: Db, actor: Actor, id: string): Promise<VolunteerActivityTable> {
  const a = await db.selectFrom('volunteer_activities as va').selectAll('va').where('va.tenant_id', '=', actor.tenantId).where('va.id', '=', id)
    .where('va.deleted_at', 'is', null).where(readableOrgs(actor, 'va')).executeTakeFirst();
  if (!a) throw notFound('志愿活动');
  return a;
}

async function items(db: Db, actor: Actor, rows: VolunteerActivityTable[]): Promise<ActivityItem[]> {
  const sums = rows.length === 0 ? [] : await inSlices(rows.map((r) => r.id), (slice) => db.selectFrom('volunteer_activity_hours')
    .select((eb) => ['activity_id', eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('minutes').as('m')])
    .where('tenant_id', '=', actor.tenantId).where('activity_id', 'in', slice).groupBy('activity_id').execute());
  const by = new Map(sums.map((s) => [s.activity_id, s]));
  const names = await orgNamesOf(db, actor, rows.map((r) => r.org_id));
  return rows.map((r) => ({
    id: r.id, orgId: r.org_id, orgName: names.get(`${r.tenant_id}/${r.org_id}`) ?? '', title: r.title, heldOn: r.held_on, place: r.place,
    participants: Number(by.get(r.id)?.n ?? 0), minutes: Number(by.get(r.id)?.m ?? 0), fromOrgLife: r.org_life_activity_id !== null,
  }));
}

/** A page of the activities of organisations where the actor holds volunteer.read, newest first. */
export async function listActivities(p: Platform, actor: Actor, q: ActivityListQuery): Promise<{ items: ActivityItem[]; total: number }> {
  let base = p.db.selectFrom('volunteer_activities as va').where('va.tenant_id', '=', actor.tenantId).where('va.deleted_at', 'is', null).where(readableOrgs(actor, 'va'));
  if (q.orgId) {
    const org = (await tenantTree(p.db, actor.tenantId, actor.treeVersion)).find((o) => o.id === q.orgId);
    if (!org) throw fieldError('orgId', '组织不存在');
    base = base.where(inSubtree(sql.ref<string>('va.org_path'), org.path));
  }
  if (q.year) base = base.where('va.held_on', '>=', `${q.year}-01-01`).where('va.held_on', '<=', `${q.year}-12-31`);
  const { limit, offset } = window(q);
  const [rows, n] = await Promise.all([
    base.selectAll('va').orderBy('va.held_on', 'desc').orderBy('va.id', 'desc').limit(limit).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: await items(p.db, actor, rows), total: Number(n.n) };
}

export async function activityView(db: Db, actor: Actor, a: VolunteerActivityTable): Promise<ActivityView> {
  const hours = await hoursOf(db, a.tenant_id, a.id);
  const [[item], people, orgNames] = await Promise.all([
    items(db, actor, [a]),
    volunteersByKey(db, a.tenant_id, hours.map((h) => ({ kind: h.volunteer_kind, id: h.volunteer_id }))),
    orgNamesOf(db, actor, hours.map((h) => h.volunteer_org_id)),
  ]);
  const writes = writesAt(actor, a.org_path);
  return {
    ...item!, description: a.description, orgLifeActivityId: a.org_life_activity_id, createdAt: a.created_at, updatedAt: a.updated_at,
    participantList: hours.map((h) => ({
      kind: h.volunteer_kind, id: h.volunteer_id, name: people.get(volunteerKey(h.volunteer_kind, h.volunteer_id))?.name ?? '',
      orgName: orgNames.get(`${h.tenant_id}/${h.volunteer_org_id}`) ?? '', minutes: h.minutes,
    })).sort((x, y) => x.orgName.localeCompare(y.orgName) || x.name.localeCompare(y.name)),
    allowed: writes ? ['edit', 'delete'] : [],
  };
}

// ---------- writes ----------

export async function createActivity(p: Platform, ctx: AuditContext, actor: Actor, input: ActivityCreate): Promise<VolunteerActivityTable> {
  const org = await writableOrg(p.db, actor, input.orgId);
  checkHeldOn(p, input.heldOn);
  const now = p.clock.now();
  const at = now.toISOString();
  const row: VolunteerActivityTable = {
    tenant_id: actor.tenantId, id: newId(now.getTime()), org_id: org.id, org_path: org.path, title: input.title, held_on: input.heldOn, place: input.place,
    description: input.description, org_life_activity_id: null, created_by: actor.userId, created_at: at, updated_at: at, deleted_at: null,
  };
  const hours = await hoursRows(p, p.db, actor.tenantId, org, row.id, row.held_on, input.participants);
  return p.audit.tx(ctx, async (trx) => {
    await trx.insertInto('volunteer_activities').values(row).execute();
    await trx.insertInto('volunteer_activity_hours').values(hours).execute();
    await p.audit.record(trx, ctx, { action: 'volunteer.activity.create', entity: 'volunteerActivity', entityId: row.id, after: snapshot(row, hours) });
    return row;
  });
}

/** Edits an activity; new participants replace the old ones (their hours rows with them). */
export async function updateActivity(p: Platform, ctx: AuditContext, actor: Actor, a: VolunteerActivityTable, patch: ActivityPatch): Promise<VolunteerActivityTable> {
  if (!writesAt(actor, a.org_path)) throw forbidden('只有本组织的志愿服务管理人员可以修改志愿活动');
  if (patch.heldOn) checkHeldOn(p, patch.heldOn);
  const org = { id: a.org_id, path: a.org_path };
  const heldOn = patch.heldOn ?? a.held_on;
  const fresh = patch.participants ? await hoursRows(p, p.db, a.tenant_id, org, a.id, heldOn, patch.participants) : null;
  return p.audit.tx(ctx, async (trx) => {
    const cur = await trx.selectFrom('volunteer_activities').selectAll().where('tenant_id', '=', a.tenant_id).where('id', '=', a.id).where('deleted_at', 'is', null)
      .modifyEnd(forUpdate(p.data.dialect)).executeTakeFirst();
    if (!cur) throw notFound('志愿活动');
    const before = await hoursOf(trx, cur.tenant_id, cur.id);
    const set: Partial<VolunteerActivityTable> = { updated_at: p.clock.now().toISOString() };
    if (patch.title !== undefined) set.title = patch.title;
    if (patch.heldOn !== undefined) set.held_on = patch.heldOn;
    if (patch.place !== undefined) set.place = patch.place;
    if (patch.description !== undefined) set.description = patch.description;
    await trx.updateTable('volunteer_activities').set(set).where('tenant_id', '=', cur.tenant_id).where('id', '=', cur.id).execute();
    let after = before;
    if (fresh) {
      await trx.deleteFrom('volunteer_activity_hours').where('tenant_id', '=', cur.tenant_id).where('activity_id', '=', cur.id).execute();
      await trx.insertInto('volunteer_activity_hours').values(fresh).execute();
      after = fresh;
    } else if (patch.heldOn && patch.heldOn !== cur.held_on) {
      await trx.updateTable('volunteer_activity_hours').set({ held_on: patch.heldOn }).where('tenant_id', '=', cur.tenant_id).where('activity_id', '=', cur.id).execute();
    }
    const next = { ...cur, ...set };
    await p.audit.record(trx, ctx, { action: 'volunteer.activity.update', entity: 'volunteerActivity', entityId: cur.id, before: snapshot(cur, before), after: snapshot(next, after) });
    return next;
  });
}

/** Deletes an activity (soft): its hours no longer count, and a 义务劳动日 it was taken from may be taken again. */
export async function deleteActivity(p: Platform, ctx: AuditContext, actor: Actor, a: VolunteerActivityTable): Promise<void> {
  if (!writesAt(actor, a.org_path)) throw forbidden('只有本组织的志愿服务管理人员可以删除志愿活动');
  await p.audit.tx(ctx, async (trx) => {
    const at = p.clock.now().toISOString();
    const done = await trx.updateTable('volunteer_activities').set({ deleted_at: at, updated_at: at }).where('tenant_id', '=', a.tenant_id).where('id', '=', a.id)
      .where('deleted_at', 'is', null).executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) throw notFound('志愿活动');
    await trx.updateTable('volunteer_activity_hours').set({ deleted_at: at }).where('tenant_id', '=', a.tenant_id).where('activity_id', '=', a.id).execute();
    await p.audit.record(trx, ctx, { action: 'volunteer.activity.delete', entity: 'volunteerActivity', entityId: a.id, before: snapshot(a, await hoursOf(trx, a.tenant_id, a.id)) });
  });
}

// ---------- from 组织生活 ----------

const durationMinutes = (startsAt: string, endsAt: string) => Math.min(1440, Math.max(1, Math.round((Date.parse(endsAt) - Date.parse(startsAt)) / 60_000)));

/** Held 义务劳动日 records of the organisation's subtree (volunteer.write there) not yet taken, with their present members. */
export async function orgLifeSources(p: Platform, actor: Actor, orgId: string | undefined) {
  const org = await orgOrTopInScope(p.db, actor, 'volunteer.write', orgId);
  if (!org) throw fieldError('orgId', '组织不存在或不在您的管理范围内');
  const records = await heldLabourDays(p.db, actor.tenantId, org.path);
  const taken = records.length === 0 ? [] : await inSlices(records.map((r) => r.id), (slice) => p.db.selectFrom('volunteer_activities').select('org_life_activity_id as id')
    .where('tenant_id', '=', actor.tenantId).where('org_life_activity_id', 'in', slice).where('deleted_at', 'is', null).execute());
  const takenIds = new Set(taken.map((t) => t.id));
  const open = records.filter((r) => !takenIds.has(r.id));
  const [members, names] = await Promise.all([
    memberSummaries(p.db, actor.tenantId, open.flatMap((r) => r.presentMemberIds)),
    orgNamesOf(p.db, actor, open.map((r) => r.orgId)),
  ]);
  return {
    items: open.map((r) => ({
      id: r.id, orgId: r.orgId, orgName: names.get(`${actor.tenantId}/${r.orgId}`) ?? '', title: r.title, heldOn: r.startsOn, place: r.place,
      suggestedMinutes: durationMinutes(r.startsAt, r.endsAt),
      attendees: r.presentMemberIds.map((id) => members.get(id)).filter((m) => m !== undefined && !m.deleted).map((m) => ({ id: m!.id, name: m!.name })),
    })),
  };
}

/** Records an activity from a held 义务劳动日: its present members, each with `minutes`. A record is taken once (409). */
export async function createFromOrgLife(p: Platform, ctx: AuditContext, actor: Actor, body: { orgLifeActivityId: string; minutes: number }): Promise<VolunteerActivityTable> {
  let source;
  for (const path of writeScopes(actor)) {
    source = (await heldLabourDays(p.db, actor.tenantId, path, { id: body.orgLifeActivityId }))[0];
    if (source) break;
  }
  if (!source) throw notFound('义务劳动日记录');
  const taken = () => conflict('VOLUNTEER_SOURCE_TAKEN', '该义务劳动日已登记为志愿活动，请在志愿活动中查看或修改');
  const already = await p.db.selectFrom('volunteer_activities').select('id').where('tenant_id', '=', actor.tenantId)
    .where('org_life_activity_id', '=', source.id).where('deleted_at', 'is', null).executeTakeFirst();
  if (already) throw taken();
  checkHeldOn(p, source.startsOn);
  // Present members still 在册 in the organisation: one who has since left is no longer a volunteer of it.
  const members = await memberSummaries(p.db, actor.tenantId, source.presentMemberIds);
  const present = source.presentMemberIds.filter((id) => { const m = members.get(id); return m && !m.deleted && m.status === 'active' && m.orgPath.startsWith(source.orgPath); });
  if (present.length === 0) throw conflict('VOLUNTEER_NO_ATTENDEES', '该义务劳动日没有出席的在册党员，无法登记为志愿活动');
  const now = p.clock.now();
  const at = now.toISOString();
  const row: VolunteerActivityTable = {
    tenant_id: actor.tenantId, id: newId(now.getTime()), org_id: source.orgId, org_path: source.orgPath, title: source.title, held_on: source.startsOn,
    place: source.place, description: '', org_life_activity_id: source.id, created_by: actor.userId, created_at: at, updated_at: at, deleted_at: null,
  };
  const hours = await hoursRows(p, p.db, actor.tenantId, { id: source.orgId, path: source.orgPath }, row.id, row.held_on,
    present.map((id) => ({ kind: 'member', id, minutes: body.minutes })));
  try {
    return await p.audit.tx(ctx, async (trx) => {
      await trx.insertInto('volunteer_activities').values(row).execute();
      await trx.insertInto('volunteer_activity_hours').values(hours).execute();
      await p.audit.record(trx, ctx, { action: 'volunteer.activity.fromOrgLife', entity: 'volunteerActivity', entityId: row.id, after: snapshot(row, hours) });
      return row;
    });
  } catch (err) {
    // Two clicks at once: the partial unique index keeps one activity per record.
    if (uniqueViolation(err)) throw taken();
    throw err;
  }
}
