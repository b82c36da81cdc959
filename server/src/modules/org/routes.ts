// /api/v1/orgs: the Party organisation tree in the user's scope, its records, moves and committee posts.
// Out-of-scope ids answer 404 exactly like missing ones.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { pageResponse, window } from '../../platform/http/paging.js';
import { sendXlsx } from '../../platform/export/xlsx.js';
import { orgInScope, orgsInScope } from './policy.js';
import { listOrgs } from './queries.js';
import {
  expiringItem, expiringQuery, ORG_KIND_NAMES, orgCreate, orgDetail, orgListItem, orgListQuery, orgParams, orgPatch, orgView, postCreate, postParams, postView,
} from './schema.js';
import { appointPost, createOrg, deleteOrg, endPost, expiringTerms, orgDetailOf, toView, updateOrg } from './service.js';

const tags = ['党组织'];

const orgRoutes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;

  app.get('/tree', {
    config: { access: 'org.read' },
    schema: { tags, summary: '数据范围内的组织（平铺，按路径排序）', response: { 200: z.object({ items: z.array(orgView) }) } },
  }, async (request) => ({ items: (await orgsInScope(p.db, actorOf(request), 'org.read')).map(toView) }));

  app.get('/', {
    config: { access: 'org.read' },
    schema: { tags, summary: '组织列表（可导出 Excel）', querystring: orgListQuery, response: { 200: pageResponse(orgListItem) } },
  }, async (request, reply) => {
    const q = request.query;
    const { rows, total } = await listOrgs(p.db, actorOf(request), { kind: q.kind, keyword: q.keyword, parentId: q.parentId, sort: q.sort, order: q.order, ...window(q) });
    const items = rows.map((r) => ({ ...toView(r), parentName: r.parent_name }));
    if (q.format === 'xlsx') {
      return sendXlsx(reply, '党组织列表', '党组织', [
        { header: '组织名称', value: (o) => o.name, width: 28 },
        { header: '组织类别', value: (o) => ORG_KIND_NAMES[o.kind] },
        { header: '组织编码', value: (o) => o.code },
        { header: '上级组织', value: (o) => o.parentName, width: 28 },
        { header: '成立日期', value: (o) => o.foundedOn, width: 14 },
        { header: '本届任期开始日期', value: (o) => o.termStartedOn, width: 18 },
        { header: '本届任期届满日期', value: (o) => o.termEndsOn, width: 18 },
      ], items);
    }
    return { items, total, page: q.page, pageSize: q.pageSize };
  });

  app.post('/', {
    config: { access: 'org.write' },
    schema: { tags, summary: '新建下级组织', body: orgCreate, response: { 201: orgView } },
  }, async (request, reply) => {
    const parent = await orgInScope(p.db, actorOf(request), 'org.write', request.body.parentId);
    if (!parent) throw notFound('上级组织');
    const row = await createOrg(p, request.audit, parent, request.body);
    return reply.status(201).send(toView(row));
  });

  app.get('/terms/expiring', {
    config: { access: 'org.read' },
    schema: { tags, summary: '任期即将届满（或已届满）的组织', querystring: expiringQuery, response: { 200: z.object({ items: z.array(expiringItem) }) } },
  }, async (request) => ({ items: await expiringTerms(p, actorOf(request), request.query.days) }));

  app.get('/:id', {
    config: { access: 'org.read' },
    schema: { tags, summary: '组织详情：上级、提示、班子成员', params: orgParams, response: { 200: orgDetail } },
  }, async (request) => {
    const org = await orgInScope(p.db, actorOf(request), 'org.read', request.params.id);
    if (!org) throw notFound('组织');
    return orgDetailOf(p, org);
  });

  app.patch('/:id', {
    config: { access: 'org.write' },
    schema: { tags, summary: '修改组织信息，或调整上级组织（整棵子树与党员随之调整）', params: orgParams, body: orgPatch, response: { 200: orgView } },
  }, async (request) => {
    const actor = actorOf(request);
    const org = await orgInScope(p.db, actor, 'org.write', request.params.id);
    if (!org) throw notFound('组织');
    return toView(await updateOrg(p, request.audit, actor, org, request.body));
  });

  app.delete('/:id', {
    config: { access: 'org.write' },
    schema: { tags, summary: '删除组织（可由管理员恢复；有下级组织或党员时不能删除）', params: orgParams },
  }, async (request, reply) => {
    const org = await orgInScope(p.db, actorOf(request), 'org.write', request.params.id);
    if (!org) throw notFound('组织');
    await deleteOrg(p, request.audit, org);
    return reply.status(204).send();
  });

  app.post('/:id/posts', {
    config: { access: 'org.write' },
    schema: { tags, summary: '任命班子成员（书记、委员、党小组长等）', params: orgParams, body: postCreate, response: { 201: postView } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const org = await orgInScope(p.db, actor, 'org.write', request.params.id);
    if (!org) throw notFound('组织');
    return reply.status(201).send(await appointPost(p, request.audit, actor, org, request.body));
  });

  app.delete('/:id/posts/:postId', {
    config: { access: 'org.write' },
    schema: { tags, summary: '免去职务（保留任职记录）', params: postParams },
  }, async (request, reply) => {
    const org = await orgInScope(p.db, actorOf(request), 'org.write', request.params.id);
    if (!org) throw notFound('组织');
    await endPost(p, request.audit, org, request.params.postId);
    return reply.status(204).send();
  });
};

export default orgRoutes;
