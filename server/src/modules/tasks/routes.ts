// /api/v1/tasks, /api/v1/programmes, /api/v1/responsibilities (docs/api/tasks.md): HTTP only (validate, call,
// answer). Reading is open to every signed-in user but scoped in SQL (policy.ts: task.read over the issuing or
// owning organisation, or being the issuer, owner or a co-owner); deploying needs task.write over the issuing
// organisation; the loop's actions check the side (owner or issuer) in service.ts.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/context.js';
import { pageResponse, window } from '../../platform/http/paging.js';
import { sendXlsx } from '../../platform/export/xlsx.js';
import { sendStoredFile } from '../../platform/files/index.js';
import { attachUpload } from '../../platform/files/attach.js';
import type { TaskAction } from './machine.js';
import {
  acceptBody, assigneeList, attachmentParams, attachmentQuery, attachmentView, assigneeQuery, completeBody, lightSummary, programmeCreate, programmeDetail, programmeListQuery, programmeView, reportBody,
  returnBody, taskCreate, taskDetail, taskListQuery, taskParams, taskPatch, taskView, verifyBody, type TaskView,
} from './schema.js';
import { act, assigneesOf, attachableTask, deployTask, editTask, removeAttachment, taskAttachment, type ActionBody } from './service.js';
import { createProgramme, programmeDetailOf, programmePage } from './programmes.js';
import responsibilityRoutes from './responsibilityRoutes.js';
import { TASK_FILE_OWNER, taskBoard, taskDetailOf } from './views.js';

