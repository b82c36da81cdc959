// /api/v1/incentives: 考评 (rounds, the evaluation of every plaque, the holder's self-report, the branch's evaluation)
// and 星级评定 (compute, list, adjust with a reason, publish). Permission checks live in policy.ts.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/context.js';
import { sendXlsx } from '../../platform/export/xlsx.js';
import { checkMayUse } from './policy.js';
import { closeRound, listEvaluations, listRounds, myEvaluations, openRound, roundFor, roundView, writeBranch, writeSelf } from './evaluationRounds.js';
import { adjustStar, computeStars, publishStars } from './starCompute.js';
import { listStars, starFor, starViews } from './starQueries.js';
import {
  branchBody, evaluationList, evaluationListQuery, evaluationItem, evaluationParams, mineList, roundCreate, roundList, roundParams, roundView as roundViewSchema,
  selfBody, starAdjustBody, starComputed, starItem, starList, starListQuery, starParams, starYearBody, type EvaluationItem, type StarItem,
} from './evaluationSchema.js';
import { z } from 'zod';

const TAG = ['激励'];
const KIND_NAMES = { branch: '党支部', community: '小区', unit: '单位', member: '党员' } as const;
const starText = (mode: 'stars' | 'tiers', n: number) => (mode === 'tiers' ? ['未达标', '达标', '星级'][n] ?? '' : n > 0 ? `${n}星` : '无数据');

