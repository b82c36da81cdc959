// /api/v1/members (and /api/v1/orgs/{id}/stats): Party members in the user's scope. The scope is the
// member's group (or branch); out-of-scope ids answer 404; writes need member.write over the member's
// current place and the target place; clear 身份证号 and phone only with member.sensitive there, only by a POST
// (reveal, export), each audited; a GET is always masked.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { shanghaiDate } from '../../platform/calendar.js';
import { pageResponse, window } from '../../platform/http/paging.js';
import { sendXlsx } from '../../platform/export/xlsx.js';
import { EMPLOYMENT_NAMES, GENDER_NAMES } from '../people/validation.js';
import { memberPage } from './queries.js';
import { readablePlace } from './policy.js';
import {
  historyItem, MEMBER_STATUS_NAMES, MEMBER_TYPE_NAMES, memberConfirm, memberCreate, memberExtend, memberListQuery, memberMove, memberParams,
  memberExportBody, memberPatch, memberStatusChange, memberView, statsView, type MemberListQuery, type MemberView,
} from './schema.js';
import {
  changeStatus, checkUnmaskedExport, confirmMember, createMember, editMember, extendProbation, memberDetail, memberExportViews, memberFor, memberHistory, moveMember,
  revealMember, toMemberView,
} from './service.js';
import { memberStats } from './stats.js';
import { importMembers, MEMBER_IMPORT_COLUMNS, MEMBER_IMPORT_NOTES } from './import.js';
import { problemsXlsx, readXlsx, templateXlsx } from '../../platform/import/xlsxTable.js';
import { readUpload } from '../../platform/import/upload.js';
import { importQuery, importResult } from '../../platform/import/schema.js';
import { linkedAccount } from './accounts.js';
import { linkAccount } from './accountLink.js';
import { keptForReader } from '../../platform/keptReads.js';

/** The roster is the most read page and changes only on writes: its pages are kept per reader and query. */
const keptPages = keptForReader<{ items: MemberView[]; total: number }>(1000);

