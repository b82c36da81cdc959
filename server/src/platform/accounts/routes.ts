// /api/v1/admin/users: the 系统管理员's account administration. Users belong to the tenants where the
// actor holds user.manage; nothing here touches business data.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sql } from 'kysely';
import { likeLiteral } from '../../db/dialect.js';
import { scopePaths } from '../access/can.js';
import { actorOf } from '../context.js';
import { conflict, fieldError, notFound } from '../errors.js';
import { proposeReset, proposeStatus, statusNeedsApproval } from './requests.js';
import type { Separation } from '../access/roles.js';
import { requestView } from './schema.js';
import { hashPassword } from '../crypto/password.js';
import { passwordProblem, SECURITY_POLICY } from '../auth/policy.js';
import { revokeUserSessions } from '../auth/sessions.js';
import { pageQuery, pageResponse, window } from '../http/paging.js';
import { beijingTime, sendXlsx } from '../export/xlsx.js';
import { accountClass, accountClasses, insertUser, USERNAME_MESSAGE, USERNAME_RULE } from './service.js';
import { accountPeople, type AccountPerson } from './people.js';
import type { Actor } from '../access/actor.js';
import type { Platform } from '../context.js';
import type { AuditContext } from '../audit/service.js';
import type { Tx } from '../../db/types.js';

const userView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  adminClass: z.enum(['sysadmin', 'secadmin', 'auditor']).nullable().describe('三员类别：重置密码、停用启用须由另一类三员批准'),
  person: z.object({ kind: z.enum(['member', 'staff']).describe('党员或员工'), name: z.string(), detail: z.string() }).nullable().describe('对应人员：账号关联的党员或员工（姓名随其档案）'),
});

const idParams = z.object({ id: z.string().min(1).max(64).describe('用户编号') });
const displayName = z.string().trim().min(1, '请输入姓名').max(50, '姓名最多 50 个字').describe('姓名');

const userTenants = (actor: Actor) => [...new Set(scopePaths(actor, 'user.manage').map((s) => s.tenantId))];

type UserRow = { id: string; username: string; display_name: string; disabled: number; locked_until: string | null; must_change_password: number; last_login_at: string | null; created_at: string };
const view = (u: UserRow, now: Date, adminClass: Separation | null = null, person: AccountPerson | null = null): z.infer<typeof userView> => ({
  id: u.id,
  username: u.username,
  displayName: u.display_name,
  disabled: u.disabled === 1,
  lockedUntil: u.locked_until && new Date(u.locked_until) > now ? u.locked_until : null,
  mustChangePassword: u.must_change_password === 1,
  lastLoginAt: u.last_login_at,
  createdAt: u.created_at,
  adminClass,
  person,
});

async function viewOf(p: Platform, actor: Actor, id: string) {
  const u = await findUser(p, actor, id);
  const person = (await accountPeople(p).ofAccounts(p.db, [u.tenant_id], [u.id])).get(u.id) ?? null;
  return view(u, p.clock.now(), await accountClass(p.db, u.tenant_id, u.id), person);
}

async function findUser(p: Platform, actor: Actor, id: string) {
  const u = await p.db.selectFrom('users').selectAll().where('tenant_id', 'in', userTenants(actor)).where('id', '=', id).executeTakeFirst();
  if (!u) throw notFound('用户');
  return u;
}

async function checkedHash(p: Platform, tenantId: string, password: string, username: string): Promise<string> {
  const policy = await p.settings.get(tenantId, SECURITY_POLICY);
  const problem = passwordProblem(password, policy.passwordMinLength, username);
  if (problem) throw fieldError('password', problem);
  return hashPassword(password);
}

async function updateUser(p: Platform, ctx: AuditContext, before: UserRow & { tenant_id: string }, set: Record<string, unknown>, action: string, after: Record<string, unknown>, extra?: (trx: Tx) => Promise<void>) {
  const now = p.clock.now();
  await p.audit.tx(ctx, async (trx) => {
    await trx.updateTable('users').set({ ...set, updated_at: now.toISOString() }).where('tenant_id', '=', before.tenant_id).where('id', '=', before.id).execute();
    if (extra) await extra(trx);
    await p.audit.record(trx, ctx, { action, entity: 'user', entityId: before.id, before: view(before, now), after });
  });
}

