// 走访记录: recording a visit (by the paired volunteer, or for them by volunteer.write), the list, photos, and dealing
// with a 需关注/紧急 visit (已处理, or 转督办 in one click). A recorded visit moves the resident's last_visit_on in
// the same transaction, and a 需关注/紧急 one tells the responsible secretaries at once.
import { sql } from 'kysely';
import type { DbOrTx } from '../../db/types.js';
import { newId } from '../../db/ids.js';
import { forUpdate, inSubtree } from '../../db/dialect.js';
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import { userDisplayNames } from '../../platform/accounts/service.js';
import { addDays, todayIn } from '../../platform/calendar.js';
import type { Platform } from '../../platform/context.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { imageCounts, listFiles, storeFile, type FileMeta } from '../../platform/files/index.js';
import { liveOrg, orgNames } from '../org/index.js';
import { createTask, tasksFromSource } from '../tasks/index.js';
import { ATTENTION_CONDITIONS, responsibleSecretaries } from './alerts.js';
import { CONDITION_NAMES, VISIT_KIND_NAMES, visitLink } from './names.js';
import { checkActive } from './pairings.js';
import { addsPhotos, handlesVisit, recordsVisitFor, residentFor, visibleVisits, writesResident } from './policy.js';
import type { VisitCondition, VisitKind, VolunteerKind, VolunteerVisitTable } from './tables.js';
import { volunteerKey, volunteerOfUser, volunteersByKey, type Volunteer } from './volunteers.js';
import type { VisitCreate, VisitQuery, VisitView } from './visitSchema.js';

/** Owner kind of visit photos in platform/files. */
export const VISIT_PHOTO_OWNER = 'volunteerVisit';
/** Source kind of 督办 tasks opened from a visit (createTask / tasksFromSource). */
export const TASK_SOURCE = 'volunteer';
const MAX_PHOTOS = 9;

const field = (name: string, message: string) => badRequest(message, { [name]: message });
const auditView = (v: Pick<VolunteerVisitTable, 'resident_id' | 'volunteer_kind' | 'volunteer_id' | 'visited_on' | 'kind' | 'minutes' | 'condition' | 'handled_at' | 'handled_note'>) => ({
  residentId: v.resident_id, volunteerKind: v.volunteer_kind, volunteerId: v.volunteer_id, visitedOn: v.visited_on, kind: v.kind,
  minutes: v.minutes, condition: v.condition, handledAt: v.handled_at, handledNote: v.handled_note,
});

/** The open pairing of this volunteer with the resident, if any. */
function openPairing(db: DbOrTx, tenantId: string, residentId: string, kind: VolunteerKind, id: string) {
  return db.selectFrom('volunteer_pairings').select(['id', 'started_on']).where('tenant_id', '=', tenantId).where('resident_id', '=', residentId)
    .where('volunteer_kind', '=', kind).where('volunteer_id', '=', id).where('ended_on', 'is', null).executeTakeFirst();
}

