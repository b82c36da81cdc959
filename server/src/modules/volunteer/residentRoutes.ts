// /api/v1/volunteer/residents: the register of residents cared for (服务对象). HTTP only: scope, masking and
// rules live in policy.ts, residents.ts and residentQueries.ts. GET answers are always masked; clear values only
// by a POST (reveal, unmasked export), each audited.
import { todayIn } from '../../platform/calendar.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../platform/access/actor.js';
import { actorOf } from '../../platform/context.js';
import { keptForReader } from '../../platform/keptReads.js';
import { sendXlsx } from '../../platform/export/xlsx.js';
import { pageResponse, window } from '../../platform/http/paging.js';
import { importQuery, importResult } from '../../platform/import/schema.js';
import { readUpload } from '../../platform/import/upload.js';
import { problemsXlsx, readXlsx, templateXlsx } from '../../platform/import/xlsxTable.js';
import { importResidents, RESIDENT_EXPORT_COLUMNS, RESIDENT_IMPORT_COLUMNS, RESIDENT_IMPORT_NOTES } from './import.js';
import { checkMayUse, readsWholeCommittee, residentFor } from './policy.js';
import { communities, residentPage } from './residentQueries.js';
import {
  changeResidentStatus, checkUnmaskedExport, createResident, editResident, exportItems, listItems, residentDetail, revealResident, rulesOf,
} from './residents.js';
import {
  residentCreate, residentDetail as detailSchema, residentExportBody, residentItem, residentListQuery, residentParams, residentPatch, residentStatusChange,
  type ResidentFilters, type ResidentItem,
} from './residentSchema.js';
import { volunteerOfUser } from './volunteers.js';

