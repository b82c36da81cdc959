// /api/v1/org-life: kinds, monthly themes, activities with their records, attendance sheets and attachments
// (docs/api/org-life.md). Reading needs orgLife.read over the activity's organisation (scope in SQL; out of
// scope → 404); writing orgLife.write over it (→ 403), and archived records are read-only (→ 409).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/context.js';
import type { Actor } from '../../platform/access/actor.js';
import { notFound } from '../../platform/errors.js';
import { shanghaiDate } from '../../platform/calendar.js';
import { pageResponse } from '../../platform/http/paging.js';
import { beijingTime, sendXlsx } from '../../platform/export/xlsx.js';
import { loadFile, sendStoredFile } from '../../platform/files/index.js';
import { attachUpload } from '../../platform/files/attach.js';
import { ACTIVITY_STATUS_NAMES, ATTENDANCE_STATUS_NAMES, loadKinds, ORG_LIFE_RULES } from './kinds.js';
import { activityVisible, FILE_OWNER, type ActivityRow } from './queries.js';
import { listActivities } from './list.js';
import {
  activityCreate, activityDetail, activityParams, activityPatch, activityView, attachmentParams, attendanceBody, fileView, inlineQuery, kindsView,
  listQuery, monthParams, themeBody, themeQuery, themeView, type ActivityView, type ListQuery,
} from './schema.js';
import {
  attachable, createActivity, deleteActivity, detachFile, detailOf, saveAttendance, saveTheme, themeOfMonth, themesOfYear, themeView as toThemeView, transition,
  updateActivity,
} from './service.js';

const TAGS = ['组织生活'];

