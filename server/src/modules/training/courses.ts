// Courses kept by an organisation (training.write over it) and seen by readers of it: list, detail with its
// materials and sessions, create, change, delete. A course with study time recorded is not deleted: the 学时
// members earned on it must stay explainable.
import { sql } from 'kysely';
import { inSubtree, likeLiteral } from '../../db/dialect.js';
import { newId } from '../../db/ids.js';
import type { DbOrTx } from '../../db/types.js';
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import type { Platform } from '../../platform/context.js';
import { conflict, forbidden, notFound, AppError } from '../../platform/errors.js';
import { window } from '../../platform/http/paging.js';
import { liveOrg, orgNames } from '../org/index.js';
import {
  COURSE_KIND_NAMES, type CourseCreate, type CourseDetail, type CourseListQuery, type CoursePatch, type CourseView,
} from './courseSchema.js';
import { materialViews } from './materials.js';
import { keepsCourse, readableAt, seesCourse, writableAt } from './policy.js';
import { sessionViews } from './sessions.js';
import type { TrainingCourseTable } from './tables.js';

/** A live course by id, or undefined (the caller decides between 404 and what the actor may see). */
export function courseById(db: DbOrTx, tenantId: string, id: string): Promise<TrainingCourseTable | undefined> {
  return db.selectFrom('training_courses').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

/** The course if the actor sees it (else 404, like a missing one); `write` also requires keeping it (else 403). */
export async function courseFor(db: DbOrTx, actor: Actor, id: string, need: 'read' | 'write'): Promise<TrainingCourseTable> {
  const c = await courseById(db, actor.tenantId, id);
  if (!c || !seesCourse(actor, c.org_path)) throw notFound('课程');
  if (need === 'write' && !keepsCourse(actor, c.org_path)) throw forbidden('您没有维护该组织课程的权限');
  return c;
}

async function views(p: Platform, actor: Actor, rows: TrainingCourseTable[]): Promise<CourseView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [names, mats, sess] = await Promise.all([
    orgNames(p.db, [actor.tenantId], rows.map((r) => r.org_id)),
    p.db.selectFrom('training_materials').select(['course_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('credit_tenths').as('t')])
      .where('tenant_id', '=', actor.tenantId).where('course_id', 'in', ids).where('deleted_at', 'is', null).groupBy('course_id').execute(),
    p.db.selectFrom('training_sessions').select(['course_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('credit_tenths').as('t')])
      .where('tenant_id', '=', actor.tenantId).where('course_id', 'in', ids).where('deleted_at', 'is', null).groupBy('course_id').execute(),
  ]);
  const m = new Map(mats.map((r) => [r.course_id, r]));
  const s = new Map(sess.map((r) => [r.course_id, r]));
  return rows.map((r) => ({
    id: r.id, orgId: r.org_id, orgName: names.get(`${r.tenant_id}/${r.org_id}`) ?? '', title: r.title, kind: r.kind, kindName: COURSE_KIND_NAMES[r.kind],
    description: r.description, year: r.year, materials: Number(m.get(r.id)?.n ?? 0), sessions: Number(s.get(r.id)?.n ?? 0),
    creditTenths: Number(m.get(r.id)?.t ?? 0) + Number(s.get(r.id)?.t ?? 0), canEdit: keepsCourse(actor, r.org_path), createdAt: r.created_at, updatedAt: r.updated_at,
  }));
}

export async function listCourses(p: Platform, actor: Actor, q: CourseListQuery): Promise<{ items: CourseView[]; total: number; page: number; pageSize: number }> {
  let base = p.db.selectFrom('training_courses as c').where('c.tenant_id', '=', actor.tenantId).where('c.deleted_at', 'is', null)
    .where((eb) => eb.or([readableAt(actor, 'c'), writableAt(actor, 'c')]));
  if (q.orgId) {
    const org = await liveOrg(p.db, actor.tenantId, q.orgId);
    if (!org) throw notFound('组织');
    base = base.where(inSubtree(sql.ref<string>('c.org_path'), org.path));
  }
  if (q.year) base = base.where('c.year', '=', q.year);
  if (q.keyword) base = base.where(likeLiteral(sql.ref<string>('c.title'), q.keyword, 'anywhere'));
  const win = window({ ...q, format: 'json' });
  const [rows, total] = await Promise.all([
    base.selectAll('c').orderBy('c.year', 'desc').orderBy('c.created_at', 'desc').orderBy('c.id').limit(win.limit).offset(win.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: await views(p, actor, rows), total: Number(total.n), page: q.page, pageSize: q.pageSize };
}

export async function courseDetail(p: Platform, actor: Actor, c: TrainingCourseTable): Promise<CourseDetail> {
  const [view] = await views(p, actor, [c]);
  return { ...view!, materialItems: await materialViews(p.db, actor.tenantId, c.id), sessionItems: await sessionViews(p, actor.tenantId, c.id) };
}

const auditView = (c: TrainingCourseTable) => ({ orgId: c.org_id, title: c.title, kind: c.kind, year: c.year, description: c.description });

export async function createCourse(p: Platform, ctx: AuditContext, actor: Actor, input: CourseCreate): Promise<TrainingCourseTable> {
  const org = await liveOrg(p.db, actor.tenantId, input.orgId);
  if (!org || !seesCourse(actor, org.path)) throw new AppError(404, 'NOT_FOUND', '组织不存在或无权访问', { orgId: '组织不存在或无权访问' });
  if (!keepsCourse(actor, org.path)) throw forbidden('您没有为该组织开设课程的权限');
  const at = p.clock.now().toISOString();
  const row: TrainingCourseTable = {
    tenant_id: actor.tenantId, id: newId(), org_id: org.id, org_path: org.path, title: input.title, kind: input.kind, description: input.description,
    year: input.year, created_by: actor.userId, created_at: at, updated_at: at, deleted_at: null,
  };
  return p.audit.tx(ctx, async (trx) => {
    await trx.insertInto('training_courses').values(row).execute();
    await p.audit.record(trx, ctx, { action: 'training.course.create', entity: 'trainingCourse', entityId: row.id, after: auditView(row) });
    return row;
  });
}

export async function updateCourse(p: Platform, ctx: AuditContext, actor: Actor, c: TrainingCourseTable, input: CoursePatch): Promise<TrainingCourseTable> {
  const next: TrainingCourseTable = {
    ...c, title: input.title ?? c.title, kind: input.kind ?? c.kind, description: input.description ?? c.description, year: input.year ?? c.year,
    updated_at: p.clock.now().toISOString(),
  };
  return p.audit.tx(ctx, async (trx) => {
    await trx.updateTable('training_courses').set({ title: next.title, kind: next.kind, description: next.description, year: next.year, updated_at: next.updated_at })
      .where('tenant_id', '=', c.tenant_id).where('id', '=', c.id).execute();
    await p.audit.record(trx, ctx, { action: 'training.course.update', entity: 'trainingCourse', entityId: c.id, before: auditView(c), after: auditView(next) });
    return next;
  });
}

export async function deleteCourse(p: Platform, ctx: AuditContext, actor: Actor, c: TrainingCourseTable): Promise<void> {
  await p.audit.tx(ctx, async (trx) => {
    const studied = await trx.selectFrom('training_study as s').innerJoin('training_materials as m', (j) => j.onRef('m.tenant_id', '=', 's.tenant_id').onRef('m.id', '=', 's.material_id'))
      .select('s.member_id').where('s.tenant_id', '=', c.tenant_id).where('m.course_id', '=', c.id).limit(1).executeTakeFirst();
    if (studied) throw conflict('TRAINING_COURSE_STUDIED', '课程已有党员学习记录，不能删除（学时需可追溯）');
    const at = p.clock.now().toISOString();
    await trx.updateTable('training_sessions').set({ deleted_at: at }).where('tenant_id', '=', c.tenant_id).where('course_id', '=', c.id).where('deleted_at', 'is', null).execute();
    await trx.updateTable('training_materials').set({ deleted_at: at }).where('tenant_id', '=', c.tenant_id).where('course_id', '=', c.id).where('deleted_at', 'is', null).execute();
    await trx.updateTable('training_courses').set({ deleted_at: at }).where('tenant_id', '=', c.tenant_id).where('id', '=', c.id).execute();
    await p.audit.record(trx, ctx, { action: 'training.course.delete', entity: 'trainingCourse', entityId: c.id, before: auditView(c) });
  });
}