export async function recordVisit(p: Platform, ctx: AuditContext, actor: Actor, body: VisitCreate): Promise<VisitView> {
  const self = await volunteerOfUser(p.db, actor.tenantId, actor.userId);
  const r = await residentFor(p.db, actor, self, body.residentId);
  checkActive(r);
  const named = body.volunteerKind && body.volunteerId ? { kind: body.volunteerKind, id: body.volunteerId } : null;
  const forOther = named !== null && !(self && named.kind === self.kind && named.id === self.id);
  let who: { kind: VolunteerKind; id: string };
  let pairing: { id: string; started_on: string } | undefined;
  if (forOther) {
    // Recording for another volunteer is the organisation's work (volunteer.write over the resident).
    if (!writesResident(actor, r)) throw forbidden('只能为本人结对的服务对象记录走访');
    who = named;
    pairing = await openPairing(p.db, actor.tenantId, r.id, who.kind, who.id);
    if (!pairing) throw field('volunteerId', '该志愿者未与该服务对象结对');
  } else {
    pairing = self && await openPairing(p.db, actor.tenantId, r.id, self.kind, self.id);
    if (!self || !pairing || !recordsVisitFor(actor, r, true)) {
      throw writesResident(actor, r) ? field('volunteerId', '请选择为其记录走访的结对志愿者') : forbidden('只能为本人结对的服务对象记录走访');
    }
    who = self;
  }
  const now = todayIn(p.clock);
  if (body.visitedOn > now) throw field('visitedOn', '走访日期不能晚于今天');
  if (body.visitedOn < r.registered_on) throw field('visitedOn', `走访日期不能早于登记日期（${r.registered_on}）`);
  if (body.visitedOn < pairing.started_on) throw field('visitedOn', `走访日期不能早于结对日期（${pairing.started_on}）`);
  const v = (await volunteersByKey(p.db, actor.tenantId, [who])).get(volunteerKey(who.kind, who.id));
  if (!v?.active) throw field('volunteerId', '该志愿者已不在册，不能记录走访');
  // A member's hours count for their group or branch on the day; an employee's where the resident is cared for.
  const volunteerOrg = v.kind === 'member' && v.orgId && v.orgPath ? { id: v.orgId, path: v.orgPath } : { id: r.org_id, path: r.org_path };

  const id = await p.audit.tx(ctx, async (trx) => {
    const cur = await trx.selectFrom('volunteer_residents').select(['status']).where('tenant_id', '=', r.tenant_id).where('id', '=', r.id)
      .modifyEnd(forUpdate(p.data.dialect)).executeTakeFirstOrThrow();
    checkActive(cur);
    const at = p.clock.now().toISOString();
    const row: VolunteerVisitTable = {
      tenant_id: r.tenant_id, id: newId(), resident_id: r.id, org_path: r.org_path, volunteer_kind: who.kind, volunteer_id: who.id,
      volunteer_org_id: volunteerOrg.id, volunteer_org_path: volunteerOrg.path, visited_on: body.visitedOn, kind: body.kind as VisitKind,
      minutes: body.minutes, notes: body.notes, condition: body.condition as VisitCondition, handled_at: null, handled_by: null, handled_note: null,
      recorded_by: actor.userId, created_at: at, deleted_at: null,
    };
    await trx.insertInto('volunteer_visits').values(row).execute();
    await trx.updateTable('volunteer_residents').set({ last_visit_on: body.visitedOn, updated_at: at })
      .where('tenant_id', '=', r.tenant_id).where('id', '=', r.id)
      .where((eb) => eb.or([eb('last_visit_on', 'is', null), eb('last_visit_on', '<', body.visitedOn)])).execute();
    await p.audit.record(trx, ctx, { action: 'volunteer.visit.create', entity: 'volunteerVisit', entityId: row.id, after: auditView(row) });
    if (ATTENTION_CONDITIONS.includes(row.condition)) {
      const to = await responsibleSecretaries(trx, r.tenant_id, r.org_path);
      await p.notify.send(trx, r.tenant_id, to, {
        kind: 'volunteer.attention',
        title: `${CONDITION_NAMES[row.condition]}：${r.name}（${r.community}）`,
        body: `${v.name} ${row.visited_on} ${VISIT_KIND_NAMES[row.kind]}时反映情况${row.condition === 'urgent' ? '紧急' : '需关注'}，请及时处理`,
        link: visitLink(r.id, row.id),
      });
    }
    return row.id;
  });
  return (await visitViews(p, actor, self, [await visitRow(p.db, actor.tenantId, id)]))[0]!;
}

const visitRow = (db: DbOrTx, tenantId: string, id: string) =>
  db.selectFrom('volunteer_visits').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirstOrThrow();

/** The live visit if the actor sees it, else 404. */
export async function visitFor(p: Platform, actor: Actor, self: Volunteer | undefined, id: string): Promise<VolunteerVisitTable> {
  const v = await p.db.selectFrom('volunteer_visits as vv').selectAll('vv').where('vv.tenant_id', '=', actor.tenantId).where('vv.id', '=', id)
    .where('vv.deleted_at', 'is', null).where(visibleVisits(actor, self)).executeTakeFirst();
  if (!v) throw notFound('走访记录');
  return v;
}