const orgLifeRoutes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;

  app.get('/kinds', {
    config: { access: 'orgLife.read' },
    schema: { tags: TAGS, summary: '组织生活类型、活动日与规则', response: { 200: kindsView } },
  }, async (request) => {
    const tenantId = actorOf(request).tenantId;
    const [kinds, rules] = await Promise.all([loadKinds(p, tenantId), p.settings.get(tenantId, ORG_LIFE_RULES)]);
    return {
      kinds, dayKinds: kinds.filter((k) => k.activityDay).map((k) => ({ code: k.code, name: k.name })), rules,
      statuses: { ...ACTIVITY_STATUS_NAMES }, attendanceStatuses: { ...ATTENDANCE_STATUS_NAMES },
    };
  });

  // ---- themes ----
  app.get('/themes', {
    config: { access: 'orgLife.read' },
    schema: { tags: TAGS, summary: '月度主题（按年度；草稿仅党委可见）', querystring: themeQuery, response: { 200: z.object({ items: z.array(themeView) }) } },
  }, async (request) => {
    const actor = actorOf(request);
    const year = request.query.year ?? Number(shanghaiDate(p.clock.now()).slice(0, 4));
    const [rows, kinds] = await Promise.all([themesOfYear(p.db, actor, year), loadKinds(p, actor.tenantId)]);
    return { items: rows.map((t) => toThemeView(t, kinds)) };
  });

  app.get('/themes/:month', {
    config: { access: 'orgLife.read' },
    schema: { tags: TAGS, summary: '某月主题', params: monthParams, response: { 200: themeView } },
  }, async (request) => {
    const actor = actorOf(request);
    const t = await themeOfMonth(p.db, actor, request.params.month);
    if (!t) throw notFound('月度主题');
    return toThemeView(t, await loadKinds(p, actor.tenantId));
  });

  app.put('/themes/:month', {
    config: { access: 'orgLife.write' },
    schema: { tags: TAGS, summary: '新建或修改某月主题（publish=true 发布）；仅党委', params: monthParams, body: themeBody, response: { 200: themeView } },
  }, async (request) => {
    const actor = actorOf(request);
    const t = await saveTheme(p, request.audit, actor, request.params.month, request.body);
    return toThemeView(t, await loadKinds(p, actor.tenantId));
  });

  // ---- activities ----
  function send(reply: FastifyReply, q: ListQuery, items: ActivityView[], total: number) {
    if (q.format !== 'xlsx') return { items, total, page: q.page, pageSize: q.pageSize };
    return sendXlsx<ActivityView>(reply, `组织生活-${shanghaiDate(p.clock.now())}`, '组织生活', [
      { header: '组织', value: (r) => r.orgName, width: 20 }, { header: '类型', value: (r) => r.kindName }, { header: '标题', value: (r) => r.title, width: 40 },
      { header: '状态', value: (r) => r.statusName }, { header: '开始', value: (r) => beijingTime(r.startsAt), width: 20 }, { header: '地点', value: (r) => r.place, width: 20 },
      { header: '主持人', value: (r) => r.hostName }, { header: '记录人', value: (r) => r.recorderName }, { header: '应到', value: (r) => r.expected },
      { header: '实到', value: (r) => r.present }, { header: '请假', value: (r) => r.leave }, { header: '缺席', value: (r) => r.absent },
      { header: '出勤率', value: (r) => (r.rate === null ? '' : `${r.rate}%`) },
    ], items);
  }

  app.get('/activities', {
    config: { access: 'orgLife.read' },
    schema: { tags: TAGS, summary: '组织生活列表（组织、类型、日期、状态筛选；q 中文搜索；format=xlsx 导出）', querystring: listQuery, response: { 200: pageResponse(activityView) } },
  }, async (request, reply) => {
    const { items, total } = await listActivities(p, actorOf(request), request.query);
    return send(reply, request.query, items, total);
  });

  app.post('/activities', {
    config: { access: 'orgLife.write' },
    schema: { tags: TAGS, summary: '新建组织生活（计划）', body: activityCreate, response: { 201: activityDetail } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const id = await createActivity(p, request.audit, actor, request.body);
    return reply.status(201).send(await detailOf(p, actor, (await activityVisible(p.db, actor, id))!));
  });

  async function seen(actor: Actor, id: string): Promise<ActivityRow> {
    const row = await activityVisible(p.db, actor, id);
    if (!row) throw notFound('活动');
    return row;
  }
  const fresh = async (actor: Actor, id: string) => detailOf(p, actor, await seen(actor, id));

  app.get('/activities/:id', {
    config: { access: 'orgLife.read' },
    schema: { tags: TAGS, summary: '组织生活详情（应到人员与出勤、法定人数与表决结果、主题、附件）', params: activityParams, response: { 200: activityDetail } },
  }, async (request) => fresh(actorOf(request), request.params.id));

  app.patch('/activities/:id', {
    config: { access: 'orgLife.write' },
    schema: { tags: TAGS, summary: '修改组织生活记录（已归档的不能修改）', params: activityParams, body: activityPatch, response: { 200: activityDetail } },
  }, async (request) => {
    const actor = actorOf(request);
    await updateActivity(p, request.audit, actor, await seen(actor, request.params.id), request.body);
    return fresh(actor, request.params.id);
  });

  for (const action of ['hold', 'archive'] as const) {
    app.post(`/activities/:id/${action}`, {
      config: { access: 'orgLife.write' },
      schema: { tags: TAGS, summary: action === 'hold' ? '登记为已召开' : '归档（归档后只读）', params: activityParams, response: { 200: activityDetail } },
    }, async (request) => {
      const actor = actorOf(request);
      await transition(p, request.audit, actor, await seen(actor, request.params.id), action);
      return fresh(actor, request.params.id);
    });
  }

  app.delete('/activities/:id', {
    config: { access: 'orgLife.write' },
    schema: { tags: TAGS, summary: '删除计划中的组织生活', params: activityParams },
  }, async (request, reply) => {
    const actor = actorOf(request);
    await deleteActivity(p, request.audit, actor, await seen(actor, request.params.id));
    return reply.status(204).send();
  });

  app.put('/activities/:id/attendance', {
    config: { access: 'orgLife.write' },
    schema: { tags: TAGS, summary: '登记出勤（出席、请假须填原因、缺席、列席、补课）', params: activityParams, body: attendanceBody, response: { 200: activityDetail } },
  }, async (request) => {
    const actor = actorOf(request);
    await saveAttendance(p, request.audit, actor, await seen(actor, request.params.id), request.body);
    return fresh(actor, request.params.id);
  });

  // ---- attachments (photos and files) ----
  app.post('/activities/:id/attachments', {
    config: { access: 'orgLife.write' },
    schema: { tags: TAGS, summary: '上传照片或文件', params: activityParams, response: { 201: fileView } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const row = attachable(actor, await seen(actor, request.params.id));
    const meta = await attachUpload(p, request, { tenantId: row.tenant_id, ownerKind: FILE_OWNER, ownerId: row.id, entity: 'orgLifeActivity', action: 'orgLife.attach' });
    return reply.status(201).send({ ...meta, createdByName: actor.displayName, isImage: meta.mime.startsWith('image/') });
  });

  app.get('/activities/:id/attachments/:fileId', {
    config: { access: 'orgLife.read' },
    schema: { tags: TAGS, summary: '下载附件（inline=true 时图片直接显示）', params: attachmentParams, querystring: inlineQuery },
  }, async (request, reply) => {
    const row = await seen(actorOf(request), request.params.id);
    const f = await loadFile(p.db, row.tenant_id, FILE_OWNER, row.id, request.params.fileId);
    if (!f) throw notFound('附件');
    return sendStoredFile(reply, f, { inline: request.query.inline });
  });

  app.delete('/activities/:id/attachments/:fileId', {
    config: { access: 'orgLife.write' },
    schema: { tags: TAGS, summary: '删除附件（归档后不能删除）', params: attachmentParams },
  }, async (request, reply) => {
    const actor = actorOf(request);
    await detachFile(p, request.audit, actor, await seen(actor, request.params.id), request.params.fileId);
    return reply.status(204).send();
  });
};

export default orgLifeRoutes;
