// A signed-in user refused with 403 (no permission, out of their scope, not their step) leaves an
// `access.refused` entry, so the 安全审计员 sees someone probing what they may not do. A script hammering a
// forbidden route must not grow the log without bound nor queue every request behind the chain head: each
// process writes at most one entry per account, method and route per minute, and the next entry says how
// many refusals it left out in between.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { Lru } from '../lru.js';

/** At most one entry per account, method and route in this time. */
export const REFUSAL_WINDOW_MS = 60_000;
/** Accounts × routes remembered per process; an evicted pair only writes its next entry a little early. */
const TRACKED = 10_000;

interface Window {
  /** When the last entry was written (ms since epoch). */
  since: number;
  /** Refusals since then that wrote nothing. */
  suppressed: number;
}

/**
 * Registers the hook. It must come before the authentication hooks' `onResponse` (the generic entry of a
 * state-changing request): it marks a refusal it handled, written or left out, as audited, so a forbidden
 * POST is limited the same way instead of writing one generic entry per attempt.
 *
 * 404 is not audited: a record out of the user's scope answers exactly like a missing one, and telling the
 * two apart would take a second, unscoped read on every miss (docs/DOMAIN.md, “Privacy”).
 */
export function registerRefusalAudit(app: FastifyInstance): void {
  const windows = new Lru<string, Window>(TRACKED);
  const codes = new WeakMap<FastifyRequest, string>();

  app.addHook('onError', async (request, _reply, error) => {
    if (error instanceof AppError) codes.set(request, error.code);
  });

  app.addHook('onResponse', async (request, reply) => {
    const actor = request.actor;
    // Without an actor there is nobody to name; cross-site refusals and anonymous calls keep the generic entry.
    if (reply.statusCode !== 403 || !actor || !request.url.startsWith('/api/')) return;
    if (request.audit.audited) return; // the route wrote a specific entry of its own
    const code = codes.get(request) ?? null;
    // Not a refusal of what the account may do: it must first change its initial password (the web asks it to).
    if (code === 'PASSWORD_CHANGE_REQUIRED') return;
    // The pattern, never the URL (ids, query); `/x/` and `/x` are one route (ignoreTrailingSlash).
    const route = (request.routeOptions.url ?? '').replace(/(.)\/+$/, '$1');
    const key = `${actor.tenantId}|${actor.userId}|${request.method} ${route}`;
    const now = app.platform.clock.now().getTime();
    const last = windows.get(key);
    if (last && now - last.since < REFUSAL_WINDOW_MS) {
      last.suppressed += 1;
      request.audit.audited = true;
      return;
    }
    // Claimed before the write, so refusals arriving while it runs count as repeats instead of writing too.
    windows.set(key, { since: now, suppressed: 0 });
    request.audit.audited = true;
    try {
      await app.platform.audit.recordAlone(request.audit, {
        action: 'access.refused',
        status: 403,
        after: {
          method: request.method,
          route,
          code,
          ...(last?.suppressed ? { suppressedRepeats: last.suppressed } : {}),
        },
      });
    } catch (err) {
      request.log.error({ err }, 'could not write the audit entry of a refused request');
    }
  });
}
