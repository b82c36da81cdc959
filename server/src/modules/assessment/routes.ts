// /api/v1/assessment core: schemes (indicator trees), the metric catalogue, rounds (wizard, progress, review)
// and score sheets (docs/api/assessment.md). Results, anomalies and corrections live in resultRoutes.ts.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { permissionHolders } from '../../platform/access/holders.js';
import { orgInScope } from '../org/index.js';
import { liveUnits } from '../units/index.js';
import { createScheme, deleteScheme, listSchemes, roundCounts, schemeById, schemeDetail, updateScheme } from './schemes.js';
import { backToScoring, createRound, deleteRound, listRounds, roundDetail, roundViews, startReview, visibleRound } from './rounds.js';
import { mySheets, reopenSheet, roundSheets, saveSheet, sheetDetail, submitSheet } from './sheets.js';
import {
  idParams, metricView, roundCreate, roundDetail as roundDetailSchema, roundQuery, roundView, schemeCreate, schemeDetail as schemeDetailSchema, schemePatch,
  schemeView as schemeViewSchema, sheetDetail as sheetDetailSchema, sheetPatch, sheetQuery, sheetSubmit, sheetView,
} from './schema.js';

const TAGS = ['量化考核'];

const assessmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;

  // ---- schemes ----
  app.get('/schemes', {
    config: { access: 'assessment.read' },
    schema: { tags: TAGS, summary: '考核方案列表', response: { 200: z.object({ items: z.array(schemeViewSchema) }) } },
  }, async (request) => ({ items: await listSchemes(p.db, actorOf(request).tenantId) }));

  app.get('/schemes/:id', {
    config: { access: 'assessment.read' },
    schema: { tags: TAGS, summary: '考核方案（含指标树）', params: idParams, response: { 200: schemeDetailSchema } },
  }, async (request) => {
    const tenantId = actorOf(request).tenantId;
    const s = await schemeById(p.db, tenantId, request.params.id);
    if (!s) throw notFound('考核方案');
    return schemeDetail(s, (await roundCounts(p.db, tenantId, [s.id])).get(s.id) ?? 0);
  });

  app.post('/schemes', {
    config: { access: 'assessment.manage' },
    schema: { tags: TAGS, summary: '新建考核方案', body: schemeCreate, response: { 201: schemeDetailSchema } },
  }, async (request, reply) => {
    const s = await createScheme(p, request.audit, actorOf(request), request.body);
    return reply.code(201).send(schemeDetail(s, 0));
  });

  app.patch('/schemes/:id', {
    config: { access: 'assessment.manage' },
    schema: { tags: TAGS, summary: '修改考核方案（指标变化时版本加一；已开启的考核保留原版本）', params: idParams, body: schemePatch, response: { 200: schemeDetailSchema } },
  }, async (request) => {
    const actor = actorOf(request);
    const s = await updateScheme(p, request.audit, actor, request.params.id, request.body);
    return schemeDetail(s, (await roundCounts(p.db, actor.tenantId, [s.id])).get(s.id) ?? 0);
  });

  app.delete('/schemes/:id', {
    config: { access: 'assessment.manage' },
    schema: { tags: TAGS, summary: '删除考核方案（已开启的考核不受影响）', params: idParams },
  }, async (request, reply) => {
    await deleteScheme(p, request.audit, actorOf(request), request.params.id);
    return reply.code(204).send();
  });

  app.get('/metrics', {
    config: { access: 'assessment.read' },
    schema: { tags: TAGS, summary: '可用于自动评分的数据指标', response: { 200: z.object({ items: z.array(metricView) }) } },
  }, async () => ({ items: p.metrics.list() }));

  app.get('/units', {
    config: { access: 'assessment.read' },
    schema: { tags: TAGS, summary: '责任单位（人工指标的评分单位）', response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) }) } },
  }, async (request) => {
    return { items: await liveUnits(p.db, actorOf(request).tenantId) };
  });

  app.get('/assessors', {
    config: { access: 'assessment.manage' },
    schema: {
      tags: TAGS, summary: '可选的考核人：对该组织（或其上级、下级）持有评分权限的账号',
      querystring: z.object({ orgId: z.string().trim().min(1, '请选择组织').max(64).describe('组织') }),
      response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), username: z.string() })) }) },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const org = await orgInScope(p.db, actor, 'assessment.manage', request.query.orgId);
    if (!org) throw notFound('组织');
    return { items: await permissionHolders(p.db, actor.tenantId, org.path, (perm) => perm === 'assessment.score') };
  });

  // ---- rounds ----
  app.get('/rounds', {
    config: { access: 'authenticated' },
    schema: { tags: TAGS, summary: '考核批次（本人可见的）', querystring: roundQuery, response: { 200: z.object({ items: z.array(roundView) }) } },
  }, async (request) => {
    const actor = actorOf(request);
    return { items: await roundViews(p, actor, await listRounds(p.db, actor, request.query)) };
  });

  app.post('/rounds', {
    config: { access: 'assessment.manage' },
    schema: { tags: TAGS, summary: '开启考核（向导：方案、考核期、范围、截止日期、考核人）', body: roundCreate, response: { 201: roundDetailSchema } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const id = await createRound(p, request.audit, actor, request.body);
    const { round, access } = await visibleRound(p, actor, id);
    return reply.code(201).send(await roundDetail(p, actor, round, access));
  });

  app.get('/rounds/:id', {
    config: { access: 'authenticated' },
    schema: { tags: TAGS, summary: '考核批次与评分进度', params: idParams, response: { 200: roundDetailSchema } },
  }, async (request) => {
    const actor = actorOf(request);
    const { round, access } = await visibleRound(p, actor, request.params.id);
    return roundDetail(p, actor, round, access);
  });

  app.delete('/rounds/:id', {
    config: { access: 'assessment.manage' },
    schema: { tags: TAGS, summary: '删除未发布的考核批次', params: idParams },
  }, async (request, reply) => {
    await deleteRound(p, request.audit, actorOf(request), request.params.id);
    return reply.code(204).send();
  });

  for (const [path, run, summary] of [
    ['start-review', startReview, '进入复核：计算并固定自动评分'],
    ['back-to-scoring', backToScoring, '退回评分阶段（清除已固定的自动评分）'],
  ] as const) {
    app.post(`/rounds/:id/${path}`, {
      config: { access: 'assessment.manage' },
      schema: { tags: TAGS, summary, params: idParams, response: { 200: roundDetailSchema } },
    }, async (request) => {
      const actor = actorOf(request);
      await run(p, request.audit, actor, request.params.id);
      const { round, access } = await visibleRound(p, actor, request.params.id);
      return roundDetail(p, actor, round, access);
    });
  }

  app.get('/rounds/:id/sheets', {
    config: { access: 'authenticated' },
    schema: { tags: TAGS, summary: '批次的评分表（管理员看全部，评分人看本人的）', params: idParams, response: { 200: z.object({ items: z.array(sheetView) }) } },
  }, async (request) => {
    const actor = actorOf(request);
    const { round, access } = await visibleRound(p, actor, request.params.id);
    return { items: await roundSheets(p, actor, round, access.manage) };
  });

  // ---- sheets ----
  app.get('/sheets', {
    config: { access: 'authenticated' },
    schema: { tags: TAGS, summary: '我的评分表', querystring: sheetQuery, response: { 200: z.object({ items: z.array(sheetView) }) } },
  }, async (request) => ({ items: await mySheets(p, actorOf(request), request.query) }));

  app.get('/sheets/:id', {
    config: { access: 'authenticated' },
    schema: { tags: TAGS, summary: '评分表（指标、评分标准、自动评分佐证）', params: idParams, response: { 200: sheetDetailSchema } },
  }, async (request) => sheetDetail(p, actorOf(request), request.params.id));

  app.patch('/sheets/:id', {
    config: { access: 'authenticated' },
    schema: { tags: TAGS, summary: '保存评分草稿', params: idParams, body: sheetPatch, response: { 200: sheetDetailSchema } },
  }, async (request) => {
    const actor = actorOf(request);
    await saveSheet(p, request.audit, actor, request.params.id, request.body);
    return sheetDetail(p, actor, request.params.id);
  });

  app.post('/sheets/:id/submit', {
    config: { access: 'authenticated' },
    schema: { tags: TAGS, summary: '提交评分表（须全部指标已评分）', params: idParams, body: sheetSubmit, response: { 200: sheetDetailSchema } },
  }, async (request) => {
    const actor = actorOf(request);
    await submitSheet(p, request.audit, actor, request.params.id, request.body?.scores ? { scores: request.body.scores } : undefined);
    return sheetDetail(p, actor, request.params.id);
  });

  app.post('/sheets/:id/reopen', {
    config: { access: 'assessment.manage' },
    schema: { tags: TAGS, summary: '退回评分表（管理员）', params: idParams, response: { 200: sheetDetailSchema } },
  }, async (request) => {
    const actor = actorOf(request);
    await reopenSheet(p, request.audit, actor, request.params.id);
    return sheetDetail(p, actor, request.params.id);
  });

};

export default assessmentRoutes;
