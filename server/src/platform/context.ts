// The services every module receives through `app.platform` (a Fastify decoration, not a global),
// and the request fields the platform hooks fill in.
import type { Config } from '../config.js';
import type { DataLayer } from '../db/connect.js';
import type { Db } from '../db/types.js';
import type { Actor } from './access/actor.js';
import type { Permission } from './access/permissions.js';
import type { AuditContext, AuditService } from './audit/service.js';
import type { Clock } from './clock.js';
import type { FieldCrypto } from './crypto/fieldCrypto.js';
import type { MetricRegistry } from './metrics/registry.js';
import type { CardRegistry } from './dashboard/cards.js';
import type { ReportSectionRegistry } from './reports/sections.js';
import type { MineRegistry } from './mine/sections.js';
import type { NotifyService, TodoRegistry } from './notify/index.js';
import type { JobRunner } from './jobs/index.js';
import type { SettingsService } from './settings/service.js';

export interface Platform {
  config: Config;
  data: DataLayer;
  db: Db;
  clock: Clock;
  settings: SettingsService;
  audit: AuditService;
  fieldCrypto: FieldCrypto;
  /** Numbers modules expose by key (assessment indicators, dashboards). */
  metrics: MetricRegistry;
  /** The 工作台's cards: modules register their figures (platform/dashboard). */
  cards: CardRegistry;
  /** The 月度报告's sections and the 年报's tables: modules register their facts (platform/reports). */
  reportSections: ReportSectionRegistry;
  /** 我的: modules register the section about the signed-in person (platform/mine). */
  mine: MineRegistry;
  /** Everyone's 待办: modules register sources of items (platform/notify). */
  todos: TodoRegistry;
  /** In-app notifications, sent inside the caller's transaction (platform/notify). */
  notify: NotifyService;
  /** Scheduled jobs, run once per tenant and period across processes (platform/jobs). */
  jobs: JobRunner;
}

/** What a route requires: nobody, any signed-in user, or a named permission (at some scope). */
export type Access = 'public' | 'authenticated' | Permission;

declare module 'fastify' {
  interface FastifyInstance {
    platform: Platform;
  }
  interface FastifyRequest {
    actor: Actor | null;
    audit: AuditContext;
    /** Why there is no actor although a cookie came: the session expired or was revoked. */
    sessionProblem: 'expired' | null;
  }
  interface FastifyContextConfig {
    access?: Access;
    /** Reachable while the user must still change the initial password. */
    duringPasswordChange?: boolean;
  }
}

/** The actor of a route that declared an access other than 'public' (the hook guarantees it). */
export function actorOf(request: { actor: Actor | null }): Actor {
  if (!request.actor) throw new Error('route declared access but has no actor');
  return request.actor;
}
