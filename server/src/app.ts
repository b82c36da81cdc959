// Builds the application: the platform services from the configuration, then the Fastify app with
// the platform plugins and every module under its prefix.
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config.js';
import { openDatabase, type DataLayer } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import type { Platform } from './platform/context.js';
import { systemClock, type Clock } from './platform/clock.js';
import { SettingsService } from './platform/settings/service.js';
import { AuditService } from './platform/audit/service.js';
import { auditChainKey } from './platform/audit/chain.js';
import { SYSTEM_TENANT_ID } from './platform/tenants.js';
import { FieldCrypto } from './platform/crypto/fieldCrypto.js';
import { loadOrCreateKey } from './platform/crypto/keyFile.js';
import { MetricRegistry } from './platform/metrics/registry.js';
import { CardRegistry } from './platform/dashboard/cards.js';
import { ReportSectionRegistry } from './platform/reports/sections.js';
import { MineRegistry } from './platform/mine/sections.js';
import { NotifyService, TodoRegistry } from './platform/notify/index.js';
import { JobRunner } from './platform/jobs/index.js';
import { frameworkErrorAnswer, registerErrorHandling } from './platform/http/errorHandler.js';
import { registerNulGuard } from './platform/http/nulGuard.js';
import { UPLOAD_LIMIT_BYTES } from './platform/import/upload.js';
import { registerAuthentication } from './platform/auth/authenticate.js';
import { registerRefusalAudit } from './platform/audit/refusals.js';
import authRoutes from './platform/auth/routes.js';
import userRoutes from './platform/accounts/routes.js';
import accessRoutes from './platform/access/routes.js';
import auditRoutes from './platform/audit/routes.js';
import settingsRoutes from './platform/settings/routes.js';
import orgRoutes from './modules/org/routes.js';
import unitRoutes from './modules/units/routes.js';
import staffRoutes from './modules/staff/routes.js';
import memberRoutes from './modules/members/routes.js';
import infoRoutes from './modules/info/routes.js';
import { registerInfoServices } from './modules/info/index.js';
import { registerOrgServices } from './modules/org/index.js';
import { registerMemberServices } from './modules/members/index.js';
import { FILE_SETTINGS } from './platform/files/index.js';
import { VIDEO_SETTINGS } from './platform/files/large.js';
import { registerWriteCounter } from './platform/http/writeCounter.js';
import { registerTaskServices } from './modules/tasks/index.js';
import orgLifeRoutes from './modules/orgLife/routes.js';
import orgLifeReportRoutes from './modules/orgLife/reportRoutes.js';
import { registerOrgLifeServices } from './modules/orgLife/index.js';
import assessmentRoutes from './modules/assessment/routes.js';
import assessmentResultRoutes from './modules/assessment/resultRoutes.js';
import appraisalRoutes from './modules/assessment/appraisalRoutes.js';
import { registerAssessmentServices } from './modules/assessment/index.js';
import publicityRoutes from './modules/publicity/routes.js';
import campaignsRoutes from './modules/campaigns/routes.js';
import proposalsRoutes from './modules/proposals/routes.js';
import volunteerRoutes from './modules/volunteer/routes.js';
import { registerPublicityServices } from './modules/publicity/index.js';
import { registerCampaignServices } from './modules/campaigns/index.js';
import { registerProposalServices } from './modules/proposals/index.js';
import { registerVolunteerServices } from './modules/volunteer/index.js';
import { registerIncentiveServices } from './modules/incentives/index.js';
import incentiveRoutes from './modules/incentives/routes.js';
import publicPlaqueRoutes from './modules/incentives/publicRoutes.js';
import { registerTrainingServices } from './modules/training/index.js';
import trainingRoutes from './modules/training/routes.js';
import { registerTransferServices } from './modules/transfers/index.js';
import transferRoutes from './modules/transfers/routes.js';
import { registerRecruitmentServices } from './modules/recruitment/index.js';
import recruitmentRoutes from './modules/recruitment/routes.js';
import { registerDuesServices } from './modules/dues/index.js';
import duesRoutes from './modules/dues/routes.js';
import { registerAccountServices } from './platform/accounts/requests.js';
import accountRequestRoutes from './platform/accounts/requestRoutes.js';
import notifyRoutes from './platform/notify/routes.js';
import taskRoutes from './modules/tasks/routes.js';
import { registerSecurityHeaders } from './platform/http/securityHeaders.js';
import { dashboardRoutes } from './modules/dashboard/index.js';
import { displayRoutes } from './modules/display/index.js';
import { reportRoutes } from './modules/reports/index.js';
import { meRoutes } from './modules/me/index.js';

// Zod's own messages in Chinese; field names are added from each schema's .describe() label.
z.config(z.locales.zhCN());