async function visitViews(p: Platform, actor: Actor, self: Volunteer | undefined, rows: VolunteerVisitTable[]): Promise<VisitView[]> {
  if (rows.length === 0) return [];
  const tenantId = actor.tenantId;
  const ids = rows.map((r) => r.id);
  const residentIds = [...new Set(rows.map((r) => r.resident_id))];
  const [residents, volunteers, handlers, photos, tasks] = await Promise.all([
    p.db.selectFrom('volunteer_residents').select(['id', 'name', 'community', 'org_id']).where('tenant_id', '=', tenantId).where('id', 'in', residentIds).execute(),
    volunteersByKey(p.db, tenantId, rows.map((r) => ({ kind: r.volunteer_kind, id: r.volunteer_id }))),
    userDisplayNames(p.db, tenantId, [...new Set(rows.flatMap((r) => (r.handled_by ? [r.handled_by] : [])))]),
    listFiles(p.db, tenantId, VISIT_PHOTO_OWNER, ids),
    // Only 需关注/紧急 visits can have a task: one look-up each by the visit id.
    Promise.all(rows.filter((r) => ATTENTION_CONDITIONS.includes(r.condition)).map((r) => tasksFromSource(p.db, tenantId, TASK_SOURCE, r.id))).then((x) => x.flat()),
  ]);
  const byId = new Map(residents.map((r) => [r.id, r]));
  const orgs = await orgNames(p.db, [tenantId], residents.map((r) => r.org_id));
  const taskOf = new Map(tasks.map((t) => [t.sourceId, t.id]));
  return rows.map((v) => {
    const r = byId.get(v.resident_id);
    const attention = ATTENTION_CONDITIONS.includes(v.condition);
    const allowed: VisitView['allowed'] = [];
    if (attention && handlesVisit(actor, v)) {
      if (!v.handled_at) allowed.push('handle');
      allowed.push('task');
    }
    if (addsPhotos(actor, self, v)) allowed.push('photo');
    return {
      id: v.id, residentId: v.resident_id, residentName: r?.name ?? '', community: r?.community ?? '', orgId: r?.org_id ?? '',
      orgName: r ? orgs.get(`${tenantId}/${r.org_id}`) ?? '' : '',
      visitedOn: v.visited_on, kind: v.kind, minutes: v.minutes, notes: v.notes, condition: v.condition,
      volunteerKind: v.volunteer_kind, volunteerId: v.volunteer_id, volunteerName: volunteers.get(volunteerKey(v.volunteer_kind, v.volunteer_id))?.name ?? '',
      handledAt: v.handled_at, handledByName: v.handled_by ? handlers.get(v.handled_by) ?? '' : null, handledNote: v.handled_note,
      taskId: taskOf.get(v.id) ?? null, photos: photos.get(v.id) ?? [], allowed, createdAt: v.created_at,
    };
  });
}

export async function listVisits(p: Platform, actor: Actor, q: VisitQuery) {
  const self = await volunteerOfUser(p.db, actor.tenantId, actor.userId);
  let base = p.db.selectFrom('volunteer_visits as vv').where('vv.tenant_id', '=', actor.tenantId).where('vv.deleted_at', 'is', null).where(visibleVisits(actor, self));
  if (q.residentId) base = base.where('vv.resident_id', '=', q.residentId);
  if (q.orgId) {
    const org = await liveOrg(p.db, actor.tenantId, q.orgId);
    base = org ? base.where(inSubtree(sql.ref<string>('vv.org_path'), org.path)) : base.where(sql<boolean>`1 = 0`);
  }
  if (q.condition) base = base.where('vv.condition', '=', q.condition as VisitCondition);
  if (q.open) base = base.where('vv.condition', 'in', ATTENTION_CONDITIONS).where('vv.handled_at', 'is', null);
  if (q.from) base = base.where('vv.visited_on', '>=', q.from);
  if (q.to) base = base.where('vv.visited_on', '<=', q.to);
  const [rows, total] = await Promise.all([
    base.selectAll('vv').orderBy('vv.visited_on', 'desc').orderBy('vv.created_at', 'desc').orderBy('vv.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n)),
  ]);
  // The roster id stays out of the list (another branch's member for a reader of the resident's branch).
  const items = (await visitViews(p, actor, self, rows)).map(({ volunteerId: _id, ...v }) => v);
  return { items, total, page: q.page, pageSize: q.pageSize };
}

export async function visitDetail(p: Platform, actor: Actor, id: string): Promise<VisitView> {
  const self = await volunteerOfUser(p.db, actor.tenantId, actor.userId);
  return (await visitViews(p, actor, self, [await visitFor(p, actor, self, id)]))[0]!;
}

/** A visible 需关注/紧急 visit the actor may deal with: else 404 / 403 / 409. */
async function attentionVisit(p: Platform, actor: Actor, id: string) {
  const self = await volunteerOfUser(p.db, actor.tenantId, actor.userId);
  const v = await visitFor(p, actor, self, id);
  if (!handlesVisit(actor, v)) throw forbidden('只有服务对象所在组织的书记或管理人员可以处理需关注记录');
  if (!ATTENTION_CONDITIONS.includes(v.condition)) throw conflict('VISIT_NORMAL', '该走访记录状况正常，无需处理');
  return { v, self };
}

export async function handleVisit(p: Platform, ctx: AuditContext, actor: Actor, id: string, note: string): Promise<VisitView> {
  const { v, self } = await attentionVisit(p, actor, id);
  await p.audit.tx(ctx, async (trx) => {
    const at = p.clock.now().toISOString();
    const done = await trx.updateTable('volunteer_visits').set({ handled_at: at, handled_by: actor.userId, handled_note: note })
      .where('tenant_id', '=', v.tenant_id).where('id', '=', v.id).where('handled_at', 'is', null).executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) throw conflict('VISIT_HANDLED', '该记录已处理');
    await p.audit.record(trx, ctx, { action: 'volunteer.visit.handle', entity: 'volunteerVisit', entityId: v.id, before: auditView(v), after: auditView({ ...v, handled_at: at, handled_note: note }) });
  });
  return (await visitViews(p, actor, self, [await visitRow(p.db, actor.tenantId, v.id)]))[0]!;
}

