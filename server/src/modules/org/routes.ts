// /api/v1/orgs: the Party organisation tree in the user's scope, its records, moves and committee posts.
// Out-of-scope ids answer 404 exactly like missing ones.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../../platform/access/can.js';
import { actorOf } from '../../platform/context.js';
import { fieldError, notFound } from '../../platform/errors.js';
import { addDays, daysBetween, shanghaiDate } from '../../platform/calendar.js';
import { pageResponse, window } from '../../platform/http/paging.js';
import { sendXlsx } from '../../platform/export/xlsx.js';
import { orgPeople } from './people.js';
import { listOrgs, orgInScope, orgName, orgsInScope, postById, postsOf, termsEndingBy } from './queries.js';
import {
  expiringItem, expiringQuery, ORG_KIND_NAMES, orgCreate, orgDetail, orgListItem, orgListQuery, orgParams, orgPatch, orgView,
  POST_NAMES, POSTS, postCreate, postParams, postView, type Post,
} from './schema.js';
import { addPost, createOrg, deleteOrg, endPost, toView, updateOrg } from './service.js';
import { ORG_RULES } from './settings.js';
import { orgWarnings } from './warnings.js';

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
  }, async (request) => {
    const actor = actorOf(request);
    const days = request.query.days ?? (await p.settings.get(actor.tenantId, ORG_RULES)).termReminderDays;
    const today = shanghaiDate(p.clock.now());
    const until = addDays(today, days);
    const rows = await termsEndingBy(p.db, actor, until);
    return { items: rows.map((o) => ({ ...toView(o), daysLeft: daysBetween(today, o.term_ends_on!) })) };
  });

  app.get('/:id', {
    config: { access: 'org.read' },
    schema: { tags, summary: '组织详情：上级、提示、班子成员', params: orgParams, response: { 200: orgDetail } },
  }, async (request) => {
    const org = await orgInScope(p.db, actorOf(request), 'org.read', request.params.id);
    if (!org) throw notFound('组织');
    const [parentName, posts, rules, counts] = await Promise.all([
      orgName(p.db, org.tenant_id, org.parent_id),
      postsOf(p.db, org, { current: true }),
      p.settings.get(org.tenant_id, ORG_RULES),
      orgPeople(p).liveCounts(p.db, org.tenant_id, org.path),
    ]);
    const names = await orgPeople(p).byId(p.db, org.tenant_id, posts.map((x) => x.member_id));
    return {
      ...toView(org),
      parentName,
      warnings: orgWarnings(org, { today: shanghaiDate(p.clock.now()), rules, posts, counts }),
      posts: posts.sort((a, b) => POSTS.indexOf(a.post as Post) - POSTS.indexOf(b.post as Post)).map((x) => ({
        id: x.id, memberId: x.member_id, name: names.get(x.member_id)?.name ?? '', post: x.post as Post,
        postName: POST_NAMES[x.post as Post] ?? x.post, startedOn: x.started_on, endedOn: x.ended_on,
      })),
    };
  });

  app.patch('/:id', {
    config: { access: 'org.write' },
    schema: { tags, summary: '修改组织信息，或调整上级组织（整棵子树与党员随之调整）', params: orgParams, body: orgPatch, response: { 200: orgView } },
  }, async (request) => {
    const actor = actorOf(request);
    const org = await orgInScope(p.db, actor, 'org.write', request.params.id);
    if (!org) throw notFound('组织');
    let newParent = null;
    if (request.body.parentId !== undefined && request.body.parentId !== org.parent_id) {
      newParent = await orgInScope(p.db, actor, 'org.write', request.body.parentId);
      if (!newParent || newParent.tenant_id !== org.tenant_id) throw notFound('上级组织');
    }
    return toView(await updateOrg(p, request.audit, org, request.body, newParent));
  });

  app.delete('/:id', {
    config: { access: 'org.write' },
    schema: { tags, summary: '删除组织（可由管理员恢复；有下级组织或党员时不能删除）', params: orgParams },
  }, async (request, reply) => {
    const org = await orgInScope(p.db, actorOf(request), 'org.write', request.params.id);
    if (!org) throw notFound('组织');
    await deleteOrg(p, request.audit, org, async (trx) => (await orgPeople(p).liveCounts(trx, org.tenant_id, org.path)).total);
    return reply.status(204).send();
  });

  app.post('/:id/posts', {
    config: { access: 'org.write' },
    schema: { tags, summary: '任命班子成员（书记、委员、党小组长等）', params: orgParams, body: postCreate, response: { 201: postView } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const org = await orgInScope(p.db, actor, 'org.write', request.params.id);
    if (!org) throw notFound('组织');
    const member = (await orgPeople(p).byId(p.db, org.tenant_id, [request.body.memberId])).get(request.body.memberId);
    const place = member?.orgPath;
    if (!member || !place || !can(actor, 'member.read', { tenantId: org.tenant_id, orgPath: place })) throw notFound('党员');
    if (!place.startsWith(org.path)) throw fieldError('memberId', `${member.name}不是本组织的党员，不能担任本组织职务`);
    const row = await addPost(p, request.audit, org, { memberId: member.id, memberName: member.name, post: request.body.post, startedOn: request.body.startedOn ?? null });
    return reply.status(201).send({
      id: row.id, memberId: row.member_id, name: member.name, post: request.body.post, postName: POST_NAMES[request.body.post],
      startedOn: row.started_on, endedOn: row.ended_on,
    });
  });

  app.delete('/:id/posts/:postId', {
    config: { access: 'org.write' },
    schema: { tags, summary: '免去职务（保留任职记录）', params: postParams },
  }, async (request, reply) => {
    const org = await orgInScope(p.db, actorOf(request), 'org.write', request.params.id);
    if (!org) throw notFound('组织');
    const post = await postById(p.db, org, request.params.postId);
    if (!post || post.ended_on) throw notFound('任职记录');
    await endPost(p, request.audit, org, post);
    return reply.status(204).send();
  });
};

export default orgRoutes;