export async function createPlatform(config: Config, opts: { clock?: Clock; data?: DataLayer } = {}): Promise<Platform> {
  const clock = opts.clock ?? systemClock;
  const data = opts.data ?? openDatabase(config.dialect, config.databaseUrl);
  // The key first: a migration may encrypt values written before a field was sensitive.
  const key = loadOrCreateKey(config.keyFile, config.keyFromEnv);
  const fieldCrypto = new FieldCrypto(key);
  await migrateToLatest(data.db, data.dialect, fieldCrypto);
  const audit = new AuditService(data.db, data.dialect, clock, auditChainKey(key));
  await audit.ensureChain(SYSTEM_TENANT_ID);
  const platform: Platform = {
    config,
    data,
    db: data.db,
    clock,
    settings: new SettingsService(data.db, clock),
    audit,
    fieldCrypto,
    metrics: new MetricRegistry(),
    cards: new CardRegistry(),
    reportSections: new ReportSectionRegistry(),
    mine: new MineRegistry(),
    todos: new TodoRegistry(),
    notify: new NotifyService(clock),
    jobs: new JobRunner(data.db, data.dialect, clock),
  };
  // The platform is whole before anything uses it: the demo seeder already needs the modules' metrics.
  registerModuleServices(platform);
  return platform;
}

// Metrics, 待办 sources and jobs belong to the platform (not to an HTTP app: tests build a second app on one
// platform, and the demo seeder uses metrics before any app exists); modules add theirs once per platform.
const withModuleServices = new WeakSet<Platform>();
function registerModuleServices(platform: Platform): void {
  if (withModuleServices.has(platform)) return;
  withModuleServices.add(platform);
  registerOrgServices(platform);
  registerMemberServices(platform);
  registerInfoServices(platform);
  registerTaskServices(platform);
  registerOrgLifeServices(platform);
  registerAssessmentServices(platform);
  registerPublicityServices(platform);
  registerCampaignServices(platform);
  registerProposalServices(platform);
  registerVolunteerServices(platform);
  registerIncentiveServices(platform);
  registerTrainingServices(platform);
  registerTransferServices(platform);
  registerRecruitmentServices(platform);
  registerDuesServices(platform);
  registerAccountServices(platform);
  platform.settings.describe(FILE_SETTINGS, { name: '附件', group: '系统', description: '上传附件的大小上限', permission: 'settings.manage' });
  platform.settings.describe(VIDEO_SETTINGS, { name: '视频', group: '系统', description: '上传学习视频的大小上限（最多 300 MB）', permission: 'settings.manage' });
}

export const BODY_LIMIT = 1024 * 1024;

