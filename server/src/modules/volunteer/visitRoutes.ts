// /api/v1/volunteer: pairings, 我的结对老人, visits with photos, and dealing with 需关注/紧急 visits. Who sees and does
// what is policy.ts's: out of sight → 404, visible but not the actor's to act on → 403, wrong state → 409.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { fileMetaSchema, loadFile, receiveAttachment, sendStoredFile } from '../../platform/files/index.js';
import { myResidents } from './mine.js';
import { createPairing, endPairing, listCandidates } from './pairings.js';
import { checkMayUse } from './policy.js';
import {
  candidate, candidatesQuery, handleBody, idParams, inlineQuery, mineView, pairingCreate, pairingEnd, pairingView, photoParams, taskBody, taskResult,
  visitCreate, visitList, visitQuery, visitView,
} from './visitSchema.js';
import { attachVisitPhoto, handleVisit, listVisits, recordVisit, visitDetail, visitFor, VISIT_PHOTO_OWNER, visitTask } from './visits.js';
import { volunteerOfUser } from './volunteers.js';

const TAGS = ['志愿服务'];

const routes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;
  const user = (request: { actor: Parameters<typeof actorOf>[0]['actor'] }) => {
    const actor = actorOf(request);
    checkMayUse(actor);
    return actor;
  };

  // ---- Pairings
  app.get('/candidates', {
    config: { access: 'volunteer.write' },
    schema: { tags: TAGS, summary: '可结对的志愿者（管理范围内正常状态的党员，含当前结对人数）', querystring: candidatesQuery, response: { 200: z.object({ items: z.array(candidate) }) } },
  }, async (request) => ({ items: await listCandidates(p, actorOf(request), request.query) }));

  app.post('/pairings', {
    config: { access: 'volunteer.write' },
    schema: { tags: TAGS, summary: '安排结对（每名志愿者不超过业务规则的上限）', body: pairingCreate, response: { 201: pairingView } },
  }, async (request, reply) => reply.status(201).send(await createPairing(p, request.audit, actorOf(request), request.body)));

  app.post('/pairings/:id/end', {
    config: { access: 'volunteer.write' },
    schema: { tags: TAGS, summary: '结束结对（保留历史）', params: idParams, body: pairingEnd, response: { 200: pairingView } },
  }, async (request) => endPairing(p, request.audit, actorOf(request), request.params.id, request.body));

  // ---- 我的结对老人
  app.get('/mine', {
    config: { access: 'volunteer.serve' },
    schema: { tags: TAGS, summary: '我的结对老人（上次走访、下次应走访日期、超期天数）', response: { 200: mineView } },
  }, async (request) => myResidents(p, actorOf(request)));

  // ---- Visits
  app.get('/visits', {
    config: { access: 'authenticated' },
    schema: { tags: TAGS, summary: '走访记录（管理范围内全部，或本人的走访）', querystring: visitQuery, response: { 200: visitList } },
  }, async (request) => listVisits(p, user(request), request.query));

  app.post('/visits', {
    config: { access: 'authenticated' },
    schema: { tags: TAGS, summary: '记录走访（结对志愿者本人，或管理人员代结对志愿者记录）', body: visitCreate, response: { 201: visitView } },
  }, async (request, reply) => reply.status(201).send(await recordVisit(p, request.audit, user(request), request.body)));

  app.get('/visits/:id', {
    config: { access: 'authenticated' },
    schema: { tags: TAGS, summary: '一条走访记录', params: idParams, response: { 200: visitView } },
  }, async (request) => visitDetail(p, user(request), request.params.id));

  app.post('/visits/:id/handle', {
    config: { access: 'authenticated' },
    schema: { tags: TAGS, summary: '处理需关注/紧急记录（填写处理情况）', params: idParams, body: handleBody, response: { 200: visitView } },
  }, async (request) => handleVisit(p, request.audit, user(request), request.params.id, request.body.note));

  app.post('/visits/:id/task', {
    config: { access: 'authenticated' },
    schema: { tags: TAGS, summary: '转督办（再次点击返回同一任务）', params: idParams, body: taskBody, response: { 200: taskResult } },
  }, async (request) => visitTask(p, request.audit, user(request), request.params.id, request.body.dueOn));

  app.post('/visits/:id/photos', {
    config: { access: 'authenticated' },
    schema: { tags: TAGS, summary: '上传走访照片（仅图片，按内容识别类型）', params: idParams, response: { 201: fileMetaSchema } },
  }, async (request, reply) => {
    const actor = user(request);
    const self = await volunteerOfUser(p.db, actor.tenantId, actor.userId);
    const v = await visitFor(p, actor, self, request.params.id);
    const file = await receiveAttachment(request, { kinds: ['image'] });
    return reply.status(201).send(await attachVisitPhoto(p, request.audit, actor, v, self, file));
  });

  app.get('/visits/:id/photos/:fileId', {
    config: { access: 'authenticated' },
    schema: { tags: TAGS, summary: '查看走访照片（inline=true 直接显示）', params: photoParams, querystring: inlineQuery },
  }, async (request, reply) => {
    const actor = user(request);
    const v = await visitFor(p, actor, await volunteerOfUser(p.db, actor.tenantId, actor.userId), request.params.id);
    const f = await loadFile(p.db, v.tenant_id, VISIT_PHOTO_OWNER, v.id, request.params.fileId);
    if (!f) throw notFound('照片');
    return sendStoredFile(reply, f, { inline: request.query.inline === true });
  });
};

export default routes;
