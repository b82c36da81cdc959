// Demo data of 教育培训: a year of courses and study first (学时), then the question bank and two exams, then the
// 党务干部 register and the 后备人才库 that read both.
import type { DemoContext } from '../../seed/context.js';
import { seedCourseDemo } from './courseDemo.js';
import { seedExamDemo } from './examDemo.js';
import { seedQuestionDemo } from './questionDemo.js';
import { seedTalentDemo } from './talentDemo.js';

export async function seedTrainingDemo(demo: DemoContext): Promise<void> {
  await seedCourseDemo(demo);
  await seedQuestionDemo(demo);
  await seedExamDemo(demo);
  await seedTalentDemo(demo);
}
