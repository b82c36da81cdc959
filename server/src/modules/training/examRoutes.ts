// /api/v1/training/exams…: keeping exams (list, form, paper check, publish, close, delete, statistics, results export),
// and the learner's routes (attemptRoutes.ts). HTTP only: rules live in exams.ts, examPaper.ts and policy.ts.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sql } from 'kysely';
import { likeLiteral } from '../../db/dialect.js';
import { liveOrg, orgNames } from '../org/index.js';
import { fieldError, notFound } from '../../platform/errors.js';
import { sendXlsx } from '../../platform/export/xlsx.js';
import { todayIn } from '../../platform/calendar.js';
import { pageResponse } from '../../platform/http/paging.js';
import attemptRoutes from './attemptRoutes.js';
import { checkRules, poolQuery } from './examPaper.js';
import {
  examDetail as detailSchema, examCreate, examItem, examListQuery, examParams, examPatch, examStats, poolAnswer, poolQuery as poolQuerySchema, rulesCheckAnswer, rulesCheckBody,
} from './examSchema.js';
import { closeExam, createExam, deleteExam, editExam, examDetail, examFor, listExams, publishExam } from './exams.js';
import { examResultRows, examStatistics, RESULT_COLUMNS } from './examStats.js';
import { keepsExam } from './policy.js';
import { moduleActor } from './routeActor.js';

const TAGS = ['教育培训'];

const examRoutes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;
  await app.register(attemptRoutes);

  /** The organisation a paper is built for: live and kept by the actor, else a 400 naming the field. */
  async function keptOrg(actor: ReturnType<typeof moduleActor>, orgId: string) {
    const org = await liveOrg(p.db, actor.tenantId, orgId);
    if (!org || !keepsExam(actor, { org_path: org.path })) throw fieldError('orgId', '组织不存在或不在您的管理范围内');
    return org;
  }

  app.get('/exams', {
    config: { access: 'training.read' },
    schema: { tags: TAGS, summary: '考试列表（可见组织的考试）', querystring: examListQuery, response: { 200: pageResponse(examItem) } },
  }, async (request) => listExams(p, moduleActor(request), request.query));

  app.post('/exams', {
    config: { access: 'training.write' },
    schema: { tags: TAGS, summary: '新建考试（草稿；固定试卷或随机组卷，保存时核对题库）', body: examCreate, response: { 201: detailSchema } },
  }, async (request, reply) => reply.status(201).send(await createExam(p, request.audit, moduleActor(request), request.body)));

  app.get('/exams/pool', {
    config: { access: 'training.write' },
    schema: { tags: TAGS, summary: '组卷可用的题目（本组织、下级和上级的题库；含答案，仅出题人可见）', querystring: poolQuerySchema, response: { 200: poolAnswer } },
  }, async (request) => {
    const actor = moduleActor(request);
    const q = request.query;
    // A query names no field to blame: an organisation out of reach is answered like a missing one.
    const org = await liveOrg(p.db, actor.tenantId, q.orgId);
    if (!org || !keepsExam(actor, { org_path: org.path })) throw notFound('组织');
    let base = poolQuery(p.db, actor.tenantId, org.path, { ...(q.kind ? { kind: q.kind } : {}), ...(q.tag ? { tag: q.tag } : {}), ...(q.difficulty ? { difficulty: q.difficulty } : {}) });
    if (q.keyword) base = base.where(likeLiteral(sql.ref<string>('q.stem'), q.keyword, 'anywhere'));
    const [rows, n] = await Promise.all([
      base.selectAll('q').orderBy('q.created_at').orderBy('q.id').limit(200).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    const names = await orgNames(p.db, [actor.tenantId], rows.map((r) => r.org_id));
    return {
      available: Number(n.n),
      items: rows.map((r) => ({
        id: r.id, kind: r.kind, stem: r.stem, options: JSON.parse(r.options) as { key: string; text: string }[], answer: JSON.parse(r.answer) as string[],
        difficulty: r.difficulty, tags: JSON.parse(r.tags) as string[], orgName: names.get(`${r.tenant_id}/${r.org_id}`) ?? '',
      })),
    };
  });

  app.post('/exams/rules-check', {
    config: { access: 'training.write' },
    schema: { tags: TAGS, summary: '核对抽题规则：每条规则题库可用多少道，不足时的说明', body: rulesCheckBody, response: { 200: rulesCheckAnswer } },
  }, async (request) => {
    const actor = moduleActor(request);
    const org = await keptOrg(actor, request.body.orgId);
    return checkRules(p.db, actor.tenantId, org.path, request.body.rules);
  });

  app.get('/exams/:id', {
    config: { access: 'training.read' },
    schema: { tags: TAGS, summary: '考试详情（含试卷或抽题规则）', params: examParams, response: { 200: detailSchema } },
  }, async (request) => {
    const actor = moduleActor(request);
    return examDetail(p, actor, await examFor(p.db, actor, request.params.id));
  });

  app.patch('/exams/:id', {
    config: { access: 'training.write' },
    schema: { tags: TAGS, summary: '修改考试（已有人参加的考试不能再改试卷、开始时间、时长和及格分）', params: examParams, body: examPatch, response: { 200: detailSchema } },
  }, async (request) => {
    const actor = moduleActor(request);
    return editExam(p, request.audit, actor, await examFor(p.db, actor, request.params.id), request.body);
  });

  app.post('/exams/:id/publish', {
    config: { access: 'training.write' },
    schema: { tags: TAGS, summary: '发布考试（再次核对题库；发布后本组织及下级党员可见）', params: examParams, response: { 200: detailSchema } },
  }, async (request) => {
    const actor = moduleActor(request);
    return publishExam(p, request.audit, actor, await examFor(p.db, actor, request.params.id));
  });

  app.post('/exams/:id/close', {
    config: { access: 'training.write' },
    schema: { tags: TAGS, summary: '提前结束考试（结束时间改为现在，进行中的答卷在此刻截止）', params: examParams, response: { 200: detailSchema } },
  }, async (request) => {
    const actor = moduleActor(request);
    return closeExam(p, request.audit, actor, await examFor(p.db, actor, request.params.id));
  });

  app.delete('/exams/:id', {
    config: { access: 'training.write' },
    schema: { tags: TAGS, summary: '删除考试（仅限无人参加的考试）', params: examParams, response: { 204: z.null() } },
  }, async (request, reply) => {
    const actor = moduleActor(request);
    await deleteExam(p, request.audit, actor, await examFor(p.db, actor, request.params.id));
    return reply.status(204).send(null);
  });

  app.get('/exams/:id/stats', {
    config: { access: 'training.read' },
    schema: { tags: TAGS, summary: '考试统计：应考、参考、及格、及格率、平均分，按支部和按题目（正确率）', params: examParams, response: { 200: examStats } },
  }, async (request) => {
    const actor = moduleActor(request);
    return examStatistics(p, await examFor(p.db, actor, request.params.id));
  });

  app.get('/exams/:id/results.xlsx', {
    config: { access: 'training.read' },
    schema: { tags: TAGS, summary: '导出考试成绩（每人最高分）', params: examParams },
  }, async (request, reply) => {
    const actor = moduleActor(request);
    const e = await examFor(p.db, actor, request.params.id);
    const rows = await examResultRows(p, e);
    await p.audit.recordAlone(request.audit, { action: 'export', entity: 'trainingExam', entityId: e.id, after: { count: rows.length } });
    return sendXlsx(reply, `${e.title}-成绩-${todayIn(p.clock)}`, '成绩', RESULT_COLUMNS, rows);
  });
};

export default examRoutes;
