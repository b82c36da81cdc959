// /api/v1/admin: permissions, roles, organisations for pickers, and grants. Only the 安全保密员 grants.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sql } from 'kysely';
import type { Actor } from './actor.js';
import { can, scopePaths } from './can.js';
import { PERMISSIONS, isPermission } from './permissions.js';
import { SEPARATION_OF } from './roles.js';
import { assertSeparation, insertGrant } from './grants.js';
import { actorOf, type Platform } from '../context.js';
import { badRequest, conflict, notFound } from '../errors.js';
import { newId } from '../../db/ids.js';
import { pageQuery, pageResponse, window } from '../http/paging.js';
import { beijingTime, sendXlsx } from '../export/xlsx.js';
import { likeLiteral, subtreeBounds } from '../../db/dialect.js';

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

const tenantsOf = (actor: Actor, perm: 'role.read' | 'grant.manage') => [...new Set(scopePaths(actor, perm).map((s) => s.tenantId))];

type RoleRow = { id: string; code: string; name: string; description: string; builtin: number; separation: 'sysadmin' | 'secadmin' | 'auditor' | null; permissions: string };
const roleOut = (r: RoleRow) => ({ id: r.id, code: r.code, name: r.name, description: r.description, builtin: r.builtin === 1, separation: r.separation, permissions: JSON.parse(r.permissions) as string[] });

async function findRole(p: Platform, actor: Actor, id: string, perm: 'role.read' | 'grant.manage') {
  const r = await p.db.selectFrom('roles').selectAll().where('tenant_id', 'in', tenantsOf(actor, perm)).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!r) throw notFound('角色');
  return r;
}

