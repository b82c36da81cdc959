// /api/v1/proposals: 合理化建议 and 创效. Everyone with proposal.submit files proposals and always sees their
// own; proposal.read shows those of organisations in scope; proposal.manage decides and records the value.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { actorOf } from '../../platform/context.js';
import type { Actor } from '../../platform/access/actor.js';
import { notFound } from '../../platform/errors.js';
import { shanghaiDate } from '../../platform/calendar.js';
import { pageResponse } from '../../platform/http/paging.js';
import { beijingTime, sendXlsx } from '../../platform/export/xlsx.js';
import { fenToYuan } from './money.js';
import { checkMayUse, visibleProposal } from './policy.js';
import {
  adoptBody, implementBody, listItem, listQuery, proposalCreate, proposalParams, proposalView as proposalViewSchema, rejectBody, statsQuery, statsView, STATUS_NAMES,
  valueBody, type ListItem, type ListQuery,
} from './schema.js';
import { createProposal, decide, listProposals, proposalStats, proposalView } from './service.js';

const TAG = ['合理化建议'];

const proposalsRoutes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;

  async function seen(request: { actor: Actor | null; params: { id: string } }) {
    const actor = actorOf(request);
    checkMayUse(actor);
    const r = await visibleProposal(p.db, actor, request.params.id);
    if (!r) throw notFound('合理化建议');
    return r;
  }

  function send(reply: FastifyReply, q: ListQuery, items: ListItem[], total: number) {
    if (q.format !== 'xlsx') return { items, total, page: q.page, pageSize: q.pageSize };
    return sendXlsx<ListItem>(reply, `合理化建议-${shanghaiDate(p.clock.now())}`, '合理化建议', [
      { header: '标题', value: (r) => r.title, width: 40 }, { header: '类别', value: (r) => r.category }, { header: '组织', value: (r) => r.orgName, width: 20 },
      { header: '提出人', value: (r) => r.proposerName }, { header: '状态', value: (r) => STATUS_NAMES[r.status] },
      { header: '提出时间', value: (r) => beijingTime(r.createdAt), width: 20 }, { header: '实施日期', value: (r) => r.implementedOn ?? '' },
      { header: '创效价值（元）', value: (r) => (r.valueFen === null ? '' : fenToYuan(r.valueFen)), width: 16 },
    ], items);
  }

  app.get('/', {
    config: { access: 'authenticated' },
    schema: { tags: TAG, summary: '合理化建议列表（状态、组织、mine=1 仅本人、q 中文搜索；format=xlsx 导出）', querystring: listQuery, response: { 200: pageResponse(listItem) } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    checkMayUse(actor);
    const { items, total } = await listProposals(p, actor, request.query);
    return send(reply, request.query, items, total);
  });

  app.get('/stats', {
    config: { access: 'proposal.read' },
    schema: { tags: TAG, summary: '统计：各组织与每位提出人的提出、采纳、实施件数与创效价值（分）', querystring: statsQuery, response: { 200: statsView } },
  }, async (request) => proposalStats(p, actorOf(request), request.query));

  app.post('/', {
    config: { access: 'proposal.submit' },
    schema: { tags: TAG, summary: '提出合理化建议（组织默认为本人所在支部）', body: proposalCreate, response: { 201: proposalViewSchema } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const r = await createProposal(p, request.audit, actor, request.body);
    return reply.status(201).send(await proposalView(p.db, actor, r));
  });

  app.get('/:id', {
    config: { access: 'authenticated' },
    schema: { tags: TAG, summary: '合理化建议详情', params: proposalParams, response: { 200: proposalViewSchema } },
  }, async (request) => proposalView(p.db, actorOf(request), await seen(request)));

  app.post('/:id/adopt', {
    config: { access: 'proposal.manage' },
    schema: { tags: TAG, summary: '采纳', params: proposalParams, body: adoptBody, response: { 200: proposalViewSchema } },
  }, async (request) => {
    const actor = actorOf(request);
    return proposalView(p.db, actor, await decide(p, request.audit, actor, await seen(request), 'adopt', { note: request.body.note }));
  });

  app.post('/:id/reject', {
    config: { access: 'proposal.manage' },
    schema: { tags: TAG, summary: '不采纳（须填写理由）', params: proposalParams, body: rejectBody, response: { 200: proposalViewSchema } },
  }, async (request) => {
    const actor = actorOf(request);
    return proposalView(p.db, actor, await decide(p, request.audit, actor, await seen(request), 'reject', { note: request.body.note }));
  });

  app.post('/:id/implement', {
    config: { access: 'proposal.manage' },
    schema: { tags: TAG, summary: '登记实施与创效价值（元，最多两位小数，按分精确保存）', params: proposalParams, body: implementBody, response: { 200: proposalViewSchema } },
  }, async (request) => {
    const actor = actorOf(request);
    return proposalView(p.db, actor, await decide(p, request.audit, actor, await seen(request), 'implement', request.body));
  });

  app.post('/:id/value', {
    config: { access: 'proposal.manage' },
    schema: { tags: TAG, summary: '更正创效价值（须填写更正说明，留痕）', params: proposalParams, body: valueBody, response: { 200: proposalViewSchema } },
  }, async (request) => {
    const actor = actorOf(request);
    return proposalView(p.db, actor, await decide(p, request.audit, actor, await seen(request), 'value', { valueYuan: request.body.valueYuan, note: request.body.note }));
  });
};

export default proposalsRoutes;
