// What the organisation module adds to the platform services (once per platform): its rules on the 业务规则 page
// and the names of organisations in the 审计日志.
import { registerAuditEntityNames } from '../../platform/audit/names.js';
import type { Platform } from '../../platform/context.js';
import { orgNames } from './queries.js';
import { ORG_RULES } from './settings.js';

export function registerOrgServices(p: Platform): void {
  registerAuditEntityNames(p, 'organisation', orgNames);
  p.settings.describe(ORG_RULES, { name: '组织设置与换届', group: '党组织', description: '各类组织的任期、换届提醒和设置党支部、支委会、党总支的人数标准（仅用于提示）', permission: 'org.write' });
}
