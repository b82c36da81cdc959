// What 考评与星级评定 adds to the platform services: its two 业务规则, the 待办 sources and the module's metrics.
import type { Platform } from '../../platform/context.js';
import { EVALUATION_RULES, STAR_RULES } from './evaluationSettings.js';
import { branchEvaluationTodos, selfReportTodos } from './evaluationTodos.js';
import { registerIncentiveMetrics } from './metrics.js';

export function registerEvaluationServices(p: Platform): void {
  p.settings.describe(EVALUATION_RULES, {
    name: '示范岗（责任区）考评', group: '激励',
    description: '考评周期、本人自评/群众评价/支部评价三项权重（合计 100）、建议摘牌分数线，以及群众评价计分所需的最少评价数（不足时该项权重按比例分给另两项）。开启考评时复制到该批次，之后修改不影响已开启的考评',
    permission: 'incentive.manage',
  });
  p.settings.describe(STAR_RULES, {
    name: '星级评定', group: '激励',
    description: '评定方式（一至五星，或未达标/达标/星级）及各档分数线；重新计算时按此换算，人工调整的星级保留',
    permission: 'incentive.manage',
  });
  p.todos.register({ kind: 'incentive.selfReport', name: '示范岗自评', list: selfReportTodos });
  p.todos.register({ kind: 'incentive.branchEvaluation', name: '示范岗支部评价', list: branchEvaluationTodos });
  registerIncentiveMetrics(p);
}
