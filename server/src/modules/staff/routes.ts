// /api/v1/staff: the staff roster. Tenant-wide: staff.read / staff.write over the committee; clear
// 身份证号 and phone only with member.sensitive over the committee and only by a POST (reveal, export),
// each clear view audited; a GET is always masked.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { shanghaiDate } from '../../platform/calendar.js';
import { pageResponse, window } from '../../platform/http/paging.js';
import { sendXlsx } from '../../platform/export/xlsx.js';
import { EMPLOYMENT_NAMES, GENDER_NAMES } from '../people/validation.js';
import { revealsStaff, rootTenant } from '../people/policy.js';
import { staffPage } from './queries.js';
import { staffCreate, staffExportBody, staffListQuery, staffParams, staffPatch, staffView, type StaffListQuery, type StaffView } from './schema.js';
import {
  checkUnmaskedExport, createStaff, deleteStaff, findStaff, lookupStaff, revealStaff, staffDetail, staffExportViews, toStaffView, updateStaff,
} from './service.js';
import { accountOfStaff, linkStaffAccount } from './accountLink.js';
import { partyWorkBody, partyWorkView, setPartyWork } from './partyWork.js';
import { importStaff, STAFF_IMPORT_COLUMNS, STAFF_IMPORT_NOTES } from './import.js';
import { problemsXlsx, readXlsx, templateXlsx } from '../../platform/import/xlsxTable.js';
import { readUpload } from '../../platform/import/upload.js';
import { importQuery, importResult } from '../../platform/import/schema.js';

