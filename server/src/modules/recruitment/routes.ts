// /api/v1/recruitment: 发展党员. HTTP only; who sees and does what is policy.ts's: out of sight → 404 (documents
// too), seen but not kept → 403, a step whose time has not come → 409 naming the rule.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendDocx } from '../../platform/export/docx.js';
import { sendXlsx } from '../../platform/export/xlsx.js';
import { todayIn } from '../../platform/calendar.js';
import { notFound } from '../../platform/errors.js';
import { sendStoredFile } from '../../platform/files/index.js';
import { membersUnder } from '../members/index.js';
import { sessionCandidates } from '../orgLife/index.js';
import { documentOf, uploadDocument } from './documents.js';
import { buildChecklistDocx, checklistItems } from './checklist.js';
import { LEDGER_COLUMNS, ledgerRows } from './ledger.js';
import { createPerson, listPeople, personDetail, personFor, revealPerson, writableBranches } from './people.js';
import { planYear, setPlan, YEAR_FIGURES, yearStats } from './plans.js';
import { moduleActor } from './routeActor.js';
import {
  docParams, documentQuery, documentView, extendBody, idParams, meetingCandidates, personCreate, personDetail as personDetailSchema, personList,
  personListQuery, stepCreate, planQuery, planBody, planYearView, yearStatsView, ledgerQuery,
} from './schema.js';
import { extendPerson, recordStep } from './stepRecord.js';
import { mayVouch } from './policy.js';
import { doneSteps } from './stepRecord.js';
import { personDocuments } from './documents.js';

const TAGS = ['发展党员'];

const recruitmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;

  app.get('/people', {
    config: { access: 'recruit.read' },
    schema: { tags: TAGS, summary: '发展党员名单（按阶段；查看范围内的党支部）；format=xlsx 导出', querystring: personListQuery, response: { 200: personList } },
  }, async (request, reply) => {
    const list = await listPeople(p, moduleActor(request), request.query);
    if (request.query.format !== 'xlsx') return list;
    return sendXlsx(reply, '发展党员名单', '发展党员', [
      { header: '姓名', value: (v) => v.name }, { header: '性别', value: (v) => (v.gender === 'male' ? '男' : '女') }, { header: '年龄', value: (v) => v.age },
      { header: '党支部', value: (v) => v.orgName, width: 24 }, { header: '阶段', value: (v) => v.stageName },
      { header: '已办步骤', value: (v) => v.lastStep }, { header: '最近办理', value: (v) => v.lastDoneOn ?? '', width: 12 }, { header: '下一步', value: (v) => v.next?.name ?? '', width: 24 },
    ], list.items);
  });

  app.post('/people', {
    config: { access: 'recruit.write' },
    schema: { tags: TAGS, summary: '登记入党申请人（同时记录第 1 步递交入党申请书）', body: personCreate, response: { 201: personDetailSchema } },
  }, async (request, reply) => {
    const actor = moduleActor(request);
    const id = await createPerson(p, request.audit, actor, request.body);
    return reply.status(201).send(await personDetail(p, actor, await personFor(p.db, actor, id)));
  });

  app.get('/branches', {
    config: { access: 'recruit.write' },
    schema: { tags: TAGS, summary: '可登记入党申请人的党支部', response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) }) } },
  }, async (request) => ({ items: (await writableBranches(p, moduleActor(request))).map((o) => ({ id: o.id, name: o.name })) }));

  app.get('/people/:id', {
    config: { access: 'recruit.read' },
    schema: { tags: TAGS, summary: '发展对象详情（25 个步骤与材料）', params: idParams, response: { 200: personDetailSchema } },
  }, async (request) => {
    const actor = moduleActor(request);
    return personDetail(p, actor, await personFor(p.db, actor, request.params.id));
  });

  app.post('/people/:id/reveal', {
    config: { access: 'recruit.read' },
    schema: {
      tags: TAGS, summary: '显示发展对象完整身份证号和手机号（须有该党支部的敏感信息权限，否则 403；每次记入审计）', params: idParams,
      response: { 200: z.object({ idNumber: z.string(), phone: z.string().nullable() }) },
    },
  }, async (request) => {
    const actor = moduleActor(request);
    return revealPerson(p, request.audit, actor, await personFor(p.db, actor, request.params.id));
  });

  app.get('/people/:id/checklist.docx', {
    config: { access: 'recruit.read' },
    schema: { tags: TAGS, summary: '材料清单（Word）：各步骤应有的材料与上传情况', params: idParams },
  }, async (request, reply) => {
    const actor = moduleActor(request);
    const person = await personFor(p.db, actor, request.params.id);
    const [view, done, docs] = await Promise.all([personDetail(p, actor, person), doneSteps(p.db, person.tenant_id, person.id), personDocuments(p.db, person.tenant_id, person.id)]);
    const today = todayIn(p.clock);
    const docx = await buildChecklistDocx({ name: person.name, orgName: view.orgName, stage: person.stage, lastStep: person.last_step, today, items: checklistItems(person.last_step, done, docs, today) });
    return sendDocx(reply, `发展党员材料清单-${person.name}`, docx);
  });

  app.get('/plans', {
    config: { access: 'recruit.read' },
    schema: { tags: TAGS, summary: '年度发展计划：各党支部名额、已接收预备党员与各阶段人数（查看范围内）', querystring: planQuery.omit({ format: true }), response: { 200: planYearView } },
  }, async (request) => planYear(p, moduleActor(request), request.query));

  app.put('/plans', {
    config: { access: 'recruit.write' },
    schema: { tags: TAGS, summary: '制定或修改党支部年度发展计划（由上级党组织审定；党支部只能查看）', body: planBody, response: { 200: planYearView } },
  }, async (request) => {
    const actor = moduleActor(request);
    await setPlan(p, request.audit, actor, request.body);
    return planYear(p, actor, { year: request.body.year });
  });

  app.get('/stats', {
    config: { access: 'recruit.read' },
    schema: { tags: TAGS, summary: '年度发展党员统计（各党支部及合计）；format=xlsx 导出', querystring: planQuery, response: { 200: yearStatsView } },
  }, async (request, reply) => {
    const stats = await yearStats(p, moduleActor(request), request.query);
    if (request.query.format !== 'xlsx') return stats;
    type Row = (typeof stats.items)[number];
    const keys = Object.keys(YEAR_FIGURES) as (keyof typeof YEAR_FIGURES)[];
    return sendXlsx<Row>(reply, `${stats.year}年度发展党员统计`, `${stats.year}年度`, [
      { header: '党组织', value: (r) => r.orgName, width: 24 },
      ...keys.map((k) => ({ header: YEAR_FIGURES[k], value: (r: Row) => r[k], width: 14 })),
    ], [...stats.items, { orgId: '', orgName: '合计', ...stats.total }]);
  });

  app.get('/ledger.xlsx', {
    config: { access: 'recruit.read' },
    schema: { tags: TAGS, summary: '发展党员工作台账（Excel）：每人一行，各阶段关键日期与当前情况', querystring: ledgerQuery },
  }, async (request, reply) => {
    const rows = await ledgerRows(p, moduleActor(request), request.query.orgId);
    return sendXlsx(reply, '发展党员工作台账', '工作台账', LEDGER_COLUMNS, rows);
  });

  app.get('/people/:id/choices', {
    config: { access: 'recruit.write' },
    schema: {
      tags: TAGS, summary: '办理步骤可选的培养联系人、入党介绍人（本支部正式党员）与会议记录', params: idParams,
      response: { 200: z.object({ members: z.array(z.object({ id: z.string(), name: z.string() })), meetings: meetingCandidates.shape.items }) },
    },
  }, async (request) => {
    const actor = moduleActor(request);
    const person = await personFor(p.db, actor, request.params.id);
    const [members, meetings] = await Promise.all([
      membersUnder(p.db, actor.tenantId, person.org_path, { status: 'active' }),
      sessionCandidates(p.db, actor.tenantId, person.org_path),
    ]);
    return {
      members: members.filter(mayVouch).map((m) => ({ id: m.id, name: m.name })),
      meetings: meetings.map((m) => ({ id: m.id, title: m.title, kind: m.kind, startsAt: m.starts_at, orgId: m.org_id })),
    };
  });

  app.post('/people/:id/steps', {
    config: { access: 'recruit.write' },
    schema: { tags: TAGS, summary: '办理下一步（时间规则不满足时拒绝并说明规定）', params: idParams, body: stepCreate, response: { 200: personDetailSchema } },
  }, async (request) => {
    const actor = moduleActor(request);
    const person = await personFor(p.db, actor, request.params.id);
    await recordStep(p, request.audit, actor, person, request.body);
    return personDetail(p, actor, await personFor(p.db, actor, person.id));
  });

  app.post('/people/:id/extend', {
    config: { access: 'recruit.write' },
    schema: { tags: TAGS, summary: '延长预备期（一次，6 至 12 个月）', params: idParams, body: extendBody, response: { 200: personDetailSchema } },
  }, async (request) => {
    const actor = moduleActor(request);
    const person = await personFor(p.db, actor, request.params.id);
    await extendPerson(p, request.audit, actor, person, request.body);
    return personDetail(p, actor, await personFor(p.db, actor, person.id));
  });

  app.post('/people/:id/documents', {
    config: { access: 'recruit.write' },
    schema: { tags: TAGS, summary: '上传材料（入党申请书、思想汇报、政审材料等）', params: idParams, querystring: documentQuery, response: { 201: documentView } },
  }, async (request, reply) => {
    const actor = moduleActor(request);
    const person = await personFor(p.db, actor, request.params.id);
    return reply.status(201).send(await uploadDocument(p, request, actor, person, request.query.kind));
  });

  app.get('/people/:id/documents/:fileId', {
    config: { access: 'recruit.read' },
    schema: { tags: TAGS, summary: '下载材料（仅能查看该发展对象的人）', params: docParams, querystring: z.object({ inline: z.coerce.boolean().optional() }) },
  }, async (request, reply) => {
    const actor = moduleActor(request);
    const person = await personFor(p.db, actor, request.params.id);
    const f = await documentOf(p.db, person, request.params.fileId);
    if (!f) throw notFound('材料');
    return sendStoredFile(reply, f, { inline: request.query.inline === true });
  });
};

export default recruitmentRoutes;
