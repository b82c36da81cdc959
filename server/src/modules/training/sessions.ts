// Offline sessions of a course: each is held as one 组织生活 activity of the course organisation's subtree (a 党课,
// say), whose time, place, lecturer, attendance and QR sign-in stay the activity's. The session adds its 学时; an
// activity backs one session only (a unique index), so a 党课 is never credited twice.
import { newId } from '../../db/ids.js';
import { uniqueViolation } from '../../db/dialect.js';
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import type { Platform } from '../../platform/context.js';
import { conflict, forbidden, notFound, AppError } from '../../platform/errors.js';
import { liveOrg, orgNames } from '../org/index.js';
import { activityLink, createActivity, kindName, loadKinds, sessionActivities, sessionCandidates } from '../orgLife/index.js';
import type { SessionCreate, SessionView, SessionWithActivity } from './courseSchema.js';
import { keepsCourse, seesCourse, sessionActivityFits } from './policy.js';
import type { TrainingCourseTable, TrainingSessionTable } from './tables.js';

const STATUS_NAMES: Record<string, string> = { planned: '计划', held: '已召开', archived: '已归档' };

export async function sessionViews(p: Platform, tenantId: string, courseId: string): Promise<SessionView[]> {
  const rows = await p.db.selectFrom('training_sessions').selectAll().where('tenant_id', '=', tenantId).where('course_id', '=', courseId).where('deleted_at', 'is', null).orderBy('created_at').execute();
  if (rows.length === 0) return [];
  const [acts, kinds] = await Promise.all([sessionActivities(p.db, tenantId, rows.map((r) => r.activity_id)), loadKinds(p, tenantId)]);
  const names = await orgNames(p.db, [tenantId], [...acts.values()].map((a) => a.org_id));
  return rows.map((r) => {
    const a = acts.get(r.activity_id);
    return {
      id: r.id, courseId: r.course_id, activityId: r.activity_id, creditTenths: r.credit_tenths,
      title: a ? (a.deleted ? `${a.title}（活动已删除）` : a.title) : '（活动已删除）', kindName: a ? kindName(kinds, a.kind) : '',
      orgName: a ? names.get(`${tenantId}/${a.org_id}`) ?? '' : '', startsAt: a?.starts_at ?? '', place: a?.place ?? '', lecturerName: a?.lecturer_name ?? '',
      status: a ? STATUS_NAMES[a.status] ?? a.status : '', present: a?.present ?? 0, expected: a?.expected ?? 0, link: activityLink(r.activity_id),
    };
  });
}

/** Activities of the course organisation's subtree a keeper may link, each with the course already counting it. */
export async function activityCandidates(p: Platform, course: TrainingCourseTable, keyword?: string) {
  const acts = await sessionCandidates(p.db, course.tenant_id, course.org_path, keyword);
  if (acts.length === 0) return { items: [] };
  const [kinds, names, taken] = await Promise.all([
    loadKinds(p, course.tenant_id),
    orgNames(p.db, [course.tenant_id], acts.map((a) => a.org_id)),
    p.db.selectFrom('training_sessions as s').innerJoin('training_courses as c', (j) => j.onRef('c.tenant_id', '=', 's.tenant_id').onRef('c.id', '=', 's.course_id'))
      .select(['s.activity_id', 'c.title']).where('s.tenant_id', '=', course.tenant_id).where('s.deleted_at', 'is', null).where('s.activity_id', 'in', acts.map((a) => a.id)).execute(),
  ]);
  const by = new Map(taken.map((t) => [t.activity_id, t.title]));
  return {
    items: acts.map((a) => ({
      id: a.id, title: a.title, kindName: kindName(kinds, a.kind), orgName: names.get(`${course.tenant_id}/${a.org_id}`) ?? '', startsAt: a.starts_at,
      status: STATUS_NAMES[a.status] ?? a.status, takenBy: by.get(a.id) ?? null,
    })),
  };
}

async function takenMessage(p: Platform, tenantId: string, activityId: string): Promise<AppError> {
  const other = await p.db.selectFrom('training_sessions as s').innerJoin('training_courses as c', (j) => j.onRef('c.tenant_id', '=', 's.tenant_id').onRef('c.id', '=', 's.course_id'))
    .select('c.title').where('s.tenant_id', '=', tenantId).where('s.activity_id', '=', activityId).where('s.deleted_at', 'is', null).executeTakeFirst();
  return conflict('TRAINING_ACTIVITY_TAKEN', `该活动已计入课程“${other?.title ?? ''}”`, { activityId: `该活动已计入课程“${other?.title ?? ''}”` });
}

