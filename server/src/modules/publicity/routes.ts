// /api/v1/publicity: correspondents and their training, manuscripts through the workflow (machine.ts), photos,
// settings, statistics. Who sees and does what is policy.ts's (SQL for lists, a check for one record): out of sight → 404; a
// visible manuscript the user may not act on → 403 with the reason; a wrong state → 409; bad input → 400.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { shanghaiDate } from '../../platform/calendar.js';
import { pageResponse, window } from '../../platform/http/paging.js';
import { beijingTime, sendXlsx } from '../../platform/export/xlsx.js';
import { fileMetaSchema, loadFile, receiveAttachment, sendStoredFile } from '../../platform/files/index.js';
import { visibleCorrespondent, visibleManuscript } from './policy.js';
import {
  adoptBody, CHANNEL_NAMES, commentBody, correspondentCreate, correspondentItem, correspondentPatch, correspondentQuery, correspondentView, idParams,
  inlineQuery, listItem, listQuery, manuscriptCreate, manuscriptPatch, manuscriptView, photoParams, publishBody, rateBody, rejectBody, revisionView,
  settingsView, STATUS_NAMES, statsQuery, statsView, trainingCreate, trainingParams, trainingView as trainingSchema, type ListItem, type ListQuery,
} from './schema.js';
import {
  adoptManuscript, attachPhoto, commentManuscript, createManuscript, deleteManuscript, detachPhoto, listManuscripts, PHOTO_OWNER, publishManuscript, rateManuscript,
  rejectManuscript, revisionDetail, submitManuscript, toView, updateManuscript,
} from './service.js';
import {
  addTraining, correspondentCandidates, correspondentDetail, createCorrespondent, deleteCorrespondent, listCorrespondents, removeTraining, revealPhone, trainingView,
  updateCorrespondent,
} from './correspondents.js';
import { formSettings, LEVEL_NAMES } from './settings.js';
import { publicityStats, statsWorkbook } from './stats.js';

const TAGS = ['宣传'];

