// /api/v1/tasks, /api/v1/programmes, /api/v1/responsibilities (docs/api/tasks.md). Reading is open to every
// signed-in user but scoped in SQL (task.read over the issuing or owning organisation, or being the
// issuer, owner or a co-owner); deploying needs task.write over the issuing organisation; the loop's
// actions check the side (owner or issuer) in service.ts.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import { actorOf } from '../../platform/context.js';
import type { Actor } from '../../platform/access/actor.js';
import { conflict, forbidden, notFound } from '../../platform/errors.js';
import { shanghaiDate } from '../../platform/calendar.js';
import { pageResponse, window } from '../../platform/http/paging.js';
import { sendXlsx } from '../../platform/export/xlsx.js';
import { inSubtree } from '../../db/dialect.js';
import { lightCase, lightCondition, TASK_RULES } from './lights.js';
import type { TaskAction } from './machine.js';
import { coOwnersOf, mineCondition, selectTaskRow, sidesOf, taskBase, taskVisible, textCondition, timelineOf, toTaskView, verifierCondition, visibleCondition, type TaskRow } from './queries.js';
import {
  acceptBody, assigneeList, attachmentParams, attachmentQuery, attachmentView, assigneeQuery, completeBody, lightSummary, programmeCreate, programmeDetail, programmeListQuery, programmeView, reportBody,
  returnBody, TASK_SORTS, taskCreate, taskDetail, taskListQuery, taskParams, taskPatch, taskView, verifyBody, type Light, type TaskDetail, type TaskListQuery, type TaskView,
} from './schema.js';
import { act, deployTask, editTask, type ActionBody } from './service.js';
import { createProgramme, listProgrammes, programmeVisible, toProgrammeViews } from './programmes.js';
import responsibilityRoutes from './responsibilityRoutes.js';
import { listFiles, loadFile, removeFile, sendStoredFile } from '../../platform/files/index.js';
import { attachUpload } from '../../platform/files/attach.js';
import { permissionHolders } from '../../platform/access/holders.js';
import { userDisplayNames } from '../../platform/accounts/service.js';

/** files.owner_kind of task attachments (evidence, notices, photos). */
const FILE_OWNER = 'task';

/** '/a/b/c/' → ['/a/', '/a/b/', '/a/b/c/']: the organisation and those above it. */

