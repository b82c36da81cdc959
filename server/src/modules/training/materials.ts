// Online materials of a course: an article (rich text, sanitised like every body written in the editor) or an
// uploaded PDF or video, with its 学时, the minutes that earn them and the window in which study time counts.
import type { FastifyRequest } from 'fastify';
import { newId } from '../../db/ids.js';
import type { DbOrTx } from '../../db/types.js';
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import type { Platform } from '../../platform/context.js';
import { conflict, fieldError, forbidden, notFound, Problems } from '../../platform/errors.js';
import { listFiles, receiveAttachment, removeFile, storeFile, type FileMeta } from '../../platform/files/index.js';
import { receiveLargeUpload, storeLargeFile } from '../../platform/files/large.js';
import { richTextToPlain, sanitizeRichText } from '../../platform/richtext/index.js';
import { MATERIAL_KIND_NAMES, type MaterialCreate, type MaterialPatch, type MaterialView } from './courseSchema.js';
import { keepsCourse, seesCourse } from './policy.js';
import type { TrainingCourseTable, TrainingMaterialTable } from './tables.js';

/** platform/files owner kind of a material's PDF or video. */
export const MATERIAL_FILE_OWNER = 'trainingMaterial';

export interface MaterialRow extends TrainingMaterialTable {
  course: TrainingCourseTable;
}

/** The material (deleted ones too: the heartbeat answers them 409, not 404) with its course (deleted or not). */
export async function materialWithCourse(db: DbOrTx, tenantId: string, id: string): Promise<MaterialRow | undefined> {
  const m = await db.selectFrom('training_materials').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  if (!m) return undefined;
  const course = await db.selectFrom('training_courses').selectAll().where('tenant_id', '=', tenantId).where('id', '=', m.course_id).executeTakeFirstOrThrow();
  return { ...m, course };
}

/** A live material of a live course that the keeper sees (else 404); `write` requires keeping the course (else 403). */
export async function materialFor(db: DbOrTx, actor: Actor, id: string, need: 'read' | 'write'): Promise<MaterialRow> {
  const m = await materialWithCourse(db, actor.tenantId, id);
  if (!m || m.deleted_at || m.course.deleted_at || !seesCourse(actor, m.course.org_path)) throw notFound('学习资料');
  if (need === 'write' && !keepsCourse(actor, m.course.org_path)) throw forbidden('您没有维护该组织课程的权限');
  return m;
}

export async function materialFile(db: DbOrTx, tenantId: string, materialId: string): Promise<FileMeta | undefined> {
  return (await listFiles(db, tenantId, MATERIAL_FILE_OWNER, [materialId])).get(materialId)?.[0];
}

export async function materialViews(db: DbOrTx, tenantId: string, courseId: string): Promise<MaterialView[]> {
  const rows = await db.selectFrom('training_materials').selectAll().where('tenant_id', '=', tenantId).where('course_id', '=', courseId).where('deleted_at', 'is', null)
    .orderBy('position').orderBy('created_at').execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [files, learners] = await Promise.all([
    listFiles(db, tenantId, MATERIAL_FILE_OWNER, ids),
    db.selectFrom('training_study').select(['material_id', (eb) => eb.fn.count<number>('member_id').distinct().as('n')]).where('tenant_id', '=', tenantId).where('material_id', 'in', ids).groupBy('material_id').execute(),
  ]);
  const n = new Map(learners.map((l) => [l.material_id, Number(l.n)]));
  return rows.map((r) => {
    const f = files.get(r.id)?.find((x) => x.id === r.file_id);
    return {
      id: r.id, courseId: r.course_id, title: r.title, kind: r.kind, kindName: MATERIAL_KIND_NAMES[r.kind], creditTenths: r.credit_tenths,
      requiredMinutes: r.required_minutes, opensOn: r.opens_on, closesOn: r.closes_on, position: r.position, fileId: f?.id ?? null, fileName: f?.name ?? null,
      learners: n.get(r.id) ?? 0,
    };
  });
}

function checkWindow(opensOn: string, closesOn: string): void {
  const problems = new Problems();
  if (Number.isNaN(Date.parse(`${opensOn}T00:00:00Z`))) problems.add('opensOn', '开始日期无效');
  if (Number.isNaN(Date.parse(`${closesOn}T00:00:00Z`))) problems.add('closesOn', '截止日期无效');
  if (problems.empty && opensOn > closesOn) problems.add('closesOn', '截止日期不能早于开始日期');
  problems.throwIfAny();
}

function checkBody(sanitised: string): void {
  if (!richTextToPlain(sanitised).trim()) throw fieldError('body', '请填写文章正文');
}

const auditView = (m: TrainingMaterialTable) => ({
  courseId: m.course_id, title: m.title, kind: m.kind, creditTenths: m.credit_tenths, requiredMinutes: m.required_minutes, opensOn: m.opens_on, closesOn: m.closes_on, position: m.position,
});

