// /api/v1/training: courses with their online materials and offline sessions (keepers), 我的学习 and the material
// page with its heartbeat (learners). Who sees and does what is policy.ts's: out of sight → 404, seen but not
// kept → 403, outside the study window → 409.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fileMetaSchema, sendStoredFile } from '../../platform/files/index.js';
import { openFile } from '../../platform/files/large.js';
import { notFound } from '../../platform/errors.js';
import { courseDetail, courseFor, createCourse, deleteCourse, listCourses, updateCourse } from './courses.js';
import {
  activityCandidate, candidatesQuery, courseCreate, courseDetail as courseDetailSchema, courseList, courseListQuery, coursePatch, courseView, idParams,
  materialCreate, materialPatch, sessionCreate, sessionWithActivity,
} from './courseSchema.js';
import { createMaterial, deleteMaterial, materialFor, materialWithCourse, MATERIAL_FILE_OWNER, updateMaterial, uploadMaterialFile } from './materials.js';
import { moduleActor } from './routeActor.js';
import { activityCandidates, createSession, createSessionWithActivity, deleteSession, sessionFor } from './sessions.js';
import { heartbeat, materialForReader, mayReadMaterial, myCourses } from './study.js';
import { heartbeatResult, materialDetail, myCourses as myCoursesSchema, myCoursesQuery } from './studySchema.js';

const TAGS = ['教育培训'];
const created = z.object({ id: z.string() });
const done = z.object({ ok: z.boolean() });

