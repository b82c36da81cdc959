// /api/v1/audit: the 安全审计员's read-only view of the log and the integrity check. Nobody can edit.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sql } from 'kysely';
import { likeLiteral } from '../../db/dialect.js';
import { scopePaths } from '../access/can.js';
import { actorOf } from '../context.js';
import { pageQuery, pageResponse, window } from '../http/paging.js';
import { beijingTime, sendXlsx } from '../export/xlsx.js';
import { SYSTEM_TENANT_ID } from '../tenants.js';
import { remaskStored } from '../crypto/mask.js';
import { auditNames, auditResult } from './names.js';

const entryView = z.object({
  seq: z.number(), at: z.string(), userId: z.string().nullable(), username: z.string().nullable(), ip: z.string().nullable(),
  action: z.string(), entity: z.string().nullable(), entityId: z.string().nullable(), before: z.unknown(), after: z.unknown(),
  requestId: z.string().nullable(), status: z.number().nullable(), tenantId: z.string(),
  result: z.string().describe('结果：成功、拒绝、失败、出错或过于频繁'),
  userName: z.string().nullable().describe('用户的姓名'), tenantName: z.string().describe('党委名称'),
  entityName: z.string().nullable().describe('对象的名称（用户、角色、党组织、党委）'),
});

const instant = z.string().datetime({ offset: true, message: '时间格式应为 ISO 8601' });

const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;

  app.get('/', {
    config: { access: 'audit.read' },
    schema: {
      tags: ['审计'], summary: '审计日志',
      querystring: z.object({
        from: instant.optional().describe('开始时间'), to: instant.optional().describe('结束时间'),
        username: z.string().trim().max(64).optional().describe('用户名'), action: z.string().trim().max(64).optional().describe('操作'),
        entity: z.string().trim().max(64).optional().describe('对象类型'), ...pageQuery,
      }),
      response: { 200: pageResponse(entryView) },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const q = request.query;
    // The platform chain (e.g. logins with unknown usernames) is shown to every auditor.
    const tenants = [...new Set([...scopePaths(actor, 'audit.read').map((s) => s.tenantId), SYSTEM_TENANT_ID])];
    let base = p.db.selectFrom('audit_log').where('tenant_id', 'in', tenants);
    if (q.from) base = base.where('at', '>=', new Date(q.from).toISOString());
    if (q.to) base = base.where('at', '<=', new Date(q.to).toISOString());
    if (q.username) base = base.where('username', '=', q.username);
    if (q.action) base = base.where(likeLiteral(sql.ref<string>('action'), q.action, 'prefix'));
    if (q.entity) base = base.where('entity', '=', q.entity);
    const { limit, offset } = window(q);
    const [rows, count] = await Promise.all([
      base.selectAll().orderBy('at', 'desc').orderBy('seq', 'desc').limit(limit).offset(offset).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    const names = await auditNames(p, rows);
    const items = rows.map((r, i) => ({
      seq: r.seq, at: r.at, userId: r.user_id, username: r.username, ip: r.ip, action: r.action, entity: r.entity, entityId: r.entity_id,
      // Entries are never rewritten (the chain): those masked under the older 身份证号 rule are masked again here.
      before: r.before ? remaskStored(JSON.parse(r.before)) : null, after: r.after ? remaskStored(JSON.parse(r.after)) : null,
      requestId: r.request_id, status: r.status, tenantId: r.tenant_id, result: auditResult(r.status), ...names[i]!,
    }));
    if (q.format === 'xlsx') {
      return sendXlsx(reply, '审计日志', '审计日志', [
        { header: '时间', value: (e) => beijingTime(e.at), width: 22 }, { header: '用户', value: (e) => e.userName ?? e.username }, { header: '用户名', value: (e) => e.username },
        { header: 'IP', value: (e) => e.ip }, { header: '操作', value: (e) => e.action, width: 28 },
        { header: '对象', value: (e) => e.entity }, { header: '对象名称', value: (e) => e.entityName, width: 28 }, { header: '对象编号', value: (e) => e.entityId, width: 38 },
        { header: '变更前', value: (e) => (e.before === null ? '' : JSON.stringify(e.before)), width: 40 },
        { header: '变更后', value: (e) => (e.after === null ? '' : JSON.stringify(e.after)), width: 40 },
        { header: '结果', value: (e) => e.result }, { header: '状态码', value: (e) => e.status }, { header: '序号', value: (e) => e.seq },
      ], items);
    }
    return { items, total: Number(count.n), page: q.page, pageSize: q.pageSize };
  });

  app.get('/verify', {
    config: { access: 'audit.read' },
    schema: {
      tags: ['审计'], summary: '校验审计日志哈希链',
      response: { 200: z.object({ ok: z.boolean(), checked: z.number(), problems: z.array(z.object({ tenantId: z.string(), seq: z.number(), reason: z.string() })) }) },
    },
  }, async () => p.audit.verify());
};

export default auditRoutes;
