// Contracts of the question bank (题库): list filters, the question as its keepers see it (answers included: only
// training.write holders reach these routes), the form bodies and the tag counts the exam rules form reads.
import { z } from 'zod';
import { pageQuery } from '../../platform/http/paging.js';
import type { QuestionKind } from './tables.js';

export const QUESTION_KINDS = ['single', 'multiple', 'judge', 'fill'] as const satisfies readonly QuestionKind[];
export const QUESTION_KIND_NAMES: Record<QuestionKind, string> = { single: '单选题', multiple: '多选题', judge: '判断题', fill: '填空题' };
export const DIFFICULTY_NAMES: Record<1 | 2 | 3, string> = { 1: '易', 2: '中', 3: '难' };
/** Option keys by position. */
export const OPTION_KEYS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] as const;
export const MAX_OPTIONS = 8;
export const STEM_MAX = 500;
export const OPTION_MAX = 200;
export const EXPLANATION_MAX = 1000;
export const TAG_MAX = 20;
export const TAGS_MAX = 5;
export const FILL_MAX = 5;
export const FILL_TEXT_MAX = 100;

const id = (label: string) => z.string().trim().min(1).max(64).describe(label);
const kind = z.enum(QUESTION_KINDS).describe('题型');
const difficulty = z.coerce.number().int().min(1, '难度应为 1（易）、2（中）或 3（难）').max(3, '难度应为 1（易）、2（中）或 3（难）');

export const questionParams = z.object({ id: id('题目编号') });

const filters = {
  orgId: id('所属组织').optional(),
  kind: kind.optional(),
  tag: z.string().trim().max(TAG_MAX).optional().describe('标签'),
  difficulty: difficulty.optional().describe('难度'),
  keyword: z.string().trim().max(50, '关键词最多 50 个字').optional().describe('题干关键词'),
};
export const questionListQuery = z.object({ ...filters, ...pageQuery });
export type QuestionListQuery = z.infer<typeof questionListQuery>;
export type QuestionFilters = Omit<QuestionListQuery, 'page' | 'pageSize' | 'format'>;

// Lengths and counts are checked by questionRules.ts, so that the form and the import say the same words.
const body = {
  orgId: id('所属组织'),
  kind,
  stem: z.string().max(5000).describe('题干'),
  options: z.array(z.string().max(2000)).max(20).default([]).describe('选项（按顺序为 A、B、C…；判断题、填空题不填）'),
  answer: z.array(z.string().max(2000)).max(20).describe('正确答案（选项字母；判断题 T 或 F；填空题为可接受的答案）'),
  explanation: z.string().max(5000).default('').describe('解析'),
  difficulty: difficulty.describe('难度（1 易、2 中、3 难）'),
  tags: z.array(z.string().max(200)).max(20).default([]).describe('标签'),
};
export const questionCreate = z.object(body);
export type QuestionCreate = z.infer<typeof questionCreate>;
export const questionPatch = z.object({
  orgId: body.orgId.optional(), kind: kind.optional(), stem: body.stem.optional(), options: body.options.unwrap().optional(),
  answer: body.answer.optional(), explanation: body.explanation.unwrap().optional(), difficulty: body.difficulty.optional(), tags: body.tags.unwrap().optional(),
});
export type QuestionPatch = z.infer<typeof questionPatch>;

export const QUESTION_ACTIONS = ['edit', 'delete'] as const;

export const questionItem = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  kind,
  stem: z.string(),
  options: z.array(z.object({ key: z.string(), text: z.string() })),
  answer: z.array(z.string()),
  explanation: z.string(),
  difficulty: z.number().int(),
  tags: z.array(z.string()),
  updatedAt: z.string(),
  /** Taken in an attempt already: its kind, options and answer are fixed (grades were given on them). */
  locked: z.boolean(),
  allowed: z.array(z.enum(QUESTION_ACTIONS)),
});
export type QuestionItem = z.infer<typeof questionItem>;

const kindCounts = z.object({ single: z.number().int(), multiple: z.number().int(), judge: z.number().int(), fill: z.number().int() });
export type KindCounts = z.infer<typeof kindCounts>;

export const questionPage = z.object({
  items: z.array(questionItem), total: z.number().int(), page: z.number().int(), pageSize: z.number().int(),
  /** Questions per kind under the same filters but the kind. */
  kinds: kindCounts,
});

export const questionTagsQuery = z.object({
  orgId: id('组卷组织（统计从该组织可选用的题目：本组织、下级和上级组织的题目）').optional(),
});
export const questionTags = z.object({
  /** Every usable question, by kind and by difficulty. */
  all: z.object({ total: z.number().int(), kinds: kindCounts, difficulties: z.object({ 1: z.number().int(), 2: z.number().int(), 3: z.number().int() }) }),
  items: z.array(z.object({ tag: z.string(), total: z.number().int(), kinds: kindCounts })),
});
export type QuestionTags = z.infer<typeof questionTags>;
