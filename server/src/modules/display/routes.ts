// /api/v1/display: the 大屏. The managers' routes (display.manage: list, issue, revoke) and the screen's own route,
// GET /:token, open without a session: every request to it counts against a per-address flood limit first, and any
// link that does not show (malformed, forged, revoked, expired) answers the same 404 with nothing else.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { FloodLimiter } from '../../platform/http/floodLimiter.js';
import { issueLink, listLinks, revokeLink } from './links.js';
import { moduleActor } from './routeActor.js';
import { idParams, linkCreate, linkIssued, linkList, linkView, screenView } from './schema.js';
import { screenFor } from './screen.js';

const TAGS = ['大屏'];
const GONE = { error: { code: 'NOT_FOUND', message: '链接无效或已停用' } };

const displayRoutes: FastifyPluginAsyncZod<{ floodPerMinute?: number }> = async (app, opts) => {
  const p = app.platform;
  const flood = new FloodLimiter(opts.floodPerMinute);

  app.get('/links', {
    config: { access: 'display.manage' },
    schema: { tags: TAGS, summary: '大屏链接：本人可管理组织的链接（状态、最近访问）及可签发的组织', response: { 200: linkList } },
  }, async (request) => listLinks(p, moduleActor(request)));

  app.post('/links', {
    config: { access: 'display.manage' },
    schema: { tags: TAGS, summary: '签发大屏链接（链接只在本次返回中显示一次）', body: linkCreate, response: { 201: linkIssued } },
  }, async (request, reply) => reply.status(201).send(await issueLink(p, moduleActor(request), request.audit, request.body)));

  app.post('/links/:id/revoke', {
    config: { access: 'display.manage' },
    schema: { tags: TAGS, summary: '停用大屏链接（不可恢复）', params: idParams, response: { 200: linkView } },
  }, async (request) => revokeLink(p, moduleActor(request), request.audit, request.params.id));

  // No params schema: the token's shape is checked by the lookup, so a malformed token gets the same 404 as a forged
  // one. Hidden from the API document: the screen's page calls it, nobody else (docs/api/display.md describes it).
  app.get<{ Params: { token: string } }>('/:token', {
    config: { access: 'public' },
    schema: { hide: true, response: { 200: screenView } },
    onRequest: async (request, reply) => {
      if (!flood.allow(request.ip, p.clock.now().getTime())) {
        return reply.status(429).send({ error: { code: 'RATE_LIMITED', message: '访问过于频繁，请稍后再试' } });
      }
    },
  }, async (request, reply) => {
    const view = await screenFor(p, request.params.token);
    if (!view) return reply.status(404).send(GONE);
    return view;
  });
};

export default displayRoutes;