/**
 * 转督办: opens a 督办 task for the visit, owned by the resident's responsible secretary (else the actor), due in 7
 * days unless given; a second click returns the same task. The visit counts as dealt with (已转督办) from then on,
 * so it leaves the 需关注 待办 for the task's own.
 */
export async function visitTask(p: Platform, ctx: AuditContext, actor: Actor, id: string, dueOn: string | undefined): Promise<{ taskId: string; created: boolean }> {
  const { v } = await attentionVisit(p, actor, id);
  const start = todayIn(p.clock);
  const due = dueOn ?? addDays(start, 7);
  if (due < start) throw field('dueOn', '办理期限不能早于今天');
  return p.audit.tx(ctx, async (trx) => {
    // The visit row is the lock two clicks meet, so only one of them opens a task.
    await trx.selectFrom('volunteer_visits').select('id').where('tenant_id', '=', v.tenant_id).where('id', '=', v.id).modifyEnd(forUpdate(p.data.dialect)).execute();
    const existing = (await tasksFromSource(trx, v.tenant_id, TASK_SOURCE, v.id)).find((t) => t.sourceId === v.id);
    if (existing) return { taskId: existing.id, created: false };
    const r = await trx.selectFrom('volunteer_residents').select(['id', 'name', 'community', 'org_id', 'org_path']).where('tenant_id', '=', v.tenant_id).where('id', '=', v.resident_id).executeTakeFirstOrThrow();
    const secretaries = await responsibleSecretaries(trx, v.tenant_id, r.org_path);
    const volunteer = (await volunteersByKey(trx, v.tenant_id, [{ kind: v.volunteer_kind, id: v.volunteer_id }])).get(volunteerKey(v.volunteer_kind, v.volunteer_id));
    const taskId = await createTask(trx, p, ctx, {
      title: `${CONDITION_NAMES[v.condition]}老人跟进：${r.name}（${r.community}）`,
      description: `${v.visited_on} ${volunteer?.name ?? ''}${VISIT_KIND_NAMES[v.kind]}记录：${v.notes || '（无文字记录）'}`,
      kind: 'temporary', issuingOrgId: r.org_id, ownerOrgId: r.org_id,
      ownerId: secretaries.includes(actor.userId) ? actor.userId : secretaries[0] ?? actor.userId,
      startOn: start, dueOn: due, doneStandard: '上门核实老人情况，落实帮扶措施并反馈结果',
      sourceKind: TASK_SOURCE, sourceId: v.id, sourceLink: visitLink(r.id, v.id), sourceLabel: '志愿服务走访',
    });
    const at = p.clock.now().toISOString();
    if (!v.handled_at) {
      await trx.updateTable('volunteer_visits').set({ handled_at: at, handled_by: actor.userId, handled_note: '已转督办' })
        .where('tenant_id', '=', v.tenant_id).where('id', '=', v.id).where('handled_at', 'is', null).execute();
    }
    await p.audit.record(trx, ctx, { action: 'volunteer.visit.task', entity: 'volunteerVisit', entityId: v.id, after: { taskId, dueOn: due } });
    return { taskId, created: true };
  });
}

export async function attachVisitPhoto(p: Platform, ctx: AuditContext, actor: Actor, v: VolunteerVisitTable, self: Volunteer | undefined, file: { name: string; mime: string; data: Buffer }): Promise<FileMeta> {
  if (!addsPhotos(actor, self, v)) throw forbidden('只有走访的志愿者或记录人可以上传照片');
  return p.audit.tx(ctx, async (trx) => {
    const n = (await imageCounts(trx, v.tenant_id, VISIT_PHOTO_OWNER, [v.id])).get(v.id) ?? 0;
    if (n >= MAX_PHOTOS) throw conflict('TOO_MANY_PHOTOS', `每条走访记录最多 ${MAX_PHOTOS} 张照片`);
    const meta = await storeFile(trx, v.tenant_id, { ownerKind: VISIT_PHOTO_OWNER, ownerId: v.id, ...file, createdBy: actor.userId, at: p.clock.now().toISOString() });
    await p.audit.record(trx, ctx, { action: 'volunteer.visit.photo', entity: 'volunteerVisit', entityId: v.id, after: { fileId: meta.id, name: meta.name, size: meta.size, sha256: meta.sha256 } });
    return meta;
  });
}
