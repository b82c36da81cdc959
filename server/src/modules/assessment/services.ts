// What 量化考核 adds to the platform services (once per platform): the core's 待评分 source, and the 民主评议
// 待办 (待评议 for members, 待定等次 for the branch committee), the metric assessment.total, and published
// rounds as the 考核 source of 管控信息.
import type { Platform } from '../../platform/context.js';
import { registerAssessmentCard } from './card.js';
import { registerAssessmentCoreServices } from './sheets.js';
import { registerAppraisalTodos } from './appraisalTodos.js';
import { registerAssessmentMetrics } from './resultMetrics.js';
import { registerAssessmentInfoSource } from './infoSource.js';
import { registerAppraisalReport, registerAssessmentReport } from './report.js';
import { registerAssessmentMine } from './mine.js';
import { APPRAISAL_RULES, ASSESSMENT_ANOMALIES, ASSESSMENT_BONUS, ASSESSMENT_STARS } from './bonus.js';

export function registerAssessmentServices(p: Platform): void {
  registerAssessmentCard(p);
  registerAssessmentCoreServices(p);
  registerAppraisalTodos(p);
  registerAssessmentMetrics(p);
  registerAssessmentInfoSource(p);
  registerAppraisalReport(p);
  registerAssessmentReport(p);
  registerAssessmentMine(p);
  p.settings.describe(ASSESSMENT_STARS, { name: '星级分档', group: '量化考核', description: '考核总分达到下限（含）即评定为对应星级', permission: 'assessment.manage' });
  p.settings.describe(ASSESSMENT_BONUS, { name: '奖金系数', group: '量化考核', description: '考核总分达到下限（含）即适用对应的奖金系数，用于导出奖金挂钩表', permission: 'assessment.manage' });
  p.settings.describe(ASSESSMENT_ANOMALIES, { name: '评分异常规则', group: '量化考核', description: '比例为 0–1 之间的小数，例如 0.9 表示满分的 90%', permission: 'assessment.manage' });
  p.settings.describe(APPRAISAL_RULES, { name: '民主评议', group: '量化考核', description: '优秀等次比例上限（0–1 之间的小数，默认三分之一）', permission: 'appraisal.manage' });
}
