// /api/v1/training/questions: the question bank (题库). HTTP only: scope in policy.ts, rules in questionRules.ts,
// writes in questions.ts and questionImport.ts. Every route needs training.write: learners never reach the bank
// (its answers), and a keeper reads the banks of the organisations above theirs without editing them.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendXlsx } from '../../platform/export/xlsx.js';
import { fieldError } from '../../platform/errors.js';
import { window } from '../../platform/http/paging.js';
import { importQuery, importResult } from '../../platform/import/schema.js';
import { readUpload } from '../../platform/import/upload.js';
import { problemsXlsx, readXlsx, templateXlsx } from '../../platform/import/xlsxTable.js';
import { todayIn } from '../../platform/calendar.js';
import { orgOrTopInScope } from '../org/index.js';
import { moduleActor } from './routeActor.js';
import { importQuestions, QUESTION_EXPORT_COLUMNS, QUESTION_IMPORT_COLUMNS, QUESTION_IMPORT_NOTES } from './questionImport.js';
import { questionPage, tagCounts } from './questionQueries.js';
import { createQuestion, deleteQuestion, editQuestion, questionFor, questionItem, questionItems } from './questions.js';
import {
  questionCreate, questionItem as itemSchema, questionListQuery, questionPage as pageSchema, questionParams, questionPatch, questionTags, questionTagsQuery,
  type QuestionFilters,
} from './questionSchema.js';

const TAGS = ['教育培训·题库'];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const KEEPERS = { access: 'training.write' } as const;

const routes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;

  async function exportList(request: FastifyRequest, reply: FastifyReply, f: Partial<QuestionFilters>) {
    const actor = moduleActor(request);
    const { rows } = await questionPage(p.db, p.data.dialect, actor, f, window({ page: 1, pageSize: 20, format: 'xlsx' }));
    const items = await questionItems(p, actor, rows);
    await p.audit.recordAlone(request.audit, { action: 'export', entity: 'trainingQuestion', after: { count: items.length } });
    return sendXlsx(reply, `题库-${todayIn(p.clock)}`, '题库', QUESTION_EXPORT_COLUMNS, items);
  }

  /** The organisation an import goes to: the one asked for where the actor keeps questions, else their highest. */
  async function importOrg(request: FastifyRequest, orgId: string | undefined) {
    const actor = moduleActor(request);
    const org = await orgOrTopInScope(p.db, actor, 'training.write', orgId);
    if (!org || org.tenant_id !== actor.tenantId) throw fieldError('orgId', '导入到的组织不存在或不在您的管理范围内');
    return { actor, org };
  }

  const download = (reply: FastifyReply, name: string, ascii: string, buffer: Buffer) =>
    reply.header('content-type', XLSX_TYPE)
      .header('content-disposition', `attachment; filename="${ascii}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}.xlsx`)
      .send(buffer);

  app.get('/questions', {
    config: KEEPERS,
    schema: {
      tags: TAGS, summary: '题库（本组织及下级组织的题目，和上级组织可选用的题目；按题型、标签、难度、关键词筛选；含各题型题数；format=xlsx 导出）',
      querystring: questionListQuery, response: { 200: pageSchema },
    },
  }, async (request, reply) => {
    const q = request.query;
    if (q.format === 'xlsx') return exportList(request, reply, q);
    const actor = moduleActor(request);
    const { rows, total, kinds } = await questionPage(p.db, p.data.dialect, actor, q, window(q));
    return { items: await questionItems(p, actor, rows), total, page: q.page, pageSize: q.pageSize, kinds };
  });

  app.get('/questions/export.xlsx', {
    config: KEEPERS,
    schema: { tags: TAGS, summary: '导出题库（与列表相同的筛选；列与导入模板一致，可修改后导回）', querystring: questionListQuery },
  }, (request, reply) => exportList(request, reply, request.query));

  app.get('/questions/tags', {
    config: KEEPERS,
    schema: {
      tags: TAGS, summary: '题库标签及各题型题数（组卷规则用；给出 orgId 时只统计该组织考试可选用的题目：本组织、下级和上级组织的）',
      querystring: questionTagsQuery, response: { 200: questionTags },
    },
  }, async (request) => {
    const actor = moduleActor(request);
    let path: string | undefined;
    if (request.query.orgId) {
      const org = await orgOrTopInScope(p.db, actor, 'training.write', request.query.orgId);
      if (!org || org.tenant_id !== actor.tenantId) throw fieldError('orgId', '组卷组织不存在或不在您的管理范围内');
      path = org.path;
    }
    return tagCounts(p.db, actor, path);
  });

  app.get('/questions/template.xlsx', {
    config: KEEPERS,
    schema: { tags: TAGS, summary: '题库导入模板（中文表头、题型与难度下拉、填写说明）' },
  }, async (_request, reply) => download(reply, '题库导入模板', 'template', await templateXlsx('题库', QUESTION_IMPORT_COLUMNS, QUESTION_IMPORT_NOTES)));

  app.post('/questions/import', {
    config: KEEPERS,
    schema: {
      tags: TAGS, summary: '导入题目到组织题库：先校验全部行（dryRun=true），再全部导入或一行都不导入；题型和题干相同的题目更新而不重复添加',
      querystring: importQuery.extend({ orgId: z.string().trim().min(1).max(64).optional().describe('导入到的组织（默认为本人管理范围内最上级的组织）') }),
      response: { 200: importResult },
    },
  }, async (request, reply) => {
    const { actor, org } = await importOrg(request, request.query.orgId);
    const { buffer } = await readUpload(request);
    const read = await readXlsx(buffer, QUESTION_IMPORT_COLUMNS);
    const result = await importQuestions(p, request.audit, actor, org, read.rows, read.problems, request.query.dryRun);
    if (request.query.format === 'xlsx') return download(reply, '题库导入错误报告', 'report', await problemsXlsx(result.problems));
    return result;
  });

  app.post('/questions', {
    config: KEEPERS,
    schema: { tags: TAGS, summary: '新增题目（单选、多选、判断、填空）', body: questionCreate, response: { 201: itemSchema } },
  }, async (request, reply) => reply.status(201).send(await createQuestion(p, request.audit, moduleActor(request), request.body)));

  app.get('/questions/:id', {
    config: KEEPERS,
    schema: { tags: TAGS, summary: '题目详情（含正确答案与解析）', params: questionParams, response: { 200: itemSchema } },
  }, async (request) => {
    const actor = moduleActor(request);
    return questionItem(p, actor, await questionFor(p, actor, request.params.id));
  });

  app.patch('/questions/:id', {
    config: KEEPERS,
    schema: {
      tags: TAGS, summary: '修改题目（上级组织的题目只能查看；已有人作答的题目不能再改题型、选项和答案）',
      params: questionParams, body: questionPatch, response: { 200: itemSchema },
    },
  }, async (request) => {
    const actor = moduleActor(request);
    return editQuestion(p, request.audit, actor, await questionFor(p, actor, request.params.id), request.body);
  });

  app.delete('/questions/:id', {
    config: KEEPERS,
    schema: { tags: TAGS, summary: '删除题目（已组卷、已作答的考试不受影响）', params: questionParams, response: { 204: z.null() } },
  }, async (request, reply) => {
    const actor = moduleActor(request);
    await deleteQuestion(p, request.audit, actor, await questionFor(p, actor, request.params.id));
    return reply.status(204).send(null);
  });
};

export default routes;
