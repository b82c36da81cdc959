// /api/v1/auth: login, logout, me, password change, own sessions.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { loadGrants, type Actor } from '../access/actor.js';
import { rootPermissions } from '../access/can.js';
import { actorOf } from '../context.js';
import { notFound } from '../errors.js';
import { changePasswordBody, loginBody, meResponse, sessionList, sessionParams } from './schema.js';
import { changePassword, login, LoginThrottled, logout } from './service.js';
import { isLive, revokeSession, SESSION_COOKIE } from './sessions.js';
import { SECURITY_POLICY } from './policy.js';

function me(actor: Actor): z.infer<typeof meResponse> {
  const seen = new Set<string>();
  return {
    user: {
      id: actor.userId,
      username: actor.username,
      displayName: actor.displayName,
      mustChangePassword: actor.mustChangePassword,
      passwordExpired: actor.passwordExpired === true,
      tenantId: actor.tenantId,
      tenantName: actor.tenantName,
    },
    roles: actor.grants.map((g) => ({ grantId: g.grantId, roleCode: g.roleCode, roleName: g.roleName, orgId: g.orgId, orgName: g.orgName })),
    permissions: [...actor.permissions].sort(),
    rootPermissions: rootPermissions(actor),
    scope: actor.grants
      .filter((g) => !seen.has(g.orgId) && seen.add(g.orgId))
      .map((g) => ({ orgId: g.orgId, orgName: g.orgName, orgKind: g.orgKind, path: g.orgPath })),
  };
}

// Short display id of a session: enough to tell sessions apart, useless as a credential.
const publicId = (id: string) => id.slice(0, 16);

const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;

  app.post('/login', {
    config: { access: 'public' },
    schema: { tags: ['认证'], summary: '登录', body: loginBody, response: { 200: meResponse } },
  }, async (request, reply) => {
    const result = await login(p, request.audit, { ...request.body, userAgent: request.headers['user-agent'] ?? '' }).catch((err: unknown) => {
      if (err instanceof LoginThrottled) reply.header('retry-after', String(err.retryAfterSeconds));
      throw err;
    });
    reply.setCookie(SESSION_COOKIE, result.cookie, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: request.protocol === 'https',
    });
    const user = await p.db.selectFrom('users').innerJoin('tenants', 'tenants.id', 'users.tenant_id')
      .select(['users.username', 'users.display_name', 'users.must_change_password', 'tenants.name'])
      .where('users.tenant_id', '=', result.tenantId).where('users.id', '=', result.userId).executeTakeFirstOrThrow();
    const grants = await loadGrants(p.db, result.tenantId, result.userId);
    return me({
      tenantId: result.tenantId, tenantName: user.name, userId: result.userId, username: user.username, displayName: user.display_name,
      sessionId: result.sessionId, mustChangePassword: user.must_change_password === 1 || result.passwordExpired,
      ...(result.passwordExpired ? { passwordExpired: true } : {}), grants,
      permissions: new Set(grants.flatMap((g) => [...g.permissions])),
    });
  });

  app.post('/logout', {
    config: { access: 'authenticated', duringPasswordChange: true },
    schema: { tags: ['认证'], summary: '退出登录' },
  }, async (request, reply) => {
    const actor = actorOf(request);
    await logout(p, request.audit, actor.tenantId, actor.sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get('/me', {
    config: { access: 'authenticated', duringPasswordChange: true },
    schema: { tags: ['认证'], summary: '当前用户、角色、权限与数据范围', response: { 200: meResponse } },
  }, async (request) => me(actorOf(request)));

  app.post('/password', {
    config: { access: 'authenticated', duringPasswordChange: true },
    schema: { tags: ['认证'], summary: '修改密码', body: changePasswordBody },
  }, async (request, reply) => {
    const actor = actorOf(request);
    await changePassword(p, request.audit, { tenantId: actor.tenantId, userId: actor.userId, sessionId: actor.sessionId, ...request.body });
    return reply.status(204).send();
  });

  app.get('/sessions', {
    config: { access: 'authenticated', duringPasswordChange: true },
    schema: { tags: ['认证'], summary: '本人的登录会话', response: { 200: sessionList } },
  }, async (request) => {
    const actor = actorOf(request);
    const now = p.clock.now();
    const policy = await p.settings.get(actor.tenantId, SECURITY_POLICY);
    const rows = await p.db.selectFrom('sessions').selectAll()
      .where('tenant_id', '=', actor.tenantId).where('user_id', '=', actor.userId).where('revoked_at', 'is', null)
      .orderBy('created_at', 'desc').execute();
    const live = rows.filter((s) => isLive(s, policy, now));
    return {
      items: live.map((s) => ({
        id: publicId(s.id), createdAt: s.created_at, lastSeenAt: s.last_seen_at, expiresAt: s.expires_at,
        ip: s.ip, userAgent: s.user_agent, current: s.id === actor.sessionId,
      })),
    };
  });

  app.delete('/sessions/:id', {
    config: { access: 'authenticated', duringPasswordChange: true },
    schema: { tags: ['认证'], summary: '结束本人的一个会话', params: sessionParams },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const rows = await p.db.selectFrom('sessions').select('id')
      .where('tenant_id', '=', actor.tenantId).where('user_id', '=', actor.userId).where('revoked_at', 'is', null).execute();
    const target = rows.find((s) => publicId(s.id) === request.params.id);
    if (!target) throw notFound('会话');
    await p.audit.tx(request.audit, async (trx) => {
      await revokeSession(trx, actor.tenantId, target.id, p.clock.now());
      await p.audit.record(trx, request.audit, { action: 'auth.session.end', entity: 'session', entityId: publicId(target.id) });
    });
    if (target.id === actor.sessionId) reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });
};

export default authRoutes;
