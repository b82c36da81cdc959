// /api/v1/admin over HTTP: permissions, roles, organisations for pickers, and grants (admin.ts does the work).
// Only the 安全保密员 grants.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PERMISSIONS, isPermission } from './permissions.js';
import { SEPARATION_OF } from './roles.js';
import { createGrant, createRole, deleteRole, grantableOrgs, grantees, listGrants, listRoles, revokeGrant, updateRole } from './admin.js';
import { actorOf } from '../context.js';
import { proposeGrantRevoke } from '../accounts/requests.js';
import { requestView } from '../accounts/schema.js';
import { pageQuery, pageResponse, window } from '../http/paging.js';
import { beijingTime, sendXlsx } from '../export/xlsx.js';

const roleView = z.object({
  id: z.string(), code: z.string(), name: z.string(), description: z.string(), builtin: z.boolean(),
  separation: z.enum(['sysadmin', 'secadmin', 'auditor']).nullable(), permissions: z.array(z.string()),
});
const orgView = z.object({ id: z.string(), parentId: z.string().nullable(), name: z.string(), kind: z.string(), code: z.string().nullable(), path: z.string() });
const grantView = z.object({
  id: z.string(), userId: z.string(), username: z.string(), displayName: z.string(), roleId: z.string(), roleCode: z.string(), roleName: z.string(),
  orgId: z.string(), orgName: z.string(), createdAt: z.string(), createdByName: z.string().nullable(),
});
const idParams = z.object({ id: z.string().min(1).max(64).describe('编号') });

const permissionList = z.array(z.string()).max(200).describe('权限').superRefine((list, ctx) => {
  for (const code of list) {
    if (!isPermission(code)) ctx.addIssue({ code: 'custom', message: `未知权限“${code}”` });
    else if (SEPARATION_OF[code]) ctx.addIssue({ code: 'custom', message: `“${PERMISSIONS.find((x) => x.code === code)?.name}”属于三员专用权限，不能放入自定义角色` });
  }
});

const accessRoutes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;

  app.get('/permissions', {
    config: { access: 'role.read' },
    schema: { tags: ['授权'], summary: '权限目录', response: { 200: z.object({ items: z.array(z.object({ code: z.string(), name: z.string(), group: z.string() })) }) } },
  }, async () => ({ items: PERMISSIONS.map((x) => ({ ...x })) }));

  app.get('/roles', {
    config: { access: 'role.read' },
    schema: { tags: ['授权'], summary: '角色列表', response: { 200: z.object({ items: z.array(roleView) }) } },
  }, async (request) => ({ items: await listRoles(p, actorOf(request)) }));

  app.post('/roles', {
    config: { access: 'grant.manage' },
    schema: {
      tags: ['授权'], summary: '新建自定义角色',
      body: z.object({
        code: z.string().trim().regex(/^[a-zA-Z][a-zA-Z0-9_]{1,31}$/, '角色代码为 2–32 位字母、数字或下划线，以字母开头').describe('角色代码'),
        name: z.string().trim().min(1, '请输入角色名称').max(30).describe('角色名称'),
        description: z.string().trim().max(200).default('').describe('说明'),
        permissions: permissionList,
      }),
      response: { 201: roleView },
    },
  }, async (request, reply) => reply.status(201).send(await createRole(p, request.audit, actorOf(request), request.body)));

  app.patch('/roles/:id', {
    config: { access: 'grant.manage' },
    schema: {
      tags: ['授权'], summary: '修改自定义角色', params: idParams,
      body: z.object({ name: z.string().trim().min(1).max(30).optional().describe('角色名称'), description: z.string().trim().max(200).optional().describe('说明'), permissions: permissionList.optional() }),
      response: { 200: roleView },
    },
  }, async (request) => updateRole(p, request.audit, actorOf(request), request.params.id, request.body));

  app.delete('/roles/:id', {
    config: { access: 'grant.manage' },
    schema: { tags: ['授权'], summary: '删除自定义角色', params: idParams },
  }, async (request, reply) => {
    await deleteRole(p, request.audit, actorOf(request), request.params.id);
    return reply.status(204).send();
  });

  app.get('/orgs', {
    config: { access: 'grant.manage' },
    schema: { tags: ['授权'], summary: '可授权的组织（选择器用）', response: { 200: z.object({ items: z.array(orgView) }) } },
  }, async (request) => ({ items: await grantableOrgs(p, actorOf(request)) }));

  app.get('/grantees', {
    config: { access: 'grant.manage' },
    schema: {
      tags: ['授权'], summary: '可授权用户查找（选择器用）',
      querystring: z.object({ keyword: z.string().trim().max(50).optional().describe('关键词') }),
      response: { 200: z.object({ items: z.array(z.object({ id: z.string(), username: z.string(), displayName: z.string() })) }) },
    },
  }, async (request) => ({ items: await grantees(p, actorOf(request), request.query.keyword) }));

  app.get('/grants', {
    config: { access: 'grant.manage' },
    schema: {
      tags: ['授权'], summary: '授权列表',
      querystring: z.object({ userId: z.string().max(64).optional(), roleId: z.string().max(64).optional(), orgId: z.string().max(64).optional(), ...pageQuery }),
      response: { 200: pageResponse(grantView) },
    },
  }, async (request, reply) => {
    const q = request.query;
    const { limit, offset } = window(q);
    const { rows, total } = await listGrants(p, actorOf(request), { userId: q.userId, roleId: q.roleId, orgId: q.orgId, limit, offset });
    if (q.format === 'xlsx') {
      return sendXlsx(reply, '授权列表', '授权', [
        { header: '用户名', value: (g) => g.username }, { header: '姓名', value: (g) => g.displayName },
        { header: '角色', value: (g) => g.roleName }, { header: '数据范围', value: (g) => g.orgName, width: 24 },
        { header: '授权时间', value: (g) => beijingTime(g.createdAt), width: 22 }, { header: '授权人', value: (g) => g.createdByName },
      ], rows);
    }
    return { items: rows, total, page: q.page, pageSize: q.pageSize };
  });

  app.post('/grants', {
    config: { access: 'grant.manage' },
    schema: {
      tags: ['授权'], summary: '授予角色（用户 × 角色 × 组织范围）',
      body: z.object({ userId: z.string().min(1, '请选择用户').max(64).describe('用户'), roleId: z.string().min(1, '请选择角色').max(64).describe('角色'), orgId: z.string().min(1, '请选择组织').max(64).describe('组织范围') }),
      response: { 201: z.object({ id: z.string() }) },
    },
  }, async (request, reply) => reply.status(201).send({ id: await createGrant(p, request.audit, actorOf(request), request.body) }));

  app.delete('/grants/:id', {
    config: { access: 'grant.manage' },
    schema: { tags: ['授权'], summary: '收回授权', params: idParams },
  }, async (request, reply) => {
    await revokeGrant(p, request.audit, actorOf(request), request.params.id);
    return reply.status(204).send();
  });

  app.post('/grants/:id/revoke-request', {
    config: { access: 'grant.manage' },
    schema: { tags: ['授权'], summary: '申请收回三员角色（须另一类三员批准）', params: idParams, response: { 201: requestView } },
  }, async (request, reply) => reply.status(201).send(await proposeGrantRevoke(p, request.audit, actorOf(request), request.params.id)));
};

export default accessRoutes;
