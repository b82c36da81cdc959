// /api/v1/org-life: kinds, monthly themes, activities with their records, attendance sheets and attachments
// (docs/api/org-life.md). Reading needs orgLife.read over the activity's organisation (scope in SQL; out of
// scope → 404); writing orgLife.write over it (→ 403), and archived records are read-only (→ 409).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import { actorOf } from '../../platform/context.js';
import type { Actor } from '../../platform/access/actor.js';
import { can, canAtRoot } from '../../platform/access/can.js';
import { conflict, fieldError, forbidden, notFound } from '../../platform/errors.js';
import { shanghaiDate } from '../../platform/calendar.js';
import { pageResponse, window } from '../../platform/http/paging.js';
import { beijingTime, sendXlsx } from '../../platform/export/xlsx.js';
import { inSubtree } from '../../db/dialect.js';
import { searchHits } from '../../platform/search/index.js';
import { loadFile, removeFile, sendStoredFile } from '../../platform/files/index.js';
import { attachUpload } from '../../platform/files/attach.js';
import { ACTIVITY_STATUS_NAMES, ATTENDANCE_STATUS_NAMES, loadKinds, ORG_LIFE_RULES } from './kinds.js';
import { activityBase, activityVisible, FILE_OWNER, ORG_LIFE_SEARCH_KIND, readable, selectActivity, type ActivityRow } from './queries.js';
import {
  activityCreate, activityDetail, activityParams, activityPatch, activityView, attachmentParams, attendanceBody, fileView, inlineQuery, kindsView,
  listQuery, monthParams, themeBody, themeQuery, themeView, type ActivityView, type ListQuery,
} from './schema.js';
import { createActivity, deleteActivity, detailOf, saveAttendance, saveTheme, themeView as toThemeView, transition, updateActivity, views } from './service.js';

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
    let q = p.db.selectFrom('org_life_themes').selectAll().where('tenant_id', '=', actor.tenantId)
      .where('month', '>=', `${year}-01`).where('month', '<=', `${year}-12`);
    if (!canAtRoot(actor, 'orgLife.write')) q = q.where('published_at', 'is not', null);
    const [rows, kinds] = await Promise.all([q.orderBy('month').execute(), loadKinds(p, actor.tenantId)]);
    return { items: rows.map((t) => toThemeView(t, kinds)) };
  });

  app.get('/themes/:month', {
    config: { access: 'orgLife.read' },
    schema: { tags: TAGS, summary: '某月主题', params: monthParams, response: { 200: themeView } },
  }, async (request) => {
    const actor = actorOf(request);
    const t = await p.db.selectFrom('org_life_themes').selectAll().where('tenant_id', '=', actor.tenantId).where('month', '=', request.params.month).executeTakeFirst();
    if (!t || (!t.published_at && !canAtRoot(actor, 'orgLife.write'))) throw notFound('月度主题');
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
  async function list(request: FastifyRequest, reply: FastifyReply, q: ListQuery) {
    const actor = actorOf(request);
    let base = activityBase(p.db).where('a.tenant_id', '=', actor.tenantId).where(readable(actor));
    if (q.orgId) {
      const org = await p.db.selectFrom('organisations').select('path').where('tenant_id', '=', actor.tenantId).where('id', '=', q.orgId).where('deleted_at', 'is', null).executeTakeFirst();
      if (!org) throw fieldError('orgId', '组织不存在');
      base = base.where(inSubtree(sql.ref<string>('a.org_path'), org.path));
    }
    if (q.kind?.length) base = base.where('a.kind', 'in', q.kind);
    if (q.status?.length) base = base.where('a.status', 'in', q.status as ActivityRow['status'][]);
    if (q.from) base = base.where('a.starts_on', '>=', q.from);
    if (q.to) base = base.where('a.starts_on', '<=', q.to);
    const { limit, offset } = window(q);
    let rows: ActivityRow[];
    let total: number;
    if (q.q) {
      const hits = searchHits(p.data.dialect, actor.tenantId, [ORG_LIFE_SEARCH_KIND], q.q);
      if (!hits) return send(reply, q, [], 0);
      const joined = base.innerJoin(hits, (j) => j.onRef('h.entity_id', '=', 'a.id'));
      const [r, c] = await Promise.all([
        selectActivity(joined as unknown as typeof base).orderBy(sql.ref('h.rank'), 'desc').orderBy('a.starts_at', q.order).orderBy('a.id', q.order).limit(limit).offset(offset).execute(),
        joined.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      rows = r as ActivityRow[];
      total = Number(c.n);
    } else {
      const [r, c] = await Promise.all([
        selectActivity(base).orderBy('a.starts_at', q.order).orderBy('a.id', q.order).limit(limit).offset(offset).execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      rows = r as ActivityRow[];
      total = Number(c.n);
    }
    return send(reply, q, await views(p, actor.tenantId, rows), total);
  }

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
  }, (request, reply) => list(request, reply, request.query));

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
  async function attachable(actor: Actor, id: string): Promise<ActivityRow> {
    const row = await seen(actor, id);
    if (!can(actor, 'orgLife.write', { tenantId: row.tenant_id, orgPath: row.org_path })) throw forbidden();
    if (row.status === 'archived') throw conflict('ORG_LIFE_ARCHIVED', '活动已归档，不能修改');
    return row;
  }

  app.post('/activities/:id/attachments', {
    config: { access: 'orgLife.write' },
    schema: { tags: TAGS, summary: '上传照片或文件', params: activityParams, response: { 201: fileView } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const row = await attachable(actor, request.params.id);
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
    const row = await attachable(actor, request.params.id);
    await p.audit.tx(request.audit, async (trx) => {
      const m = await removeFile(trx, row.tenant_id, FILE_OWNER, row.id, request.params.fileId, p.clock.now().toISOString());
      if (!m) throw notFound('附件');
      await p.audit.record(trx, request.audit, { action: 'orgLife.detach', entity: 'orgLifeActivity', entityId: row.id, before: { fileId: m.id, name: m.name, sha256: m.sha256 } });
    });
    return reply.status(204).send();
  });
};

export default orgLifeRoutes;
