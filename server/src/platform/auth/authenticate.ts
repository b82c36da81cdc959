// The request hooks of the platform: request context, cross-site refusal, session → actor, the
// route's declared access, and the audit entry for any state-changing request not audited otherwise.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { cachedGrants, type Actor } from '../access/actor.js';
import { can } from '../access/can.js';
import { AppError, forbidden, unauthenticated } from '../errors.js';
import { assertSameOrigin } from '../http/origin.js';
import { SYSTEM_TENANT_ID } from '../tenants.js';
import { passwordExpired, SECURITY_POLICY } from './policy.js';
import { findSession, parseCookie, SESSION_COOKIE, touchSession } from './sessions.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function loadActor(app: FastifyInstance, request: FastifyRequest): Promise<Actor | null> {
  const key = parseCookie(request.cookies[SESSION_COOKIE]);
  if (!key) return null;
  const { db, clock, settings } = app.platform;
  const now = clock.now();
  const policy = await settings.get(key.tenantId, SECURITY_POLICY);
  const found = await findSession(db, key, now, policy);
  if (found.state !== 'ok') {
    if (found.state === 'expired') request.sessionProblem = 'expired';
    return null;
  }
  const user = found.user;
  if (user.disabled) return null;
  await touchSession(db, key, found.lastSeenAt, now);
  const { versions } = found;
  const grants = await cachedGrants(db, key.tenantId, found.userId, `${versions.access}.${versions.tree}`);
  const permissions = new Set<string>();
  for (const g of grants) for (const p of g.permissions) permissions.add(p);
  // Checked on every request with the policy now in force: a session open when the password ages out is held too.
  const expired = passwordExpired(user.passwordSetAt, policy, now);
  return {
    tenantId: key.tenantId,
    tenantName: user.tenantName,
    userId: found.userId,
    username: user.username,
    displayName: user.displayName,
    sessionId: key.id,
    mustChangePassword: user.mustChangePassword || expired,
    ...(expired ? { passwordExpired: true } : {}),
    grants,
    permissions,
    ...(request.method === 'GET' || request.method === 'HEAD' ? { treeVersion: versions.tree } : {}),
  };
}

export function registerAuthentication(app: FastifyInstance): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionProblem', null);
  app.decorateRequest('audit', null as never);

  // Every API route must say who may call it; a route without a declaration does not start.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/v1/') && !route.config?.access) {
      throw new Error(`route ${route.method} ${route.url} declares no access`);
    }
  });

  app.addHook('onRequest', async (request) => {
    request.audit = { tenantId: SYSTEM_TENANT_ID, userId: null, username: null, ip: request.ip, requestId: request.id };
    if (!request.url.startsWith('/api/')) return;
    assertSameOrigin(request);

    const access = request.routeOptions.config?.access;
    if (!access) return; // unknown route: the not-found handler answers
    request.actor = await loadActor(app, request);
    const actor = request.actor;
    if (actor) Object.assign(request.audit, { tenantId: actor.tenantId, userId: actor.userId, username: actor.username });
    if (access === 'public') return;
    if (!actor) {
      throw request.sessionProblem === 'expired' ? new AppError(401, 'SESSION_EXPIRED', '登录已超时，请重新登录') : unauthenticated();
    }
    if (actor.mustChangePassword && !request.routeOptions.config.duringPasswordChange) {
      throw new AppError(403, 'PASSWORD_CHANGE_REQUIRED', actor.passwordExpired
        ? '密码已超过有效期，请先修改密码'
        : '首次登录或密码被重置后，请先修改密码');
    }
    if (access !== 'authenticated' && !can(actor, access)) throw forbidden();
  });

  app.addHook('onResponse', async (request, reply) => {
    if (!STATE_CHANGING.has(request.method) || !request.url.startsWith('/api/')) return;
    if (request.audit?.audited) return; // a specific entry was committed
    try {
      await app.platform.audit.recordAlone(request.audit, {
        action: `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`,
        status: reply.statusCode,
      });
    } catch (err) {
      request.log.error({ err }, 'could not write the audit entry of a request');
    }
  });
}