export async function buildApp(platform: Platform, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const { config } = platform;
  const app = Fastify({
    logger: opts.logger === false ? false : { level: config.logLevel },
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: BODY_LIMIT,
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: frameworkErrorAnswer,
  });
  app.decorate('platform', platform);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // API answers carry personal data (unmasked for those allowed): no browser or proxy keeps a copy. A download
    // that chose its own policy (attachments: private, revalidated by ETag) keeps it.
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });

  await app.register(cookie);
  await app.register(multipart, { limits: { files: 1, fileSize: UPLOAD_LIMIT_BYTES } });
  registerSecurityHeaders(app);
  await app.register(swagger, {
    openapi: {
      info: { title: '社区党建管控系统 API', version: '0.1.0', description: 'dangjian — 所有接口使用 Cookie 会话；错误格式 {"error":{"code","message","fields"}}' },
    },
    transform: jsonSchemaTransform,
    // Writes the named schemas (`.meta({ id })`, e.g. the recursive Indicator) into components.schemas.
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  registerErrorHandling(app);
  registerNulGuard(app);
  // Before the authentication hooks: a refusal it limits must not also get their generic entry.
  registerRefusalAudit(app);
  registerAuthentication(app);
  registerWriteCounter(app);

  app.get('/api/health', { config: { access: 'public' }, schema: { tags: ['系统'], summary: '健康检查', response: { 200: z.object({ status: z.literal('ok'), db: z.enum(['sqlite', 'postgres']) }) } } }, async () => {
    await platform.db.selectFrom('tenants').select('id').limit(1).execute();
    return { status: 'ok' as const, db: platform.data.dialect };
  });

  await app.register(authRoutes, { prefix: '/api/v1/auth' });
  await app.register(userRoutes, { prefix: '/api/v1/admin/users' });
  await app.register(accountRequestRoutes, { prefix: '/api/v1/admin/account-requests' });
  await app.register(accessRoutes, { prefix: '/api/v1/admin' });
  await app.register(auditRoutes, { prefix: '/api/v1/audit' });
  await app.register(settingsRoutes, { prefix: '/api/v1/settings' });
  await app.register(orgRoutes, { prefix: '/api/v1/orgs' });
  await app.register(unitRoutes, { prefix: '/api/v1/units' });
  await app.register(staffRoutes, { prefix: '/api/v1/staff' });
  // /api/v1/members/… and /api/v1/orgs/{id}/stats (member statistics belong to the members module).
  await app.register(memberRoutes, { prefix: '/api/v1' });
  await app.register(infoRoutes, { prefix: '/api/v1/info-entries' });
  // /api/v1/todos and /api/v1/notifications (platform: every module's 待办 and the in-app inbox).
  await app.register(notifyRoutes, { prefix: '/api/v1' });
  // /api/v1/tasks, /api/v1/programmes, /api/v1/responsibilities.
  await app.register(taskRoutes, { prefix: '/api/v1' });
  // 组织生活: records, themes, attendance (routes.ts); sign-in, QR, compliance and the 台账 (reportRoutes.ts).
  await app.register(orgLifeRoutes, { prefix: '/api/v1/org-life' });
  await app.register(orgLifeReportRoutes, { prefix: '/api/v1/org-life' });
  // 量化考核: schemes, rounds, sheets (routes.ts); results, anomalies, publishing (resultRoutes.ts); 民主评议 (appraisalRoutes.ts).
  await app.register(assessmentRoutes, { prefix: '/api/v1/assessment' });
  await app.register(assessmentResultRoutes, { prefix: '/api/v1/assessment' });
  await app.register(appraisalRoutes, { prefix: '/api/v1/appraisals' });
  // 宣传: correspondents, manuscripts, statistics; 主题实践活动: campaigns, measures, 精品案例; 合理化建议.
  await app.register(publicityRoutes, { prefix: '/api/v1/publicity' });
  await app.register(campaignsRoutes, { prefix: '/api/v1/campaigns' });
  await app.register(proposalsRoutes, { prefix: '/api/v1/proposals' });
  await app.register(volunteerRoutes, { prefix: '/api/v1/volunteer' });
  // 激励: 示范岗/责任区, 考评, 星级, 表彰; and the plaques' public pages (no session, /plaque/<code>).
  await app.register(incentiveRoutes, { prefix: '/api/v1/incentives' });
  await app.register(publicPlaqueRoutes);
  // 教育培训: courses and 学时, the question bank and exams (and later the 党务干部 register and 后备人才库).
  await app.register(trainingRoutes, { prefix: '/api/v1/training' });
  await app.register(transferRoutes, { prefix: '/api/v1/transfers' });
  await app.register(recruitmentRoutes, { prefix: '/api/v1/recruitment' });
  // 工作台: the cards the modules registered (platform/dashboard), for one organisation in one request.
  await app.register(dashboardRoutes, { prefix: '/api/v1/dashboard' });
  await app.register(duesRoutes, { prefix: '/api/v1/dues' });
  // 大屏: links managed by the committee, and the wall screen's figures by link (no session, GET /api/v1/display/<token>).
  await app.register(displayRoutes, { prefix: '/api/v1/display' });
  // 月度党建工作报告 and 党内统计年报: the sections the modules registered (platform/reports) and the secretary's words.
  await app.register(reportRoutes, { prefix: '/api/v1/reports' });
  // 我的: the signed-in person's own record and the sections the modules registered (platform/mine).
  await app.register(meRoutes, { prefix: '/api/v1/me' });

  const index = path.join(config.webDist, 'index.html');
  if (fs.existsSync(index)) {
    await app.register(fastifyStatic, { root: config.webDist, wildcard: false, index: false });
    // The SPA's own routes (/login, /admin/users …) all load index.html; /api stays JSON.
    app.get('/', { config: { access: 'public' } }, (_req, reply) => reply.header('cache-control', 'no-cache').sendFile('index.html'));
    app.get('/*', { config: { access: 'public' } }, async (request, reply) => {
      const url = request.url.split('?')[0]!;
      if (url.startsWith('/api/') || url === '/api') {
        return reply.status(404).send({ error: { code: 'ROUTE_NOT_FOUND', message: '接口不存在', requestId: request.id } });
      }
      const file = path.join(config.webDist, path.normalize(decodeURIComponent(url)).replace(/^(\.\.[/\\])+/, ''));
      if (file.startsWith(config.webDist) && fs.existsSync(file) && fs.statSync(file).isFile()) {
        // Hashed asset names never change content, so they may be cached for a year.
        if (url.startsWith('/assets/')) reply.header('cache-control', 'public, max-age=31536000, immutable');
        return reply.sendFile(path.relative(config.webDist, file));
      }
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  }
  return app;
}
