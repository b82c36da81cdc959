// Contracts of the 主题实践活动 routes (docs/api/campaigns.md).
import { z } from 'zod';
import { dateField } from '../../platform/http/fields.js';
import { fileMetaSchema } from '../../platform/files/index.js';

export const CAMPAIGN_STATUS_NAMES = { draft: '草稿', active: '进行中', closed: '已结束' } as const;
export const CAMPAIGN_STATUSES = ['draft', 'active', 'closed'] as const;
export const APPLY_KINDS = ['branch', 'jointBranch'] as const;

const id = (label: string) => z.string().trim().min(1, '请选择').max(64).describe(label);
const text = (label: string, max: number) => z.string().trim().max(max, `最多 ${max} 个字`).describe(label);
const html = (label: string) => z.string().max(200_000, `${label}过长`).describe(label);

export const campaignParams = z.object({ id: z.string().min(1).max(64).describe('活动编号') });
export const orgParams = campaignParams.extend({ orgId: z.string().min(1).max(64).describe('组织') });
export const progressParams = orgParams.extend({ dueId: z.string().min(1).max(64).describe('进展报告') });
export const caseParams = campaignParams.extend({ caseId: z.string().min(1).max(64).describe('案例编号') });
export const casePhotoParams = caseParams.extend({ fileId: z.string().min(1).max(64).describe('照片编号') });
export const submissionParams = z.object({ submissionId: z.string().min(1).max(64).describe('报送编号') });
export const submissionFileParams = submissionParams.extend({ fileId: z.string().min(1).max(64).describe('附件编号') });
export const inlineQuery = z.object({ inline: z.enum(['true', 'false']).default('false').transform((v) => v === 'true').describe('直接显示') });

export const listQuery = z.object({
  status: z.enum(CAMPAIGN_STATUSES).optional().describe('状态'),
  q: z.string().trim().max(50, '最多 50 个字').optional().describe('搜索词'),
});

const due = z.object({
  id: z.string().trim().max(64).optional().describe('进展报告编号'),
  title: z.string().trim().min(1, '请填写进展报告名称').max(50, '最多 50 个字').describe('进展报告名称'),
  dueOn: dateField('报送截止日期'),
});

const campaignFields = {
  name: z.string().trim().min(1, '请填写活动名称').max(100, '最多 100 个字').describe('活动名称'),
  kind: text('活动类型', 50).default(''),
  description: html('活动要求').default(''),
  startOn: dateField('开始日期'),
  endOn: dateField('结束日期'),
  measuresDue: dateField('推进措施报送截止日期'),
  dues: z.array(due).max(20, '进展报告最多 20 次').default([]).describe('进展报告'),
  callsCases: z.boolean().default(false).describe('征集精品案例'),
  caseTheme: text('案例主题', 100).nullable().optional(),
  caseDesignDue: dateField('案例设计截止日期').nullable().optional(),
  caseResultDue: dateField('案例成果截止日期').nullable().optional(),
};

export const campaignCreate = z.object({
  ...campaignFields,
  rootOrgId: id('部署组织'),
  applyTo: z.object({
    rootOrgIds: z.array(id('适用范围')).min(1, '请选择适用范围').max(100).describe('适用范围'),
    kinds: z.array(z.enum(APPLY_KINDS)).min(1, '请选择组织类型').default(['branch', 'jointBranch']).describe('组织类型'),
  }).describe('适用范围'),
  activate: z.boolean().default(false).describe('立即开始'),
});
export type CampaignCreate = z.infer<typeof campaignCreate>;

export const campaignPatch = z.object({
  name: campaignFields.name.optional(),
  kind: text('活动类型', 50).optional(),
  description: html('活动要求').optional(),
  startOn: dateField('开始日期').optional(),
  endOn: dateField('结束日期').optional(),
  measuresDue: dateField('推进措施报送截止日期').optional(),
  dues: z.array(due).max(20, '进展报告最多 20 次').optional().describe('进展报告'),
  callsCases: z.boolean().optional().describe('征集精品案例'),
  caseTheme: campaignFields.caseTheme,
  caseDesignDue: campaignFields.caseDesignDue,
  caseResultDue: campaignFields.caseResultDue,
});
export type CampaignPatch = z.infer<typeof campaignPatch>;

