// /api/v1/incentives: 表彰评选 (selections, nominations with their snapshot, review, 公示 and objections, the
// decision and its drafts) and honours on records. Who may do what is policy.ts's: out of sight → 404, visible but
// not the actor's to act on → 403, wrong stage → 409.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendXlsx } from '../../platform/export/xlsx.js';
import { decisionDocx, honourLists, publicityDocx } from './honourDocs.js';
import { createHonour, deleteHonour, listHonours } from './honours.js';
import {
  decideBody, honourCreate, honourList, honourQuery, honourView, idParams, nominationCreate, nominationQuery, nominationView, nominee, nomineeQuery,
  objectionCreate, objectionHandle, publicityBody, reviewBody, selectionCreate, selectionDetail, selectionPatch, selectionView, type NominationView,
} from './honourSchema.js';
import {
  addObjection, createNomination, handleObjection, listNominations, nominationView as oneNomination, nomineeCandidates, reviewNomination, withdrawNomination,
} from './nominations.js';
import { moduleActor } from './routeActor.js';
import {
  createSelection, decideSelection, listSelections, patchSelection, selectionRow, selectionView as oneSelection, startPublicity, startReview,
} from './selections.js';
import { sendDocx } from '../../platform/export/docx.js';

const TAGS = ['激励：表彰'];
const STATUS = { nominated: '待审核', accepted: '审核通过', rejected: '未通过', withdrawn: '已撤回', honoured: '已表彰' } as const;