const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;
  const access = { access: 'user.manage' as const };

  app.get('/', {
    config: access,
    schema: { tags: ['系统管理'], summary: '用户列表', querystring: z.object({ keyword: z.string().trim().max(50).optional().describe('关键词'), ...pageQuery }), response: { 200: pageResponse(userView) } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const q = request.query;
    let base = p.db.selectFrom('users').where('tenant_id', 'in', userTenants(actor));
    if (q.keyword) {
      const k = q.keyword;
      // lower() on both sides: SQLite's LIKE ignores ASCII case, PostgreSQL's does not.
      base = base.where((eb) => eb.or([likeLiteral(sql<string>`lower(${sql.ref('username')})`, k.toLowerCase(), 'anywhere'), likeLiteral(sql.ref<string>('display_name'), k, 'anywhere')]));
    }
    const { limit, offset } = window(q);
    const [rows, count] = await Promise.all([
      base.selectAll().orderBy('created_at').orderBy('id').limit(limit).offset(offset).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    const now = p.clock.now();
    const [classes, people] = await Promise.all([
      accountClasses(p.db, userTenants(actor), rows.map((u) => u.id)),
      accountPeople(p).ofAccounts(p.db, userTenants(actor), rows.map((u) => u.id)),
    ]);
    const items = rows.map((u) => view(u, now, classes.get(u.id) ?? null, people.get(u.id) ?? null));
    if (q.format === 'xlsx') {
      return sendXlsx(reply, '用户列表', '用户', [
        { header: '用户名', value: (u) => u.username },
        { header: '姓名', value: (u) => u.displayName },
        { header: '对应人员', value: (u) => (u.person ? `${u.person.name}（${u.person.detail}）` : ''), width: 36 },
        { header: '状态', value: (u) => (u.disabled ? '停用' : u.lockedUntil ? '锁定' : '正常') },
        { header: '最近登录', value: (u) => beijingTime(u.lastLoginAt), width: 22 },
        { header: '创建时间', value: (u) => beijingTime(u.createdAt), width: 22 },
      ], items);
    }
    return { items, total: Number(count.n), page: q.page, pageSize: q.pageSize };
  });

  app.post('/', {
    config: access,
    schema: {
      tags: ['系统管理'], summary: '新建用户（首次登录须修改密码）',
      body: z.object({
        username: z.string().trim().regex(USERNAME_RULE, USERNAME_MESSAGE).describe('用户名'),
        displayName,
        password: z.string().min(1, '请输入初始密码').max(256).describe('初始密码'),
      }),
      response: { 201: userView },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const tenantId = actor.tenantId;
    const hash = await checkedHash(p, tenantId, request.body.password, request.body.username);
    const now = p.clock.now();
    const id = await p.audit.tx(request.audit, async (trx) => {
      const newUserId = await insertUser(trx, { tenantId, username: request.body.username, displayName: request.body.displayName, passwordHash: hash, mustChangePassword: true, now });
      await p.audit.record(trx, request.audit, { action: 'user.create', entity: 'user', entityId: newUserId, after: { username: request.body.username, displayName: request.body.displayName } });
      return newUserId;
    });
    return reply.status(201).send(await viewOf(p, actor, id));
  });

  app.patch('/:id', {
    config: access,
    schema: {
      tags: ['系统管理'], summary: '修改姓名、停用或启用（停用、启用其他三员账号须走申请）', params: idParams,
      body: z.object({ displayName: displayName.optional(), disabled: z.boolean().optional().describe('停用') }),
      response: { 200: userView },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const u = await findUser(p, actor, request.params.id);
    if (request.body.disabled && u.id === actor.userId) throw conflict('SELF_DISABLE', '不能停用自己的账号');
    const changesStatus = request.body.disabled !== undefined && request.body.disabled !== (u.disabled === 1);
    // Silencing another 三员 account alone would break 三员分立: that takes a second 三员 (requests.ts).
    if (changesStatus && await statusNeedsApproval(p.db, u.tenant_id, u.id)) {
      throw conflict('APPROVAL_REQUIRED', '停用或启用三员账号须经另一名三员批准，请使用“申请停用”或“申请启用”');
    }
    // A linked account is named after its person: the name is changed in the member's or employee's record, where it stays in step.
    if (request.body.displayName !== undefined && request.body.displayName !== u.display_name) {
      const person = (await accountPeople(p).ofAccounts(p.db, [u.tenant_id], [u.id])).get(u.id);
      const kind = person?.kind === 'staff' ? '员工' : '党员';
      if (person) throw fieldError('displayName', `该账号已关联${kind}“${person.name}”，姓名随${kind}档案，请在${kind}信息中修改`);
    }
    const set: Record<string, unknown> = {};
    if (request.body.displayName !== undefined) set.display_name = request.body.displayName;
    if (request.body.disabled !== undefined) set.disabled = request.body.disabled ? 1 : 0;
    const now = p.clock.now();
    await updateUser(p, request.audit, u, set, request.body.disabled === true ? 'user.disable' : request.body.disabled === false ? 'user.enable' : 'user.update', request.body,
      request.body.disabled ? (trx) => revokeUserSessions(trx, u.tenant_id, u.id, now) : undefined);
    return viewOf(p, actor, u.id);
  });

  app.post('/:id/reset-password', {
    config: access,
    schema: {
      tags: ['系统管理'], summary: '申请重置密码（两人各掌握一半临时密码，须另一名三员批准）', params: idParams,
      response: { 201: z.object({ request: requestView, partA: z.string().describe('临时密码前半段，只显示这一次') }) },
    },
  }, async (request, reply) => reply.status(201).send(await proposeReset(p, request.audit, actorOf(request), request.params.id)));

  app.post('/:id/status-request', {
    config: access,
    schema: {
      tags: ['系统管理'], summary: '申请停用或启用三员账号（须另一名三员批准）', params: idParams,
      body: z.object({ disabled: z.boolean().describe('停用') }),
      response: { 201: requestView },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const u = await findUser(p, actor, request.params.id);
    if (!await statusNeedsApproval(p.db, u.tenant_id, u.id)) throw conflict('NO_APPROVAL_NEEDED', '普通账号可直接停用或启用，无需申请');
    return reply.status(201).send(await proposeStatus(p, request.audit, actor, u.id, request.body.disabled));
  });

  app.post('/:id/unlock', {
    config: access,
    schema: { tags: ['系统管理'], summary: '解除登录锁定', params: idParams },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const u = await findUser(p, actor, request.params.id);
    await updateUser(p, request.audit, u, { failed_logins: 0, locked_until: null }, 'user.unlock', { lockedUntil: null });
    return reply.status(204).send();
  });
};

export default userRoutes;
