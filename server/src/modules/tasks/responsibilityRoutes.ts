// 党建工作责任制 (/api/v1/responsibilities): HTTP only; the rules and SQL are responsibilities.ts, who may is
// policy.ts. Visible with task.read over the organisation or to the leader; written with task.write over it;
// reports by the leader or a task.write holder there.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/context.js';
import { pageResponse, window } from '../../platform/http/paging.js';
import {
  responsibilityCreate, responsibilityDetail, responsibilityListQuery, responsibilityParams, responsibilityPatch, responsibilityReportBody, responsibilityView,
} from './schema.js';
import { createResponsibility, editResponsibility, reportOnResponsibility, responsibilityDetailOf, responsibilityList } from './responsibilities.js';

const responsibilityRoutes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;

  app.get('/responsibilities', {
    config: { access: 'authenticated' },
    schema: { tags: ['督办'], summary: '党建工作责任制（按年度、组织）', querystring: responsibilityListQuery, response: { 200: pageResponse(responsibilityView) } },
  }, async (request) => {
    const q = request.query;
    const { items, total } = await responsibilityList(p, actorOf(request), { year: q.year, orgId: q.orgId, ...window(q) });
    return { items, total, page: q.page, pageSize: q.pageSize };
  });

  app.post('/responsibilities', {
    config: { access: 'task.write' },
    schema: { tags: ['督办'], summary: '新建责任书（年度责任清单）', body: responsibilityCreate, response: { 201: responsibilityDetail } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const id = await createResponsibility(p, request.audit, actor, request.body);
    return reply.status(201).send(await responsibilityDetailOf(p, actor, id));
  });

  app.get('/responsibilities/:id', {
    config: { access: 'authenticated' },
    schema: { tags: ['督办'], summary: '责任书详情（条目、各期汇报）', params: responsibilityParams, response: { 200: responsibilityDetail } },
  }, async (request) => responsibilityDetailOf(p, actorOf(request), request.params.id));

  app.patch('/responsibilities/:id', {
    config: { access: 'task.write' },
    schema: { tags: ['督办'], summary: '修改责任书（items 整体替换，带 id 的条目保留）', params: responsibilityParams, body: responsibilityPatch, response: { 200: responsibilityDetail } },
  }, async (request) => {
    const actor = actorOf(request);
    await editResponsibility(p, request.audit, actor, request.params.id, request.body);
    return responsibilityDetailOf(p, actor, request.params.id);
  });

  app.post('/responsibilities/:id/reports', {
    config: { access: 'authenticated' },
    schema: { tags: ['督办'], summary: '履职汇报（每期一次）', params: responsibilityParams, body: responsibilityReportBody, response: { 201: responsibilityDetail } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    await reportOnResponsibility(p, request.audit, actor, request.params.id, request.body);
    return reply.status(201).send(await responsibilityDetailOf(p, actor, request.params.id));
  });
};

export default responsibilityRoutes;
