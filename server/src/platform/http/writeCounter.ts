// Raises the tenant's write_versions counter (migration 0039) once a write request of one of its accounts has been
// handled: the handler has committed by the time its reply is sent, so a read that starts after this reply sees the
// new counter. Read-only requests, refused ones and anonymous ones (login, public pages) raise nothing. What is kept per process
// behind this counter (platform/keptReads.ts) is computed again after any write of the tenant.
import type { FastifyInstance } from 'fastify';
import { bumpCounter } from '../../db/versions.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerWriteCounter(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    const tenantId = request.actor?.tenantId;
    // A refused or failed write rolled back and changed nothing (the access sweep checks that no table moved).
    if (!tenantId || READS.has(request.method) || reply.statusCode >= 400 || !request.url.startsWith('/api/')) return;
    try {
      await bumpCounter(app.platform.db, 'write_versions', tenantId);
    } catch (error) {
      // The write itself stands; a kept read lives at most its maximum age past it (platform/keptReads.ts).
      request.log.error({ err: error }, 'write counter not raised');
    }
  });
}
