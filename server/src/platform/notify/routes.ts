// /api/v1/todos (everyone's 待办, merged from the sources modules register), /api/v1/notifications (the
// signed-in user's own inbox) and /api/v1/admin/jobs (runs of the scheduled jobs, for the 系统管理员).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../context.js';
import { shanghaiDate } from '../calendar.js';
import { notFound } from '../errors.js';
import { pageResponse } from '../http/paging.js';
import jobRoutes from '../jobs/routes.js';

const todoItem = z.object({
  kind: z.string(), title: z.string(), link: z.string(), entityId: z.string(),
  orgName: z.string().optional(), due: z.string().optional(), overdue: z.boolean(),
  since: z.string().optional().describe('事项开始等待处理的时间（ISO 时间戳），用于显示“几天前”；个别来源不提供'),
});
const todoKind = z.object({ kind: z.string(), name: z.string(), count: z.number().int(), available: z.boolean() });

const notificationView = z.object({
  id: z.string(), kind: z.string(), title: z.string(), body: z.string().nullable(), link: z.string().nullable(),
  createdAt: z.string(), readAt: z.string().nullable(),
});

const notifyRoutes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;

  app.get('/todos', {
    config: { access: 'authenticated' },
    schema: {
      tags: ['待办与通知'], summary: '我的待办',
      description: '各模块登记的待办来源合并：逾期在前，再按截止日期；某一来源出错时其余照常返回，该来源 available=false。',
      response: { 200: z.object({ today: z.string(), items: z.array(todoItem), kinds: z.array(todoKind), total: z.number().int() }) },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const today = shanghaiDate(p.clock.now());
    const list = await p.todos.list({ db: p.db, dialect: p.data.dialect, actor, today });
    for (const f of list.failures) request.log.error({ err: f.error, todoKind: f.kind }, 'todo source failed');
    return { today, items: list.items, kinds: list.kinds, total: list.items.length };
  });

  app.get('/notifications', {
    config: { access: 'authenticated' },
    schema: {
      tags: ['待办与通知'], summary: '我的通知',
      querystring: z.object({
        unread: z.enum(['true', 'false']).default('false').transform((v) => v === 'true').describe('只看未读'),
        page: z.coerce.number().int().min(1).default(1).describe('页码'),
        pageSize: z.coerce.number().int().min(1).max(200).default(20).describe('每页条数'),
      }),
      response: { 200: pageResponse(notificationView).extend({ unreadCount: z.number().int() }) },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const q = request.query;
    const own = p.db.selectFrom('notifications').where('tenant_id', '=', actor.tenantId).where('user_id', '=', actor.userId);
    const listed = q.unread ? own.where('read_at', 'is', null) : own;
    const [rows, total, unread] = await Promise.all([
      listed.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
      listed.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      own.where('read_at', 'is', null).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return {
      items: rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, link: r.link, createdAt: r.created_at, readAt: r.read_at })),
      total: Number(total.n), page: q.page, pageSize: q.pageSize, unreadCount: Number(unread.n),
    };
  });

  app.post('/notifications/:id/read', {
    config: { access: 'authenticated' },
    schema: {
      tags: ['待办与通知'], summary: '标记一条通知为已读',
      params: z.object({ id: z.string().max(64).describe('通知编号') }),
      response: { 200: z.object({ id: z.string(), readAt: z.string(), unreadCount: z.number().int() }) },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const own = p.db.selectFrom('notifications').where('tenant_id', '=', actor.tenantId).where('user_id', '=', actor.userId);
    const row = await own.select(['id', 'read_at']).where('id', '=', request.params.id).executeTakeFirst();
    if (!row) throw notFound('通知');
    let readAt = row.read_at;
    if (readAt === null) {
      readAt = p.clock.now().toISOString();
      // Keeps the first read time when two tabs mark it at once.
      await p.db.updateTable('notifications').set({ read_at: readAt })
        .where('tenant_id', '=', actor.tenantId).where('user_id', '=', actor.userId).where('id', '=', row.id).where('read_at', 'is', null)
        .execute();
    }
    const unread = await own.where('read_at', 'is', null).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { id: row.id, readAt, unreadCount: Number(unread.n) };
  });

  app.post('/notifications/read-all', {
    config: { access: 'authenticated' },
    schema: {
      tags: ['待办与通知'], summary: '全部标记为已读',
      response: { 200: z.object({ marked: z.number().int(), unreadCount: z.number().int() }) },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const res = await p.db.updateTable('notifications').set({ read_at: p.clock.now().toISOString() })
      .where('tenant_id', '=', actor.tenantId).where('user_id', '=', actor.userId).where('read_at', 'is', null)
      .executeTakeFirst();
    return { marked: Number(res.numUpdatedRows), unreadCount: 0 };
  });

  await app.register(jobRoutes);
};

export default notifyRoutes;
