// /api/v1/training: the 党务干部 register (read from the organisations' posts, Excel export) and the 后备人才库
// (list, nominate, the person page, accept/reject, yearly evaluation, plan, milestones as 督办 tasks, remove). Who may
// do what is policy.ts's: out of sight → 404, in sight but not the actor's to do → 403, wrong status → 409.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendXlsx } from '../../platform/export/xlsx.js';
import { listCadres } from './cadres.js';
import { hoursText } from './hours.js';
import { cadreList, cadreQuery } from './cadreSchema.js';
import { moduleActor } from './routeActor.js';
import { listTalents, talentDetail as personPage, talentFor } from './talentQueries.js';
import {
  evaluationBody, idParams, milestoneBody, nominateBody, noteBody, planBody, reasonBody, TALENT_GRADE_NAMES, TALENT_STATUS_NAMES, talentDetail, talentList, talentQuery,
} from './talentSchema.js';
import { acceptTalent, addMilestone, evaluateTalent, nominateTalent, rejectTalent, removeTalent, setPlan } from './talentWorkflow.js';

const TAGS = ['教育培训'];

const talentRoutes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;
  const user = moduleActor;

  app.get('/cadres', {
    config: { access: 'training.read' },
    schema: { tags: TAGS, summary: '党务干部名册（取自各级组织的现任职务）；format=xlsx 导出', querystring: cadreQuery, response: { 200: cadreList } },
  }, async (request, reply) => {
    const list = await listCadres(p, user(request), request.query);
    if (request.query.format !== 'xlsx') return list;
    return sendXlsx(reply, '党务干部名册', '党务干部', [
      { header: '姓名', value: (v) => v.memberName }, { header: '组织', value: (v) => v.orgName, width: 24 }, { header: '职务', value: (v) => v.postName },
      { header: '任职起始', value: (v) => v.since ?? '', width: 12 }, { header: '本届起', value: (v) => v.termStartedOn ?? '', width: 12 },
      { header: '本届止', value: (v) => v.termEndsOn ?? '', width: 12 }, { header: '后备人才', value: (v) => v.talentCategory ?? '' },
      { header: '单位', value: (v) => v.unitName ?? '' },
      { header: '本年学时', value: (v) => (v.hoursTenths === null ? '非党员' : hoursText(v.hoursTenths)) }, { header: '应修学时', value: (v) => (v.requiredTenths === null ? '' : hoursText(v.requiredTenths)) },
      { header: '考试（场/及格）', value: (v) => (v.exams ? `${v.exams.taken}/${v.exams.passed}` : '') },
    ], list.items);
  });

  app.get('/talents', {
    config: { access: 'training.read' },
    schema: { tags: TAGS, summary: '后备人才库（推荐组织在查看范围内的）；format=xlsx 导出', querystring: talentQuery, response: { 200: talentList } },
  }, async (request, reply) => {
    const list = await listTalents(p, user(request), request.query);
    if (request.query.format !== 'xlsx') return list;
    return sendXlsx(reply, '后备人才库', '后备人才', [
      { header: '姓名', value: (v) => v.memberName }, { header: '推荐组织', value: (v) => v.orgName, width: 24 }, { header: '类别', value: (v) => v.category },
      { header: '状态', value: (v) => TALENT_STATUS_NAMES[v.status] }, { header: '推荐日期', value: (v) => v.nominatedOn, width: 12 },
      { header: '最近评价', value: (v) => (v.latestGrade ? `${v.latestGradeYear}年 ${TALENT_GRADE_NAMES[v.latestGrade]}` : '') },
      { header: '培养节点', value: (v) => `${v.milestonesDone}/${v.milestones}` }, { header: '推荐理由', value: (v) => v.reason, width: 40 },
    ], list.items);
  });

  app.post('/talents', {
    config: { access: 'training.write' },
    schema: { tags: TAGS, summary: '推荐党员进入后备人才库（本组织的在册党员）', body: nominateBody, response: { 201: talentDetail } },
  }, async (request, reply) => reply.status(201).send(await nominateTalent(p, request.audit, user(request), request.body)));

  app.get('/talents/:id', {
    config: { access: 'training.read' },
    schema: { tags: TAGS, summary: '一名后备人才的个人页：历次推荐、评价、培养计划与督办进度、考核与民主评议', params: idParams, response: { 200: talentDetail } },
  }, async (request) => {
    const actor = user(request);
    return personPage(p, actor, await talentFor(p.db, actor, request.params.id));
  });

  app.post('/talents/:id/accept', {
    config: { access: 'training.manage' },
    schema: { tags: TAGS, summary: '审核通过，纳入后备人才库（党委）', params: idParams, body: noteBody, response: { 200: talentDetail } },
  }, async (request) => acceptTalent(p, request.audit, user(request), request.params.id, request.body.note));

  app.post('/talents/:id/reject', {
    config: { access: 'training.manage' },
    schema: { tags: TAGS, summary: '不予通过（须填写原因）', params: idParams, body: reasonBody, response: { 200: talentDetail } },
  }, async (request) => rejectTalent(p, request.audit, user(request), request.params.id, request.body.reason));

  app.post('/talents/:id/evaluations', {
    config: { access: 'training.manage' },
    schema: { tags: TAGS, summary: '年度评价（同一年度再次评价则替换，历程保留）', params: idParams, body: evaluationBody, response: { 200: talentDetail } },
  }, async (request) => evaluateTalent(p, request.audit, user(request), request.params.id, request.body));

  app.put('/talents/:id/plan', {
    config: { access: 'training.manage' },
    schema: { tags: TAGS, summary: '培养计划：培养目标', params: idParams, body: planBody, response: { 200: talentDetail } },
  }, async (request) => setPlan(p, request.audit, user(request), request.params.id, request.body.goal));

  app.post('/talents/:id/milestones', {
    config: { access: 'training.manage' },
    schema: { tags: TAGS, summary: '新增培养节点（同时向其支部派发督办任务）', params: idParams, body: milestoneBody, response: { 200: talentDetail } },
  }, async (request) => addMilestone(p, request.audit, user(request), request.params.id, request.body));

  app.post('/talents/:id/remove', {
    config: { access: 'training.manage' },
    schema: { tags: TAGS, summary: '移出后备人才库（须填写原因；记录保留）', params: idParams, body: reasonBody, response: { 200: talentDetail } },
  }, async (request) => removeTalent(p, request.audit, user(request), request.params.id, request.body.reason));
};

export default talentRoutes;