const memberRoutes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;
  const today = () => shanghaiDate(p.clock.now());

  /** The list's rows as JSON (a page), or every matching row as xlsx: masked unless `unmasked` (only a POST passes it). */
  async function list(request: FastifyRequest, reply: FastifyReply, q: MemberListQuery, xlsx: boolean, unmasked = false) {
    const actor = actorOf(request);
    if (unmasked) checkUnmaskedExport(actor);
    if (!xlsx && q.format !== 'xlsx') {
      const { items, total } = await keptPages(p.db, actor, today(), q, async () => {
        const page = await memberPage(p.db, p.data.dialect, p.fieldCrypto, actor, q, today(), window(q));
        return { items: page.rows.map((r) => toMemberView(p, r, false)), total: page.total };
      });
      return { items, total, page: q.page, pageSize: q.pageSize };
    }
    const { rows } = await memberPage(p.db, p.data.dialect, p.fieldCrypto, actor, q, today(), window({ ...q, format: 'xlsx' }));
    const items = await memberExportViews(p, request.audit, actor, rows, unmasked);
    return sendXlsx<MemberView>(reply, `党员名册-${today()}`, '党员', [
      { header: '姓名', value: (m) => m.name }, { header: '性别', value: (m) => GENDER_NAMES[m.gender] }, { header: '民族', value: (m) => m.ethnicity },
      { header: '出生日期', value: (m) => m.birthDate, width: 12 }, { header: '年龄', value: (m) => m.age },
      { header: '身份证号', value: (m) => m.idNumber, width: 22 }, { header: '手机号码', value: (m) => m.phone, width: 14 },
      { header: '学历', value: (m) => m.education }, { header: '籍贯', value: (m) => m.nativePlace },
      { header: '所在党支部', value: (m) => m.branchName, width: 18 }, { header: '所在党小组', value: (m) => m.groupName, width: 14 },
      { header: '党员类别', value: (m) => MEMBER_TYPE_NAMES[m.type] }, { header: '入党日期', value: (m) => m.joinedOn, width: 12 },
      { header: '转正日期', value: (m) => m.confirmedOn, width: 12 }, { header: '党龄', value: (m) => m.partyAgeYears },
      { header: '党籍状态', value: (m) => MEMBER_STATUS_NAMES[m.status] }, { header: '党内职务', value: (m) => m.partyPosts.join('、'), width: 16 },
      { header: '单位', value: (m) => m.unitName, width: 20 }, { header: '岗位', value: (m) => m.post, width: 16 },
      { header: '在岗状态', value: (m) => EMPLOYMENT_NAMES[m.employment] },
    ], items);
  }

  app.get('/members', {
    config: { access: 'member.read' },
    schema: { tags: ['党员'], summary: '党员名册（筛选、排序、分页；format=xlsx 导出）', querystring: memberListQuery, response: { 200: pageResponse(memberView) } },
  }, (request, reply) => list(request, reply, request.query, false));

  app.get('/members/export.xlsx', {
    config: { access: 'member.read' },
    schema: { tags: ['党员'], summary: '导出党员名册（与列表相同的筛选；脱敏，记入审计）', querystring: memberListQuery },
  }, (request, reply) => list(request, reply, request.query, true));

  // Export in clear is an action: a POST, which no link or image can send in the user's name (issue 16).
  app.post('/members/export.xlsx', {
    config: { access: 'member.read' },
    schema: {
      tags: ['党员'], summary: '导出党员名册（筛选写在请求体；unmasked=true 时对有敏感信息权限的党员导出明文，无此权限 403；均记入审计）',
      body: memberExportBody,
    },
  }, (request, reply) => {
    const { unmasked, ...filters } = request.body;
    return list(request, reply, { ...filters, page: 1, pageSize: 20, format: 'xlsx' }, true, unmasked);
  });

  const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const download = (reply: FastifyReply, name: string, buffer: Buffer) =>
    reply.header('content-type', XLSX_TYPE)
      .header('content-disposition', `attachment; filename="${name === '党员导入模板' ? 'template' : 'report'}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}.xlsx`)
      .send(buffer);

  app.get('/members/template.xlsx', {
    config: { access: 'member.write' },
    schema: { tags: ['党员'], summary: '党员导入模板（中文表头、下拉选项、填写说明）' },
  }, async (_request, reply) => download(reply, '党员导入模板', await templateXlsx('党员', MEMBER_IMPORT_COLUMNS, MEMBER_IMPORT_NOTES)));

  app.post('/members/import', {
    config: { access: 'member.write' },
    schema: {
      tags: ['党员'], summary: '导入党员：先校验全部行（dryRun=true），再全部导入或一行都不导入；身份证号已有的人员更新而不重复建档',
      querystring: importQuery,
      response: { 200: importResult },
    },
  }, async (request, reply) => {
    const { buffer } = await readUpload(request);
    const read = await readXlsx(buffer, MEMBER_IMPORT_COLUMNS);
    const result = await importMembers(p, request.audit, actorOf(request), read.rows, read.problems, request.query.dryRun);
    if (request.query.format === 'xlsx') return download(reply, '党员导入错误报告', await problemsXlsx(result.problems));
    return result;
  });

  app.post('/members', {
    config: { access: 'member.write' },
    schema: { tags: ['党员'], summary: '党员建档（选择员工或录入新人员）', body: memberCreate, response: { 201: memberView } },
  }, async (request, reply) => reply.status(201).send(await createMember(p, request.audit, actorOf(request), request.body)));

  app.get('/members/:id', {
    config: { access: 'member.read' },
    schema: { tags: ['党员'], summary: '党员详情（身份证号、手机号、住址脱敏；明文用 POST /members/{id}/reveal）', params: memberParams, response: { 200: memberView } },
  }, async (request) => memberDetail(p, await memberFor(p.db, actorOf(request), 'member.read', request.params.id)));

  app.post('/members/:id/reveal', {
    config: { access: 'member.read' },
    schema: {
      tags: ['党员'], summary: '显示党员完整身份证号、手机号和住址（须有该党员所在组织的敏感信息权限，否则 403；每次记入审计）',
      params: memberParams, response: { 200: memberView },
    },
  }, async (request) => {
    const actor = actorOf(request);
    return revealMember(p, request.audit, actor, await memberFor(p.db, actor, 'member.read', request.params.id));
  });

  /** The member, when within the actor's member.write scope (404 otherwise). */
  const writable = (request: FastifyRequest & { params: { id: string } }) => memberFor(p.db, actorOf(request), 'member.write', request.params.id);

  app.patch('/members/:id', {
    config: { access: 'member.write' },
    schema: { tags: ['党员'], summary: '修改党员信息（组织与状态另有专门操作）', params: memberParams, body: memberPatch, response: { 200: memberView } },
  }, async (request) => editMember(p, request.audit, actorOf(request), await writable(request), request.body));

  app.post('/members/:id/move', {
    config: { access: 'member.write' },
    schema: { tags: ['党员'], summary: '组织调整（调往其他党支部或党小组）', params: memberParams, body: memberMove, response: { 200: memberView } },
  }, async (request) => moveMember(p, request.audit, actorOf(request), await writable(request), request.body));

  app.post('/members/:id/confirm', {
    config: { access: 'member.write' },
    schema: { tags: ['党员'], summary: '预备党员转正', params: memberParams, body: memberConfirm, response: { 200: memberView } },
  }, async (request) => confirmMember(p, request.audit, actorOf(request), await writable(request), request.body));

  app.post('/members/:id/extend-probation', {
    config: { access: 'member.write' },
    schema: { tags: ['党员'], summary: '延长预备期（6–12 个月，仅一次）', params: memberParams, body: memberExtend, response: { 200: memberView } },
  }, async (request) => extendProbation(p, request.audit, actorOf(request), await writable(request), request.body));

  app.post('/members/:id/status', {
    config: { access: 'member.write' },
    schema: { tags: ['党员'], summary: '党籍状态变更（转出、流动、停止党籍、出党、去世…）', params: memberParams, body: memberStatusChange, response: { 200: memberView } },
  }, async (request) => changeStatus(p, request.audit, actorOf(request), await writable(request), request.body));

  const accountView = z.object({ userId: z.string(), username: z.string(), displayName: z.string() }).nullable();
  app.get('/members/:id/account', {
    config: { access: 'member.read' },
    schema: { tags: ['党员'], summary: '党员本人的登录账号（扫码签到等以本人身份办理的事项用）', params: memberParams, response: { 200: z.object({ account: accountView }) } },
  }, async (request) => {
    const row = await memberFor(p.db, actorOf(request), 'member.read', request.params.id);
    return { account: await linkedAccount(p.db, row.tenant_id, row.user_id) };
  });

  app.put('/members/:id/account', {
    config: { access: 'member.write' },
    schema: {
      tags: ['党员'], summary: '关联或解除党员本人的登录账号', params: memberParams,
      body: z.object({ username: z.string().trim().min(1, '请填写登录账号').max(32).nullable().describe('登录账号') }),
      response: { 200: z.object({ account: accountView }) },
    },
  }, async (request) => ({ account: await linkAccount(p, request.audit, actorOf(request), await writable(request), request.body.username) }));

  app.get('/members/:id/history', {
    config: { access: 'member.read' },
    schema: { tags: ['党员'], summary: '党员档案变动记录（最新在前）', params: memberParams, response: { 200: z.object({ items: z.array(historyItem) }) } },
  }, async (request) => {
    const row = await memberFor(p.db, actorOf(request), 'member.read', request.params.id);
    return { items: await memberHistory(p, row) };
  });

  app.get('/orgs/:id/stats', {
    config: { access: 'member.read' },
    schema: { tags: ['党组织'], summary: '组织党员统计（类别、性别、年龄段、学历、党龄、状态）', params: z.object({ id: z.string().min(1).max(64).describe('组织编号') }), response: { 200: statsView } },
  }, async (request) => {
    const actor = actorOf(request);
    const org = await readablePlace(p.db, actor, request.params.id);
    if (!org) throw notFound('组织');
    return memberStats(p.db, actor, org, today());
  });
};

export default memberRoutes;
