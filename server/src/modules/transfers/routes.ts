// /api/v1/transfers: 组织关系转接 — the 转出 and 转入 lists (Excel), starting a transfer out, recording a member who
// arrives from outside with a letter, one transfer, confirming it, withdrawing it, the letter's receipt and the letter
// in Word. Who may
// do what is policy.ts's: out of sight → 404, in sight but not the actor's to do → 403, wrong state → 409.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendDocx } from '../../platform/export/docx.js';
import { sendXlsx } from '../../platform/export/xlsx.js';
import { otherTenants } from '../../platform/tenants.js';
import { letterOf } from './letter.js';
import { moduleActor } from './routeActor.js';
import { listTransfers, transferFor, transferPlaces, transferViews } from './queries.js';
import {
  committeeList, confirmBody, placeList, idParams, incomingBody, receiptBody, startBody, TRANSFER_SCOPE_NAMES, TRANSFER_STATUS_NAMES, transferList, transferQuery, transferView,
  withdrawBody,
} from './schema.js';
import { confirmTransfer, receiveFromOutside, recordReceipt, startTransfer, withdrawTransfer } from './workflow.js';

const TAGS = ['组织关系转接'];

const transferRoutes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;
  const user = moduleActor;

  app.get('/', {
    config: { access: 'transfer.write' },
    schema: { tags: TAGS, summary: '转出或转入的组织关系转接（转接中在前）；format=xlsx 导出', querystring: transferQuery, response: { 200: transferList } },
  }, async (request, reply) => {
    const list = await listTransfers(p, user(request), request.query);
    if (request.query.format !== 'xlsx') return list;
    return sendXlsx(reply, request.query.direction === 'out' ? '组织关系转出' : '组织关系转入', '组织关系转接', [
      { header: '姓名', value: (v) => v.memberName }, { header: '转接范围', value: (v) => TRANSFER_SCOPE_NAMES[v.scope] },
      { header: '转出组织', value: (v) => v.fromOrgName ?? (v.direction === 'in' ? v.counterpart : ''), width: 24 },
      { header: '接收组织', value: (v) => v.toOrgName ?? (v.direction === 'out' ? v.counterpart : ''), width: 24 },
      { header: '状态', value: (v) => (v.expired ? '介绍信已过期' : TRANSFER_STATUS_NAMES[v.status]) }, { header: '转出日期', value: (v) => v.startedOn, width: 12 },
      { header: '接收日期', value: (v) => v.receivedOn ?? '', width: 12 }, { header: '介绍信编号', value: (v) => v.letterNo ?? '' },
      { header: '党费交至', value: (v) => v.duesPaidTo ?? '' }, { header: '有效期至', value: (v) => v.validUntil ?? '', width: 12 },
      { header: '原因', value: (v) => v.reason, width: 30 },
    ], list.items);
  });

  app.get('/committees', {
    config: { access: 'transfer.write' },
    schema: { tags: TAGS, summary: '本平台上的其他党委（转往其他党委时选择）', response: { 200: committeeList } },
  }, async (request) => ({ items: await otherTenants(p.db, user(request).tenantId) }));

  app.get('/places', {
    config: { access: 'transfer.write' },
    schema: { tags: TAGS, summary: '可选的接收党支部（本委全部）与所在单位（转接表单用）', response: { 200: placeList } },
  }, async (request) => transferPlaces(p, user(request)));

  app.post('/', {
    config: { access: 'transfer.write' },
    schema: { tags: TAGS, summary: '发起转出：本委党支部间、转往本平台其他党委，或开具介绍信转往平台外', body: startBody, response: { 201: transferView } },
  }, async (request, reply) => reply.status(201).send(await startTransfer(p, request.audit, user(request), request.body)));

  app.post('/incoming', {
    config: { access: 'transfer.write' },
    schema: { tags: TAGS, summary: '持介绍信由平台外转入：登记介绍信并建立党员档案', body: incomingBody, response: { 201: transferView } },
  }, async (request, reply) => reply.status(201).send(await receiveFromOutside(p, request.audit, user(request), request.body)));

  app.get('/:id', {
    config: { access: 'transfer.write' },
    schema: { tags: TAGS, summary: '一条转接记录', params: idParams, response: { 200: transferView } },
  }, async (request) => {
    const actor = user(request);
    return (await transferViews(p, actor, [await transferFor(p.db, actor, request.params.id)]))[0]!;
  });

  app.post('/:id/confirm', {
    config: { access: 'transfer.write' },
    schema: { tags: TAGS, summary: '确认接收（接收党支部；来自其他党委的由本党委选择党支部与单位）', params: idParams, body: confirmBody, response: { 200: transferView } },
  }, async (request) => confirmTransfer(p, request.audit, user(request), request.params.id, request.body));

  app.post('/:id/receipt', {
    config: { access: 'transfer.write' },
    schema: { tags: TAGS, summary: '登记介绍信回执：党员转出', params: idParams, body: receiptBody, response: { 200: transferView } },
  }, async (request) => recordReceipt(p, request.audit, user(request), request.params.id, request.body.receiptOn));

  app.post('/:id/withdraw', {
    config: { access: 'transfer.write' },
    schema: { tags: TAGS, summary: '撤回尚未接收的转接（转出党支部或党委）：党员仍在原党支部', params: idParams, body: withdrawBody, response: { 200: transferView } },
  }, async (request) => withdrawTransfer(p, request.audit, user(request), request.params.id, request.body));

  app.get('/:id/letter', {
    config: { access: 'transfer.write' },
    schema: { tags: TAGS, summary: '党员组织关系介绍信（Word，含回执联）', params: idParams },
  }, async (request, reply) => {
    const letter = await letterOf(p, request.audit, user(request), request.params.id);
    return sendDocx(reply, letter.name, letter.docx);
  });
};

export default transferRoutes;
