// What 志愿服务 adds to the platform services, once per platform: its 业务规则, 待办 sources, reminder job and metrics.
import type { Platform } from '../../platform/context.js';
import { VOLUNTEER_RULES } from './settings.js';
import { registerVisitServices } from './visitServices.js';
import { registerVolunteerMetrics } from './metrics.js';
import { registerVolunteerCard } from './card.js';
import { registerVolunteerReport } from './report.js';
import { registerVolunteerMine } from './mineSection.js';

export function registerVolunteerServices(p: Platform): void {
  registerVolunteerMine(p);
  registerVolunteerCard(p);
  registerVolunteerReport(p);
  p.settings.describe(VOLUNTEER_RULES, {
    name: '走访间隔与结对', group: '志愿服务',
    description: '各风险等级服务对象的走访间隔（超过即预警）、每名志愿者最多结对人数，以及是否允许非党员员工结对',
    permission: 'volunteer.write',
  });
  registerVisitServices(p);
  registerVolunteerMetrics(p);
}