const TAGS = ['志愿服务'];
/** The register and the overdue list are read on every visit to the module: their pages are kept per reader and query. */
const keptPages = keptForReader<{ items: ResidentItem[]; total: number }>(1000);
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const routes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;

  /** The actor, after the module's door check, and the volunteer the account acts as (their own residents). */
  async function who(request: FastifyRequest) {
    const actor = actorOf(request);
    checkMayUse(actor);
    return { actor, self: await volunteerOfUser(p.db, actor.tenantId, actor.userId) };
  }

  /** For a list: the volunteer only matters to one who does not read the whole committee (their own residents). */
  async function lister(request: FastifyRequest) {
    const actor = actorOf(request);
    checkMayUse(actor);
    return { actor, self: await listerSelf(actor) };
  }
  const listerSelf = async (actor: Actor) => (readsWholeCommittee(actor) ? undefined : volunteerOfUser(p.db, actor.tenantId, actor.userId));

  async function exportList(request: FastifyRequest, reply: FastifyReply, f: Partial<ResidentFilters>, unmasked: boolean) {
    const { actor, self } = await who(request);
    if (unmasked) checkUnmaskedExport(actor);
    const t = todayIn(p.clock);
    const { rows } = await residentPage(p.db, p.data.dialect, actor, self, f, t, await rulesOf(p, actor.tenantId), window({ page: 1, pageSize: 20, format: 'xlsx' }), true);
    const items = await exportItems(p, request.audit, actor, self, rows, unmasked);
    return sendXlsx(reply, `服务对象名册-${t}`, '服务对象', RESIDENT_EXPORT_COLUMNS, items);
  }

  app.get('/residents', {
    config: { access: 'authenticated' },
    schema: {
      tags: TAGS, summary: '服务对象名册（在册为默认；可按组织、小区、风险、超期、结对筛选；format=xlsx 导出脱敏名册）',
      querystring: residentListQuery, response: { 200: pageResponse(residentItem) },
    },
  }, async (request, reply) => {
    const q = request.query;
    if (q.format === 'xlsx') return exportList(request, reply, q, false);
    const actor = actorOf(request);
    checkMayUse(actor);
    const today = todayIn(p.clock);
    const { items, total } = await keptPages(p.db, actor, today, q, async () => {
      const self = await listerSelf(actor);
      const { rows, total } = await residentPage(p.db, p.data.dialect, actor, self, q, today, await rulesOf(p, actor.tenantId), window(q), false);
      return { items: await listItems(p, actor, rows), total };
    });
    return { items, total, page: q.page, pageSize: q.pageSize };
  });

  app.get('/residents/communities', {
    config: { access: 'authenticated' },
    schema: { tags: TAGS, summary: '可见服务对象所在的小区（筛选用）', response: { 200: z.object({ items: z.array(z.string()) }) } },
  }, async (request) => {
    const { actor, self } = await lister(request);
    return { items: await communities(p.db, actor, self) };
  });

  app.get('/residents/export.xlsx', {
    config: { access: 'authenticated' },
    schema: { tags: TAGS, summary: '导出服务对象名册（与列表相同的筛选；脱敏，记入审计）', querystring: residentListQuery },
  }, (request, reply) => exportList(request, reply, request.query, false));

  // Export in clear is an action: a POST, which no link or image can send in the user's name.
  app.post('/residents/export.xlsx', {
    config: { access: 'authenticated' },
    schema: {
      tags: TAGS, summary: '导出服务对象名册（筛选写在请求体；unmasked=true 时须有敏感信息权限，否则 403，明文仅限可查看的对象；均记入审计）',
      body: residentExportBody,
    },
  }, (request, reply) => {
    const { unmasked, ...filters } = request.body;
    return exportList(request, reply, filters, unmasked);
  });

  const download = (reply: FastifyReply, name: string, ascii: string, buffer: Buffer) =>
    reply.header('content-type', XLSX_TYPE)
      .header('content-disposition', `attachment; filename="${ascii}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}.xlsx`)
      .send(buffer);

  app.get('/residents/template.xlsx', {
    config: { access: 'volunteer.write' },
    schema: { tags: TAGS, summary: '服务对象导入模板（中文表头、下拉选项、填写说明）' },
  }, async (_request, reply) => download(reply, '服务对象导入模板', 'template', await templateXlsx('服务对象', RESIDENT_IMPORT_COLUMNS, RESIDENT_IMPORT_NOTES)));

  app.post('/residents/import', {
    config: { access: 'volunteer.write' },
    schema: {
      tags: TAGS, summary: '导入服务对象：先校验全部行（dryRun=true），再全部导入或一行都不导入；已登记的更新而不重复登记',
      querystring: importQuery, response: { 200: importResult },
    },
  }, async (request, reply) => {
    const { buffer } = await readUpload(request);
    const read = await readXlsx(buffer, RESIDENT_IMPORT_COLUMNS);
    const result = await importResidents(p, request.audit, actorOf(request), read.rows, read.problems, request.query.dryRun);
    if (request.query.format === 'xlsx') return download(reply, '服务对象导入错误报告', 'report', await problemsXlsx(result.problems));
    return result;
  });

  app.post('/residents', {
    config: { access: 'volunteer.write' },
    schema: { tags: TAGS, summary: '登记服务对象', body: residentCreate, response: { 201: detailSchema } },
  }, async (request, reply) => {
    const { actor, self } = await who(request);
    return reply.status(201).send(await createResident(p, request.audit, actor, self, request.body));
  });

  app.get('/residents/:id', {
    config: { access: 'authenticated' },
    schema: { tags: TAGS, summary: '服务对象详情（敏感信息脱敏；明文用 POST /residents/{id}/reveal）', params: residentParams, response: { 200: detailSchema } },
  }, async (request) => {
    const { actor, self } = await who(request);
    return residentDetail(p, actor, self, await residentFor(p.db, actor, self, request.params.id), false);
  });

  app.post('/residents/:id/reveal', {
    config: { access: 'authenticated' },
    schema: {
      tags: TAGS, summary: '显示服务对象的完整住址、电话、身份证号、健康状况和紧急联系人（结对志愿者或负责组织书记；每次记入审计）',
      params: residentParams, response: { 200: detailSchema },
    },
  }, async (request) => {
    const { actor, self } = await who(request);
    return revealResident(p, request.audit, actor, self, await residentFor(p.db, actor, self, request.params.id));
  });

  app.patch('/residents/:id', {
    config: { access: 'volunteer.write' },
    schema: { tags: TAGS, summary: '修改服务对象信息（状态另有专门操作）', params: residentParams, body: residentPatch, response: { 200: detailSchema } },
  }, async (request) => {
    const { actor, self } = await who(request);
    return editResident(p, request.audit, actor, self, await residentFor(p.db, actor, self, request.params.id), request.body);
  });

  app.post('/residents/:id/status', {
    config: { access: 'volunteer.write' },
    schema: { tags: TAGS, summary: '服务对象状态变更（在册、迁出、去世，迁出和去世须填日期；去世后不能再变更）', params: residentParams, body: residentStatusChange, response: { 200: detailSchema } },
  }, async (request) => {
    const { actor, self } = await who(request);
    return changeResidentStatus(p, request.audit, actor, self, await residentFor(p.db, actor, self, request.params.id), request.body);
  });
};

export default routes;
