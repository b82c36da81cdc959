// /api/v1/admin/account-requests: the two-person acts on accounts (requests.ts). The 系统管理员 proposes under
// /admin/users; here every 三员 account lists what concerns it, the approving class approves or refuses, the
// proposer withdraws. Other accounts are refused in the service (the route is open to any signed-in user
// because three different permissions reach it).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../context.js';
import { approveRequest, cancelRequest, listRequests, refuseRequest } from './requests.js';
import { requestView } from './schema.js';

const idParams = z.object({ id: z.string().min(1).max(64).describe('申请编号') });

const accountRequestRoutes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;
  const access = { access: 'authenticated' as const };

  app.get('/', {
    config: access,
    schema: {
      tags: ['系统管理'], summary: '账号申请（重置密码、停用启用三员账号）',
      querystring: z.object({ status: z.enum(['pending', 'all']).default('pending').describe('范围') }),
      response: { 200: z.object({ items: z.array(requestView) }) },
    },
  }, async (request) => ({ items: await listRequests(p, actorOf(request), request.query.status) }));

  app.post('/:id/approve', {
    config: access,
    schema: {
      tags: ['系统管理'], summary: '批准账号申请（重置密码时返回临时密码后半段，只显示这一次）', params: idParams,
      response: { 200: z.object({ partB: z.string().nullable().describe('临时密码后半段') }) },
    },
  }, async (request) => approveRequest(p, request.audit, actorOf(request), request.params.id));

  app.post('/:id/refuse', {
    config: access,
    schema: { tags: ['系统管理'], summary: '拒绝账号申请', params: idParams },
  }, async (request, reply) => {
    await refuseRequest(p, request.audit, actorOf(request), request.params.id);
    return reply.status(204).send();
  });

  app.post('/:id/cancel', {
    config: access,
    schema: { tags: ['系统管理'], summary: '撤销本人提出的账号申请', params: idParams },
  }, async (request, reply) => {
    await cancelRequest(p, request.audit, actorOf(request), request.params.id);
    return reply.status(204).send();
  });
};

export default accountRequestRoutes;
