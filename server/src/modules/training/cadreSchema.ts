// Contracts of the 党务干部 register (docs/api/training-talents.md).
import { z } from 'zod';
import { pageQuery, pageResponse } from '../../platform/http/paging.js';

/**
 * The posts that make a 党务干部: the committees' members and the 党务工作者 (党小组长 lead groups and are left out),
 * and 党群部专职, a post held only as an employee (staff module).
 */
export const CADRE_POSTS = ['secretary', 'deputySecretary', 'organisation', 'publicity', 'discipline', 'youth', 'member', 'affairsStaff', 'affairsFullTime'] as const;
export type CadrePost = (typeof CADRE_POSTS)[number];

export const cadreQuery = z.object({
  orgId: z.string().trim().min(1).max(64).optional().describe('组织（含下级）'),
  post: z.enum(CADRE_POSTS, { message: '职务不正确' }).optional().describe('职务'),
  keyword: z.string().trim().max(30, '最多 30 个字').optional().describe('姓名'),
  ...pageQuery,
});
export type CadreQuery = z.infer<typeof cadreQuery>;

/** A person's exams in short: how many taken and passed (best attempt each), and the latest. */
export const examSummary = z.object({
  taken: z.number().int(), passed: z.number().int(),
  latest: z.object({ title: z.string(), score: z.number().int(), totalScore: z.number().int(), passed: z.boolean() }).nullable(),
});

/** One post held now, with the person's 学时 this year against the cadres' requirement and their exam results. */
export const cadreView = z.object({
  postId: z.string().describe('行编号（组织职务的编号，或 staff: 加员工编号）'),
  source: z.enum(['orgPost', 'staff']).describe('来源：orgPost 组织职务，staff 员工的党务岗位'),
  memberId: z.string().nullable().describe('党员编号（非党员为 null）'), staffId: z.string().nullable().describe('员工编号（来源为员工党务岗位时）'),
  memberName: z.string(), orgId: z.string(), orgName: z.string(), orgKind: z.string(),
  unitName: z.string().nullable().describe('所在单位（来源为员工党务岗位时）'),
  post: z.enum(CADRE_POSTS), postName: z.string(), since: z.string().nullable().describe('任职起始日期'),
  termStartedOn: z.string().nullable().describe('本届起（员工党务岗位：任职起始）'), termEndsOn: z.string().nullable().describe('本届止（员工党务岗位：任期届满）'),
  talentCategory: z.string().nullable().describe('在后备人才库中的类别（不在库为 null）'),
  hoursTenths: z.number().int().nullable().describe('本年学时（单位 0.1 学时；非党员为 null）'),
  requiredTenths: z.number().int().nullable().describe('本年应修学时（党务干部要求，单位 0.1 学时；非党员为 null）'),
  exams: examSummary.nullable().describe('考试（每场取最好成绩；非党员为 null）'),
});
export type CadreView = z.infer<typeof cadreView>;
export const cadreList = pageResponse(cadreView).extend({
  summary: z.object({ people: z.number().int().describe('人数（一人多职计一次）'), posts: z.number().int(), secretaries: z.number().int() }),
});
