// /api/v1/campaigns: 主题实践活动 over HTTP — campaigns and their branches (campaigns.ts), the board of who has
// and has not submitted and one-click 督办 (board.ts), measures and progress reports with attachments
// (submissions.ts), 精品案例 with photos, ratings and the gallery (cases.ts). Reads need campaign.read (or a
// branch role over an applicable branch, policy.ts); a campaign or row out of sight answers 404, an action the
// user may not take on what they see 403.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { fileMetaSchema, receiveAttachment, sendStoredFile } from '../../platform/files/index.js';
import { board, supervise } from './board.js';
import { campaignView, createCampaign, deleteCampaign, listCampaigns, setOrgs, setStatus, updateCampaign } from './campaigns.js';
import { caseDetail, casePhoto, casesSeen, createCase, gallery, photosOf, photoTarget, rateCase, seenCase, updateCase } from './cases.js';
import { addFile, dropFile } from './files.js';
import { visibleCampaign } from './policy.js';
import {
  boardView, campaignCreate, campaignParams, campaignPatch, campaignView as campaignViewSchema, caseCreate, caseItem, caseParams, casePatch, casePhotoParams, caseView,
  contentBody, galleryItem, galleryQuery, inlineQuery, listItem, listQuery, orgParams, orgsBody, progressParams, rateBody, submissionFileParams, submissionParams,
  submissionView as submissionViewSchema, superviseBody, superviseView,
} from './schema.js';
import { attachmentsOf, measuresSeen, oneSubmission, submissionFile, submissionView, submit, writableSubmission } from './submissions.js';

const TAG = ['主题实践活动'];

