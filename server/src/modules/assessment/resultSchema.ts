// Response shapes of the results and 民主评议 routes (OpenAPI, and answers checked against them).
import { z } from 'zod';

const grade = z.enum(['excellent', 'qualified', 'basic', 'unqualified']);

export const resultsView = z.object({
  roundId: z.string(), roundName: z.string(), periodLabel: z.string(), status: z.enum(['open', 'scoring', 'review', 'published']),
  published: z.boolean(), publishedAt: z.string().nullable(),
  indicators: z.array(z.object({ id: z.string(), name: z.string(), maxScore: z.number(), mode: z.enum(['manual', 'auto']), path: z.string() })),
  items: z.array(z.object({
    targetId: z.string(), targetName: z.string(), rank: z.number(), total: z.number(), maxTotal: z.number(), stars: z.number(), starName: z.string(),
    bonusCoefficient: z.number(), missing: z.array(z.string()), scores: z.record(z.string(), z.number().nullable()),
    corrections: z.array(z.object({ id: z.string(), indicatorId: z.string(), oldScore: z.number().nullable(), newScore: z.number(), reason: z.string(), by: z.string().nullable(), at: z.string() })),
  })),
});

export const historyView = z.object({
  items: z.array(z.object({
    roundId: z.string(), roundName: z.string(), schemeId: z.string(), periodLabel: z.string(), periodFrom: z.string(),
    total: z.number(), maxTotal: z.number(), rank: z.number(), stars: z.number(),
  })),
});

export const correctionView = z.object({ id: z.string(), oldScore: z.number().nullable(), newScore: z.number() });

export const anomaliesView = z.object({
  items: z.array(z.object({
    key: z.string(), type: z.string(), typeName: z.string(), description: z.string(),
    targetId: z.string().nullable(), targetName: z.string().nullable(), assessorUserId: z.string().nullable(), assessorName: z.string().nullable(),
    sheetId: z.string().nullable(), indicatorId: z.string().nullable(), taskId: z.string().nullable(),
  })),
});
export const anomalyTaskView = z.object({ taskId: z.string(), created: z.boolean() });

export const appraisalListView = z.object({
  items: z.array(z.object({
    id: z.string(), branchId: z.string(), branchName: z.string(), year: z.number(), status: z.enum(['open', 'published']), publishedAt: z.string().nullable(),
    memberCount: z.number(), gradedCount: z.number(), excellentCount: z.number(),
    selfRatedCount: z.number().nullable().describe('已自评人数（仅支部管理者可见，其他人为 null）'),
  })),
  notStarted: z.array(z.object({ branchId: z.string(), branchName: z.string(), year: z.number() }))
    .describe('指定年度时：本人所管、该年度尚未开始民主评议的党支部'),
});

export const appraisalDetailView = z.object({
  id: z.string(), branchId: z.string(), branchName: z.string(), year: z.number(), status: z.enum(['open', 'published']), publishedAt: z.string().nullable(),
  manager: z.boolean(), gradedCount: z.number(), excellentCount: z.number(), excellentMax: z.number(),
  me: z.object({ memberId: z.string(), graded: z.boolean(), selfGrade: grade.nullable(), ratings: z.record(z.string(), grade) }).nullable(),
  members: z.array(z.object({
    memberId: z.string(), name: z.string(), type: z.enum(['full', 'probationary']), graded: z.boolean(), selfGrade: grade.nullable(), selfComment: z.string(),
    peer: z.object({ excellent: z.number(), qualified: z.number(), basic: z.number(), unqualified: z.number() }), peerCount: z.number(),
    decision: grade.nullable(), decisionNote: z.string(),
  })),
});
