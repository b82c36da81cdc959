// /api/v1/settings: the security policy, set by the 安全保密员.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../context.js';
import { SECURITY_POLICY, securityPolicySchema } from '../auth/policy.js';

const settingsRoutes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;

  app.get('/security', {
    config: { access: 'security.policy' },
    schema: { tags: ['设置'], summary: '密码与会话策略', response: { 200: securityPolicySchema } },
  }, async (request) => p.settings.get(actorOf(request).tenantId, SECURITY_POLICY));

  app.put('/security', {
    config: { access: 'security.policy' },
    schema: { tags: ['设置'], summary: '修改密码与会话策略', body: securityPolicySchema, response: { 200: securityPolicySchema } },
  }, async (request) => {
    const actor = actorOf(request);
    const before = await p.settings.get(actor.tenantId, SECURITY_POLICY);
    await p.audit.tx(request.audit, async (trx) => {
      await p.settings.set(trx, actor.tenantId, SECURITY_POLICY, request.body);
      await p.audit.record(trx, request.audit, { action: 'settings.security.update', entity: 'setting', entityId: SECURITY_POLICY.key, before, after: request.body });
    });
    return request.body;
  });
};

export default settingsRoutes;
