// /api/v1/campaigns: 主题实践活动 — campaigns and their branches, the board of who has and has not
// submitted, one-click 督办, measures and progress reports with attachments, 精品案例 with photos, ratings
// and the gallery. Reads need campaign.read (or a branch role over an applicable branch); a campaign or
// row out of sight answers 404, an action the user may not take on what they see 403.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { actorOf } from '../../platform/context.js';
import { scopeFilter } from '../../platform/access/can.js';
import { conflict, forbidden, notFound } from '../../platform/errors.js';
import { likeLiteral } from '../../db/dialect.js';
import { fileMetaSchema, listFiles, loadFile, receiveAttachment, removeFile, sendStoredFile, storeFile } from '../../platform/files/index.js';
import { appliedOrgs, BRANCH_PERMS, campaignVisible, seesOrg, visibleCampaign } from './queries.js';
import {
  boardView, campaignCreate, campaignParams, campaignPatch, campaignView as campaignViewSchema, caseCreate, caseItem, caseParams, casePatch, casePhotoParams, caseView,
  contentBody, galleryItem, galleryQuery, inlineQuery, listItem, listQuery, orgParams, orgsBody, progressParams, rateBody, submissionFileParams, submissionParams,
  submissionView as submissionViewSchema, superviseBody, superviseView, type ListItem,
} from './schema.js';
import {
  board, campaignCounts, campaignView, caseAllowed, caseItems, CASE_OWNER, checkSubmissionWrite, createCampaign, createCase, deleteCampaign, rateCase, setOrgs, setStatus,
  submissionsOf, submissionView, submit, SUBMISSION_OWNER, supervise, updateCampaign, updateCase, visibleCase, visibleSubmission,
} from './service.js';

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
  }, async (request) => {
    const actor = actorOf(request);
    let q = p.db.selectFrom('campaigns as c').innerJoin('organisations as o', (j) => j.onRef('o.tenant_id', '=', 'c.tenant_id').onRef('o.id', '=', 'c.root_org_id'))
      .selectAll('c').select('o.name as root_name').where('c.tenant_id', '=', actor.tenantId).where('c.deleted_at', 'is', null).where(campaignVisible(actor));
    if (request.query.status) q = q.where('c.status', '=', request.query.status);
    if (request.query.q) {
      const term = request.query.q;
      q = q.where((eb) => eb.or([likeLiteral(sql.ref<string>('c.name'), term, 'anywhere'), likeLiteral(sql.ref<string>('c.kind'), term, 'anywhere')]));
    }
    const rows = await q.orderBy('c.start_on', 'desc').orderBy('c.id', 'desc').limit(500).execute();
    const counts = await campaignCounts(p.db, actor, rows);
    const items: ListItem[] = rows.map((c) => ({
      id: c.id, name: c.name, kind: c.kind, startOn: c.start_on, endOn: c.end_on, measuresDue: c.measures_due, status: c.status,
      rootOrgId: c.root_org_id, rootOrgName: c.root_name, ...counts.get(c.id)!, callsCases: c.calls_cases === 1,
    }));
    return { items };
  });

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
  }, async (request) => {
    const actor = actorOf(request);
    const cols = { tenant: sql.ref<string>('k.tenant_id'), path: sql.ref<string>('k.org_path') };
    const root = { tenant: sql.ref<string>('c.tenant_id'), path: sql.ref<string>('c.root_org_path') };
    let q = p.db.selectFrom('campaign_cases as k').innerJoin('campaigns as c', (j) => j.onRef('c.tenant_id', '=', 'k.tenant_id').onRef('c.id', '=', 'k.campaign_id'))
      .selectAll('k').select('c.name as campaign_name')
      .where('k.tenant_id', '=', actor.tenantId).where('k.deleted_at', 'is', null).where('c.deleted_at', 'is', null).where('c.status', '<>', 'draft')
      .where((eb) => eb.or([scopeFilter(actor, 'campaign.read', root), ...BRANCH_PERMS.map((perm) => scopeFilter(actor, perm, cols))]))
      .where((eb) => eb.exists(eb.selectFrom('campaign_case_ratings as r').select('r.case_id').whereRef('r.tenant_id', '=', 'k.tenant_id').whereRef('r.case_id', '=', 'k.id')));
    if (request.query.campaignId) q = q.where('k.campaign_id', '=', request.query.campaignId);
    const items = await caseItems(p.db, actor, await q.limit(500).execute());
    items.sort((a, b) => (b.averageScore ?? 0) - (a.averageScore ?? 0) || (a.designAt < b.designAt ? -1 : 1));
    return { items };
  });

  app.get('/submissions/:submissionId/attachments/:fileId', {
    config: { access: 'authenticated' },
    schema: { tags: TAG, summary: '下载报送附件', params: submissionFileParams, querystring: inlineQuery },
  }, async (request, reply) => {
    const found = await visibleSubmission(p.db, actorOf(request), request.params.submissionId);
    if (!found) throw notFound('报送');
    const f = await loadFile(p.db, found.s.tenant_id, SUBMISSION_OWNER, found.s.id, request.params.fileId);
    if (!f) throw notFound('附件');
    return sendStoredFile(reply, f, { inline: request.query.inline });
  });

  app.post('/submissions/:submissionId/attachments', {
    config: { access: 'campaign.submit' },
    schema: { tags: TAG, summary: '上传报送附件（PDF、Word、Excel、图片；按内容识别类型）', params: submissionParams, response: { 201: fileMetaSchema } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const found = await visibleSubmission(p.db, actor, request.params.submissionId);
    if (!found) throw notFound('报送');
    checkSubmissionWrite(actor, found.c, found.s);
    const file = await receiveAttachment(request);
    const meta = await p.audit.tx(request.audit, async (trx) => {
      const m = await storeFile(trx, found.s.tenant_id, { ownerKind: SUBMISSION_OWNER, ownerId: found.s.id, ...file, createdBy: actor.userId, at: p.clock.now().toISOString() });
      await p.audit.record(trx, request.audit, { action: 'campaign.attach', entity: 'campaignSubmission', entityId: found.s.id, after: { fileId: m.id, name: m.name, size: m.size, sha256: m.sha256 } });
      return m;
    });
    return reply.status(201).send(meta);
  });

  app.delete('/submissions/:submissionId/attachments/:fileId', {
    config: { access: 'campaign.submit' },
    schema: { tags: TAG, summary: '删除报送附件', params: submissionFileParams },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const found = await visibleSubmission(p.db, actor, request.params.submissionId);
    if (!found) throw notFound('报送');
    checkSubmissionWrite(actor, found.c, found.s);
    await p.audit.tx(request.audit, async (trx) => {
      const m = await removeFile(trx, found.s.tenant_id, SUBMISSION_OWNER, found.s.id, request.params.fileId, p.clock.now().toISOString());
      if (!m) throw notFound('附件');
      await p.audit.record(trx, request.audit, { action: 'campaign.detach', entity: 'campaignSubmission', entityId: found.s.id, before: { fileId: m.id, name: m.name } });
    });
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
  }, async (request) => {
    const actor = actorOf(request);
    const c = await seen(request);
    const live = new Set((await appliedOrgs(p.db, c.tenant_id, c.id)).map((o) => o.org_id));
    const rows = (await submissionsOf(p.db, c.tenant_id, c.id)).filter((s) => s.kind === 'measures' && live.has(s.org_id) && seesOrg(actor, c, s.tenant_id, s.org_path));
    rows.sort((a, b) => (a.org_path < b.org_path ? -1 : 1));
    return { items: await Promise.all(rows.map((s) => submissionView(p.db, c, s))) };
  });

  async function oneSubmission(request: { actor: Parameters<typeof actorOf>[0]['actor']; params: { id: string; orgId: string; dueId?: string } }) {
    const actor = actorOf(request);
    const c = await seen(request);
    const s = await p.db.selectFrom('campaign_submissions').selectAll().where('tenant_id', '=', c.tenant_id).where('campaign_id', '=', c.id)
      .where('org_id', '=', request.params.orgId).where('slot', '=', request.params.dueId ?? 'measures').executeTakeFirst();
    if (!s || !seesOrg(actor, c, s.tenant_id, s.org_path)) throw notFound(request.params.dueId ? '进展报告' : '推进措施');
    return submissionView(p.db, c, s);
  }

  app.get('/:id/measures/:orgId', {
    config: { access: 'campaign.read' },
    schema: { tags: TAG, summary: '一个支部的推进措施（未报送时 404）', params: orgParams, response: { 200: submissionViewSchema } },
  }, (request) => oneSubmission(request));

  app.put('/:id/measures/:orgId', {
    config: { access: 'campaign.submit' },
    schema: { tags: TAG, summary: '报送或修改本支部推进措施', params: orgParams, body: contentBody, response: { 200: submissionViewSchema } },
  }, async (request) => {
    const actor = actorOf(request);
    const c = await seen(request);
    return submissionView(p.db, c, await submit(p, request.audit, actor, c, request.params.orgId, null, request.body.content));
  });

  app.get('/:id/progress/:dueId/:orgId', {
    config: { access: 'campaign.read' },
    schema: { tags: TAG, summary: '一个支部的一次进展报告（未报送时 404）', params: progressParams, response: { 200: submissionViewSchema } },
  }, (request) => oneSubmission(request));

  app.put('/:id/progress/:dueId/:orgId', {
    config: { access: 'campaign.submit' },
    schema: { tags: TAG, summary: '报送或修改本支部进展报告', params: progressParams, body: contentBody, response: { 200: submissionViewSchema } },
  }, async (request) => {
    const actor = actorOf(request);
    const c = await seen(request);
    return submissionView(p.db, c, await submit(p, request.audit, actor, c, request.params.orgId, request.params.dueId, request.body.content));
  });

  // ---------- 精品案例 ----------

  async function caseDetail(actor: ReturnType<typeof actorOf>, found: NonNullable<Awaited<ReturnType<typeof visibleCase>>>) {
    const [item] = await caseItems(p.db, actor, [{ ...found.k, campaign_name: found.c.name }]);
    const photos = (await listFiles(p.db, found.k.tenant_id, CASE_OWNER, [found.k.id])).get(found.k.id) ?? [];
    return { ...item!, design: found.k.design, result: found.k.result, photos, allowed: caseAllowed(actor, found.c, found.k) };
  }
  async function seenCase(request: { actor: Parameters<typeof actorOf>[0]['actor']; params: { id: string; caseId: string } }) {
    const found = await visibleCase(p.db, actorOf(request), request.params.id, request.params.caseId);
    if (!found) throw notFound('案例');
    return found;
  }

  app.get('/:id/cases', {
    config: { access: 'campaign.read' },
    schema: { tags: TAG, summary: '本活动的精品案例（您能看到的支部）', params: campaignParams, response: { 200: z.object({ items: z.array(caseItem) }) } },
  }, async (request) => {
    const actor = actorOf(request);
    const c = await seen(request);
    const rows = (await p.db.selectFrom('campaign_cases').selectAll().where('tenant_id', '=', c.tenant_id).where('campaign_id', '=', c.id).where('deleted_at', 'is', null)
      .orderBy('org_path').orderBy('created_at').execute()).filter((k) => seesOrg(actor, c, k.tenant_id, k.org_path));
    const items = await caseItems(p.db, actor, rows.map((k) => ({ ...k, campaign_name: c.name })));
    return { items: items.map(({ ratings: _r, ...rest }) => rest) };
  });

  app.post('/:id/cases', {
    config: { access: 'campaign.submit' },
    schema: { tags: TAG, summary: '报送精品案例设计方案', params: campaignParams, body: caseCreate, response: { 201: caseView } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const c = await seen(request);
    const k = await createCase(p, request.audit, actor, c, request.body);
    return reply.status(201).send(await caseDetail(actor, { c, k }));
  });

  app.get('/:id/cases/:caseId', {
    config: { access: 'campaign.read' },
    schema: { tags: TAG, summary: '精品案例详情（设计、成果、照片、评分）', params: caseParams, response: { 200: caseView } },
  }, async (request) => caseDetail(actorOf(request), await seenCase(request)));

  app.put('/:id/cases/:caseId', {
    config: { access: 'campaign.submit' },
    schema: { tags: TAG, summary: '修改精品案例；填写成果（result）后进入成果阶段', params: caseParams, body: casePatch, response: { 200: caseView } },
  }, async (request) => {
    const actor = actorOf(request);
    const found = await seenCase(request);
    const k = await updateCase(p, request.audit, actor, found.c, found.k, request.body);
    return caseDetail(actor, { c: found.c, k });
  });

  app.post('/:id/cases/:caseId/rate', {
    config: { access: 'campaign.review' },
    schema: { tags: TAG, summary: '评审打分（1–100；再次评分即修改自己的评分）', params: caseParams, body: rateBody, response: { 200: caseView } },
  }, async (request) => {
    const actor = actorOf(request);
    const found = await seenCase(request);
    await rateCase(p, request.audit, actor, found.k, request.body.score, request.body.comment);
    return caseDetail(actor, found);
  });

  app.post('/:id/cases/:caseId/photos', {
    config: { access: 'campaign.submit' },
    schema: { tags: TAG, summary: '上传案例照片（jpg、png 等图片，按内容识别）', params: caseParams, response: { 201: fileMetaSchema } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const found = await seenCase(request);
    if (!caseAllowed(actor, found.c, found.k).includes('photos')) {
      if (found.c.status === 'closed') throw conflict('CAMPAIGN_CLOSED', '活动已结束，不能再修改案例');
      throw forbidden('只有报送该案例的支部可以上传照片');
    }
    const file = await receiveAttachment(request, { kinds: ['image'] });
    const meta = await p.audit.tx(request.audit, async (trx) => {
      const m = await storeFile(trx, found.k.tenant_id, { ownerKind: CASE_OWNER, ownerId: found.k.id, ...file, createdBy: actor.userId, at: p.clock.now().toISOString() });
      await p.audit.record(trx, request.audit, { action: 'campaign.casePhoto', entity: 'campaignCase', entityId: found.k.id, after: { fileId: m.id, name: m.name, size: m.size, sha256: m.sha256 } });
      return m;
    });
    return reply.status(201).send(meta);
  });

  app.get('/:id/cases/:caseId/photos/:fileId', {
    config: { access: 'campaign.read' },
    schema: { tags: TAG, summary: '案例照片（inline=true 直接显示）', params: casePhotoParams, querystring: inlineQuery },
  }, async (request, reply) => {
    const found = await seenCase(request);
    const f = await loadFile(p.db, found.k.tenant_id, CASE_OWNER, found.k.id, request.params.fileId);
    if (!f) throw notFound('照片');
    return sendStoredFile(reply, f, { inline: request.query.inline });
  });

  app.delete('/:id/cases/:caseId/photos/:fileId', {
    config: { access: 'campaign.submit' },
    schema: { tags: TAG, summary: '删除案例照片', params: casePhotoParams },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const found = await seenCase(request);
    if (!caseAllowed(actor, found.c, found.k).includes('photos')) throw forbidden('只有报送该案例的支部可以删除照片');
    await p.audit.tx(request.audit, async (trx) => {
      const m = await removeFile(trx, found.k.tenant_id, CASE_OWNER, found.k.id, request.params.fileId, p.clock.now().toISOString());
      if (!m) throw notFound('照片');
      await p.audit.record(trx, request.audit, { action: 'campaign.casePhotoRemove', entity: 'campaignCase', entityId: found.k.id, before: { fileId: m.id, name: m.name } });
    });
    return reply.status(204).send();
  });

};

export default campaignsRoutes;