const accessRoutes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;

  app.get('/permissions', {
    config: { access: 'role.read' },
    schema: { tags: ['授权'], summary: '权限目录', response: { 200: z.object({ items: z.array(z.object({ code: z.string(), name: z.string(), group: z.string() })) }) } },
  }, async () => ({ items: PERMISSIONS.map((x) => ({ ...x })) }));

  app.get('/roles', {
    config: { access: 'role.read' },
    schema: { tags: ['授权'], summary: '角色列表', response: { 200: z.object({ items: z.array(roleView) }) } },
  }, async (request) => {
    const rows = await p.db.selectFrom('roles').selectAll().where('tenant_id', 'in', tenantsOf(actorOf(request), 'role.read')).where('deleted_at', 'is', null)
      .orderBy('builtin', 'desc').orderBy('created_at').execute();
    return { items: rows.map(roleOut) };
  });

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
  }, async (request, reply) => {
    const actor = actorOf(request);
    const now = p.clock.now();
    const exists = await p.db.selectFrom('roles').select('id').where('tenant_id', '=', actor.tenantId).where('code', '=', request.body.code).executeTakeFirst();
    if (exists) throw conflict('ROLE_CODE_TAKEN', `角色代码“${request.body.code}”已存在`, { code: `角色代码“${request.body.code}”已存在` });
    const id = newId(now.getTime());
    const row = {
      tenant_id: actor.tenantId, id, code: request.body.code, name: request.body.name, description: request.body.description, builtin: 0 as const,
      separation: null, permissions: JSON.stringify(request.body.permissions), created_at: now.toISOString(), updated_at: now.toISOString(), deleted_at: null,
    };
    await p.audit.tx(request.audit, async (trx) => {
      await trx.insertInto('roles').values(row).execute();
      await p.audit.record(trx, request.audit, { action: 'role.create', entity: 'role', entityId: id, after: roleOut(row) });
    });
    return reply.status(201).send(roleOut(row));
  });

  app.patch('/roles/:id', {
    config: { access: 'grant.manage' },
    schema: {
      tags: ['授权'], summary: '修改自定义角色', params: idParams,
      body: z.object({ name: z.string().trim().min(1).max(30).optional().describe('角色名称'), description: z.string().trim().max(200).optional().describe('说明'), permissions: permissionList.optional() }),
      response: { 200: roleView },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const r = await findRole(p, actor, request.params.id, 'grant.manage');
    if (r.builtin) throw conflict('BUILTIN_ROLE', '内置角色不能修改');
    const now = p.clock.now();
    const next = {
      ...r,
      name: request.body.name ?? r.name,
      description: request.body.description ?? r.description,
      permissions: request.body.permissions ? JSON.stringify(request.body.permissions) : r.permissions,
      updated_at: now.toISOString(),
    };
    await p.audit.tx(request.audit, async (trx) => {
      await trx.updateTable('roles').set({ name: next.name, description: next.description, permissions: next.permissions, updated_at: next.updated_at })
        .where('tenant_id', '=', r.tenant_id).where('id', '=', r.id).execute();
      await p.audit.record(trx, request.audit, { action: 'role.update', entity: 'role', entityId: r.id, before: roleOut(r), after: roleOut(next) });
    });
    return roleOut(next);
  });

  app.delete('/roles/:id', {
    config: { access: 'grant.manage' },
    schema: { tags: ['授权'], summary: '删除自定义角色', params: idParams },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const r = await findRole(p, actor, request.params.id, 'grant.manage');
    if (r.builtin) throw conflict('BUILTIN_ROLE', '内置角色不能删除');
    const used = await p.db.selectFrom('grants').select('id').where('tenant_id', '=', r.tenant_id).where('role_id', '=', r.id).where('revoked_at', 'is', null).executeTakeFirst();
    if (used) throw conflict('ROLE_IN_USE', '该角色仍授予给用户，请先收回授权');
    const now = p.clock.now().toISOString();
    await p.audit.tx(request.audit, async (trx) => {
      await trx.updateTable('roles').set({ deleted_at: now, updated_at: now }).where('tenant_id', '=', r.tenant_id).where('id', '=', r.id).execute();
      await p.audit.record(trx, request.audit, { action: 'role.delete', entity: 'role', entityId: r.id, before: roleOut(r) });
    });
    return reply.status(204).send();
  });

  app.get('/orgs', {
    config: { access: 'grant.manage' },
    schema: { tags: ['授权'], summary: '可授权的组织（选择器用）', response: { 200: z.object({ items: z.array(orgView) }) } },
  }, async (request) => {
    const actor = actorOf(request);
    const scopes = scopePaths(actor, 'grant.manage');
    if (scopes.length === 0) return { items: [] };
    const rows = await p.db.selectFrom('organisations').select(['id', 'parent_id', 'name', 'kind', 'code', 'path'])
      .where('deleted_at', 'is', null)
      .where((eb) => eb.or(scopes.map((s) => {
        const [lo, hi] = subtreeBounds(s.path);
        return eb.and([eb('tenant_id', '=', s.tenantId), eb('path', '>=', lo), eb('path', '<', hi)]);
      })))
      .orderBy('path').execute();
    return { items: rows.map((o) => ({ id: o.id, parentId: o.parent_id, name: o.name, kind: o.kind, code: o.code, path: o.path })) };
  });

  // The 安全保密员 must find the user to grant to, but may not administer accounts (that is user.manage):
  // this lookup shows only what a grant needs — id, username, name.
  app.get('/grantees', {
    config: { access: 'grant.manage' },
    schema: {
      tags: ['授权'], summary: '可授权用户查找（选择器用）',
      querystring: z.object({ keyword: z.string().trim().max(50).optional().describe('关键词') }),
      response: { 200: z.object({ items: z.array(z.object({ id: z.string(), username: z.string(), displayName: z.string() })) }) },
    },
  }, async (request) => {
    const actor = actorOf(request);
    let q = p.db.selectFrom('users').select(['id', 'username', 'display_name as displayName'])
      .where('tenant_id', 'in', tenantsOf(actor, 'grant.manage')).where('disabled', '=', 0);
    const k = request.query.keyword;
    if (k) {
      q = q.where((eb) => eb.or([likeLiteral(sql<string>`lower(${sql.ref('username')})`, k.toLowerCase(), 'anywhere'), likeLiteral(sql.ref<string>('display_name'), k, 'anywhere')]));
    }
    return { items: await q.orderBy('username').limit(20).execute() };
  });

  app.get('/grants', {
    config: { access: 'grant.manage' },
    schema: {
      tags: ['授权'], summary: '授权列表',
      querystring: z.object({ userId: z.string().max(64).optional(), roleId: z.string().max(64).optional(), orgId: z.string().max(64).optional(), ...pageQuery }),
      response: { 200: pageResponse(grantView) },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const q = request.query;
    let base = p.db.selectFrom('grants as g')
      .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'g.tenant_id').onRef('u.id', '=', 'g.user_id'))
      .innerJoin('roles as r', (j) => j.onRef('r.tenant_id', '=', 'g.tenant_id').onRef('r.id', '=', 'g.role_id'))
      .innerJoin('organisations as o', (j) => j.onRef('o.tenant_id', '=', 'g.tenant_id').onRef('o.id', '=', 'g.org_id'))
      .leftJoin('users as c', (j) => j.onRef('c.tenant_id', '=', 'g.tenant_id').onRef('c.id', '=', 'g.created_by'))
      .where('g.revoked_at', 'is', null)
      .where('g.tenant_id', 'in', tenantsOf(actor, 'grant.manage'));
    if (q.userId) base = base.where('g.user_id', '=', q.userId);
    if (q.roleId) base = base.where('g.role_id', '=', q.roleId);
    if (q.orgId) base = base.where('g.org_id', '=', q.orgId);
    const { limit, offset } = window(q);
    const [rows, count] = await Promise.all([
      base.select(['g.id', 'g.user_id as userId', 'u.username', 'u.display_name as displayName', 'r.id as roleId', 'r.code as roleCode', 'r.name as roleName',
        'o.id as orgId', 'o.name as orgName', 'g.created_at as createdAt', 'c.display_name as createdByName'])
        .orderBy('u.username').orderBy('o.path').limit(limit).offset(offset).execute(),
      base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    ]);
    if (q.format === 'xlsx') {
      return sendXlsx(reply, '授权列表', '授权', [
        { header: '用户名', value: (g) => g.username }, { header: '姓名', value: (g) => g.displayName },
        { header: '角色', value: (g) => g.roleName }, { header: '数据范围', value: (g) => g.orgName, width: 24 },
        { header: '授权时间', value: (g) => beijingTime(g.createdAt), width: 22 }, { header: '授权人', value: (g) => g.createdByName },
      ], rows);
    }
    return { items: rows, total: Number(count.n), page: q.page, pageSize: q.pageSize };
  });

  app.post('/grants', {
    config: { access: 'grant.manage' },
    schema: {
      tags: ['授权'], summary: '授予角色（用户 × 角色 × 组织范围）',
      body: z.object({ userId: z.string().min(1, '请选择用户').max(64).describe('用户'), roleId: z.string().min(1, '请选择角色').max(64).describe('角色'), orgId: z.string().min(1, '请选择组织').max(64).describe('组织范围') }),
      response: { 201: z.object({ id: z.string() }) },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const { userId, roleId, orgId } = request.body;
    const org = await p.db.selectFrom('organisations').select(['tenant_id', 'id', 'path', 'name']).where('id', '=', orgId).where('deleted_at', 'is', null)
      .where('tenant_id', 'in', tenantsOf(actor, 'grant.manage')).executeTakeFirst();
    if (!org || !can(actor, 'grant.manage', { tenantId: org.tenant_id, orgPath: org.path })) throw notFound('组织');
    const user = await p.db.selectFrom('users').select(['id', 'username', 'display_name']).where('tenant_id', '=', org.tenant_id).where('id', '=', userId).executeTakeFirst();
    if (!user) throw notFound('用户');
    const role = await p.db.selectFrom('roles').selectAll().where('tenant_id', '=', org.tenant_id).where('id', '=', roleId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!role) throw notFound('角色');
    if (user.id === actor.userId) throw badRequest('不能给自己授权');
    const now = p.clock.now();
    const id = await p.audit.tx(request.audit, async (trx) => {
      const dup = await trx.selectFrom('grants').select('id').where('tenant_id', '=', org.tenant_id).where('user_id', '=', user.id)
        .where('role_id', '=', role.id).where('org_id', '=', org.id).where('revoked_at', 'is', null).executeTakeFirst();
      if (dup) throw conflict('GRANT_EXISTS', '该用户已在此范围拥有此角色');
      await assertSeparation(trx, org.tenant_id, user.id, role);
      const grantId = await insertGrant(trx, { tenantId: org.tenant_id, userId: user.id, roleId: role.id, orgId: org.id, createdBy: actor.userId, now });
      await p.audit.record(trx, request.audit, {
        action: 'grant.create', entity: 'grant', entityId: grantId,
        after: { user: user.username, role: role.code, roleName: role.name, org: org.name, orgId: org.id },
      });
      return grantId;
    });
    return reply.status(201).send({ id });
  });

  app.delete('/grants/:id', {
    config: { access: 'grant.manage' },
    schema: { tags: ['授权'], summary: '收回授权', params: idParams },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const g = await p.db.selectFrom('grants as g')
      .innerJoin('organisations as o', (j) => j.onRef('o.tenant_id', '=', 'g.tenant_id').onRef('o.id', '=', 'g.org_id'))
      .innerJoin('roles as r', (j) => j.onRef('r.tenant_id', '=', 'g.tenant_id').onRef('r.id', '=', 'g.role_id'))
      .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'g.tenant_id').onRef('u.id', '=', 'g.user_id'))
      .select(['g.tenant_id', 'g.id', 'g.user_id', 'o.path', 'o.name as orgName', 'r.code as roleCode', 'u.username'])
      .where('g.id', '=', request.params.id).where('g.revoked_at', 'is', null).where('g.tenant_id', 'in', tenantsOf(actor, 'grant.manage')).executeTakeFirst();
    if (!g || !can(actor, 'grant.manage', { tenantId: g.tenant_id, orgPath: g.path })) throw notFound('授权');
    if (g.user_id === actor.userId) throw badRequest('不能收回本人的授权');
    const now = p.clock.now().toISOString();
    await p.audit.tx(request.audit, async (trx) => {
      await trx.updateTable('grants').set({ revoked_at: now, revoked_by: actor.userId }).where('tenant_id', '=', g.tenant_id).where('id', '=', g.id).execute();
      await p.audit.record(trx, request.audit, { action: 'grant.revoke', entity: 'grant', entityId: g.id, before: { user: g.username, role: g.roleCode, org: g.orgName } });
    });
    return reply.status(204).send();
  });
};

export default accessRoutes;