const publicityRoutes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;

  // ---- Correspondents
  app.get('/correspondents', {
    config: { access: 'publicity.read' },
    schema: { tags: TAGS, summary: '通讯员队伍（组织、在任筛选；含培训学时与本年度稿件数）', querystring: correspondentQuery, response: { 200: z.object({ items: z.array(correspondentItem) }) } },
  }, async (request) => ({ items: await listCorrespondents(p, actorOf(request), request.query) }));

  app.get('/correspondents/candidates', {
    config: { access: 'publicity.review' },
    schema: {
      tags: TAGS, summary: '可登记为该组织通讯员的账号（在该组织或其上级持有投稿权限的账号）',
      querystring: z.object({ orgId: z.string().min(1).describe('组织') }),
      response: { 200: z.object({ items: z.array(z.object({ userId: z.string(), name: z.string(), username: z.string() })) }) },
    },
  }, async (request) => ({ items: await correspondentCandidates(p, actorOf(request), request.query.orgId) }));

  async function seenCorrespondent(request: FastifyRequest & { params: { id: string } }) {
    const row = await visibleCorrespondent(p.db, actorOf(request), request.params.id);
    if (!row) throw notFound('通讯员');
    return row;
  }
  const detail = async (request: FastifyRequest & { params: { id: string } }) => correspondentDetail(p, actorOf(request), await seenCorrespondent(request));

  app.get('/correspondents/:id', {
    config: { access: 'publicity.read' },
    schema: { tags: TAGS, summary: '通讯员详情（培训记录、近期稿件）', params: idParams, response: { 200: correspondentView } },
  }, (request) => detail(request));

  // A POST, not a GET with a flag: a link or an <img> in someone's page cannot make a reader reveal it.
  app.post('/correspondents/:id/phone', {
    config: { access: 'publicity.read' },
    schema: {
      tags: TAGS, summary: '查看通讯员联系电话明文（管理该通讯员或有党员敏感信息权限者；记入审计）', params: idParams,
      response: { 200: z.object({ phone: z.string().nullable() }) },
    },
  }, async (request) => revealPhone(p, request.audit, actorOf(request), await seenCorrespondent(request)));

  app.post('/correspondents', {
    config: { access: 'publicity.review' },
    schema: { tags: TAGS, summary: '登记通讯员', body: correspondentCreate, response: { 201: correspondentView } },
  }, async (request, reply) => {
    const row = await createCorrespondent(p, request.audit, actorOf(request), request.body);
    return reply.status(201).send(await detail(Object.assign(request, { params: { id: row.id } })));
  });

  app.put('/correspondents/:id', {
    config: { access: 'publicity.review' },
    schema: { tags: TAGS, summary: '修改通讯员信息（卸任：填写卸任日期）', params: idParams, body: correspondentPatch, response: { 200: correspondentView } },
  }, async (request) => {
    await updateCorrespondent(p, request.audit, actorOf(request), await seenCorrespondent(request), request.body);
    return detail(request);
  });

  app.delete('/correspondents/:id', {
    config: { access: 'publicity.review' },
    schema: { tags: TAGS, summary: '删除通讯员（登记有误时）', params: idParams },
  }, async (request, reply) => {
    await deleteCorrespondent(p, request.audit, actorOf(request), await seenCorrespondent(request));
    return reply.status(204).send();
  });

  app.post('/correspondents/:id/trainings', {
    config: { access: 'publicity.review' },
    schema: { tags: TAGS, summary: '登记培训记录（挂职培训、集中培训等）', params: idParams, body: trainingCreate, response: { 201: trainingSchema } },
  }, async (request, reply) => {
    const row = await addTraining(p, request.audit, actorOf(request), await seenCorrespondent(request), request.body);
    return reply.status(201).send(trainingView(row));
  });

  app.delete('/correspondents/:id/trainings/:trainingId', {
    config: { access: 'publicity.review' },
    schema: { tags: TAGS, summary: '删除培训记录', params: trainingParams },
  }, async (request, reply) => {
    await removeTraining(p, request.audit, actorOf(request), await seenCorrespondent(request), request.params.trainingId);
    return reply.status(204).send();
  });

  // ---- Manuscripts
  async function list(request: FastifyRequest, reply: FastifyReply, q: ListQuery) {
    const { items, total } = await listManuscripts(p, actorOf(request), q, window(q));
    return send(reply, q, items, total);
  }

  function send(reply: FastifyReply, q: ListQuery, items: ListItem[], total: number) {
    if (q.format !== 'xlsx') return { items, total, page: q.page, pageSize: q.pageSize };
    return sendXlsx<ListItem>(reply, `宣传稿件-${shanghaiDate(p.clock.now())}`, '稿件', [
      { header: '标题', value: (r) => r.title, width: 40 }, { header: '组织', value: (r) => r.orgName, width: 20 }, { header: '作者', value: (r) => r.authorName },
      { header: '渠道', value: (r) => CHANNEL_NAMES[r.channel] }, { header: '拟投媒体', value: (r) => r.outlet, width: 16 }, { header: '级别', value: (r) => LEVEL_NAMES[r.level] },
      { header: '状态', value: (r) => STATUS_NAMES[r.status] }, { header: '投稿时间', value: (r) => beijingTime(r.submittedAt), width: 20 },
      { header: '采用时间', value: (r) => beijingTime(r.adoptedAt), width: 20 }, { header: '刊发日期', value: (r) => r.publishedOn, width: 12 },
      { header: '质量评分', value: (r) => r.quality }, { header: '稿次', value: (r) => r.revision },
    ], items);
  }

  app.get('/manuscripts', {
    config: { access: 'authenticated' },
    schema: { tags: TAGS, summary: '稿件列表（组织、状态、级别、投稿日期筛选；q 中文搜索；mine=1 本人稿件；format=xlsx 导出）', querystring: listQuery, response: { 200: pageResponse(listItem) } },
  }, (request, reply) => list(request, reply, request.query));

  app.post('/manuscripts', {
    config: { access: 'publicity.submit' },
    schema: { tags: TAGS, summary: '写稿（草稿；submit=true 直接投递）', body: manuscriptCreate, response: { 201: manuscriptView } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const row = await createManuscript(p, request.audit, actor, request.body);
    return reply.status(201).send(await toView(p.db, actor, row));
  });

  async function seen(request: FastifyRequest & { params: { id: string } }) {
    const row = await visibleManuscript(p.db, actorOf(request), request.params.id);
    if (!row) throw notFound('稿件');
    return row;
  }

  app.get('/manuscripts/:id', {
    config: { access: 'authenticated' },
    schema: { tags: TAGS, summary: '稿件详情（意见、稿次、照片、可执行的操作）', params: idParams, response: { 200: manuscriptView } },
  }, async (request) => toView(p.db, actorOf(request), await seen(request)));

  app.put('/manuscripts/:id', {
    config: { access: 'publicity.submit' },
    schema: { tags: TAGS, summary: '修改稿件（作者；草稿或退回修改中）', params: idParams, body: manuscriptPatch, response: { 200: manuscriptView } },
  }, async (request) => {
    const actor = actorOf(request);
    return toView(p.db, actor, await updateManuscript(p, request.audit, actor, await seen(request), request.body));
  });

  app.delete('/manuscripts/:id', {
    config: { access: 'publicity.submit' },
    schema: { tags: TAGS, summary: '删除草稿（作者）', params: idParams },
  }, async (request, reply) => {
    await deleteManuscript(p, request.audit, actorOf(request), await seen(request));
    return reply.status(204).send();
  });

  app.post('/manuscripts/:id/submit', {
    config: { access: 'publicity.submit' },
    schema: { tags: TAGS, summary: '投递（草稿首次投递，或修改后重新投递：稿次 +1）', params: idParams, body: z.object({}).optional(), response: { 200: manuscriptView } },
  }, async (request) => {
    const actor = actorOf(request);
    return toView(p.db, actor, await submitManuscript(p, request.audit, actor, await seen(request)));
  });

  app.post('/manuscripts/:id/comment', {
    config: { access: 'authenticated' },
    schema: { tags: TAGS, summary: '提出意见（编辑或作者；编辑 requestRevision=true 退回修改）', params: idParams, body: commentBody, response: { 200: manuscriptView } },
  }, async (request) => {
    const actor = actorOf(request);
    return toView(p.db, actor, await commentManuscript(p, request.audit, actor, await seen(request), request.body));
  });

  app.post('/manuscripts/:id/adopt', {
    config: { access: 'publicity.review' },
    schema: { tags: TAGS, summary: '采用（同时评定质量 1–5 分）', params: idParams, body: adoptBody, response: { 200: manuscriptView } },
  }, async (request) => {
    const actor = actorOf(request);
    return toView(p.db, actor, await adoptManuscript(p, request.audit, actor, await seen(request), request.body));
  });

  app.post('/manuscripts/:id/reject', {
    config: { access: 'publicity.review' },
    schema: { tags: TAGS, summary: '退稿（须填写退稿理由）', params: idParams, body: rejectBody, response: { 200: manuscriptView } },
  }, async (request) => {
    const actor = actorOf(request);
    return toView(p.db, actor, await rejectManuscript(p, request.audit, actor, await seen(request), request.body.reason));
  });

  app.post('/manuscripts/:id/publish', {
    config: { access: 'publicity.review' },
    schema: { tags: TAGS, summary: '登记刊发（刊发日期、媒体、级别、链接或版面）', params: idParams, body: publishBody, response: { 200: manuscriptView } },
  }, async (request) => {
    const actor = actorOf(request);
    return toView(p.db, actor, await publishManuscript(p, request.audit, actor, await seen(request), request.body));
  });

  app.post('/manuscripts/:id/rate', {
    config: { access: 'publicity.review' },
    schema: { tags: TAGS, summary: '评定或修改质量评分（已采用、已刊发的稿件）', params: idParams, body: rateBody, response: { 200: manuscriptView } },
  }, async (request) => {
    const actor = actorOf(request);
    return toView(p.db, actor, await rateManuscript(p, request.audit, actor, await seen(request), request.body));
  });

  app.get('/manuscripts/:id/revisions/:revision', {
    config: { access: 'authenticated' },
    schema: {
      tags: TAGS, summary: '某一稿次的全文', params: idParams.extend({ revision: z.coerce.number().int().min(1).describe('稿次') }), response: { 200: revisionView },
    },
  }, async (request) => {
    return revisionDetail(p, await seen(request), request.params.revision);
  });

  app.post('/manuscripts/:id/photos', {
    config: { access: 'authenticated' },
    schema: { tags: TAGS, summary: '上传照片（JPG、PNG 等图片，按内容识别类型）', params: idParams, response: { 201: fileMetaSchema } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const m = await seen(request);
    const file = await receiveAttachment(request, { kinds: ['image'] });
    return reply.status(201).send(await attachPhoto(p, request.audit, actor, m, file));
  });

  app.get('/manuscripts/:id/photos/:fileId', {
    config: { access: 'authenticated' },
    schema: { tags: TAGS, summary: '查看照片（inline=true 直接显示）', params: photoParams, querystring: inlineQuery },
  }, async (request, reply) => {
    const m = await seen(request);
    const f = await loadFile(p.db, m.tenant_id, PHOTO_OWNER, m.id, request.params.fileId);
    if (!f) throw notFound('照片');
    return sendStoredFile(reply, f, { inline: request.query.inline });
  });

  app.delete('/manuscripts/:id/photos/:fileId', {
    config: { access: 'authenticated' },
    schema: { tags: TAGS, summary: '删除照片', params: photoParams },
  }, async (request, reply) => {
    await detachPhoto(p, request.audit, actorOf(request), await seen(request), request.params.fileId);
    return reply.status(204).send();
  });

  // ---- Settings and statistics
  app.get('/settings', {
    config: { access: 'authenticated' },
    schema: { tags: TAGS, summary: '宣传设置：定额、级别权重、质量评定标准（供表单显示）', response: { 200: settingsView } },
  }, async (request) => formSettings(p, actorOf(request).tenantId));

  app.get('/stats', {
    config: { access: 'publicity.read' },
    schema: { tags: TAGS, summary: '宣传统计与排名（组织、通讯员；未达定额标记；format=xlsx 导出两张表）', querystring: statsQuery, response: { 200: statsView } },
  }, async (request, reply) => {
    const s = await publicityStats(p, actorOf(request), request.query);
    if (request.query.format !== 'xlsx') return s;
    const name = `宣传统计-${s.org.name}-${s.from}至${s.to}`;
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="publicity-stats.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}.xlsx`)
      // A Buffer is sent as it is (Fastify never serialises it), so the JSON schema above does not apply.
      .send((await statsWorkbook(s)) as never);
  });
};

export default publicityRoutes;