const courseRoutes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;

  // ---- Courses (keepers and readers)
  app.get('/courses', {
    config: { access: 'training.read' },
    schema: { tags: TAGS, summary: '课程列表（管理或查看范围内，含下级组织）', querystring: courseListQuery, response: { 200: courseList } },
  }, async (request) => listCourses(p, moduleActor(request), request.query));

  app.post('/courses', {
    config: { access: 'training.write' },
    schema: { tags: TAGS, summary: '开设课程', body: courseCreate, response: { 201: courseView } },
  }, async (request, reply) => {
    const actor = moduleActor(request);
    const row = await createCourse(p, request.audit, actor, request.body);
    const detail = await courseDetail(p, actor, row);
    return reply.status(201).send(detail);
  });

  app.get('/courses/:id', {
    config: { access: 'training.read' },
    schema: { tags: TAGS, summary: '课程详情（学习资料与线下学习）', params: idParams, response: { 200: courseDetailSchema } },
  }, async (request) => {
    const actor = moduleActor(request);
    return courseDetail(p, actor, await courseFor(p.db, actor, request.params.id, 'read'));
  });

  app.patch('/courses/:id', {
    config: { access: 'training.write' },
    schema: { tags: TAGS, summary: '修改课程', params: idParams, body: coursePatch, response: { 200: courseDetailSchema } },
  }, async (request) => {
    const actor = moduleActor(request);
    const c = await courseFor(p.db, actor, request.params.id, 'write');
    return courseDetail(p, actor, await updateCourse(p, request.audit, actor, c, request.body));
  });

  app.delete('/courses/:id', {
    config: { access: 'training.write' },
    schema: { tags: TAGS, summary: '删除课程（已有学习记录的不能删除）', params: idParams, response: { 200: done } },
  }, async (request) => {
    const actor = moduleActor(request);
    await deleteCourse(p, request.audit, actor, await courseFor(p.db, actor, request.params.id, 'write'));
    return { ok: true };
  });

  // ---- Materials
  app.post('/courses/:id/materials', {
    config: { access: 'training.write' },
    schema: { tags: TAGS, summary: '添加学习资料（文章、PDF）', params: idParams, body: materialCreate, response: { 201: created } },
  }, async (request, reply) => {
    const actor = moduleActor(request);
    const c = await courseFor(p.db, actor, request.params.id, 'write');
    return reply.status(201).send({ id: await createMaterial(p, request.audit, c, request.body) });
  });

  app.patch('/materials/:id', {
    config: { access: 'training.write' },
    schema: { tags: TAGS, summary: '修改学习资料', params: idParams, body: materialPatch, response: { 200: done } },
  }, async (request) => {
    const m = await materialFor(p.db, moduleActor(request), request.params.id, 'write');
    await updateMaterial(p, request.audit, m, request.body);
    return { ok: true };
  });

  app.delete('/materials/:id', {
    config: { access: 'training.write' },
    schema: { tags: TAGS, summary: '删除学习资料（已计学时保留）', params: idParams, response: { 200: done } },
  }, async (request) => {
    const m = await materialFor(p.db, moduleActor(request), request.params.id, 'write');
    await deleteMaterial(p, request.audit, m);
    return { ok: true };
  });

  app.post('/materials/:id/file', {
    config: { access: 'training.write' },
    schema: { tags: TAGS, summary: '上传资料文件：PDF 资料传 PDF，视频资料传 MP4 或 WebM（替换原文件）', params: idParams, response: { 201: fileMetaSchema } },
  }, async (request, reply) => {
    const actor = moduleActor(request);
    const m = await materialFor(p.db, actor, request.params.id, 'write');
    return reply.status(201).send(await uploadMaterialFile(p, request, actor, m));
  });

  app.get('/materials/:id/file', {
    config: { access: 'authenticated' },
    schema: { tags: TAGS, summary: '资料文件（学员或课程查看者；支持 Range 分段读取，视频可拖动播放）', params: idParams, querystring: z.object({ inline: z.coerce.boolean().optional() }) },
  }, async (request, reply) => {
    const actor = moduleActor(request);
    const m = await materialWithCourse(p.db, actor.tenantId, request.params.id);
    if (!m || m.deleted_at || m.course.deleted_at || !m.file_id || !(await mayReadMaterial(p, actor, m))) throw notFound('资料文件');
    const f = await openFile(p.db, actor.tenantId, MATERIAL_FILE_OWNER, m.id, m.file_id);
    if (!f) throw notFound('资料文件');
    return sendStoredFile(reply, f, { inline: request.query.inline === true });
  });

  // ---- Sessions
  app.get('/courses/:id/activity-candidates', {
    config: { access: 'training.write' },
    schema: { tags: TAGS, summary: '可作为线下学习的组织生活活动（本课程组织及下级）', params: idParams, querystring: candidatesQuery, response: { 200: z.object({ items: z.array(activityCandidate) }) } },
  }, async (request) => {
    const c = await courseFor(p.db, moduleActor(request), request.params.id, 'write');
    return activityCandidates(p, c, request.query.keyword);
  });

  app.post('/courses/:id/sessions', {
    config: { access: 'training.write' },
    schema: { tags: TAGS, summary: '添加线下学习（关联一次组织生活活动，如党课）', params: idParams, body: sessionCreate, response: { 201: created } },
  }, async (request, reply) => {
    const actor = moduleActor(request);
    const c = await courseFor(p.db, actor, request.params.id, 'write');
    return reply.status(201).send({ id: await createSession(p, request.audit, actor, c, request.body) });
  });

  app.post('/courses/:id/sessions/with-activity', {
    config: { access: 'training.write' },
    schema: { tags: TAGS, summary: '添加线下学习并登记为新的组织生活活动（如党课；须有组织生活登记权限）', params: idParams, body: sessionWithActivity, response: { 201: z.object({ id: z.string(), activityId: z.string() }) } },
  }, async (request, reply) => {
    const actor = moduleActor(request);
    const c = await courseFor(p.db, actor, request.params.id, 'write');
    return reply.status(201).send(await createSessionWithActivity(p, request.audit, actor, c, request.body));
  });

  app.delete('/sessions/:id', {
    config: { access: 'training.write' },
    schema: { tags: TAGS, summary: '移除线下学习（活动本身保留）', params: idParams, response: { 200: done } },
  }, async (request) => {
    await deleteSession(p, request.audit, await sessionFor(p, moduleActor(request), request.params.id));
    return { ok: true };
  });

  // ---- Learners
  app.get('/my/courses', {
    config: { access: 'training.learn' },
    schema: { tags: TAGS, summary: '我的学习：本人可学的课程、资料与进度', querystring: myCoursesQuery, response: { 200: myCoursesSchema } },
  }, async (request) => myCourses(p, moduleActor(request), request.query.year));

  app.get('/materials/:id', {
    config: { access: 'authenticated' },
    schema: { tags: TAGS, summary: '学习资料内容与本人进度', params: idParams, response: { 200: materialDetail } },
  }, async (request) => materialForReader(p, moduleActor(request), request.params.id));

  app.post('/materials/:id/heartbeat', {
    config: { access: 'training.learn' },
    schema: { tags: TAGS, summary: '学习计时心跳（页面可见时定时上报）', params: idParams, response: { 200: heartbeatResult } },
  }, async (request) => heartbeat(p, moduleActor(request), request.params.id));
};

export default courseRoutes;
