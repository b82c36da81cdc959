// /api/v1/volunteer: 志愿活动 (voluntary labour, also taken from 组织生活 义务劳动日 records), 服务时长 per month,
// organisation and volunteer with its Excel export, and the 志愿服务记录证明 (Word) of oneself or of a volunteer in scope.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { sendXlsx } from '../../platform/export/xlsx.js';
import { activityFor, activityView, createActivity, createFromOrgLife, deleteActivity, listActivities, orgLifeSources, updateActivity } from './activities.js';
import { certificateOf } from './certificate.js';
import { certifiableVolunteer, hoursSummary, hoursText, myHours } from './hours.js';
import {
  activityCreate, activityList, activityListQuery, activityParams, activityPatch, activityView as activityViewSchema, fromOrgLifeBody, hoursQuery, hoursView, mineView,
  orgLifeSources as orgLifeSourcesSchema, orgLifeSourcesQuery, volunteerParams, yearQuery, type ActivityItem, type HoursView,
} from './hoursSchema.js';
import { checkMayUse } from './policy.js';
import { volunteerOfUser } from './volunteers.js';
import { sendDocx } from '../../platform/export/docx.js';

const TAG = ['志愿服务'];

const hoursRoutes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;

  // ---------- activities ----------

  app.get('/activities', {
    config: { access: 'volunteer.read' },
    schema: { tags: TAG, summary: '志愿活动列表（组织含下级、年份；format=xlsx 导出）', querystring: activityListQuery, response: { 200: activityList } },
  }, async (request, reply) => {
    const q = request.query;
    const { items, total } = await listActivities(p, actorOf(request), q);
    if (q.format !== 'xlsx') return { items, total, page: q.page, pageSize: q.pageSize };
    return sendXlsx<ActivityItem>(reply, `志愿活动${q.year ? `-${q.year}` : ''}`, '志愿活动', [
      { header: '活动日期', value: (r) => r.heldOn, width: 12 }, { header: '活动名称', value: (r) => r.title, width: 30 }, { header: '组织', value: (r) => r.orgName, width: 24 },
      { header: '地点', value: (r) => r.place, width: 20 }, { header: '参与人数', value: (r) => r.participants }, { header: '服务时长（小时）', value: (r) => hoursText(r.minutes), width: 16 },
    ], items);
  });

  app.get('/activities/org-life-sources', {
    config: { access: 'volunteer.write' },
    schema: { tags: TAG, summary: '可登记为志愿活动的组织生活义务劳动日（已召开、尚未登记，含出席党员）', querystring: orgLifeSourcesQuery, response: { 200: orgLifeSourcesSchema } },
  }, async (request) => orgLifeSources(p, actorOf(request), request.query.orgId));

  app.post('/activities/from-org-life', {
    config: { access: 'volunteer.write' },
    schema: { tags: TAG, summary: '由组织生活义务劳动日登记志愿活动（参与人为出席党员，每条记录只能登记一次）', body: fromOrgLifeBody, response: { 201: activityViewSchema } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const a = await createFromOrgLife(p, request.audit, actor, request.body);
    return reply.status(201).send(await activityView(p.db, actor, a));
  });

  app.post('/activities', {
    config: { access: 'volunteer.write' },
    schema: { tags: TAG, summary: '登记志愿活动（参与人须为本组织含下级的在册党员，各自服务时长 1–1440 分钟）', body: activityCreate, response: { 201: activityViewSchema } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const a = await createActivity(p, request.audit, actor, request.body);
    return reply.status(201).send(await activityView(p.db, actor, a));
  });

  app.get('/activities/:id', {
    config: { access: 'volunteer.read' },
    schema: { tags: TAG, summary: '志愿活动详情（含参与人与时长）', params: activityParams, response: { 200: activityViewSchema } },
  }, async (request) => {
    const actor = actorOf(request);
    return activityView(p.db, actor, await activityFor(p.db, actor, request.params.id));
  });

  app.patch('/activities/:id', {
    config: { access: 'volunteer.write' },
    schema: { tags: TAG, summary: '修改志愿活动（给出参与人时整体替换）', params: activityParams, body: activityPatch, response: { 200: activityViewSchema } },
  }, async (request) => {
    const actor = actorOf(request);
    const a = await updateActivity(p, request.audit, actor, await activityFor(p.db, actor, request.params.id), request.body);
    return activityView(p.db, actor, a);
  });

  app.delete('/activities/:id', {
    config: { access: 'volunteer.write' },
    schema: { tags: TAG, summary: '删除志愿活动（其时长不再计入）', params: activityParams },
  }, async (request, reply) => {
    const actor = actorOf(request);
    await deleteActivity(p, request.audit, actor, await activityFor(p.db, actor, request.params.id));
    return reply.status(204).send();
  });

  // ---------- hours ----------

  app.get('/hours', {
    config: { access: 'volunteer.read' },
    schema: { tags: TAG, summary: '服务时长汇总：按月、下级组织、志愿者（分钟；format=xlsx 导出各组织月度汇总）', querystring: hoursQuery, response: { 200: hoursView } },
  }, async (request, reply) => {
    const h = await hoursSummary(p, actorOf(request), request.query);
    if (request.query.format !== 'xlsx') return h;
    type Row = HoursView['orgs'][number];
    const total: Row = {
      orgId: h.orgId, orgName: `合计（${h.orgName}）`, minutes: h.orgs.reduce((s, o) => s + o.minutes, 0), volunteers: h.total.volunteers,
      monthMinutes: h.months.map((m) => m.visitMinutes + m.activityMinutes),
    };
    return sendXlsx<Row>(reply, `志愿服务时长-${h.orgName}-${h.year}`, `${h.year}年服务时长`, [
      { header: '组织', value: (r) => r.orgName, width: 30 },
      ...h.months.map((_, i) => ({ header: `${i + 1}月（小时）`, value: (r: Row) => hoursText(r.monthMinutes[i] ?? 0), width: 11 })),
      { header: '合计（小时）', value: (r) => hoursText(r.minutes), width: 13 }, { header: '志愿者人数', value: (r) => r.volunteers, width: 11 },
    ], [...h.orgs, total]);
  });

  app.get('/hours/mine', {
    config: { access: 'authenticated' },
    schema: { tags: TAG, summary: '本人服务时长（按月合计与记录）', querystring: yearQuery, response: { 200: mineView } },
  }, async (request) => {
    const actor = actorOf(request);
    checkMayUse(actor);
    return myHours(p, actor, request.query.year);
  });

  app.get('/hours/mine/certificate.docx', {
    config: { access: 'authenticated' },
    schema: { tags: TAG, summary: '本人志愿服务记录证明（Word）', querystring: yearQuery },
  }, async (request, reply) => {
    const actor = actorOf(request);
    checkMayUse(actor);
    const self = await volunteerOfUser(p.db, actor.tenantId, actor.userId);
    if (!self) throw notFound('志愿者');
    const c = await certificateOf(p, actor.tenantId, self, request.query.year);
    return sendDocx(reply, c.name, c.docx);
  });

  app.get('/volunteers/:kind/:id/certificate.docx', {
    config: { access: 'volunteer.read' },
    schema: { tags: TAG, summary: '志愿者的志愿服务记录证明（Word；须能查看该志愿者所在组织）', params: volunteerParams, querystring: yearQuery },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const v = await certifiableVolunteer(p.db, actor, request.params.kind, request.params.id);
    const c = await certificateOf(p, actor.tenantId, v, request.query.year);
    return sendDocx(reply, c.name, c.docx);
  });
};

export default hoursRoutes;
