// Request and response shapes of courses, their online materials and offline sessions (the keepers' side).
import { z } from 'zod';
import { pageQuery, pageResponse } from '../../platform/http/paging.js';
import { activityCreate } from '../orgLife/index.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = (label: string) => z.string().regex(DAY, `${label}格式应为 YYYY-MM-DD`).describe(label);
const text = (label: string, max: number) => z.string().trim().max(max, `${label}不能超过 ${max} 字`).describe(label);

export const idParams = z.object({ id: z.string().trim().min(1).max(64) });

export const COURSE_KINDS = ['online', 'offline', 'mixed'] as const;
export const COURSE_KIND_NAMES: Record<(typeof COURSE_KINDS)[number], string> = { online: '线上', offline: '线下', mixed: '线上线下结合' };
export const MATERIAL_KINDS = ['article', 'pdf', 'video'] as const;
export const MATERIAL_KIND_NAMES: Record<(typeof MATERIAL_KINDS)[number], string> = { article: '文章', pdf: 'PDF', video: '视频' };

const courseFields = {
  title: text('课程名称', 100).min(1, '请填写课程名称'),
  kind: z.enum(COURSE_KINDS, '课程类型应为线上、线下或线上线下结合').describe('课程类型'),
  description: text('课程简介', 2000).default(''),
  year: z.number().int('年度应为整数').min(2000, '年度应在 2000–2100 之间').max(2100, '年度应在 2000–2100 之间').describe('计入学时的年度'),
};
export const courseCreate = z.object({ orgId: z.string().trim().min(1, '请选择组织').max(64).describe('举办组织'), ...courseFields });
export type CourseCreate = z.infer<typeof courseCreate>;
export const coursePatch = z.object({
  title: courseFields.title.optional(), kind: courseFields.kind.optional(), description: text('课程简介', 2000).optional(), year: courseFields.year.optional(),
});
export type CoursePatch = z.infer<typeof coursePatch>;

export const courseListQuery = z.object({
  orgId: z.string().trim().max(64).optional().describe('组织（含下级）'),
  year: z.coerce.number().int().min(2000).max(2100).optional().describe('年度'),
  keyword: z.string().trim().max(50).optional().describe('课程名称关键字'),
  page: pageQuery.page, pageSize: pageQuery.pageSize,
});
export type CourseListQuery = z.infer<typeof courseListQuery>;

export const courseView = z.object({
  id: z.string(), orgId: z.string(), orgName: z.string(), title: z.string(), kind: z.enum(COURSE_KINDS), kindName: z.string(),
  description: z.string(), year: z.number().int(), materials: z.number().int(), sessions: z.number().int(),
  /** Sum of the materials' and sessions' 学时 (tenths). */
  creditTenths: z.number().int(), canEdit: z.boolean(), createdAt: z.string(), updatedAt: z.string(),
});
export type CourseView = z.infer<typeof courseView>;
export const courseList = pageResponse(courseView);

// ---- Materials
const creditTenths = z.number({ error: '学时应为数字' }).int('学时以 0.1 为单位').min(1, '学时须大于 0').max(1000, '学时不能超过 100').describe('学时 × 10');
const requiredMinutes = z.number({ error: '学习时长应为数字' }).int('学习时长应为整分钟').min(1, '学习时长至少 1 分钟').max(600, '学习时长不能超过 600 分钟').describe('需学习分钟数');
const materialFields = {
  title: text('资料名称', 100).min(1, '请填写资料名称'),
  kind: z.enum(MATERIAL_KINDS, '资料类型应为文章、PDF 或视频').describe('资料类型'),
  body: z.string().max(200_000, '正文过长').default('').describe('文章正文（富文本）'),
  creditTenths, requiredMinutes,
  opensOn: day('开始日期'), closesOn: day('截止日期'),
  position: z.number().int().min(0).max(999).default(0).describe('顺序'),
};
export const materialCreate = z.object(materialFields);
export type MaterialCreate = z.infer<typeof materialCreate>;
export const materialPatch = z.object({
  title: materialFields.title.optional(), body: z.string().max(200_000, '正文过长').optional(), creditTenths: creditTenths.optional(),
  requiredMinutes: requiredMinutes.optional(), opensOn: day('开始日期').optional(), closesOn: day('截止日期').optional(), position: z.number().int().min(0).max(999).optional(),
});
export type MaterialPatch = z.infer<typeof materialPatch>;

export const materialView = z.object({
  id: z.string(), courseId: z.string(), title: z.string(), kind: z.enum(MATERIAL_KINDS), kindName: z.string(),
  creditTenths: z.number().int(), requiredMinutes: z.number().int(), opensOn: z.string(), closesOn: z.string(), position: z.number().int(),
  fileId: z.string().nullable(), fileName: z.string().nullable(), learners: z.number().int(),
});
export type MaterialView = z.infer<typeof materialView>;

// ---- Sessions
export const sessionCreate = z.object({
  activityId: z.string().trim().min(1, '请选择组织生活活动').max(64).describe('组织生活活动'),
  creditTenths,
});
export type SessionCreate = z.infer<typeof sessionCreate>;
/** A session held as a new 组织生活 activity (a 党课, say), recorded through 组织生活 in the same request. */
export const sessionWithActivity = z.object({ activity: activityCreate, creditTenths });
export type SessionWithActivity = z.infer<typeof sessionWithActivity>;
export const sessionView = z.object({
  id: z.string(), courseId: z.string(), activityId: z.string(), creditTenths: z.number().int(),
  title: z.string(), kindName: z.string(), orgName: z.string(), startsAt: z.string(), place: z.string(), lecturerName: z.string(),
  status: z.string(), present: z.number().int(), expected: z.number().int(), link: z.string(),
});
export type SessionView = z.infer<typeof sessionView>;

export const courseDetail = courseView.extend({ materialItems: z.array(materialView), sessionItems: z.array(sessionView) });
export type CourseDetail = z.infer<typeof courseDetail>;

export const activityCandidate = z.object({
  id: z.string(), title: z.string(), kindName: z.string(), orgName: z.string(), startsAt: z.string(), status: z.string(),
  /** The course that already counts it, if any: it cannot back a second session. */
  takenBy: z.string().nullable(),
});
export const candidatesQuery = z.object({ keyword: z.string().trim().max(50).optional() });
