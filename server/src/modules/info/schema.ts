// Contracts of the information-base routes (docs/api/info.md).
import { z } from 'zod';
import { pageQuery } from '../../platform/http/paging.js';

export const WRITTEN_CATEGORIES = ['rule', 'duty', 'procedure'] as const;
export const SOURCE_CATEGORIES = ['meeting', 'activity', 'assessment'] as const;
export const ALL_CATEGORIES = [...WRITTEN_CATEGORIES, ...SOURCE_CATEGORIES] as const;
export type AnyCategory = (typeof ALL_CATEGORIES)[number];
export type SourceCategory = (typeof SOURCE_CATEGORIES)[number];
export const STATUSES = ['draft', 'submitted', 'published', 'returned'] as const;

export const CATEGORY_NAMES: Record<AnyCategory, string> = {
  rule: '制度', duty: '职责', procedure: '流程', meeting: '会议', activity: '活动', assessment: '考核',
};
export const STATUS_NAMES: Record<(typeof STATUSES)[number], string> = {
  draft: '草稿', submitted: '待审核', published: '已发布', returned: '已退回',
};

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const monthField = (label: string) => z.string().trim().regex(MONTH, '月份格式应为 YYYY-MM').describe(label);
const boolFlag = z.enum(['true', 'false']).default('false').transform((v) => v === 'true');

export const entryParams = z.object({ id: z.string().min(1).max(64).describe('信息编号') });
export const attachmentParams = entryParams.extend({ fileId: z.string().min(1).max(64).describe('附件编号') });

export const listQuery = z.object({
  category: z.enum(ALL_CATEGORIES).optional().describe('类别'),
  orgId: z.string().trim().min(1).max(64).optional().describe('组织'),
  status: z.enum(STATUSES).optional().describe('状态'),
  month: monthField('发布月份').optional(),
  q: z.string().trim().max(50, '最多 50 个字').optional().describe('搜索词'),
  reviewable: boolFlag.describe('仅待我审核'),
  ...pageQuery,
});
export type ListQuery = z.infer<typeof listQuery>;

const title = z.string().trim().min(1, '不能为空').max(100, '最多 100 个字').describe('标题');
const bodyHtml = z.string().max(200_000, '正文过长').describe('正文');
const writtenCategory = z.enum(WRITTEN_CATEGORIES, '类别应为制度、职责或流程').describe('类别');
const orgId = z.string().trim().min(1, '请选择').max(64).describe('组织');

export const entryCreate = z.object({ orgId, category: writtenCategory, title, bodyHtml });
export type EntryCreate = z.infer<typeof entryCreate>;
export const entryPatch = z.object({ orgId: orgId.optional(), category: writtenCategory.optional(), title: title.optional(), bodyHtml: bodyHtml.optional() });
export type EntryPatch = z.infer<typeof entryPatch>;
export const returnBody = z.object({
  // Checked by the route so that a blank reason reads exactly “请填写退回理由”, like a missing one.
  reason: z.string().trim().max(500, '最多 500 个字').optional().describe('退回理由'),
});

export const fileMeta = z.object({
  id: z.string(), name: z.string(), mime: z.string(), size: z.number(), sha256: z.string(), createdAt: z.string(), createdBy: z.string().nullable(),
});

export const listItem = z.object({
  id: z.string(), source: z.string(), category: z.enum(ALL_CATEGORIES), orgId: z.string(), orgName: z.string(), title: z.string(), excerpt: z.string(),
  status: z.enum(STATUSES), version: z.number(), updatedAt: z.string(), publishedAt: z.string().nullable(), publishedMonth: z.string().nullable(),
  link: z.string().nullable(),
});
export type ListItem = z.infer<typeof listItem>;

export const entryView = z.object({
  id: z.string(), category: z.enum(WRITTEN_CATEGORIES), orgId: z.string(), orgName: z.string(), title: z.string(), bodyHtml: z.string(),
  status: z.enum(STATUSES), returnReason: z.string().nullable(), version: z.number(),
  createdAt: z.string(), createdByName: z.string().nullable(), updatedAt: z.string(), updatedByName: z.string().nullable(),
  submittedAt: z.string().nullable(), submittedByName: z.string().nullable(), publishedAt: z.string().nullable(), publishedByName: z.string().nullable(),
  firstPublishedAt: z.string().nullable(), publishedMonth: z.string().nullable(),
  attachments: z.array(fileMeta),
  can: z.object({ edit: z.boolean(), submit: z.boolean(), publish: z.boolean(), return: z.boolean(), delete: z.boolean(), attach: z.boolean() }),
});
export type EntryView = z.infer<typeof entryView>;

export const versionView = z.object({
  version: z.number(), title: z.string(), bodyHtml: z.string(), publishedAt: z.string(), publishedByName: z.string().nullable(),
});
export type VersionView = z.infer<typeof versionView>;

export const statsQuery = z.object({
  orgId: z.string().trim().min(1).max(64).optional().describe('组织'),
  from: monthField('起始月份').optional(),
  to: monthField('截止月份').optional(),
});
export type StatsQuery = z.infer<typeof statsQuery>;

const counts = z.record(z.string(), z.number());
export const statsView = z.object({
  org: z.object({ id: z.string(), name: z.string() }),
  from: z.string(), to: z.string(), months: z.array(z.string()), categories: z.array(z.string()),
  rows: z.array(z.object({
    orgId: z.string(), orgName: z.string(), kind: z.string(), depth: z.number(), parentId: z.string().nullable(), includesGroups: z.boolean(),
    before: counts,
    months: z.array(z.object({ month: z.string(), new: counts, newTotal: z.number(), total: counts, totalAll: z.number() })),
    newInPeriod: z.number(), totalAtEnd: z.number(),
  })),
  series: z.array(z.object({ month: z.string(), new: counts, newTotal: z.number(), totalAll: z.number() })),
  silent: z.array(z.object({ month: z.string(), orgs: z.array(z.object({ orgId: z.string(), orgName: z.string() })) })),
  totals: z.object({ before: z.number(), newInPeriod: z.number(), atEnd: z.number(), byCategory: counts }),
});
export type StatsView = z.infer<typeof statsView>;