const taskRoutes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;
  const today = () => shanghaiDate(p.clock.now());
  const yellowDays = async (tenantId: string) => (await p.settings.get(tenantId, TASK_RULES)).yellowDays;

  async function views(actor: Actor, rows: TaskRow[]): Promise<TaskView[]> {
    const co = await coOwnersOf(p.db, actor.tenantId, rows.map((r) => r.id));
    const t = today();
    const yd = await yellowDays(actor.tenantId);
    return rows.map((r) => toTaskView(actor, r, co.get(r.id) ?? [], t, yd));
  }

  async function detail(actor: Actor, id: string): Promise<TaskDetail> {
    const row = await taskVisible(p.db, actor, id);
    if (!row) throw notFound('任务');
    const [view] = await views(actor, [row]);
    const files = (await listFiles(p.db, row.tenant_id, FILE_OWNER, [row.id])).get(row.id) ?? [];
    const names = await userDisplayNames(p.db, row.tenant_id, files.flatMap((f) => (f.createdBy ? [f.createdBy] : [])));
    return {
      ...view!, timeline: await timelineOf(p.db, row.tenant_id, row.id),
      attachments: files.map((f) => ({ ...f, createdByName: (f.createdBy && names.get(f.createdBy)) || null })),
    };
  }

  /** The list's filters except the light, scoped. */
  async function filtered(actor: Actor, q: TaskListQuery) {
    let base = taskBase(p.db).where(visibleCondition(actor));
    if (q.status?.length) base = base.where('t.status', 'in', q.status);
    if (q.orgId) {
      const org = await p.db.selectFrom('organisations').select('path').where('tenant_id', '=', actor.tenantId).where('id', '=', q.orgId).executeTakeFirst();
      base = org ? base.where(inSubtree(sql.ref('oo.path'), org.path)) : base.where(sql<boolean>`1 = 0`);
    }
    if (q.mine === 'verifier') base = base.where(verifierCondition(actor));
    else if (q.mine && q.mine !== 'false') base = base.where(mineCondition(actor, q.mine === 'true' ? 'any' : q.mine));
    if (q.programmeId) base = base.where('t.programme_id', '=', q.programmeId);
    if (q.kind) base = base.where('t.kind', '=', q.kind);
    if (q.sourceKind) base = base.where('t.source_kind', '=', q.sourceKind);
    if (q.sourceId) base = base.where('t.source_id', '=', q.sourceId);
    if (q.q) {
      const text = textCondition(p.db, p.data.dialect, actor.tenantId, q.q);
      if (text) base = base.where(text);
    }
    return base;
  }

  async function list(request: FastifyRequest, reply: FastifyReply, q: TaskListQuery) {
    const actor = actorOf(request);
    const t = today();
    const yd = await yellowDays(actor.tenantId);
    const cols = { status: sql.ref<string>('t.status'), dueOn: sql.ref<string>('t.due_on') };
    const base = await filtered(actor, q);
    const lit = q.light?.length ? base.where((eb) => eb.or(q.light!.map((l) => lightCondition(l, cols, t, yd)))) : base;
    const { limit, offset } = window(q);
    const light = lightCase(cols, t, yd);
    const [rows, byLight] = await Promise.all([
      selectTaskRow(lit).orderBy(sql.ref(TASK_SORTS[q.sort]), q.order).orderBy('t.id').limit(limit).offset(offset).execute(),
      // Grouped over a derived table: PostgreSQL cannot match a parameterised CASE in GROUP BY to the select list.
      p.db.selectFrom(base.select(light.as('light')).as('x')).select(['x.light', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('x.light').execute(),
    ]);
    // The list's total is the count of its lights (lightCase and lightCondition draw the same lines): no third scan.
    const total = byLight.filter((r) => !q.light?.length || q.light.includes(r.light as Light)).reduce((n, r) => n + Number(r.n), 0);
    const items = await views(actor, rows as TaskRow[]);
    if (q.format === 'xlsx') {
      return sendXlsx<TaskView>(reply, `督办事项-${t}`, '督办事项', [
        { header: '任务标题', value: (v) => v.title, width: 30 }, { header: '类型', value: (v) => v.kindName }, { header: '状态', value: (v) => v.statusName },
        { header: '灯号', value: (v) => v.lightName }, { header: '责任组织', value: (v) => v.ownerOrgName, width: 18 }, { header: '责任人', value: (v) => v.ownerName, width: 18 },
        { header: '部署人', value: (v) => v.issuerName, width: 14 }, { header: '部署组织', value: (v) => v.issuingOrgName, width: 18 },
        { header: '开始日期', value: (v) => v.startOn, width: 12 }, { header: '截止日期', value: (v) => v.dueOn, width: 12 },
        { header: '进度(%)', value: (v) => v.percent }, { header: '来源', value: (v) => v.sourceName }, { header: '工作方案', value: (v) => v.programmeName, width: 20 },
        { header: '销号日期', value: (v) => v.closedOn, width: 12 }, { header: '退回次数', value: (v) => v.returnCount },
      ], items);
    }
    const summary = { total: 0, green: 0, yellow: 0, red: 0, done: 0 };
    for (const r of byLight) {
      summary[r.light as 'green'] += Number(r.n);
      summary.total += Number(r.n);
    }
    return { items, total, page: q.page, pageSize: q.pageSize, summary };
  }

  app.get('/tasks', {
    config: { access: 'authenticated' },
    schema: { tags: ['督办'], summary: '督办事项（筛选：状态、灯号、责任组织、与我有关、工作方案；format=xlsx 导出）', querystring: taskListQuery, response: { 200: pageResponse(taskView).extend({ summary: lightSummary }) } },
  }, (request, reply) => list(request, reply, request.query));

  app.get('/tasks/assignees', {
    config: { access: 'task.write' },
    schema: { tags: ['督办'], summary: '可选的责任人、协办人：对该组织持有督办权限的账号', querystring: assigneeQuery, response: { 200: assigneeList } },
  }, async (request) => {
    const actor = actorOf(request);
    const org = await p.db.selectFrom('organisations').select(['path']).where('tenant_id', '=', actor.tenantId).where('id', '=', request.query.orgId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!org) throw notFound('组织');
    return { items: await permissionHolders(p.db, actor.tenantId, org.path, (perm) => perm.startsWith('task.')) };
  });

  app.post('/tasks', {
    config: { access: 'task.write' },
    schema: { tags: ['督办'], summary: '部署任务', body: taskCreate, response: { 201: taskDetail } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const id = await deployTask(p, request.audit, actor, request.body);
    return reply.status(201).send(await detail(actor, id));
  });

  app.get('/tasks/:id', {
    config: { access: 'authenticated' },
    schema: { tags: ['督办'], summary: '任务详情（含灯号与办理时间线）', params: taskParams, response: { 200: taskDetail } },
  }, async (request) => detail(actorOf(request), request.params.id));

  app.patch('/tasks/:id', {
    config: { access: 'authenticated' },
    schema: { tags: ['督办'], summary: '修改任务（部署人一方；销号后不能修改）', params: taskParams, body: taskPatch, response: { 200: taskDetail } },
  }, async (request) => {
    const actor = actorOf(request);
    await editTask(p, request.audit, actor, request.params.id, request.body);
    return detail(actor, request.params.id);
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
      return detail(actor, id);
    });
  }

  // Attachments: the owner side adds evidence, the issuer side adds notices; both while the task is open.
  async function attachable(actor: Actor, id: string) {
    const row = await taskVisible(p.db, actor, id);
    if (!row) throw notFound('任务');
    const co = ((await coOwnersOf(p.db, row.tenant_id, [row.id])).get(row.id) ?? []).map((c) => c.id);
    const sides = sidesOf(actor, row, co);
    if (!sides.ownerSide && !sides.editor) throw forbidden('只有责任人、协办人或部署人一方可以上传附件');
    if (row.status === 'closed') throw conflict('TASK_STATE', '任务已销号，不能再修改附件');
    return row;
  }

  app.post('/tasks/:id/attachments', {
    config: { access: 'authenticated' },
    schema: { tags: ['督办'], summary: '上传附件（佐证材料等；PDF、Word、Excel、图片）', params: taskParams, response: { 201: attachmentView } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const row = await attachable(actor, request.params.id);
    const meta = await attachUpload(p, request, { tenantId: row.tenant_id, ownerKind: FILE_OWNER, ownerId: row.id, entity: 'task', action: 'task.attach' });
    return reply.status(201).send({ ...meta, createdByName: actor.displayName });
  });

  app.get('/tasks/:id/attachments/:fileId', {
    config: { access: 'authenticated' },
    schema: { tags: ['督办'], summary: '下载附件（inline=true 时图片直接显示）', params: attachmentParams, querystring: attachmentQuery },
  }, async (request, reply) => {
    const row = await taskVisible(p.db, actorOf(request), request.params.id);
    if (!row) throw notFound('任务');
    const f = await loadFile(p.db, row.tenant_id, FILE_OWNER, row.id, request.params.fileId);
    if (!f) throw notFound('附件');
    return sendStoredFile(reply, f, { inline: request.query.inline });
  });

  app.delete('/tasks/:id/attachments/:fileId', {
    config: { access: 'authenticated' },
    schema: { tags: ['督办'], summary: '删除附件（上传人或部署人一方；销号后不能删除）', params: attachmentParams },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const row = await attachable(actor, request.params.id);
    await p.audit.tx(request.audit, async (trx) => {
      const f = await loadFile(trx, row.tenant_id, FILE_OWNER, row.id, request.params.fileId);
      if (!f) throw notFound('附件');
      const co = ((await coOwnersOf(trx, row.tenant_id, [row.id])).get(row.id) ?? []).map((c) => c.id);
      if (f.meta.createdBy !== actor.userId && !sidesOf(actor, row, co).editor) throw forbidden('只能删除本人上传的附件');
      const removed = await removeFile(trx, row.tenant_id, FILE_OWNER, row.id, request.params.fileId, p.clock.now().toISOString());
      await p.audit.record(trx, request.audit, { action: 'task.detach', entity: 'task', entityId: row.id, before: { fileId: removed?.id, name: removed?.name } });
    });
    return reply.status(204).send();
  });

  // Programmes (工作方案)
  app.get('/programmes', {
    config: { access: 'authenticated' },
    schema: { tags: ['督办'], summary: '工作方案', querystring: programmeListQuery, response: { 200: pageResponse(programmeView) } },
  }, async (request) => {
    const actor = actorOf(request);
    const q = request.query;
    const { limit, offset } = window(q);
    const { rows, total } = await listProgrammes(p.db, actor, { q: q.q, orgId: q.orgId, limit, offset });
    return { items: await toProgrammeViews(p.db, actor, rows, today(), await yellowDays(actor.tenantId)), total, page: q.page, pageSize: q.pageSize };
  });

  async function programmeDetailOf(actor: Actor, id: string) {
    const row = await programmeVisible(p.db, actor, id);
    if (!row) throw notFound('工作方案');
    const [view] = await toProgrammeViews(p.db, actor, [row], today(), await yellowDays(actor.tenantId));
    const milestones = await selectTaskRow(taskBase(p.db).where('t.tenant_id', '=', row.tenant_id).where('t.programme_id', '=', row.id).where(visibleCondition(actor)))
      .orderBy('t.due_on').orderBy('oo.path').orderBy('t.id').execute();
    return { ...view!, milestones: await views(actor, milestones as TaskRow[]) };
  }

  app.post('/programmes', {
    config: { access: 'task.write' },
    schema: { tags: ['督办'], summary: '新建工作方案（可同时部署各节点任务）', body: programmeCreate, response: { 201: programmeDetail } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const id = await createProgramme(p, request.audit, actor, request.body);
    return reply.status(201).send(await programmeDetailOf(actor, id));
  });

  app.get('/programmes/:id', {
    config: { access: 'authenticated' },
    schema: { tags: ['督办'], summary: '工作方案详情：各节点任务及灯号、汇总', params: z.object({ id: z.string().min(1).max(64).describe('方案编号') }), response: { 200: programmeDetail } },
  }, async (request) => programmeDetailOf(actorOf(request), request.params.id));

  await app.register(responsibilityRoutes);
};

export default taskRoutes;
