// /api/v1/orgs: the organisation tree in the user's scope. Out-of-scope ids answer 404.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { orgInScope, orgsInScope } from './queries.js';
import { orgParams, orgPatch, orgView } from './schema.js';
import { renameOrg, toView } from './service.js';

const orgRoutes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;

  app.get('/tree', {
    config: { access: 'org.read' },
    schema: { tags: ['党组织'], summary: '数据范围内的组织（平铺，按路径排序）', response: { 200: z.object({ items: z.array(orgView) }) } },
  }, async (request) => ({ items: (await orgsInScope(p.db, actorOf(request), 'org.read')).map(toView) }));

  app.get('/:id', {
    config: { access: 'org.read' },
    schema: { tags: ['党组织'], summary: '组织详情', params: orgParams, response: { 200: orgView } },
  }, async (request) => {
    const org = await orgInScope(p.db, actorOf(request), 'org.read', request.params.id);
    if (!org) throw notFound('组织');
    return toView(org);
  });

  app.patch('/:id', {
    config: { access: 'org.write' },
    schema: { tags: ['党组织'], summary: '修改组织名称', params: orgParams, body: orgPatch, response: { 200: orgView } },
  }, async (request) => {
    const org = await orgInScope(p.db, actorOf(request), 'org.write', request.params.id);
    if (!org) throw notFound('组织');
    return toView(await renameOrg(p, request.audit, org, request.body.name));
  });
};

export default orgRoutes;
