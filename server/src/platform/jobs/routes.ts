// /api/v1/admin/jobs: the registered scheduled jobs and their recent runs in the tenant, for the 系统管理员
// (settings.manage): whether today's reminders went out, and the error of a failed run.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../context.js';
import { pageResponse } from '../http/paging.js';

const runView = z.object({
  job: z.string(), runKey: z.string(), status: z.enum(['running', 'done', 'failed']), attempts: z.number().int(),
  holder: z.string(), startedAt: z.string(), finishedAt: z.string().nullable(), leaseUntil: z.string(), error: z.string().nullable(),
});
const scheduleView = z.union([z.object({ dailyAt: z.string() }), z.object({ everyMinutes: z.number().int() })]);

const jobRoutes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;

  app.get('/admin/jobs', {
    config: { access: 'settings.manage' },
    schema: {
      tags: ['系统'], summary: '定时任务与最近运行记录',
      querystring: z.object({
        job: z.string().trim().max(64).optional().describe('任务名'),
        page: z.coerce.number().int().min(1).default(1).describe('页码'),
        pageSize: z.coerce.number().int().min(1).max(200).default(20).describe('每页条数'),
      }),
      response: { 200: pageResponse(runView).extend({ jobs: z.array(z.object({ name: z.string(), schedule: scheduleView })) }) },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const q = request.query;
    let base = p.db.selectFrom('job_runs').where('tenant_id', '=', actor.tenantId);
    if (q.job) base = base.where('job', '=', q.job);
    const [rows, total] = await Promise.all([
      base.selectAll().orderBy('started_at', 'desc').orderBy('job').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return {
      jobs: p.jobs.list(),
      items: rows.map((r) => ({
        job: r.job, runKey: r.run_key, status: r.status, attempts: r.attempts, holder: r.holder,
        startedAt: r.started_at, finishedAt: r.finished_at, leaseUntil: r.lease_until, error: r.error,
      })),
      total: Number(total.n), page: q.page, pageSize: q.pageSize,
    };
  });
};

export default jobRoutes;
