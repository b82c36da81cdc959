// Shapes of the learner's side: 我的学习 (courses with materials and progress), a material with its content and my
// progress, and what a heartbeat answers.
import { z } from 'zod';
import { COURSE_KINDS, MATERIAL_KINDS } from './courseSchema.js';

export const progressView = z.object({
  /** Seconds credited on the material so far (all days), never above requiredSeconds. */
  seconds: z.number().int(), requiredSeconds: z.number().int(), earnedTenths: z.number().int(), done: z.boolean(),
  /** Seconds credited today over all materials, and the day's cap. */
  todaySeconds: z.number().int(), dailyCapSeconds: z.number().int(),
});
export type ProgressView = z.infer<typeof progressView>;

export const myMaterial = z.object({
  id: z.string(), title: z.string(), kind: z.enum(MATERIAL_KINDS), kindName: z.string(), creditTenths: z.number().int(), requiredMinutes: z.number().int(),
  opensOn: z.string(), closesOn: z.string(), open: z.boolean(), seconds: z.number().int(), earnedTenths: z.number().int(),
});
export const myCourse = z.object({
  id: z.string(), title: z.string(), kind: z.enum(COURSE_KINDS), kindName: z.string(), orgName: z.string(), year: z.number().int(), description: z.string(),
  creditTenths: z.number().int(), earnedTenths: z.number().int(), materials: z.array(myMaterial),
});
export const myCoursesQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional().describe('年度（缺省：本年度及当前开放的课程）') });
export const myCourses = z.object({ year: z.number().int(), linked: z.boolean().describe('账号是否关联党员档案（未关联时为空）'), items: z.array(myCourse), earnedTenths: z.number().int() });

export const materialDetail = z.object({
  id: z.string(), courseId: z.string(), courseTitle: z.string(), title: z.string(), kind: z.enum(MATERIAL_KINDS), kindName: z.string(),
  body: z.string(), fileId: z.string().nullable(), fileName: z.string().nullable(), creditTenths: z.number().int(), requiredMinutes: z.number().int(),
  opensOn: z.string(), closesOn: z.string(), open: z.boolean(), heartbeatSeconds: z.number().int(),
  /** Null for a keeper looking at a material they do not study. */
  progress: progressView.nullable(),
});

export const heartbeatResult = progressView.extend({
  /** Seconds this beat added (0 for a replay, a new span, or a cap reached). */
  credited: z.number().int(), heartbeatSeconds: z.number().int(),
});
export type HeartbeatResult = z.infer<typeof heartbeatResult>;
