// /api/v1/incentives: 示范岗/责任区 (list, propose, edit, approve, reject, issue, withdraw, QR and plaque card) and
// the residents' ratings (list, 留言审核, per-period summary). Who may do what is policy.ts's: out of sight → 404,
// in sight but not the actor's to do → 403, wrong status → 409.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendXlsx } from '../../platform/export/xlsx.js';
import { moduleActor } from './routeActor.js';
import { plaqueCard, plaqueLink, placeOf } from './plaqueCard.js';
import { listPlaques, plaqueEvents, plaqueFor, toViews } from './plaqueQueries.js';
import {
  idParams, issueBody, moderateBody, noteBody, PLAQUE_KIND_NAMES, PLAQUE_STATUS_NAMES, plaqueBody, plaqueDetail, plaqueList, plaqueQuery, plaqueView,
  publicLink, ratingList, ratingQuery, ratingSummary, ratingSummaryQuery, reasonBody,
} from './plaqueSchema.js';
import { approvePlaque, editPlaque, issuePlaque, proposePlaque, rejectPlaque, withdrawPlaque } from './plaqueWorkflow.js';
import { listRatings, moderateRating, ratingPeriods } from './ratingModeration.js';
import { sendDocx } from '../../platform/export/docx.js';

const TAGS = ['激励'];
/** `<origin>` of the request as the browser sees it (forwarded headers only behind a trusted proxy). */
const originOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

const routes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;
  const user = moduleActor;

  app.get('/plaques', {
    config: { access: 'authenticated' },
    schema: { tags: TAGS, summary: '示范岗与责任区（管理范围内，或本人的）；format=xlsx 导出', querystring: plaqueQuery, response: { 200: plaqueList } },
  }, async (request, reply) => {
    const list = await listPlaques(p, user(request), request.query);
    if (request.query.format !== 'xlsx') return list;
    return sendXlsx(reply, '示范岗与责任区', '示范岗与责任区', [
      { header: '类别', value: (v) => PLAQUE_KIND_NAMES[v.kind] }, { header: '名称', value: (v) => v.title, width: 30 }, { header: '党员', value: (v) => v.memberName },
      { header: '组织', value: (v) => v.orgName, width: 18 }, { header: '岗位/区域', value: (v) => placeOf(v), width: 30 },
      { header: '期限', value: (v) => `${v.periodFrom} 至 ${v.periodTo}`, width: 24 }, { header: '状态', value: (v) => PLAQUE_STATUS_NAMES[v.status] },
      { header: '评价数', value: (v) => v.ratingCount }, { header: '平均分', value: (v) => v.ratingAverage ?? '' },
    ], list.items);
  });

  app.post('/plaques', {
    config: { access: 'incentive.write' },
    schema: { tags: TAGS, summary: '申报示范岗或责任区（党员须为申报组织的在册党员）', body: plaqueBody, response: { 201: plaqueView } },
  }, async (request, reply) => reply.status(201).send(await proposePlaque(p, request.audit, user(request), request.body)));

  app.get('/plaques/:id', {
    config: { access: 'authenticated' },
    schema: { tags: TAGS, summary: '一个示范岗/责任区及其历程', params: idParams, response: { 200: plaqueDetail } },
  }, async (request) => {
    const actor = user(request);
    const x = await plaqueFor(p, actor, request.params.id);
    return { ...(await toViews(p, actor, [x]))[0]!, events: await plaqueEvents(p, x) };
  });

  app.put('/plaques/:id', {
    config: { access: 'incentive.write' },
    schema: { tags: TAGS, summary: '修改（申报中或被退回时；退回的修改后重新申报）', params: idParams, body: plaqueBody, response: { 200: plaqueView } },
  }, async (request) => editPlaque(p, request.audit, user(request), request.params.id, request.body));

  app.post('/plaques/:id/approve', {
    config: { access: 'incentive.manage' },
    schema: { tags: TAGS, summary: '审核通过（上级党组织；生成公开页二维码）', params: idParams, body: noteBody, response: { 200: plaqueView } },
  }, async (request) => approvePlaque(p, request.audit, user(request), request.params.id, request.body.note));

  app.post('/plaques/:id/reject', {
    config: { access: 'incentive.manage' },
    schema: { tags: TAGS, summary: '退回（须填写原因）', params: idParams, body: reasonBody, response: { 200: plaqueView } },
  }, async (request) => rejectPlaque(p, request.audit, user(request), request.params.id, request.body.reason));

  app.post('/plaques/:id/issue', {
    config: { access: 'incentive.manage' },
    schema: { tags: TAGS, summary: '挂牌', params: idParams, body: issueBody, response: { 200: plaqueView } },
  }, async (request) => issuePlaque(p, request.audit, user(request), request.params.id, request.body.issuedOn));

  app.post('/plaques/:id/withdraw', {
    config: { access: 'incentive.manage' },
    schema: { tags: TAGS, summary: '摘牌（须填写原因；公开页随即显示“此岗位已撤销”）', params: idParams, body: reasonBody, response: { 200: plaqueView } },
  }, async (request) => withdrawPlaque(p, request.audit, user(request), request.params.id, request.body.reason));

  app.get('/plaques/:id/link', {
    config: { access: 'authenticated' },
    schema: { tags: TAGS, summary: '公开页地址与二维码', params: idParams, response: { 200: publicLink } },
  }, async (request) => plaqueLink(p, user(request), request.params.id, originOf(request)));

  app.get('/plaques/:id/card.docx', {
    config: { access: 'authenticated' },
    schema: { tags: TAGS, summary: '挂牌卡（Word，A5，含二维码）', params: idParams },
  }, async (request, reply) => {
    const c = await plaqueCard(p, user(request), request.params.id, originOf(request));
    return sendDocx(reply, c.name, c.docx);
  });

  app.get('/plaques/:id/rating-summary', {
    config: { access: 'authenticated' },
    schema: { tags: TAGS, summary: '群众评价按周期统计（评价数、平均分）', params: idParams, querystring: ratingSummaryQuery, response: { 200: ratingSummary } },
  }, async (request) => ratingPeriods(p, user(request), request.params.id, request.query.period));

  app.get('/ratings', {
    config: { access: 'incentive.read' },
    schema: { tags: TAGS, summary: '群众评价与留言（不指定示范岗时仅列有留言的，用于留言审核）', querystring: ratingQuery, response: { 200: ratingList } },
  }, async (request) => listRatings(p, user(request), request.query));

  app.post('/ratings/:id/moderate', {
    config: { access: 'incentive.write' },
    schema: { tags: TAGS, summary: '留言审核：公开或不公开', params: idParams, body: moderateBody, response: { 200: z.object({ id: z.string(), commentStatus: z.enum(['approved', 'rejected']) }) } },
  }, async (request) => moderateRating(p, request.audit, user(request), request.params.id, request.body.decision));
};

export default routes;
