// /api/v1/info-entries: the information base (管控信息). Lists and search run over the union of written
// entries and registered sources, with visibility in SQL; one entry out of sight answers 404, an action the
// user may not take on an entry they see answers 403 with the reason; statistics and metrics in stats.ts.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/context.js';
import { fieldError, notFound } from '../../platform/errors.js';
import { shanghaiDate } from '../../platform/calendar.js';
import { pageResponse } from '../../platform/http/paging.js';
import { beijingTime, sendXlsx } from '../../platform/export/xlsx.js';
import { loadFile, receiveAttachment, sendStoredFile } from '../../platform/files/index.js';
import { listEntries } from './list.js';
import { visibleEntry } from './queries.js';
import {
  attachmentParams, CATEGORY_NAMES, entryCreate, entryParams, entryPatch, entryView, fileMeta, listItem, listQuery, returnBody, STATUS_NAMES,
  statsQuery, statsView, versionView, type ListItem, type ListQuery,
} from './schema.js';
import {
  ATTACHMENT_OWNER, attachFile, createEntry, deleteEntry, detachFile, publishEntry, returnEntry, submitEntry, toView, updateEntry, versionViews,
} from './service.js';
import { infoStats, statsWorkbook } from './stats.js';

const inlineQuery = z.object({ inline: z.enum(['true', 'false']).default('false').transform((v) => v === 'true').describe('直接显示') });

