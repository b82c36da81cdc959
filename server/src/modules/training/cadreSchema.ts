// Contracts of the 党务干部 register (docs/api/training-talents.md).
import { z } from 'zod';
import { pageQuery, pageResponse } from '../../platform/http/paging.js';

/** The posts that make a 党务干部: the committees' members and the 党务工作者 (党小组长 lead groups and are left out). */
export const CADRE_POSTS = ['secretary', 'deputySecretary', 'organisation', 'publicity', 'discipline', 'youth', 'member', 'affairsStaff'] as const;
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
  postId: z.string(), memberId: z.string(), memberName: z.string(), orgId: z.string(), orgName: z.string(), orgKind: z.string(),
  post: z.enum(CADRE_POSTS), postName: z.string(), since: z.string().nullable().describe('任职起始日期'),
  termStartedOn: z.string().nullable().describe('本届起'), termEndsOn: z.string().nullable().describe('本届止'),
  talentCategory: z.string().nullable().describe('在后备人才库中的类别（不在库为 null）'),
  hoursTenths: z.number().int().describe('本年学时（单位 0.1 学时）'), requiredTenths: z.number().int().describe('本年应修学时（党务干部要求，单位 0.1 学时）'),
  exams: examSummary.describe('考试（每场取最好成绩）'),
});
export type CadreView = z.infer<typeof cadreView>;
export const cadreList = pageResponse(cadreView).extend({
  summary: z.object({ people: z.number().int().describe('人数（一人多职计一次）'), posts: z.number().int(), secretaries: z.number().int() }),
});