export async function createMaterial(p: Platform, ctx: AuditContext, course: TrainingCourseTable, input: MaterialCreate): Promise<string> {
  checkWindow(input.opensOn, input.closesOn);
  if (course.kind === 'offline') throw conflict('TRAINING_COURSE_OFFLINE', '线下课程不能添加在线学习资料，请先把课程类型改为线上或线上线下结合');
  const body = input.kind === 'article' ? sanitizeRichText(input.body) : '';
  if (input.kind === 'article') checkBody(body);
  const at = p.clock.now().toISOString();
  const row: TrainingMaterialTable = {
    tenant_id: course.tenant_id, id: newId(), course_id: course.id, title: input.title, kind: input.kind, body, file_id: null, credit_tenths: input.creditTenths,
    required_minutes: input.requiredMinutes, opens_on: input.opensOn, closes_on: input.closesOn, position: input.position, created_at: at, updated_at: at, deleted_at: null,
  };
  return p.audit.tx(ctx, async (trx) => {
    await trx.insertInto('training_materials').values(row).execute();
    await p.audit.record(trx, ctx, { action: 'training.material.create', entity: 'trainingMaterial', entityId: row.id, after: auditView(row) });
    return row.id;
  });
}

export async function updateMaterial(p: Platform, ctx: AuditContext, m: MaterialRow, input: MaterialPatch): Promise<void> {
  const { course: _c, ...before } = m;
  const next: TrainingMaterialTable = {
    ...before, title: input.title ?? m.title, body: m.kind === 'article' && input.body !== undefined ? sanitizeRichText(input.body) : m.body,
    credit_tenths: input.creditTenths ?? m.credit_tenths, required_minutes: input.requiredMinutes ?? m.required_minutes,
    opens_on: input.opensOn ?? m.opens_on, closes_on: input.closesOn ?? m.closes_on, position: input.position ?? m.position, updated_at: p.clock.now().toISOString(),
  };
  checkWindow(next.opens_on, next.closes_on);
  if (m.kind === 'article') checkBody(next.body);
  await p.audit.tx(ctx, async (trx) => {
    const { tenant_id: _t, id: _i, course_id: _ci, kind: _k, file_id: _f, created_at: _ca, deleted_at: _d, ...set } = next;
    await trx.updateTable('training_materials').set(set).where('tenant_id', '=', m.tenant_id).where('id', '=', m.id).execute();
    await p.audit.record(trx, ctx, { action: 'training.material.update', entity: 'trainingMaterial', entityId: m.id, before: auditView(before), after: auditView(next) });
  });
}

/** Soft delete: study time already earned on it stays (the rows keep pointing at the material). */
export async function deleteMaterial(p: Platform, ctx: AuditContext, m: MaterialRow): Promise<void> {
  await p.audit.tx(ctx, async (trx) => {
    await trx.updateTable('training_materials').set({ deleted_at: p.clock.now().toISOString() }).where('tenant_id', '=', m.tenant_id).where('id', '=', m.id).execute();
    await p.audit.record(trx, ctx, { action: 'training.material.delete', entity: 'trainingMaterial', entityId: m.id, before: auditView(m) });
  });
}

/**
 * Stores the file of a PDF or video material (replacing an earlier one). A video is streamed to a temporary file and
 * stored in pieces (platform/files/large.ts), never held whole in memory; the temporary file goes in every case.
 */
export async function uploadMaterialFile(p: Platform, request: FastifyRequest, actor: Actor, m: MaterialRow): Promise<FileMeta> {
  if (m.kind === 'article') throw conflict('TRAINING_MATERIAL_NOT_FILE', '文章类资料不需要上传文件');
  const store = async (write: (trx: DbOrTx, at: string) => Promise<FileMeta>) => p.audit.tx(request.audit, async (trx) => {
    const at = p.clock.now().toISOString();
    if (m.file_id) await removeFile(trx, m.tenant_id, MATERIAL_FILE_OWNER, m.id, m.file_id, at);
    const meta = await write(trx, at);
    await trx.updateTable('training_materials').set({ file_id: meta.id, updated_at: at }).where('tenant_id', '=', m.tenant_id).where('id', '=', m.id).execute();
    await p.audit.record(trx, request.audit, { action: 'training.material.file', entity: 'trainingMaterial', entityId: m.id, after: { fileId: meta.id, name: meta.name, size: meta.size, sha256: meta.sha256 } });
    return meta;
  });
  if (m.kind === 'video') {
    const upload = await receiveLargeUpload(request, { kinds: ['video'] });
    try {
      return await store((trx, at) => storeLargeFile(trx, m.tenant_id, { ownerKind: MATERIAL_FILE_OWNER, ownerId: m.id, upload, createdBy: actor.userId, at }));
    } finally {
      await upload.discard();
    }
  }
  const file = await receiveAttachment(request, { kinds: ['pdf'] });
  return store((trx, at) => storeFile(trx, m.tenant_id, { ownerKind: MATERIAL_FILE_OWNER, ownerId: m.id, ...file, createdBy: actor.userId, at }));
}