const evaluationRoutes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;

  // ---------- rounds ----------

  app.get('/evaluation-rounds', {
    config: { access: 'incentive.read' },
    schema: { tags: TAG, summary: '考评批次（含本人可见范围内的记录数、完成数、建议摘牌数）', response: { 200: roundList } },
  }, async (request) => ({ items: await listRounds(p, actorOf(request)) }));

  app.post('/evaluation-rounds', {
    config: { access: 'incentive.manage' },
    schema: { tags: TAG, summary: '开启考评（党委；为周期内挂牌的每个示范岗、责任区建立考评记录，复制当时的权重与分数线）', body: roundCreate, response: { 201: roundViewSchema } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const r = await openRound(p, request.audit, actor, request.body.period);
    return reply.status(201).send(await roundView(p, actor, r));
  });

  app.post('/evaluation-rounds/:id/close', {
    config: { access: 'incentive.manage' },
    schema: { tags: TAG, summary: '结束考评（党委；固定群众评价得分，未填的部分计 0 分，低于分数线的标记建议摘牌）', params: roundParams, response: { 200: roundViewSchema } },
  }, async (request) => {
    const actor = actorOf(request);
    await closeRound(p, request.audit, actor, await roundFor(p.db, actor.tenantId, request.params.id));
    return roundView(p, actor, await roundFor(p.db, actor.tenantId, request.params.id));
  });

  app.get('/evaluation-rounds/:id/evaluations', {
    config: { access: 'incentive.read' },
    schema: { tags: TAG, summary: '某批次的考评记录（组织含下级、建议摘牌、待评筛选；format=xlsx 导出）', params: roundParams, querystring: evaluationListQuery, response: { 200: evaluationList } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const round = await roundFor(p.db, actor.tenantId, request.params.id);
    const q = request.query;
    const { items, total } = await listEvaluations(p, actor, round, q);
    if (q.format !== 'xlsx') return { items, total, page: q.page, pageSize: q.pageSize, round: await roundView(p, actor, round) };
    const n = (v: number | null) => (v === null ? '' : v);
    return sendXlsx<EvaluationItem>(reply, `考评-${round.period}`, round.period, [
      { header: '名称', value: (r) => r.plaqueTitle, width: 32 }, { header: '类别', value: (r) => (r.kind === 'post' ? '示范岗' : '责任区') },
      { header: '党员', value: (r) => r.memberName, width: 10 }, { header: '组织', value: (r) => r.orgName, width: 22 }, { header: '岗位/责任区', value: (r) => r.place, width: 20 },
      { header: '自评', value: (r) => n(r.selfScore) }, { header: '群众评价', value: (r) => n(r.residentsScore) }, { header: '评价数', value: (r) => r.ratingCount },
      { header: '支部评价', value: (r) => n(r.branchScore) }, { header: '总分', value: (r) => n(r.total) }, { header: '建议摘牌', value: (r) => (r.flagged ? '是' : '') },
      { header: '评价意见', value: (r) => r.branchComment ?? '', width: 30 },
    ], items);
  });

  // ---------- evaluations ----------

  app.get('/evaluations/mine', {
    config: { access: 'authenticated' },
    schema: { tags: TAG, summary: '本人示范岗（责任区）的考评（进行中的在前）', response: { 200: mineList } },
  }, async (request) => {
    const actor = actorOf(request);
    checkMayUse(actor);
    return { items: await myEvaluations(p, actor) };
  });

  app.put('/evaluations/:id/self', {
    config: { access: 'authenticated' },
    schema: { tags: TAG, summary: '填写自评（仅示范岗、责任区本人，考评进行中）', params: evaluationParams, body: selfBody, response: { 200: evaluationItem } },
  }, async (request) => {
    const actor = actorOf(request);
    checkMayUse(actor);
    return writeSelf(p, request.audit, actor, request.params.id, request.body);
  });

  app.put('/evaluations/:id/branch', {
    config: { access: 'incentive.write' },
    schema: { tags: TAG, summary: '支部评价（对该示范岗组织有激励编辑权限，本人除外；考评进行中）', params: evaluationParams, body: branchBody, response: { 200: evaluationItem } },
  }, async (request) => writeBranch(p, request.audit, actorOf(request), request.params.id, request.body));

  // ---------- 星级评定 ----------

  app.get('/stars', {
    config: { access: 'incentive.read' },
    schema: { tags: TAG, summary: '星级评定（年度、对象类别；未发布的年度仅党委可见；format=xlsx 导出）', querystring: starListQuery, response: { 200: starList } },
  }, async (request, reply) => {
    const q = request.query;
    const list = await listStars(p, actorOf(request), q);
    if (q.format !== 'xlsx') return list;
    return sendXlsx<StarItem>(reply, `星级评定-${q.year}-${KIND_NAMES[q.kind]}`, `${q.year}${KIND_NAMES[q.kind]}`, [
      { header: KIND_NAMES[q.kind], value: (r) => r.subjectName, width: 24 }, { header: '所属组织', value: (r) => r.orgName, width: 22 },
      { header: '得分', value: (r) => r.computedScore ?? '' }, { header: '计算星级', value: (r) => starText(list.mode, r.computedStars) },
      { header: '评定星级', value: (r) => starText(list.mode, r.stars) }, { header: '调整理由', value: (r) => r.adjustReason ?? '', width: 30 },
      { header: '依据', value: (r) => r.basis.map((b) => `${b.label}${b.value === null ? '无数据' : ` ${b.value}`}（权重 ${b.weight}）`).join('；'), width: 60 },
    ], list.items);
  });

  app.post('/stars/compute', {
    config: { access: 'incentive.manage' },
    schema: { tags: TAG, summary: '计算（或重新计算）某年度星级评定（党委；人工调整的星级保留，已发布的年度不能再计算）', body: starYearBody, response: { 200: starComputed } },
  }, async (request) => computeStars(p, request.audit, actorOf(request), request.body.year));

  app.post('/stars/publish', {
    config: { access: 'incentive.manage' },
    schema: { tags: TAG, summary: '发布某年度星级评定（党委；发布后各组织可见，不能再调整）', body: starYearBody, response: { 200: z.object({ published: z.number().int() }) } },
  }, async (request) => publishStars(p, request.audit, actorOf(request), request.body.year));

  app.put('/stars/:id/adjust', {
    config: { access: 'incentive.manage' },
    schema: { tags: TAG, summary: '人工调整星级（党委；须填写理由，记入审计）', params: starParams, body: starAdjustBody, response: { 200: starItem } },
  }, async (request) => {
    const actor = actorOf(request);
    const row = await starFor(p, actor, request.params.id);
    await adjustStar(p, request.audit, actor, row, request.body);
    return (await starViews(p, actor, [await starFor(p, actor, row.id)]))[0]!;
  });
};

export default evaluationRoutes;
