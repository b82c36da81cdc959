// /api/v1/units: the administrative unit tree. Tenant-wide: staff.read / staff.write over the committee.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { rootTenant } from '../people/policy.js';
import { unitCreate, unitParams, unitPatch, unitView } from './schema.js';
import { createUnit, deleteUnit, findUnit, listUnits, unitView as viewOf, updateUnit } from './service.js';

const unitRoutes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;

  app.get('/', {
    config: { access: 'staff.read' },
    schema: { tags: ['单位'], summary: '单位树（平铺，按路径排序）', response: { 200: z.object({ items: z.array(unitView) }) } },
  }, async (request) => ({ items: await listUnits(p.db, rootTenant(actorOf(request), 'staff.read')) }));

  app.post('/', {
    config: { access: 'staff.write' },
    schema: { tags: ['单位'], summary: '新建单位', body: unitCreate, response: { 201: unitView } },
  }, async (request, reply) => {
    const tenantId = rootTenant(actorOf(request), 'staff.write');
    return reply.status(201).send(await createUnit(p, request.audit, tenantId, request.body));
  });

  app.get('/:id', {
    config: { access: 'staff.read' },
    schema: { tags: ['单位'], summary: '单位详情', params: unitParams, response: { 200: unitView } },
  }, async (request) => {
    const unit = await findUnit(p.db, rootTenant(actorOf(request), 'staff.read'), request.params.id);
    if (!unit) throw notFound('单位');
    return viewOf(p.db, unit);
  });

  app.patch('/:id', {
    config: { access: 'staff.write' },
    schema: { tags: ['单位'], summary: '修改或移动单位', params: unitParams, body: unitPatch, response: { 200: unitView } },
  }, async (request) => {
    const unit = await findUnit(p.db, rootTenant(actorOf(request), 'staff.write'), request.params.id);
    if (!unit) throw notFound('单位');
    return updateUnit(p, request.audit, unit, request.body);
  });

  app.delete('/:id', {
    config: { access: 'staff.write' },
    schema: { tags: ['单位'], summary: '删除单位（有员工或下级单位时不能删除）', params: unitParams },
  }, async (request, reply) => {
    const unit = await findUnit(p.db, rootTenant(actorOf(request), 'staff.write'), request.params.id);
    if (!unit) throw notFound('单位');
    await deleteUnit(p, request.audit, unit);
    return reply.status(204).send();
  });
};

export default unitRoutes;
