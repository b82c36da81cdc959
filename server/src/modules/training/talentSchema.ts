// Contracts of the 后备人才库 routes (docs/api/training-talents.md).
import { z } from 'zod';
import { dateField } from '../../platform/http/fields.js';
import { pageQuery, pageResponse } from '../../platform/http/paging.js';

export const TALENT_STATUS_NAMES = { nominated: '待审核', rejected: '未通过', active: '在库', removed: '已移出' } as const;
export const TALENT_GRADE_NAMES = { excellent: '优秀', good: '良好', fair: '一般', poor: '较差' } as const;
export const TALENT_ACTION_NAMES = {
  nominated: '推荐', accepted: '审核通过', rejected: '未通过', evaluated: '年度评价', planned: '培养计划', milestone: '新增培养节点', removed: '移出人才库',
} as const;

const statuses = ['nominated', 'rejected', 'active', 'removed'] as const;
const grades = ['excellent', 'good', 'fair', 'poor'] as const;
const text = (label: string, max: number, min = 1) => z.string({ message: `请填写${label}` }).trim().min(min, `请填写${label}`).max(max, `${label}最多 ${max} 个字`).describe(label);
const id = (label: string) => z.string({ message: `请选择${label}` }).trim().min(1, `请选择${label}`).max(64).describe(label);

export const idParams = z.object({ id: z.string().min(1).max(64).describe('编号') });

export const nominateBody = z.object({
  memberId: id('党员'),
  category: z.string({ message: '请选择类别' }).trim().min(1, '请选择类别').max(20).describe('类别'),
  reason: text('推荐理由', 500, 5),
});
export type NominateBody = z.infer<typeof nominateBody>;

export const noteBody = z.object({ note: z.string().trim().max(200, '说明最多 200 个字').optional().describe('说明') });
export const reasonBody = z.object({ reason: text('原因', 200, 2) });

export const evaluationBody = z.object({
  year: z.number({ message: '请填写年度' }).int('年度应为整数').min(2000, '年度不正确').max(2100, '年度不正确').describe('年度'),
  grade: z.enum(grades, { message: '请选择评价等次（优秀、良好、一般、较差）' }).describe('评价等次'),
  comment: text('评语', 500, 2),
});
export type EvaluationBody = z.infer<typeof evaluationBody>;

export const planBody = z.object({ goal: text('培养目标', 1000, 2) });

export const milestoneBody = z.object({
  title: text('节点名称', 60, 2),
  dueOn: dateField('完成期限'),
  doneStandard: text('完成标准', 300, 2),
});
export type MilestoneBody = z.infer<typeof milestoneBody>;

export const talentQuery = z.object({
  status: z.enum(statuses).optional().describe('状态'),
  category: z.string().trim().max(20).optional().describe('类别'),
  orgId: z.string().trim().min(1).max(64).optional().describe('组织（含下级）'),
  keyword: z.string().trim().max(30, '最多 30 个字').optional().describe('党员姓名'),
  ...pageQuery,
});
export type TalentQuery = z.infer<typeof talentQuery>;

const talentAction = z.enum(['accept', 'reject', 'evaluate', 'plan', 'milestone', 'remove']);
export type TalentAllowed = z.infer<typeof talentAction>;

export const talentView = z.object({
  id: z.string(), memberId: z.string(), memberName: z.string(), orgId: z.string(), orgName: z.string(),
  category: z.string(), status: z.enum(statuses), reason: z.string(), planGoal: z.string(),
  decisionNote: z.string().nullable(), decidedOn: z.string().nullable(), removedOn: z.string().nullable(), removedReason: z.string().nullable(),
  latestGrade: z.enum(grades).nullable().describe('最近一次年度评价'), latestGradeYear: z.number().int().nullable(),
  milestones: z.number().int().describe('培养节点数'), milestonesDone: z.number().int().describe('已销号的培养节点数'),
  allowed: z.array(talentAction).describe('当前用户可执行的操作'),
  nominatedOn: z.string(), updatedAt: z.string(),
});
export type TalentView = z.infer<typeof talentView>;
export const talentList = pageResponse(talentView).extend({
  categories: z.array(z.string()).describe('当前可推荐的类别（业务规则）'),
  canNominate: z.boolean().describe('当前用户能否推荐（本组织的 training.write）'),
});

export const talentEvent = z.object({ id: z.string(), action: z.string(), actionName: z.string(), note: z.string().nullable(), actorName: z.string().nullable(), at: z.string() });
export const talentEvaluation = z.object({ id: z.string(), year: z.number().int(), grade: z.enum(grades), comment: z.string(), evaluatorName: z.string().nullable(), evaluatedAt: z.string() });
export const talentMilestone = z.object({
  id: z.string(), title: z.string(), dueOn: z.string(), taskId: z.string(),
  taskStatus: z.string().nullable().describe('督办任务状态（已删除的任务为 null）'), taskStatusName: z.string(),
  light: z.enum(['green', 'yellow', 'red', 'done']).nullable().describe('督办灯号'), percent: z.number().int(), closedOn: z.string().nullable(),
});

/** One person's page: the current (latest) record, every nomination of them in sight, and their record over the years. */
export const talentDetail = talentView.extend({
  events: z.array(talentEvent),
  evaluations: z.array(talentEvaluation),
  milestoneItems: z.array(talentMilestone),
  nominations: z.array(talentView.pick({ id: true, category: true, status: true, reason: true, orgName: true, nominatedOn: true, decidedOn: true, decisionNote: true, removedOn: true, removedReason: true })).describe('此人历次推荐（含本次）'),
  posts: z.array(z.object({ orgName: z.string(), postName: z.string(), since: z.string().nullable() })).describe('现任党内职务'),
  assessments: z.array(z.object({ roundName: z.string(), periodLabel: z.string(), total: z.number(), maxTotal: z.number() })).describe('量化考核结果（最近几轮）'),
  appraisals: z.array(z.object({ year: z.number().int(), grade: z.string().nullable() })).describe('民主评议等次（历年）'),
  hours: z.array(z.object({ year: z.number().int(), totalTenths: z.number().int(), requiredTenths: z.number().int() })).describe('学时（本年与前两年，单位 0.1 学时）'),
  exams: z.array(z.object({ examId: z.string(), title: z.string(), closesAt: z.string(), score: z.number().int(), totalScore: z.number().int(), passed: z.boolean() })).describe('考试成绩（每场最好成绩，新的在前）'),
});
export type TalentDetail = z.infer<typeof talentDetail>;
