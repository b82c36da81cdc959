// /api/v1/assessment (results part): results and their xlsx for payroll, a target's history, publication,
// corrections of published scores, anomalies and their 督办 tasks (docs/api/assessment-results.md).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/context.js';
import { sendXlsx } from '../../platform/export/xlsx.js';
import { correctScore, publishRound, resultsFor, targetHistory } from './results.js';
import { listAnomalies, openAnomalyTask } from './anomalies.js';
import { anomaliesView, anomalyTaskView, correctionView, historyView, resultsView } from './resultSchema.js';

const TAGS = ['量化考核'];
const roundParams = z.object({ id: z.string().min(1).max(64).describe('考核批次') });

const assessmentResultRoutes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;

  app.get('/rounds/:id/results', {
    config: { access: 'assessment.read' },
    schema: { tags: TAGS, summary: '考核结果：总分、排名、星级、奖金系数', params: roundParams, response: { 200: resultsView } },
  }, async (request) => resultsFor(p, actorOf(request), request.params.id));

  app.get('/rounds/:id/results.xlsx', {
    config: { access: 'assessment.read' },
    schema: { tags: TAGS, summary: '考核结果导出（奖金核算）', params: roundParams },
  }, async (request, reply) => {
    const r = await resultsFor(p, actorOf(request), request.params.id);
    type Row = (typeof r.items)[number];
    return sendXlsx<Row>(reply, `考核结果-${r.roundName}`, '考核结果', [
      { header: '排名', value: (x) => x.rank },
      { header: '对象', value: (x) => x.targetName, width: 24 },
      { header: '总分', value: (x) => x.total },
      { header: '星级', value: (x) => x.starName },
      { header: '奖金系数', value: (x) => x.bonusCoefficient },
      ...r.indicators.map((i) => ({ header: i.name, value: (x: Row) => x.scores[i.id] ?? '', width: Math.max(10, i.name.length * 2 + 4) })),
    ], r.items);
  });

  app.get('/targets/:targetId/history', {
    config: { access: 'assessment.read' },
    schema: {
      tags: TAGS, summary: '考核对象历次得分',
      params: z.object({ targetId: z.string().min(1).max(64).describe('考核对象') }),
      querystring: z.object({ schemeId: z.string().max(64).optional().describe('考核方案') }),
      response: { 200: historyView },
    },
  }, async (request) => targetHistory(p, actorOf(request), request.params.targetId, request.query.schemeId));

  app.post('/rounds/:id/publish', {
    config: { access: 'assessment.manage' },
    schema: {
      tags: TAGS, summary: '发布考核结果（发布后锁定）', params: roundParams,
      body: z.object({ force: z.boolean().optional().describe('强制发布'), reason: z.string().max(500).optional().describe('强制发布原因') }).optional(),
      response: { 200: resultsView },
    },
  }, async (request) => {
    const actor = actorOf(request);
    await publishRound(p, request.audit, actor, request.params.id, request.body ?? {});
    return resultsFor(p, actor, request.params.id);
  });

  app.post('/rounds/:id/corrections', {
    config: { access: 'assessment.manage' },
    schema: {
      tags: TAGS, summary: '更正已发布的得分（须说明原因）', params: roundParams,
      body: z.object({
        targetId: z.string().min(1).describe('考核对象'),
        indicatorId: z.string().min(1).describe('指标'),
        score: z.number().describe('更正后得分'),
        reason: z.string().max(1000).describe('更正原因'),
      }),
      response: { 201: correctionView },
    },
  }, async (request, reply) => reply.code(201).send(await correctScore(p, request.audit, actorOf(request), request.params.id, request.body)));

  app.get('/rounds/:id/anomalies', {
    config: { access: 'assessment.manage' },
    schema: { tags: TAGS, summary: '考核异常', params: roundParams, response: { 200: anomaliesView } },
  }, async (request) => listAnomalies(p, actorOf(request), request.params.id));

  app.post('/rounds/:id/anomalies/task', {
    config: { access: 'assessment.manage' },
    schema: {
      tags: TAGS, summary: '就考核异常发起督办', params: roundParams,
      body: z.object({ anomalyKey: z.string().min(1).max(300).describe('异常') }),
      response: { 200: anomalyTaskView, 201: anomalyTaskView },
    },
  }, async (request, reply) => {
    const r = await openAnomalyTask(p, request.audit, actorOf(request), request.params.id, request.body.anomalyKey);
    return reply.code(r.created ? 201 : 200).send(r);
  });
};

export default assessmentResultRoutes;
