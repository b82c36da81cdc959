// /api/v1/dashboard: the 工作台's figures for one organisation in one request (cards registered by the modules).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/context.js';
import { dashboardQuery, dashboardView } from './schema.js';
import { dashboard } from './service.js';

const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;
  app.get('/', {
    config: { access: 'authenticated' },
    schema: { tags: ['工作台'], summary: '工作台：所选组织（默认本人最高一级）的各模块数字与图表，每项链接到对应列表', querystring: dashboardQuery, response: { 200: dashboardView } },
  }, async (request) => dashboard(p, actorOf(request), request.query.orgId));
};

export default dashboardRoutes;