const routes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;
  const user = moduleActor;

  // ---- Selections
  app.get('/selections', {
    config: { access: 'incentive.read' },
    schema: { tags: TAGS, summary: '表彰评选（按年度）', response: { 200: z.object({ items: z.array(selectionView) }) } },
  }, async (request) => ({ items: await listSelections(p, user(request)) }));

  app.post('/selections', {
    config: { access: 'incentive.manage' },
    schema: { tags: TAGS, summary: '新建年度评选（党委）', body: selectionCreate, response: { 201: selectionView } },
  }, async (request, reply) => reply.status(201).send(await createSelection(p, request.audit, user(request), request.body)));

  app.get('/selections/:id', {
    config: { access: 'incentive.read' },
    schema: { tags: TAGS, summary: '评选详情与推荐名单（本组织可见的推荐）', params: idParams, querystring: nominationQuery, response: { 200: selectionDetail } },
  }, async (request) => {
    const actor = user(request);
    const s = await selectionRow(p.db, actor.tenantId, request.params.id);
    const [view, nominations] = await Promise.all([oneSelection(p, actor, s.id), listNominations(p, actor, s, request.query)]);
    return { ...view, nominations };
  });

  app.patch('/selections/:id', {
    config: { access: 'incentive.manage' },
    schema: { tags: TAGS, summary: '修改评选（推荐阶段）', params: idParams, body: selectionPatch, response: { 200: selectionView } },
  }, async (request) => patchSelection(p, request.audit, user(request), request.params.id, request.body));

  app.post('/selections/:id/review', {
    config: { access: 'incentive.manage' },
    schema: { tags: TAGS, summary: '结束推荐，进入党委审核', params: idParams, response: { 200: selectionView } },
  }, async (request) => startReview(p, request.audit, user(request), request.params.id));

  app.post('/selections/:id/publicity', {
    config: { access: 'incentive.manage' },
    schema: { tags: TAGS, summary: '开始公示（不少于业务规则规定的工作日）', params: idParams, body: publicityBody, response: { 200: selectionView } },
  }, async (request) => startPublicity(p, request.audit, user(request), request.params.id, request.body));

  app.post('/selections/:id/decide', {
    config: { access: 'incentive.manage' },
    schema: { tags: TAGS, summary: '作出表彰决定（公示期满、异议均已处理），荣誉记入档案', params: idParams, body: decideBody, response: { 200: selectionView } },
  }, async (request) => decideSelection(p, request.audit, user(request), request.params.id, request.body));

  /** The nominations the actor sees that count for the list and the drafts: accepted or honoured. */
  const listed = async (actor: ReturnType<typeof user>, id: string) => {
    const s = await selectionRow(p.db, actor.tenantId, id);
    const all = await listNominations(p, actor, s, {});
    return { s, all, chosen: all.filter((n) => n.status === 'accepted' || n.status === 'honoured') };
  };

  app.get('/selections/:id/nominations.xlsx', {
    config: { access: 'incentive.read' },
    schema: { tags: TAGS, summary: '导出推荐名单（Excel）', params: idParams },
  }, async (request, reply) => {
    const { s, all } = await listed(user(request), request.params.id);
    return sendXlsx(reply, `${s.year}年度表彰推荐名单`, '推荐名单', [
      { header: '类别', value: (n: NominationView) => n.categoryName, width: 16 },
      { header: '推荐对象', value: (n) => n.nomineeName, width: 24 },
      { header: '推荐组织', value: (n) => n.orgName, width: 24 },
      { header: '状态', value: (n) => STATUS[n.status] },
      { header: '审核说明', value: (n) => n.reviewNote, width: 24 },
      ...['attendance', 'compliance', 'assessment', 'appraisal', 'volunteerHours', 'plaques', 'members', 'stars'].map((key) => ({
        header: { attendance: '出勤率', compliance: '按规定召开率', assessment: '量化考核', appraisal: '民主评议', volunteerHours: '志愿服务时长', plaques: '示范岗/责任区', members: '党员人数', stars: '星级' }[key]!,
        value: (n: NominationView) => n.snapshot.items.find((i) => i.key === key)?.value ?? '', width: 18,
      })),
      { header: '主要事迹', value: (n) => n.deeds, width: 60 },
    ], all);
  });

  app.get('/selections/:id/decision.docx', {
    config: { access: 'incentive.read' },
    schema: { tags: TAGS, summary: '表彰决定草稿（Word，按类别列出通过或已表彰的对象）', params: idParams },
  }, async (request, reply) => {
    const { s, chosen } = await listed(user(request), request.params.id);
    const d = await decisionDocx(p, s, await honourLists(p, s, chosen));
    return sendDocx(reply, d.name, d.docx);
  });

  app.get('/selections/:id/publicity.docx', {
    config: { access: 'incentive.read' },
    schema: { tags: TAGS, summary: '公示通知（Word）', params: idParams },
  }, async (request, reply) => {
    const { s, chosen } = await listed(user(request), request.params.id);
    const d = await publicityDocx(p, s, await honourLists(p, s, chosen));
    return sendDocx(reply, d.name, d.docx);
  });

  // ---- Nominations
  app.get('/nominees', {
    config: { access: 'incentive.write' },
    schema: { tags: TAGS, summary: '可推荐的对象（推荐组织范围内；优秀党务工作者限担任党内职务者）', querystring: nomineeQuery, response: { 200: z.object({ items: z.array(nominee) }) } },
  }, async (request) => ({ items: await nomineeCandidates(p, user(request), request.query) }));

  app.post('/selections/:id/nominations', {
    config: { access: 'incentive.write' },
    schema: { tags: TAGS, summary: '推荐表彰对象（推荐时留存其数据快照）', params: idParams, body: nominationCreate, response: { 201: nominationView } },
  }, async (request, reply) => reply.status(201).send(await createNomination(p, request.audit, user(request), request.params.id, request.body)));

  app.get('/nominations/:id', {
    config: { access: 'incentive.read' },
    schema: { tags: TAGS, summary: '一条推荐（含快照与异议）', params: idParams, response: { 200: nominationView } },
  }, async (request) => oneNomination(p, user(request), request.params.id));

  app.post('/nominations/:id/withdraw', {
    config: { access: 'incentive.write' },
    schema: { tags: TAGS, summary: '撤回推荐（推荐阶段）', params: idParams, response: { 200: nominationView } },
  }, async (request) => withdrawNomination(p, request.audit, user(request), request.params.id));

  app.post('/nominations/:id/review', {
    config: { access: 'incentive.manage' },
    schema: { tags: TAGS, summary: '审核推荐（上级党组织；通过受名额限制）', params: idParams, body: reviewBody, response: { 200: nominationView } },
  }, async (request) => reviewNomination(p, request.audit, user(request), request.params.id, request.body));

  app.post('/nominations/:id/objections', {
    config: { access: 'incentive.manage' },
    schema: { tags: TAGS, summary: '登记公示异议', params: idParams, body: objectionCreate, response: { 201: nominationView } },
  }, async (request, reply) => reply.status(201).send(await addObjection(p, request.audit, user(request), request.params.id, request.body)));

  app.post('/objections/:id/handle', {
    config: { access: 'incentive.manage' },
    schema: { tags: TAGS, summary: '处理异议', params: idParams, body: objectionHandle, response: { 200: nominationView } },
  }, async (request) => handleObjection(p, request.audit, user(request), request.params.id, request.body));

  // ---- Honours on records
  app.get('/honours', {
    config: { access: 'authenticated' },
    schema: { tags: TAGS, summary: '荣誉记录（管理范围内，或本人的）', querystring: honourQuery, response: { 200: honourList } },
  }, async (request, reply) => {
    const actor = user(request);
    const page = await listHonours(p, actor, request.query);
    if (request.query.format !== 'xlsx') return page;
    return sendXlsx(reply, '荣誉记录', '荣誉', [
      { header: '对象', value: (h: (typeof page.items)[number]) => h.subjectName, width: 24 },
      { header: '荣誉', value: (h) => h.title, width: 20 },
      { header: '年度', value: (h) => h.year },
      { header: '授予日期', value: (h) => h.awardedOn, width: 12 },
      { header: '授予单位', value: (h) => h.awardedBy, width: 24 },
      { header: '备注', value: (h) => h.note, width: 30 },
    ], page.items);
  });

  app.post('/honours', {
    config: { access: 'incentive.write' },
    schema: { tags: TAGS, summary: '登记荣誉（上级或外单位授予、本单位表彰等）', body: honourCreate, response: { 201: honourView } },
  }, async (request, reply) => reply.status(201).send(await createHonour(p, request.audit, user(request), request.body)));

  app.delete('/honours/:id', {
    config: { access: 'incentive.write' },
    schema: { tags: TAGS, summary: '删除登记的荣誉（评选决定授予的不能删除）', params: idParams, response: { 204: z.null() } },
  }, async (request, reply) => {
    await deleteHonour(p, request.audit, user(request), request.params.id);
    return reply.status(204).send(null);
  });
};

export default routes;
