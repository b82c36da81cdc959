// Raises the tenant's write_versions counter (migration 0039) once a write request of one of its accounts has been
// handled: the handler has committed by the time its reply is sent, so a read that starts after this reply sees the
// new counter. Read-only requests and anonymous ones (login, public pages) raise nothing. What is kept per process
// behind this counter (the 工作台's cards) is computed again after any write of the tenant.
import type { FastifyInstance } from 'fastify';
import { bumpCounter } from '../../db/versions.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerWriteCounter(app: FastifyInstance): void {
  app.addHook('onSend', async (request) => {
    const tenantId = request.actor?.tenantId;
    if (!tenantId || READS.has(request.method) || !request.url.startsWith('/api/')) return;
    try {
      await bumpCounter(app.platform.db, 'write_versions', tenantId);
    } catch (error) {
      // The write itself stands; a cached card lives at most CARD_MAX_AGE_MS past it.
      request.log.error({ err: error }, 'write counter not raised');
    }
  });
}
