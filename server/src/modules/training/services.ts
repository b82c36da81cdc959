// What 教育培训 adds to the platform services, once per platform: its 业务规则, 待办 sources, jobs and metrics.
import type { Platform } from '../../platform/context.js';
import { registerCourseServices } from './courseServices.js';
import { registerExamServices } from './examServices.js';
import { registerHoursServices } from './hoursServices.js';
import { registerQuestionServices } from './questionServices.js';
import { registerTalentServices } from './talentServices.js';
import { registerTrainingCard } from './card.js';
import { registerTrainingReport } from './report.js';
import { registerTrainingMine } from './mine.js';

export function registerTrainingServices(p: Platform): void {
  registerTrainingMine(p);
  registerTrainingCard(p);
  registerTrainingReport(p);
  registerCourseServices(p);
  registerQuestionServices(p);
  registerExamServices(p);
  registerHoursServices(p);
  registerTalentServices(p);
}
