// Contracts of 考试: the exam form (a fixed paper or drawing rules), the keeper's views, the learner's list and attempt.
// The learner's shapes have no field for a correct answer or an explanation until the attempt is submitted and the
// window has closed (review), so a response before that cannot carry one.
import { z } from 'zod';
import { pageQuery } from '../../platform/http/paging.js';

const id = (label: string) => z.string().trim().min(1).max(64).describe(label);
const instant = (label: string) => z.string().trim().refine((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)), `${label}格式不正确`).describe(label);
const kind = z.enum(['single', 'multiple', 'judge', 'fill']).describe('题型');

export const examParams = z.object({ id: id('考试编号') });
export const attemptParams = z.object({ id: id('答卷编号') });
export const answerParams = z.object({ id: id('答卷编号'), position: z.coerce.number().int().min(1).max(500).describe('题号') });

export const paperRule = z.object({
  kind: kind.optional(),
  tag: z.string().trim().min(1).max(20, '标签最多 20 个字').optional().describe('标签'),
  difficulty: z.number().int().min(1).max(3).optional().describe('难度'),
  count: z.number().int().min(1, '每条规则至少抽 1 道题').max(100, '每条规则最多抽 100 道题').describe('题数'),
  points: z.number().int().min(1, '每题分值至少 1 分').max(100, '每题分值最多 100 分').describe('每题分值'),
});
export type PaperRule = z.infer<typeof paperRule>;

export const fixedItem = z.object({
  questionId: id('题目'),
  points: z.number().int().min(1, '每题分值至少 1 分').max(100, '每题分值最多 100 分').describe('分值'),
});

const examFields = {
  orgId: id('组织'),
  title: z.string().trim().min(1, '请填写考试名称').max(100, '考试名称最多 100 个字').describe('考试名称'),
  description: z.string().trim().max(1000, '说明最多 1000 个字').default('').describe('说明'),
  paperMode: z.enum(['fixed', 'rules']).describe('组卷方式'),
  questions: z.array(fixedItem).max(200, '固定试卷最多 200 道题').default([]).describe('固定试卷的题目'),
  rules: z.array(paperRule).max(20, '抽题规则最多 20 条').default([]).describe('抽题规则'),
  opensAt: instant('开始时间'),
  closesAt: instant('结束时间'),
  timeLimitMinutes: z.number().int().min(1, '答题时长至少 1 分钟').max(300, '答题时长最多 300 分钟').describe('答题时长（分钟）'),
  maxAttempts: z.number().int().min(1, '可考次数至少 1 次').max(10, '可考次数最多 10 次').describe('可考次数'),
  passScore: z.number().int().min(0, '及格分不能为负').max(10000).describe('及格分'),
};
export const examCreate = z.object(examFields);
export type ExamCreate = z.infer<typeof examCreate>;
export const examPatch = z.object({
  title: examFields.title.optional(),
  description: z.string().trim().max(1000, '说明最多 1000 个字').optional().describe('说明'),
  paperMode: examFields.paperMode.optional(),
  questions: z.array(fixedItem).max(200, '固定试卷最多 200 道题').optional().describe('固定试卷的题目'),
  rules: z.array(paperRule).max(20, '抽题规则最多 20 条').optional().describe('抽题规则'),
  opensAt: examFields.opensAt.optional(),
  closesAt: examFields.closesAt.optional(),
  timeLimitMinutes: examFields.timeLimitMinutes.optional(),
  maxAttempts: examFields.maxAttempts.optional(),
  passScore: examFields.passScore.optional(),
});
export type ExamPatch = z.infer<typeof examPatch>;

export const examListQuery = z.object({
  orgId: id('组织').optional(),
  status: z.enum(['draft', 'published']).optional().describe('状态'),
  keyword: z.string().trim().max(50).optional().describe('关键词'),
  ...pageQuery,
});

export const poolQuery = z.object({
  orgId: id('组织'),
  kind: kind.optional(),
  tag: z.string().trim().max(20).optional().describe('标签'),
  difficulty: z.coerce.number().int().min(1).max(3).optional().describe('难度'),
  keyword: z.string().trim().max(50).optional().describe('关键词'),
});

export const EXAM_ACTIONS = ['edit', 'publish', 'close', 'delete', 'stats'] as const;

export const examItem = z.object({
  id: z.string(), orgId: z.string(), orgName: z.string(), title: z.string(), paperMode: z.enum(['fixed', 'rules']),
  opensAt: z.string(), closesAt: z.string(), timeLimitMinutes: z.number().int(), maxAttempts: z.number().int(),
  passScore: z.number().int(), totalScore: z.number().int(), questionCount: z.number().int(),
  status: z.enum(['draft', 'published']), phase: z.enum(['draft', 'upcoming', 'open', 'closed']),
  attempts: z.number().int(), takers: z.number().int(), allowed: z.array(z.enum(EXAM_ACTIONS)),
});
export type ExamItem = z.infer<typeof examItem>;