const staffRoutes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;

  /** The list's rows as JSON (a page), or every matching row as xlsx: masked unless `unmasked` (only a POST passes it). */
  async function list(request: FastifyRequest, reply: FastifyReply, q: StaffListQuery, xlsx: boolean, unmasked = false) {
    const actor = actorOf(request);
    const tenantId = rootTenant(actor, 'staff.read');
    if (unmasked) checkUnmaskedExport(actor);
    const today = shanghaiDate(p.clock.now());
    const { rows, total } = await staffPage(p.db, p.fieldCrypto, tenantId, q, today, window({ ...q, format: xlsx ? 'xlsx' : q.format }), revealsStaff(actor));
    if (!xlsx && q.format !== 'xlsx') return { items: rows.map((r) => toStaffView(p, r, false)), total, page: q.page, pageSize: q.pageSize };
    const items = await staffExportViews(p, request.audit, actor, rows, unmasked);
    return sendXlsx<StaffView>(reply, `员工名册-${today}`, '员工', [
      { header: '姓名', value: (s) => s.name }, { header: '性别', value: (s) => GENDER_NAMES[s.gender] }, { header: '民族', value: (s) => s.ethnicity },
      { header: '出生日期', value: (s) => s.birthDate, width: 12 }, { header: '年龄', value: (s) => s.age },
      { header: '身份证号', value: (s) => s.idNumber, width: 22 }, { header: '手机号码', value: (s) => s.phone, width: 14 },
      { header: '学历', value: (s) => s.education }, { header: '籍贯', value: (s) => s.nativePlace }, { header: '住址', value: (s) => s.address, width: 30 },
      { header: '单位', value: (s) => s.unitName, width: 20 }, { header: '岗位', value: (s) => s.post, width: 16 },
      { header: '在岗状态', value: (s) => EMPLOYMENT_NAMES[s.employment] }, { header: '参加工作日期', value: (s) => s.workStartedOn, width: 14 },
      { header: '是否党员', value: (s) => (s.memberId ? '是' : '否') },
      { header: '党务岗位', value: (s) => s.partyWork?.postName ?? '' },
    ], items);
  }

  app.get('/', {
    config: { access: 'staff.read' },
    schema: { tags: ['员工'], summary: '员工名册（筛选、排序、分页；format=xlsx 导出）', querystring: staffListQuery, response: { 200: pageResponse(staffView) } },
  }, (request, reply) => list(request, reply, request.query, false));

  app.get('/export.xlsx', {
    config: { access: 'staff.read' },
    schema: { tags: ['员工'], summary: '导出员工名册（与列表相同的筛选；脱敏，记入审计）', querystring: staffListQuery },
  }, (request, reply) => list(request, reply, request.query, true));

  // Export in clear is an action: a POST, which no link or image can send in the user's name (issue 16).
  app.post('/export.xlsx', {
    config: { access: 'staff.read' },
    schema: {
      tags: ['员工'], summary: '导出员工名册（筛选写在请求体；unmasked=true 时导出明文，须有全委敏感信息权限，否则 403；均记入审计）',
      body: staffExportBody,
    },
  }, (request, reply) => {
    const { unmasked, ...filters } = request.body;
    return list(request, reply, { ...filters, page: 1, pageSize: 20, format: 'xlsx' }, true, unmasked);
  });

  // Also open to member writers at any level: a 支部书记 filing an existing employee as a member must find
  // them, but only by the full 身份证号, and sees the masked view.
  app.get('/lookup', {
    config: { access: 'authenticated' },
    schema: {
      tags: ['员工'], summary: '按身份证号精确查找员工',
      querystring: z.object({ idNumber: z.string().trim().min(1, '请填写身份证号').max(32).describe('身份证号') }),
      response: { 200: z.object({ item: staffView.nullable() }) },
    },
  }, async (request) => ({ item: await lookupStaff(p, request.audit, actorOf(request), request.query.idNumber) }));

  const download = (reply: FastifyReply, name: string, ascii: string, buffer: Buffer) =>
    reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${ascii}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}.xlsx`)
      .send(buffer);

  app.get('/template.xlsx', {
    config: { access: 'staff.write' },
    schema: { tags: ['员工'], summary: '员工导入模板' },
  }, async (request, reply) => {
    rootTenant(actorOf(request), 'staff.write');
    return download(reply, '员工导入模板', 'template', await templateXlsx('员工', STAFF_IMPORT_COLUMNS, STAFF_IMPORT_NOTES));
  });

  app.post('/import', {
    config: { access: 'staff.write' },
    schema: {
      tags: ['员工'], summary: '导入员工：先校验全部行，再全部导入或一行都不导入；身份证号已有的员工更新而不重复登记',
      querystring: importQuery,
      response: { 200: importResult },
    },
  }, async (request, reply) => {
    const tenantId = rootTenant(actorOf(request), 'staff.write');
    const { buffer } = await readUpload(request);
    const read = await readXlsx(buffer, STAFF_IMPORT_COLUMNS);
    const result = await importStaff(p, request.audit, tenantId, read.rows, read.problems, request.query.dryRun);
    if (request.query.format === 'xlsx') return download(reply, '员工导入错误报告', 'report', await problemsXlsx(result.problems));
    return result;
  });

  app.post('/', {
    config: { access: 'staff.write' },
    schema: { tags: ['员工'], summary: '新增员工', body: staffCreate, response: { 201: staffView } },
  }, async (request, reply) => reply.status(201).send(await createStaff(p, request.audit, rootTenant(actorOf(request), 'staff.write'), request.body)));

  app.get('/:id', {
    config: { access: 'staff.read' },
    schema: { tags: ['员工'], summary: '员工详情（身份证号、手机号、住址脱敏；明文用 POST /staff/{id}/reveal）', params: staffParams, response: { 200: staffView } },
  }, async (request) => {
    const row = await findStaff(p.db, rootTenant(actorOf(request), 'staff.read'), request.params.id);
    if (!row) throw notFound('员工');
    return staffDetail(p, row);
  });

  app.post('/:id/reveal', {
    config: { access: 'staff.read' },
    schema: {
      tags: ['员工'], summary: '显示员工完整身份证号、手机号和住址（须有全委敏感信息权限，否则 403；每次记入审计）',
      params: staffParams, response: { 200: staffView },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const row = await findStaff(p.db, rootTenant(actor, 'staff.read'), request.params.id);
    if (!row) throw notFound('员工');
    return revealStaff(p, request.audit, actor, row);
  });

  app.patch('/:id', {
    config: { access: 'staff.write' },
    schema: { tags: ['员工'], summary: '修改员工信息', params: staffParams, body: staffPatch, response: { 200: staffView } },
  }, async (request) => {
    const row = await findStaff(p.db, rootTenant(actorOf(request), 'staff.write'), request.params.id);
    if (!row) throw notFound('员工');
    return updateStaff(p, request.audit, row, request.body);
  });

  app.put('/:id/party-work', {
    config: { access: 'staff.write' },
    schema: {
      tags: ['员工'], summary: '设置或解除员工的党务岗位（党务工作者、党群部专职；列入党务干部名册；记入审计）', params: staffParams, body: partyWorkBody,
      response: { 200: z.object({ partyWork: partyWorkView }) },
    },
  }, async (request) => {
    const row = await findStaff(p.db, rootTenant(actorOf(request), 'staff.write'), request.params.id);
    if (!row) throw notFound('员工');
    return { partyWork: await setPartyWork(p, request.audit, row, request.body) };
  });

  const accountView = z.object({ userId: z.string(), username: z.string(), displayName: z.string() }).nullable();
  app.get('/:id/account', {
    config: { access: 'staff.read' },
    schema: { tags: ['员工'], summary: '员工本人的登录账号（非党员的通讯员、考核员等；党员的账号在党员名册中关联）', params: staffParams, response: { 200: z.object({ account: accountView }) } },
  }, async (request) => {
    const tenantId = rootTenant(actorOf(request), 'staff.read');
    if (!(await findStaff(p.db, tenantId, request.params.id))) throw notFound('员工');
    return { account: await accountOfStaff(p.db, tenantId, request.params.id) };
  });

  app.put('/:id/account', {
    config: { access: 'staff.write' },
    schema: {
      tags: ['员工'], summary: '关联或解除员工本人的登录账号（账号姓名随员工档案；解除后保留原姓名）', params: staffParams,
      body: z.object({ username: z.string().trim().min(1, '请填写登录账号').max(32).nullable().describe('登录账号') }),
      response: { 200: z.object({ account: accountView }) },
    },
  }, async (request) => {
    const row = await findStaff(p.db, rootTenant(actorOf(request), 'staff.write'), request.params.id);
    if (!row) throw notFound('员工');
    return { account: await linkStaffAccount(p, request.audit, row, request.body.username) };
  });

  app.delete('/:id', {
    config: { access: 'staff.write' },
    schema: { tags: ['员工'], summary: '删除员工（在册党员不能删除）', params: staffParams },
  }, async (request, reply) => {
    const row = await findStaff(p.db, rootTenant(actorOf(request), 'staff.write'), request.params.id);
    if (!row) throw notFound('员工');
    await deleteStaff(p, request.audit, row);
    return reply.status(204).send();
  });
};

export default staffRoutes;