const infoRoutes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;

  function send(reply: FastifyReply, q: ListQuery, items: ListItem[], total: number) {
    if (q.format !== 'xlsx') return { items, total, page: q.page, pageSize: q.pageSize };
    return sendXlsx<ListItem>(reply, `管控信息-${shanghaiDate(p.clock.now())}`, '管控信息', [
      { header: '类别', value: (r) => CATEGORY_NAMES[r.category] }, { header: '标题', value: (r) => r.title, width: 40 },
      { header: '组织', value: (r) => r.orgName, width: 20 }, { header: '状态', value: (r) => STATUS_NAMES[r.status] },
      { header: '版本', value: (r) => r.version }, { header: '首次发布月份', value: (r) => r.publishedMonth, width: 14 },
      { header: '发布时间', value: (r) => beijingTime(r.publishedAt), width: 20 }, { header: '更新时间', value: (r) => beijingTime(r.updatedAt), width: 20 },
      { header: '摘要', value: (r) => r.excerpt, width: 60 },
    ], items);
  }

  app.get('/', {
    config: { access: 'info.read' },
    schema: { tags: ['管控信息'], summary: '管控信息列表（类别、组织、状态、月份筛选；q 中文搜索；reviewable=true 待我审核；format=xlsx 导出）', querystring: listQuery, response: { 200: pageResponse(listItem) } },
  }, async (request, reply) => {
    const { items, total } = await listEntries(p, actorOf(request), request.query);
    return send(reply, request.query, items, total);
  });

  app.get('/stats', {
    config: { access: 'info.read' },
    schema: { tags: ['管控信息'], summary: '每月统计：组织 × 类别 × 月份的新增与累计、本月无新增的组织、图表数据', querystring: statsQuery, response: { 200: statsView } },
  }, async (request) => infoStats(p, actorOf(request), request.query));

  app.get('/stats.xlsx', {
    config: { access: 'info.read' },
    schema: { tags: ['管控信息'], summary: '每月统计导出（xlsx）', querystring: statsQuery },
  }, async (request, reply) => {
    const s = await infoStats(p, actorOf(request), request.query);
    const name = `管控信息统计-${s.org.name}-${s.from}至${s.to}`;
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="info-stats.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}.xlsx`)
      .send(await statsWorkbook(s));
  });

  app.post('/', {
    config: { access: 'info.write' },
    schema: { tags: ['管控信息'], summary: '新建管控信息（草稿）', body: entryCreate, response: { 201: entryView } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const row = await createEntry(p, request.audit, actor, request.body);
    return reply.status(201).send(await toView(p.db, actor, row, []));
  });

  /** The entry when the actor may see it; 404 otherwise. */
  async function seen(request: FastifyRequest & { params: { id: string } }) {
    const row = await visibleEntry(p.db, actorOf(request), request.params.id);
    if (!row) throw notFound('信息');
    return row;
  }

  app.get('/:id', {
    config: { access: 'info.read' },
    schema: { tags: ['管控信息'], summary: '管控信息详情（含附件与可执行的操作）', params: entryParams, response: { 200: entryView } },
  }, async (request) => toView(p.db, actorOf(request), await seen(request)));

  app.patch('/:id', {
    config: { access: 'info.write' },
    schema: { tags: ['管控信息'], summary: '修改管控信息（已发布的：有审核权限者直接更正并生成新版本，否则转为草稿待审核）', params: entryParams, body: entryPatch, response: { 200: entryView } },
  }, async (request) => {
    const actor = actorOf(request);
    return toView(p.db, actor, await updateEntry(p, request.audit, actor, await seen(request), request.body));
  });

  app.delete('/:id', {
    config: { access: 'info.write' },
    schema: { tags: ['管控信息'], summary: '删除管控信息（草稿、退回的由编写人；待审核、已发布的由审核人）', params: entryParams },
  }, async (request, reply) => {
    await deleteEntry(p, request.audit, actorOf(request), await seen(request));
    return reply.status(204).send();
  });

  app.post('/:id/submit', {
    config: { access: 'info.write' },
    schema: { tags: ['管控信息'], summary: '提交审核', params: entryParams, response: { 200: entryView } },
  }, async (request) => {
    const actor = actorOf(request);
    return toView(p.db, actor, await submitEntry(p, request.audit, actor, await seen(request)));
  });

  app.post('/:id/publish', {
    config: { access: 'info.publish' },
    schema: { tags: ['管控信息'], summary: '审核通过并发布（保存为新版本）', params: entryParams, response: { 200: entryView } },
  }, async (request) => {
    const actor = actorOf(request);
    return toView(p.db, actor, await publishEntry(p, request.audit, actor, await seen(request)));
  });

  app.post('/:id/return', {
    config: { access: 'info.publish' },
    schema: { tags: ['管控信息'], summary: '退回（须填写理由）', params: entryParams, body: returnBody, response: { 200: entryView } },
  }, async (request) => {
    const actor = actorOf(request);
    const entry = await seen(request);
    if (!request.body.reason) throw fieldError('reason', '请填写退回理由');
    return toView(p.db, actor, await returnEntry(p, request.audit, actor, entry, request.body.reason));
  });

  app.get('/:id/versions', {
    config: { access: 'info.read' },
    schema: { tags: ['管控信息'], summary: '历史版本（最新在前，每个发布版本全文）', params: entryParams, response: { 200: z.object({ items: z.array(versionView) }) } },
  }, async (request) => {
    return { items: await versionViews(p.db, await seen(request)) };
  });

  app.post('/:id/attachments', {
    config: { access: 'info.write' },
    schema: { tags: ['管控信息'], summary: '上传附件（PDF、Word、Excel、图片；按内容识别类型）', params: entryParams, response: { 201: fileMeta } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const row = await seen(request);
    const file = await receiveAttachment(request);
    return reply.status(201).send(await attachFile(p, request.audit, actor, row, file));
  });

  app.get('/:id/attachments/:fileId', {
    config: { access: 'info.read' },
    schema: { tags: ['管控信息'], summary: '下载附件（inline=true 时图片直接显示，供正文插图）', params: attachmentParams, querystring: inlineQuery },
  }, async (request, reply) => {
    const row = await seen(request);
    const f = await loadFile(p.db, row.tenant_id, ATTACHMENT_OWNER, row.id, request.params.fileId);
    if (!f) throw notFound('附件');
    return sendStoredFile(reply, f, { inline: request.query.inline });
  });

  app.delete('/:id/attachments/:fileId', {
    config: { access: 'info.write' },
    schema: { tags: ['管控信息'], summary: '删除附件', params: attachmentParams },
  }, async (request, reply) => {
    await detachFile(p, request.audit, actorOf(request), await seen(request), request.params.fileId);
    return reply.status(204).send();
  });
};

export default infoRoutes;
