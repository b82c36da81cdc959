// /api/v1/settings: the security policy, set by the 安全保密员; and the business rules (业务规则) that modules
// describe with p.settings.describe, each changed by whoever holds its permission over the whole tenant.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../context.js';
import { SECURITY_POLICY, securityPolicySchema } from '../auth/policy.js';
import { canAtRoot } from '../access/can.js';
import { forbidden, notFound } from '../errors.js';
import { schemaFailure } from '../http/errorHandler.js';
import type { EditableSetting } from './service.js';

const ruleView = z.object({
  key: z.string(), name: z.string(), group: z.string(), description: z.string(),
  /** JSON Schema of the value (from the zod schema, labels in `description`): the page builds its form from it. */
  schema: z.unknown(),
  value: z.unknown(), defaults: z.unknown(), editable: z.boolean(),
});
const keyParams = z.object({ key: z.string().min(1).describe('设置项') });

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

  const ruleOut = async (tenantId: string, s: EditableSetting, editable: boolean) => ({
    key: s.def.key, name: s.name, group: s.group, description: s.description,
    schema: z.toJSONSchema(s.def.schema, { unrepresentable: 'any' }),
    value: await p.settings.get(tenantId, s.def), defaults: s.def.defaults, editable,
  });

  app.get('/rules', {
    config: { access: 'authenticated' },
    schema: { tags: ['设置'], summary: '业务规则：本人可查看和修改的设置项（须在党委范围持有相应权限）', response: { 200: z.object({ items: z.array(ruleView) }) } },
  }, async (request) => {
    const actor = actorOf(request);
    const mine = p.settings.described().filter((s) => canAtRoot(actor, s.permission));
    return { items: await Promise.all(mine.map((s) => ruleOut(actor.tenantId, s, true))) };
  });

  app.put('/rules/:key', {
    config: { access: 'authenticated' },
    schema: { tags: ['设置'], summary: '修改一项业务规则', params: keyParams, body: z.object({ value: z.unknown().describe('设置值') }), response: { 200: ruleView } },
  }, async (request) => {
    const actor = actorOf(request);
    const s = p.settings.described().find((x) => x.def.key === request.params.key);
    if (!s) throw notFound('设置项');
    if (!canAtRoot(actor, s.permission)) throw forbidden('没有修改该设置项的权限（须在党委范围持有相应权限）');
    const parsed = s.def.schema.safeParse(request.body.value);
    if (!parsed.success) throw schemaFailure(s.def.schema, parsed.error, { key: 'value', label: s.name });
    await s.check?.(p.db, actor.tenantId, parsed.data);
    const before = await p.settings.get(actor.tenantId, s.def);
    await p.audit.tx(request.audit, async (trx) => {
      await p.settings.set(trx, actor.tenantId, s.def, parsed.data);
      await p.audit.record(trx, request.audit, { action: 'settings.rules.update', entity: 'setting', entityId: s.def.key, before, after: parsed.data });
    });
    return ruleOut(actor.tenantId, s, true);
  });
};

export default settingsRoutes;
