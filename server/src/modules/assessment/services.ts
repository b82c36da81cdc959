// What 量化考核 adds to the platform services (once per platform): the core's 待评分 source, and the 民主评议
// 待办 (待评议 for members, 待定等次 for the branch committee), and the metric assessment.total.
import type { Platform } from '../../platform/context.js';
import { registerAssessmentCoreServices } from './sheets.js';
import { registerAppraisalTodos } from './appraisalTodos.js';
import { registerAssessmentMetrics } from './resultMetrics.js';

export function registerAssessmentServices(p: Platform): void {
  registerAssessmentCoreServices(p);
  registerAppraisalTodos(p);
  registerAssessmentMetrics(p);
}