const campaignsRoutes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;

  async function seen(request: { actor: Parameters<typeof actorOf>[0]['actor']; params: { id: string } }) {
    const c = await visibleCampaign(p.db, actorOf(request), request.params.id);
    if (!c) throw notFound('主题实践活动');
    return c;
  }

  app.get('/', {
    config: { access: 'campaign.read' },
    schema: { tags: TAG, summary: '主题实践活动列表（状态筛选、名称搜索）', querystring: listQuery, response: { 200: z.object({ items: z.array(listItem) }) } },
  }, async (request) => ({ items: await listCampaigns(p.db, actorOf(request), request.query) }));

  app.post('/', {
    config: { access: 'campaign.manage' },
    schema: { tags: TAG, summary: '部署主题实践活动（适用范围展开为各党支部并保存；activate=true 立即开始）', body: campaignCreate, response: { 201: campaignViewSchema } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const row = await createCampaign(p, request.audit, actor, request.body);
    return reply.status(201).send(await campaignView(p.db, actor, row));
  });

  // Static paths before /:id (the router prefers them anyway; kept together for reading).
  app.get('/cases/gallery', {
    config: { access: 'campaign.read' },
    schema: { tags: TAG, summary: '精品案例展示：已评分的案例，按平均分从高到低', querystring: galleryQuery, response: { 200: z.object({ items: z.array(galleryItem) }) } },
  }, async (request) => ({ items: await gallery(p.db, actorOf(request), request.query.campaignId) }));

  app.get('/submissions/:submissionId/attachments/:fileId', {
    config: { access: 'authenticated' },
    schema: { tags: TAG, summary: '下载报送附件', params: submissionFileParams, querystring: inlineQuery },
  }, async (request, reply) => {
    const f = await submissionFile(p.db, actorOf(request), request.params.submissionId, request.params.fileId);
    return sendStoredFile(reply, f, { inline: request.query.inline });
  });

  app.post('/submissions/:submissionId/attachments', {
    config: { access: 'campaign.submit' },
    schema: { tags: TAG, summary: '上传报送附件（PDF、Word、Excel、图片；按内容识别类型）', params: submissionParams, response: { 201: fileMetaSchema } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const s = await writableSubmission(p.db, actor, request.params.submissionId);
    const file = await receiveAttachment(request);
    return reply.status(201).send(await addFile(p, request.audit, actor, attachmentsOf(s), file));
  });

  app.delete('/submissions/:submissionId/attachments/:fileId', {
    config: { access: 'campaign.submit' },
    schema: { tags: TAG, summary: '删除报送附件', params: submissionFileParams },
  }, async (request, reply) => {
    const s = await writableSubmission(p.db, actorOf(request), request.params.submissionId);
    await dropFile(p, request.audit, attachmentsOf(s), request.params.fileId);
    return reply.status(204).send();
  });

  app.get('/:id', {
    config: { access: 'campaign.read' },
    schema: { tags: TAG, summary: '主题实践活动详情', params: campaignParams, response: { 200: campaignViewSchema } },
  }, async (request) => campaignView(p.db, actorOf(request), await seen(request)));

  app.put('/:id', {
    config: { access: 'campaign.manage' },
    schema: { tags: TAG, summary: '修改主题实践活动（进展报告按 id 保留、新增或删除）', params: campaignParams, body: campaignPatch, response: { 200: campaignViewSchema } },
  }, async (request) => {
    const actor = actorOf(request);
    return campaignView(p.db, actor, await updateCampaign(p, request.audit, actor, await seen(request), request.body));
  });

  app.delete('/:id', {
    config: { access: 'campaign.manage' },
    schema: { tags: TAG, summary: '删除草稿活动', params: campaignParams },
  }, async (request, reply) => {
    await deleteCampaign(p, request.audit, actorOf(request), await seen(request));
    return reply.status(204).send();
  });

  for (const action of ['activate', 'close'] as const) {
    app.post(`/:id/${action}`, {
      config: { access: 'campaign.manage' },
      schema: { tags: TAG, summary: action === 'activate' ? '开始活动（通知各支部报送）' : '结束活动（此后不能再报送）', params: campaignParams, response: { 200: campaignViewSchema } },
    }, async (request) => {
      const actor = actorOf(request);
      return campaignView(p.db, actor, await setStatus(p, request.audit, actor, await seen(request), action));
    });
  }

  app.put('/:id/orgs', {
    config: { access: 'campaign.manage' },
    schema: { tags: TAG, summary: '调整适用组织（增减支部）', params: campaignParams, body: orgsBody, response: { 200: campaignViewSchema } },
  }, async (request) => {
    const actor = actorOf(request);
    return campaignView(p.db, actor, await setOrgs(p, request.audit, actor, await seen(request), request.body.orgIds));
  });

  app.get('/:id/board', {
    config: { access: 'campaign.read' },
    schema: { tags: TAG, summary: '报送情况一览：各支部推进措施与进展报告、未报送名单、逾期标记、督办任务', params: campaignParams, response: { 200: boardView } },
  }, async (request) => board(p, actorOf(request), await seen(request)));

  app.post('/:id/supervise', {
    config: { access: 'campaign.manage' },
    schema: { tags: TAG, summary: '一键督办：为未报送推进措施的支部各建一个督办任务（已有的不重复建）', params: campaignParams, body: superviseBody, response: { 200: superviseView } },
  }, async (request) => supervise(p, request.audit, actorOf(request), await seen(request), request.body));

  app.get('/:id/measures', {
    config: { access: 'campaign.read' },
    schema: { tags: TAG, summary: '各支部推进措施（您能看到的支部）', params: campaignParams, response: { 200: z.object({ items: z.array(submissionViewSchema) }) } },
  }, async (request) => ({ items: await measuresSeen(p.db, actorOf(request), await seen(request)) }));

  async function slot(request: { actor: Parameters<typeof actorOf>[0]['actor']; params: { id: string; orgId: string; dueId?: string } }) {
    return oneSubmission(p.db, actorOf(request), await seen(request), request.params.orgId, request.params.dueId);
  }

  app.get('/:id/measures/:orgId', {
    config: { access: 'campaign.read' },
    schema: { tags: TAG, summary: '一个支部的推进措施（未报送时 404）', params: orgParams, response: { 200: submissionViewSchema } },
  }, (request) => slot(request));

  app.put('/:id/measures/:orgId', {
    config: { access: 'campaign.submit' },
    schema: { tags: TAG, summary: '报送或修改本支部推进措施', params: orgParams, body: contentBody, response: { 200: submissionViewSchema } },
  }, async (request) => {
    const actor = actorOf(request);
    const c = await seen(request);
    return submissionView(p.db, actor, c, await submit(p, request.audit, actor, c, request.params.orgId, null, request.body.content));
  });

  app.get('/:id/progress/:dueId/:orgId', {
    config: { access: 'campaign.read' },
    schema: { tags: TAG, summary: '一个支部的一次进展报告（未报送时 404）', params: progressParams, response: { 200: submissionViewSchema } },
  }, (request) => slot(request));

  app.put('/:id/progress/:dueId/:orgId', {
    config: { access: 'campaign.submit' },
    schema: { tags: TAG, summary: '报送或修改本支部进展报告', params: progressParams, body: contentBody, response: { 200: submissionViewSchema } },
  }, async (request) => {
    const actor = actorOf(request);
    const c = await seen(request);
    return submissionView(p.db, actor, c, await submit(p, request.audit, actor, c, request.params.orgId, request.params.dueId, request.body.content));
  });

  // ---------- 精品案例 ----------

  const caseOf = (request: { actor: Parameters<typeof actorOf>[0]['actor']; params: { id: string; caseId: string } }) =>
    seenCase(p.db, actorOf(request), request.params.id, request.params.caseId);

  app.get('/:id/cases', {
    config: { access: 'campaign.read' },
    schema: { tags: TAG, summary: '本活动的精品案例（您能看到的支部）', params: campaignParams, response: { 200: z.object({ items: z.array(caseItem) }) } },
  }, async (request) => ({ items: await casesSeen(p.db, actorOf(request), await seen(request)) }));

  app.post('/:id/cases', {
    config: { access: 'campaign.submit' },
    schema: { tags: TAG, summary: '报送精品案例设计方案', params: campaignParams, body: caseCreate, response: { 201: caseView } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const c = await seen(request);
    const k = await createCase(p, request.audit, actor, c, request.body);
    return reply.status(201).send(await caseDetail(p.db, actor, { c, k }));
  });

  app.get('/:id/cases/:caseId', {
    config: { access: 'campaign.read' },
    schema: { tags: TAG, summary: '精品案例详情（设计、成果、照片、评分）', params: caseParams, response: { 200: caseView } },
  }, async (request) => caseDetail(p.db, actorOf(request), await caseOf(request)));

  app.put('/:id/cases/:caseId', {
    config: { access: 'campaign.submit' },
    schema: { tags: TAG, summary: '修改精品案例；填写成果（result）后进入成果阶段', params: caseParams, body: casePatch, response: { 200: caseView } },
  }, async (request) => {
    const actor = actorOf(request);
    const found = await caseOf(request);
    const k = await updateCase(p, request.audit, actor, found.c, found.k, request.body);
    return caseDetail(p.db, actor, { c: found.c, k });
  });

  app.post('/:id/cases/:caseId/rate', {
    config: { access: 'campaign.review' },
    schema: { tags: TAG, summary: '评审打分（1–100；再次评分即修改自己的评分）', params: caseParams, body: rateBody, response: { 200: caseView } },
  }, async (request) => {
    const actor = actorOf(request);
    const found = await caseOf(request);
    await rateCase(p, request.audit, actor, found.k, request.body.score, request.body.comment);
    return caseDetail(p.db, actor, found);
  });

  app.post('/:id/cases/:caseId/photos', {
    config: { access: 'campaign.submit' },
    schema: { tags: TAG, summary: '上传案例照片（jpg、png 等图片，按内容识别）', params: caseParams, response: { 201: fileMetaSchema } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const k = await photoTarget(p.db, actor, request.params.id, request.params.caseId, true);
    const file = await receiveAttachment(request, { kinds: ['image'] });
    return reply.status(201).send(await addFile(p, request.audit, actor, photosOf(k), file));
  });

  app.get('/:id/cases/:caseId/photos/:fileId', {
    config: { access: 'campaign.read' },
    schema: { tags: TAG, summary: '案例照片（inline=true 直接显示）', params: casePhotoParams, querystring: inlineQuery },
  }, async (request, reply) => {
    const f = await casePhoto(p.db, actorOf(request), request.params.id, request.params.caseId, request.params.fileId);
    return sendStoredFile(reply, f, { inline: request.query.inline });
  });

  app.delete('/:id/cases/:caseId/photos/:fileId', {
    config: { access: 'campaign.submit' },
    schema: { tags: TAG, summary: '删除案例照片', params: casePhotoParams },
  }, async (request, reply) => {
    const k = await photoTarget(p.db, actorOf(request), request.params.id, request.params.caseId, false);
    await dropFile(p, request.audit, photosOf(k), request.params.fileId);
    return reply.status(204).send();
  });

};

export default campaignsRoutes;