const taskRoutes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;

  app.get('/tasks', {
    config: { access: 'authenticated' },
    schema: { tags: ['督办'], summary: '督办事项（筛选：状态、灯号、责任组织、与我有关、工作方案；format=xlsx 导出）', querystring: taskListQuery, response: { 200: pageResponse(taskView).extend({ summary: lightSummary }) } },
  }, async (request, reply) => {
    const q = request.query;
    const { items, total, summary, today } = await taskBoard(p, actorOf(request), q);
    if (q.format === 'xlsx') {
      return sendXlsx<TaskView>(reply, `督办事项-${today}`, '督办事项', [
        { header: '任务标题', value: (v) => v.title, width: 30 }, { header: '类型', value: (v) => v.kindName }, { header: '状态', value: (v) => v.statusName },
        { header: '灯号', value: (v) => v.lightName }, { header: '责任组织', value: (v) => v.ownerOrgName, width: 18 }, { header: '责任人', value: (v) => v.ownerName, width: 18 },
        { header: '部署人', value: (v) => v.issuerName, width: 14 }, { header: '部署组织', value: (v) => v.issuingOrgName, width: 18 },
        { header: '开始日期', value: (v) => v.startOn, width: 12 }, { header: '截止日期', value: (v) => v.dueOn, width: 12 },
        { header: '进度(%)', value: (v) => v.percent }, { header: '来源', value: (v) => v.sourceName }, { header: '工作方案', value: (v) => v.programmeName, width: 20 },
        { header: '销号日期', value: (v) => v.closedOn, width: 12 }, { header: '退回次数', value: (v) => v.returnCount },
      ], items);
    }
    return { items, total, page: q.page, pageSize: q.pageSize, summary };
  });

  app.get('/tasks/assignees', {
    config: { access: 'task.write' },
    schema: { tags: ['督办'], summary: '可选的责任人、协办人：对该组织持有督办权限的账号', querystring: assigneeQuery, response: { 200: assigneeList } },
  }, async (request) => ({ items: await assigneesOf(p, actorOf(request), request.query.orgId) }));

  app.post('/tasks', {
    config: { access: 'task.write' },
    schema: { tags: ['督办'], summary: '部署任务', body: taskCreate, response: { 201: taskDetail } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const id = await deployTask(p, request.audit, actor, request.body);
    return reply.status(201).send(await taskDetailOf(p, actor, id));
  });

  app.get('/tasks/:id', {
    config: { access: 'authenticated' },
    schema: { tags: ['督办'], summary: '任务详情（含灯号与办理时间线）', params: taskParams, response: { 200: taskDetail } },
  }, async (request) => taskDetailOf(p, actorOf(request), request.params.id));

  app.patch('/tasks/:id', {
    config: { access: 'authenticated' },
    schema: { tags: ['督办'], summary: '修改任务（部署人一方；销号后不能修改）', params: taskParams, body: taskPatch, response: { 200: taskDetail } },
  }, async (request) => {
    const actor = actorOf(request);
    await editTask(p, request.audit, actor, request.params.id, request.body);
    return taskDetailOf(p, actor, request.params.id);
  });

  const actions: [TaskAction, z.ZodType<ActionBody>, string][] = [
    ['accept', acceptBody, '接收任务（责任人或协办人）'],
    ['report', reportBody, '汇报进度（百分比与进展情况）'],
    ['complete', completeBody, '提交完成报告（完成情况及佐证）'],
    ['verify', verifyBody, '验收销号（部署人或部署组织的验收人）'],
    ['return', returnBody, '退回（须填写退回原因）'],
  ];
  for (const [action, body, summary] of actions) {
    app.post(`/tasks/:id/${action}`, {
      config: { access: 'authenticated' },
      schema: { tags: ['督办'], summary, params: taskParams, body, response: { 200: taskDetail } },
    }, async (request) => {
      const actor = actorOf(request);
      const { id } = request.params as { id: string };
      await act(p, request.audit, actor, id, action, (request.body ?? {}) as ActionBody);
      return taskDetailOf(p, actor, id);
    });
  }

  // Attachments: the owner side adds evidence, the issuer side adds notices; both while the task is open.
  app.post('/tasks/:id/attachments', {
    config: { access: 'authenticated' },
    schema: { tags: ['督办'], summary: '上传附件（佐证材料等；PDF、Word、Excel、图片）', params: taskParams, response: { 201: attachmentView } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const row = await attachableTask(p, actor, request.params.id);
    const meta = await attachUpload(p, request, { tenantId: row.tenant_id, ownerKind: TASK_FILE_OWNER, ownerId: row.id, entity: 'task', action: 'task.attach' });
    return reply.status(201).send({ ...meta, createdByName: actor.displayName });
  });

  app.get('/tasks/:id/attachments/:fileId', {
    config: { access: 'authenticated' },
    schema: { tags: ['督办'], summary: '下载附件（inline=true 时图片直接显示）', params: attachmentParams, querystring: attachmentQuery },
  }, async (request, reply) => {
    const f = await taskAttachment(p, actorOf(request), request.params.id, request.params.fileId);
    return sendStoredFile(reply, f, { inline: request.query.inline });
  });

  app.delete('/tasks/:id/attachments/:fileId', {
    config: { access: 'authenticated' },
    schema: { tags: ['督办'], summary: '删除附件（上传人或部署人一方；销号后不能删除）', params: attachmentParams },
  }, async (request, reply) => {
    await removeAttachment(p, request.audit, actorOf(request), request.params.id, request.params.fileId);
    return reply.status(204).send();
  });

  // Programmes (工作方案)
  app.get('/programmes', {
    config: { access: 'authenticated' },
    schema: { tags: ['督办'], summary: '工作方案', querystring: programmeListQuery, response: { 200: pageResponse(programmeView) } },
  }, async (request) => {
    const q = request.query;
    const { items, total } = await programmePage(p, actorOf(request), { q: q.q, orgId: q.orgId, ...window(q) });
    return { items, total, page: q.page, pageSize: q.pageSize };
  });

  app.post('/programmes', {
    config: { access: 'task.write' },
    schema: { tags: ['督办'], summary: '新建工作方案（可同时部署各节点任务）', body: programmeCreate, response: { 201: programmeDetail } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const id = await createProgramme(p, request.audit, actor, request.body);
    return reply.status(201).send(await programmeDetailOf(p, actor, id));
  });

  app.get('/programmes/:id', {
    config: { access: 'authenticated' },
    schema: { tags: ['督办'], summary: '工作方案详情：各节点任务及灯号、汇总', params: z.object({ id: z.string().min(1).max(64).describe('方案编号') }), response: { 200: programmeDetail } },
  }, async (request) => programmeDetailOf(p, actorOf(request), request.params.id));

  await app.register(responsibilityRoutes);
};

export default taskRoutes;
