// What 发展党员 adds to the platform services, once per platform: its 业务规则, its 待办 sources and its metrics.
import type { Platform } from '../../platform/context.js';
import { RECRUIT_RULES } from './settings.js';
import { registerRecruitMetrics } from './metrics.js';
import { registerRecruitTodos } from './todos.js';
import { registerRecruitmentCard } from './card.js';
import { registerRecruitmentReport } from './report.js';

export function registerRecruitmentServices(p: Platform): void {
  registerRecruitmentCard(p);
  registerRecruitmentReport(p);
  p.settings.describe(RECRUIT_RULES, {
    name: '发展党员时间规则', group: '发展党员',
    description: '申请入党最低年龄、收到申请书后谈话期限、积极分子培养期、支委会审查前公示天数、预备党员思想汇报间隔、发展对象集中培训最少天数或学时',
    permission: 'recruit.write',
  });
  registerRecruitTodos(p);
  registerRecruitMetrics(p);
}
