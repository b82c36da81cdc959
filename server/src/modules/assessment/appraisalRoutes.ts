// /api/v1/appraisals: 民主评议党员 (docs/api/assessment-results.md). Managers hold appraisal.manage over the
// branch; members act through their own account. Out of sight → 404, a visible appraisal the user may not
// act on → 403, a published one → 409.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/context.js';
import { GRADES } from './appraisalTables.js';
import { appraisalDetailView, appraisalListView } from './resultSchema.js';
import { appraisalDetail, decide, listAppraisals, openAppraisal, publishAppraisal, ratePeers, rateSelf } from './appraisals.js';

const TAGS = ['民主评议'];
const grade = z.enum(GRADES as ['excellent', 'qualified', 'basic', 'unqualified']);
const idParams = z.object({ id: z.string().min(1).describe('民主评议') });
const ok = z.object({ ok: z.literal(true) });

const appraisalRoutes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;

  app.get('/', {
    config: { access: 'authenticated' },
    schema: {
      tags: TAGS, summary: '民主评议列表（所管支部与本人所在支部）',
      description: '指定年度时，notStarted 列出本人有权组织（appraisal.manage）但该年度尚未开始民主评议的党支部。',
      querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional().describe('年度'), branchId: z.string().optional().describe('支部') }),
      response: { 200: appraisalListView },
    },
  }, async (request) => listAppraisals(p, actorOf(request), request.query));

  app.post('/', {
    config: { access: 'appraisal.manage' },
    schema: {
      tags: TAGS, summary: '发起民主评议（每个支部每年一次）',
      body: z.object({ branchId: z.string().min(1).describe('支部'), year: z.number().int().min(2000).max(2100).describe('年度') }),
      response: { 201: appraisalDetailView },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const id = await openAppraisal(p, request.audit, actor, request.body);
    return reply.code(201).send(await appraisalDetail(p, actor, id));
  });

  app.get('/:id', {
    config: { access: 'authenticated' },
    schema: { tags: TAGS, summary: '民主评议详情', params: idParams, response: { 200: appraisalDetailView } },
  }, async (request) => appraisalDetail(p, actorOf(request), request.params.id));

  app.put('/:id/self', {
    config: { access: 'authenticated' },
    schema: {
      tags: TAGS, summary: '党员自评', params: idParams,
      body: z.object({ grade: grade.describe('自评等次'), comment: z.string().max(2000).optional().describe('自评意见') }),
      response: { 200: ok },
    },
  }, async (request) => {
    await rateSelf(p, request.audit, actorOf(request), request.params.id, request.body);
    return { ok: true as const };
  });

  app.put('/:id/peer', {
    config: { access: 'authenticated' },
    schema: {
      tags: TAGS, summary: '党员互评', params: idParams,
      body: z.object({ ratings: z.array(z.object({ memberId: z.string().min(1).describe('被评党员'), grade: grade.describe('互评等次') })).min(1).max(500).describe('互评') }),
      response: { 200: ok },
    },
  }, async (request) => {
    await ratePeers(p, request.audit, actorOf(request), request.params.id, request.body.ratings);
    return { ok: true as const };
  });

  app.put('/:id/decisions', {
    config: { access: 'appraisal.manage' },
    schema: {
      tags: TAGS, summary: '支部委员会确定等次', params: idParams,
      body: z.object({
        decisions: z.array(z.object({
          memberId: z.string().min(1).describe('党员'), grade: grade.describe('等次'), note: z.string().max(1000).optional().describe('说明'),
        })).min(1).max(500).describe('等次'),
      }),
      response: { 200: appraisalDetailView },
    },
  }, async (request) => {
    const actor = actorOf(request);
    await decide(p, request.audit, actor, request.params.id, request.body.decisions);
    return appraisalDetail(p, actor, request.params.id);
  });

  app.post('/:id/publish', {
    config: { access: 'appraisal.manage' },
    schema: { tags: TAGS, summary: '公布民主评议结果（优秀比例受限）', params: idParams, response: { 200: appraisalDetailView } },
  }, async (request) => {
    const actor = actorOf(request);
    await publishAppraisal(p, request.audit, actor, request.params.id);
    return appraisalDetail(p, actor, request.params.id);
  });
};

export default appraisalRoutes;