export const orgsBody = z.object({ orgIds: z.array(id('适用组织')).min(1, '请至少选择一个组织').max(500).describe('适用组织') });
export const contentBody = z.object({ content: html('报送内容') });
export const superviseBody = z.object({
  orgIds: z.array(id('督办组织')).max(500).optional().describe('督办组织'),
  dueOn: dateField('督办截止日期').optional(),
});
export const caseCreate = z.object({
  orgId: id('报送组织'),
  title: z.string().trim().min(1, '请填写案例名称').max(100, '最多 100 个字').describe('案例名称'),
  summary: text('案例简介', 500).default(''),
  design: html('案例设计方案'),
});
export const casePatch = z.object({
  title: z.string().trim().min(1, '请填写案例名称').max(100, '最多 100 个字').optional().describe('案例名称'),
  summary: text('案例简介', 500).optional(),
  design: html('案例设计方案').optional(),
  result: html('案例成果').optional(),
});
export const rateBody = z.object({
  score: z.number({ error: '请填写 1–100 的整数' }).int('评分应为 1–100 的整数').min(1, '评分应为 1–100 的整数').max(100, '评分应为 1–100 的整数').describe('评分'),
  comment: text('评语', 500).default(''),
});
export const galleryQuery = z.object({ campaignId: z.string().trim().max(64).optional().describe('活动') });

const dueView = z.object({ id: z.string(), title: z.string(), dueOn: z.string() });
export const listItem = z.object({
  id: z.string(), name: z.string(), kind: z.string(), startOn: z.string(), endOn: z.string(), measuresDue: z.string(),
  status: z.enum(CAMPAIGN_STATUSES), rootOrgId: z.string(), rootOrgName: z.string(),
  orgCount: z.number(), measuresSubmitted: z.number(), callsCases: z.boolean(), caseCount: z.number(),
});
export type ListItem = z.infer<typeof listItem>;
export const campaignView = listItem.extend({
  description: z.string(), caseTheme: z.string().nullable(), caseDesignDue: z.string().nullable(), caseResultDue: z.string().nullable(),
  activatedAt: z.string().nullable(), closedAt: z.string().nullable(), createdAt: z.string(), updatedAt: z.string(),
  dues: z.array(dueView), orgs: z.array(z.object({ orgId: z.string(), orgName: z.string() })),
  /** Organisations of this campaign the user may submit for. */
  submitOrgIds: z.array(z.string()),
  allowed: z.array(z.string()),
});
export type CampaignView = z.infer<typeof campaignView>;

const slotView = z.object({ submittedAt: z.string(), late: z.boolean() }).nullable();
const orgRef = z.object({ orgId: z.string(), orgName: z.string() });
export const boardView = z.object({
  campaign: campaignView,
  dues: z.array(dueView),
  orgs: z.array(z.object({
    orgId: z.string(), orgName: z.string(), measures: slotView, progress: z.record(z.string(), slotView),
    late: z.boolean(), overdue: z.boolean(), taskId: z.string().nullable(),
  })),
  missingMeasures: z.array(orgRef),
  missingProgress: z.array(z.object({ dueId: z.string(), title: z.string(), dueOn: z.string(), orgs: z.array(orgRef) })),
});

export const submissionView = z.object({
  id: z.string(), campaignId: z.string(), orgId: z.string(), orgName: z.string(), kind: z.enum(['measures', 'progress']),
  reportDueId: z.string().nullable(), content: z.string(), submittedAt: z.string(), updatedAt: z.string(),
  submittedByName: z.string().nullable(), dueOn: z.string(), late: z.boolean(), attachments: z.array(fileMetaSchema),
});
export type SubmissionView = z.infer<typeof submissionView>;

export const superviseView = z.object({
  created: z.array(z.object({ orgId: z.string(), taskId: z.string() })),
  existing: z.array(z.object({ orgId: z.string(), taskId: z.string() })),
  skipped: z.array(z.object({ orgId: z.string(), reason: z.string() })),
});

const ratingView = z.object({ reviewerUserId: z.string(), reviewerName: z.string(), score: z.number(), comment: z.string(), ratedAt: z.string() });
export const caseItem = z.object({
  id: z.string(), campaignId: z.string(), campaignName: z.string(), orgId: z.string(), orgName: z.string(), title: z.string(), summary: z.string(),
  status: z.enum(['design', 'result']), designAt: z.string(), resultAt: z.string().nullable(),
  averageScore: z.number().nullable(), ratingCount: z.number(), myScore: z.number().nullable(), firstPhotoId: z.string().nullable(),
});
export type CaseItem = z.infer<typeof caseItem>;
export const caseView = caseItem.extend({
  design: z.string(), result: z.string().nullable(), ratings: z.array(ratingView), photos: z.array(fileMetaSchema), allowed: z.array(z.string()),
});
export const galleryItem = caseItem.extend({ ratings: z.array(ratingView) });