/** A question as a keeper sees it: the answer only to those who keep the exam (a reader who may also take it: null). */
export const keeperQuestion = z.object({
  id: z.string(), kind, stem: z.string(), options: z.array(z.object({ key: z.string(), text: z.string() })),
  answer: z.array(z.string()).nullable(), difficulty: z.number().int(), tags: z.array(z.string()), orgName: z.string(),
});

export const examDetail = examItem.extend({
  description: z.string(),
  rules: z.array(paperRule),
  questions: z.array(keeperQuestion.extend({ points: z.number().int() })),
});
export type ExamDetail = z.infer<typeof examDetail>;

export const poolAnswer = z.object({
  available: z.number().int(),
  items: z.array(keeperQuestion),
});

export const rulesCheckBody = z.object({ orgId: id('组织'), rules: z.array(paperRule).max(20) });
export const rulesCheckAnswer = z.object({
  rules: z.array(z.object({ label: z.string(), available: z.number().int(), count: z.number().int() })),
  problem: z.string().nullable(),
});

// ---------- the learner ----------

const attemptSummary = z.object({
  id: z.string(), attemptNo: z.number().int(), status: z.enum(['open', 'submitted']), startedAt: z.string(), deadlineAt: z.string(),
  submittedAt: z.string().nullable(), late: z.boolean(), score: z.number().int().nullable(), passed: z.boolean().nullable(),
});

export const myExam = z.object({
  id: z.string(), title: z.string(), description: z.string(), orgName: z.string(), opensAt: z.string(), closesAt: z.string(),
  timeLimitMinutes: z.number().int(), maxAttempts: z.number().int(), passScore: z.number().int(), totalScore: z.number().int(),
  questionCount: z.number().int(), phase: z.enum(['upcoming', 'open', 'closed']), attemptsLeft: z.number().int(),
  bestScore: z.number().int().nullable(), passed: z.boolean().nullable(), openAttemptId: z.string().nullable(),
  attempts: z.array(attemptSummary),
});
export const myExamsAnswer = z.object({ now: z.string(), linked: z.boolean().describe('账号是否关联党员档案（未关联时为空）'), items: z.array(myExam) });

/** A question of an attempt as the learner sees it: the stem, the options and their own answer, nothing more. */
const attemptQuestion = z.object({
  position: z.number().int(), kind, stem: z.string(), options: z.array(z.object({ key: z.string(), text: z.string() })),
  points: z.number().int(), given: z.array(z.string()).nullable(),
});
/** After submission and once the window has closed: what was right, for the questions answered wrong. */
const reviewItem = z.object({ position: z.number().int(), correctAnswer: z.array(z.string()), explanation: z.string() });

export const attemptView = z.object({
  id: z.string(), examId: z.string(), title: z.string(), attemptNo: z.number().int(), status: z.enum(['open', 'submitted']),
  now: z.string(), startedAt: z.string(), deadlineAt: z.string(), submittedAt: z.string().nullable(), late: z.boolean(),
  totalScore: z.number().int(), passScore: z.number().int(), closesAt: z.string(),
  questions: z.array(attemptQuestion),
  /** Set once submitted. */
  result: z.object({
    score: z.number().int(), passed: z.boolean(), correctCount: z.number().int(),
    /** Per position: right or wrong (known once submitted). */
    marks: z.array(z.object({ position: z.number().int(), correct: z.boolean() })),
    /** Null until the exam's window has closed. */
    review: z.array(reviewItem).nullable(),
  }).nullable(),
});
export type AttemptView = z.infer<typeof attemptView>;

export const answerBody = z.object({ answer: z.array(z.string().trim().max(200, '答案最多 200 个字')).max(10).describe('答案') });
export const savedAnswer = z.object({ position: z.number().int(), given: z.array(z.string()).nullable(), savedAt: z.string() });
export const submitBody = z.object({
  answers: z.array(z.object({ position: z.number().int().min(1), answer: z.array(z.string().trim().max(200)).max(10) })).max(500).optional().describe('全部答案'),
}).default({});

// ---------- statistics ----------

export const examStats = z.object({
  examId: z.string(), title: z.string(), totalScore: z.number().int(), passScore: z.number().int(),
  expected: z.number().int(), took: z.number().int(), passed: z.number().int(), passRate: z.number().nullable(),
  participationRate: z.number().nullable(), average: z.number().nullable(),
  byOrg: z.array(z.object({
    orgId: z.string(), orgName: z.string(), expected: z.number().int(), took: z.number().int(), passed: z.number().int(),
    passRate: z.number().nullable(), average: z.number().nullable(),
  })),
  byQuestion: z.array(z.object({
    questionId: z.string(), kind, stem: z.string(), answered: z.number().int(), correct: z.number().int(), correctRate: z.number().nullable(),
  })),
});
export type ExamStats = z.infer<typeof examStats>;