export async function createSession(p: Platform, ctx: AuditContext, actor: Actor, course: TrainingCourseTable, input: SessionCreate): Promise<string> {
  if (course.kind === 'online') throw conflict('TRAINING_COURSE_ONLINE', '线上课程不能添加线下学习，请先把课程类型改为线下或线上线下结合');
  const a = (await sessionActivities(p.db, course.tenant_id, [input.activityId])).get(input.activityId);
  if (!a || a.deleted || !sessionActivityFits(course.org_path, a.org_path)) {
    throw new AppError(404, 'NOT_FOUND', '组织生活活动不存在，或不属于本课程的组织及其下级', { activityId: '组织生活活动不存在，或不属于本课程的组织及其下级' });
  }
  const at = p.clock.now().toISOString();
  const row: TrainingSessionTable = {
    tenant_id: course.tenant_id, id: newId(), course_id: course.id, activity_id: a.id, credit_tenths: input.creditTenths, created_by: actor.userId, created_at: at, deleted_at: null,
  };
  try {
    return await p.audit.tx(ctx, async (trx) => {
      await trx.insertInto('training_sessions').values(row).execute();
      await p.audit.record(trx, ctx, { action: 'training.session.create', entity: 'trainingSession', entityId: row.id, after: { courseId: course.id, activityId: a.id, title: a.title, creditTenths: row.credit_tenths } });
      return row.id;
    });
  } catch (err) {
    if (uniqueViolation(err)) throw await takenMessage(p, course.tenant_id, a.id);
    throw err;
  }
}

/**
 * Records a new 组织生活 activity of the course's organisation (or one below) through 组织生活's own create — its
 * permission (orgLife.write), kinds and checks apply — and holds the session as it.
 */
export async function createSessionWithActivity(p: Platform, ctx: AuditContext, actor: Actor, course: TrainingCourseTable, input: SessionWithActivity): Promise<{ id: string; activityId: string }> {
  if (course.kind === 'online') throw conflict('TRAINING_COURSE_ONLINE', '线上课程不能添加线下学习，请先把课程类型改为线下或线上线下结合');
  const org = await liveOrg(p.db, course.tenant_id, input.activity.orgId);
  if (!org || !sessionActivityFits(course.org_path, org.path)) {
    throw new AppError(404, 'NOT_FOUND', '组织不存在，或不属于本课程的组织及其下级', { orgId: '组织不存在，或不属于本课程的组织及其下级' });
  }
  const activityId = await createActivity(p, ctx, actor, input.activity);
  return { id: await createSession(p, ctx, actor, course, { activityId, creditTenths: input.creditTenths }), activityId };
}

/** The live session of a course the actor keeps (404 out of sight, 403 seen but not kept). */
export async function sessionFor(p: Platform, actor: Actor, id: string): Promise<TrainingSessionTable> {
  const s = await p.db.selectFrom('training_sessions as s').innerJoin('training_courses as c', (j) => j.onRef('c.tenant_id', '=', 's.tenant_id').onRef('c.id', '=', 's.course_id'))
    .selectAll('s').select('c.org_path').where('s.tenant_id', '=', actor.tenantId).where('s.id', '=', id).where('s.deleted_at', 'is', null).where('c.deleted_at', 'is', null).executeTakeFirst();
  if (!s || !seesCourse(actor, s.org_path)) throw notFound('线下学习');
  if (!keepsCourse(actor, s.org_path)) throw forbidden('您没有维护该组织课程的权限');
  const { org_path: _p, ...row } = s;
  return row;
}

export async function deleteSession(p: Platform, ctx: AuditContext, s: TrainingSessionTable): Promise<void> {
  await p.audit.tx(ctx, async (trx) => {
    await trx.updateTable('training_sessions').set({ deleted_at: p.clock.now().toISOString() }).where('tenant_id', '=', s.tenant_id).where('id', '=', s.id).execute();
    await p.audit.record(trx, ctx, { action: 'training.session.delete', entity: 'trainingSession', entityId: s.id, before: { courseId: s.course_id, activityId: s.activity_id, creditTenths: s.credit_tenths } });
  });
}
