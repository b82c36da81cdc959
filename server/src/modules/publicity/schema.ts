// Contracts of the 宣传 routes (docs/api/publicity.md).
import { z } from 'zod';
import { pageQuery } from '../../platform/http/paging.js';
import { fileMetaSchema } from '../../platform/files/index.js';
import { dateField } from '../../platform/http/fields.js';
import { LEVELS, levelWeightsSchema, quotasSchema } from './settings.js';

export const STATUSES = ['draft', 'submitted', 'revising', 'adopted', 'rejected', 'published'] as const;
export const STATUS_NAMES: Record<(typeof STATUSES)[number], string> = {
  draft: '草稿', submitted: '待审', revising: '修改中', adopted: '已采用', rejected: '已退稿', published: '已刊发',
};
export const CHANNELS = ['internal', 'external'] as const;
export const CHANNEL_NAMES: Record<(typeof CHANNELS)[number], string> = { internal: '内宣', external: '外宣' };
export const TRAINING_KINDS = ['secondment', 'course', 'other'] as const;
export const TRAINING_KIND_NAMES: Record<(typeof TRAINING_KINDS)[number], string> = { secondment: '挂职培训', course: '集中培训', other: '其他' };

const id = (label: string) => z.string().trim().min(1, '请选择').max(64).describe(label);
const text = (label: string, max: number) => z.string().trim().max(max, `最多 ${max} 个字`).describe(label);
const required = (label: string, max: number) => z.string().trim().min(1, '不能为空').max(max, `最多 ${max} 个字`).describe(label);
const level = (label: string) => z.enum(LEVELS, '级别应为社区、集团、市、省或中央').describe(label);
const channel = z.enum(CHANNELS, '渠道应为内宣或外宣').describe('渠道');
const quality = (label: string) => z.number('请填写1–5分').int('应为1–5的整数').min(1, '应为1–5分').max(5, '应为1–5分').describe(label);
const flag = z.enum(['0', '1', 'true', 'false']).optional().transform((v) => v === '1' || v === 'true');

export const idParams = z.object({ id: z.string().min(1).max(64).describe('编号') });
export const trainingParams = idParams.extend({ trainingId: z.string().min(1).max(64).describe('培训记录编号') });
export const photoParams = idParams.extend({ fileId: z.string().min(1).max(64).describe('照片编号') });
export const inlineQuery = z.object({ inline: z.enum(['true', 'false', '1', '0']).default('false').transform((v) => v === 'true' || v === '1').describe('直接显示') });

// Correspondents
export const correspondentQuery = z.object({
  orgId: id('组织').optional(),
  active: z.enum(['0', '1', 'true', 'false']).optional().transform((v) => (v === undefined ? undefined : v === '1' || v === 'true')).describe('仅在任'),
});
export const correspondentCreate = z.object({
  orgId: id('组织'),
  name: required('姓名', 30),
  userId: id('登录账号').nullish(),
  memberId: id('党员').nullish(),
  // Digits and separators only: a masked number (138****5678) sent back by a form is refused, never stored.
  phone: z.string().trim().max(30, '最多 30 个字').regex(/^[0-9+\-\s()（）]*$/, '只能填写数字、空格和 + - ( )').describe('联系电话').nullish(),
  since: dateField('担任日期'),
  until: dateField('卸任日期').nullish(),
  note: text('备注', 500).nullish(),
});
export type CorrespondentCreate = z.infer<typeof correspondentCreate>;
export const correspondentPatch = correspondentCreate.partial();
export type CorrespondentPatch = z.infer<typeof correspondentPatch>;

export const trainingCreate = z.object({
  kind: z.enum(TRAINING_KINDS, '类型应为挂职培训、集中培训或其他').describe('培训类型'),
  title: required('培训名称', 100),
  fromDate: dateField('开始日期'),
  toDate: dateField('结束日期'),
  hours: z.number('请填写学时').min(0, '不能为负数').max(5000, '学时过大').describe('学时'),
  place: text('地点', 100).nullish(),
  note: text('备注', 500).nullish(),
});
export type TrainingCreate = z.infer<typeof trainingCreate>;

const yearOutput = z.object({ year: z.string(), submitted: z.number(), adopted: z.number(), published: z.number() });
export const correspondentItem = z.object({
  id: z.string(), orgId: z.string(), orgName: z.string(), userId: z.string().nullable(), memberId: z.string().nullable(), name: z.string(),
  phone: z.string().nullable(), since: z.string(), until: z.string().nullable(), active: z.boolean(), note: z.string(),
  trainingHours: z.number(), trainings: z.number(), yearOutput,
});
export type CorrespondentItem = z.infer<typeof correspondentItem>;
export const trainingView = z.object({
  id: z.string(), kind: z.enum(TRAINING_KINDS), kindName: z.string(), title: z.string(), fromDate: z.string(), toDate: z.string(), hours: z.number(),
  place: z.string(), note: z.string(), createdAt: z.string(),
});
export type TrainingView = z.infer<typeof trainingView>;

// Manuscripts
export const listQuery = z.object({
  orgId: id('组织').optional(),
  status: z.enum(STATUSES, '不是可选的状态').optional().describe('状态'),
  level: level('级别').optional(),
  from: dateField('投稿起始日期').optional(),
  to: dateField('投稿截止日期').optional(),
  q: z.string().trim().max(50, '最多 50 个字').optional().describe('搜索词'),
  mine: flag.describe('仅本人稿件'),
  ...pageQuery,
});
export type ListQuery = z.infer<typeof listQuery>;

export const manuscriptCreate = z.object({
  orgId: id('组织'),
  title: required('标题', 100),
  body: z.string().max(200_000, '正文过长').describe('正文'),
  channel,
  outlet: required('拟投媒体', 60),
  level: level('拟投级别'),
  submit: z.boolean().optional().describe('直接投递'),
});
export type ManuscriptCreate = z.infer<typeof manuscriptCreate>;
export const manuscriptPatch = z.object({
  title: required('标题', 100).optional(),
  body: z.string().max(200_000, '正文过长').describe('正文').optional(),
  channel: channel.optional(),
  outlet: required('拟投媒体', 60).optional(),
  level: level('拟投级别').optional(),
});
export type ManuscriptPatch = z.infer<typeof manuscriptPatch>;

export const commentBody = z.object({
  // Checked by the service so that a blank comment reads exactly “请填写意见”.
  body: z.string().trim().max(2000, '最多 2000 个字').optional().describe('意见'),
  requestRevision: z.boolean().optional().describe('退回修改'),
});
export const adoptBody = z.object({ quality: quality('质量评分'), qualityNote: text('评定说明', 500).nullish() });
export const rejectBody = z.object({ reason: z.string().trim().max(500, '最多 500 个字').optional().describe('退稿理由') });
export const publishBody = z.object({
  publishedOn: dateField('刊发日期'),
  outlet: required('刊发媒体', 60),
  level: level('刊发级别'),
  ref: text('链接或版面', 300).nullish(),
});
export const rateBody = z.object({ quality: quality('质量评分'), note: text('评定说明', 500).nullish() });

export const listItem = z.object({
  id: z.string(), title: z.string(), orgId: z.string(), orgName: z.string(), authorName: z.string(), authorUserId: z.string(),
  channel: z.enum(CHANNELS), outlet: z.string(), level: z.enum(LEVELS), status: z.enum(STATUSES),
  submittedAt: z.string().nullable(), adoptedAt: z.string().nullable(), publishedOn: z.string().nullable(), quality: z.number().nullable(),
  revision: z.number(), updatedAt: z.string(),
});
export type ListItem = z.infer<typeof listItem>;

export const commentView = z.object({
  id: z.string(), authorUserId: z.string().nullable(), authorName: z.string(), role: z.enum(['editor', 'author']), body: z.string(), revision: z.number(),
  requestRevision: z.boolean(), createdAt: z.string(),
});
export const ACTIONS = ['edit', 'submit', 'comment', 'requestRevision', 'adopt', 'reject', 'publish', 'rate', 'delete', 'photos'] as const;
export const manuscriptView = listItem.extend({
  body: z.string(), correspondentId: z.string().nullable(), createdAt: z.string(),
  comments: z.array(commentView),
  revisions: z.array(z.object({ revision: z.number(), title: z.string(), createdAt: z.string() })),
  photos: z.array(fileMetaSchema),
  rejectReason: z.string().nullable(), rejectedAt: z.string().nullable(),
  publishedAt: z.string().nullable(), publishedOutlet: z.string().nullable(), publishedLevel: z.enum(LEVELS).nullable(), publishedRef: z.string().nullable(),
  qualityNote: z.string().nullable(), qualityByName: z.string().nullable(), editorName: z.string().nullable(),
  allowed: z.array(z.enum(ACTIONS)),
});
export type ManuscriptView = z.infer<typeof manuscriptView>;
export const revisionView = z.object({ revision: z.number(), title: z.string(), body: z.string(), createdAt: z.string(), createdByName: z.string().nullable() });
export type RevisionView = z.infer<typeof revisionView>;

/** The detail: `trainings` is the list here (the count stays as `trainingCount`). */
export const correspondentView = correspondentItem.omit({ trainings: true }).extend({
  /** The viewer may ask for the phone in clear (POST …/phone, audited). */
  canRevealPhone: z.boolean(),
  trainingCount: z.number(),
  trainings: z.array(trainingView),
  manuscripts: z.array(listItem),
});
export type CorrespondentView = z.infer<typeof correspondentView>;

// Settings and statistics
export const settingsView = z.object({
  quotas: quotasSchema, levelWeights: levelWeightsSchema, qualityCriteria: z.array(z.object({ score: z.number(), text: z.string() })),
});
export const statsQuery = z.object({
  orgId: id('组织').optional(),
  from: dateField('起始日期').optional(),
  to: dateField('截止日期').optional(),
  format: z.enum(['json', 'xlsx']).default('json').describe('导出格式'),
});
export type StatsQuery = z.infer<typeof statsQuery>;
const byLevel = z.object({ community: z.number(), group: z.number(), city: z.number(), province: z.number(), central: z.number() });
export const statsView = z.object({
  from: z.string(), to: z.string(),
  org: z.object({ id: z.string(), name: z.string() }),
  quota: z.object({ period: z.enum(['month', 'quarter', 'year']), periodName: z.string(), counts: z.enum(['submitted', 'adopted', 'published']), countsName: z.string(), periods: z.number(), note: z.string() }),
  orgs: z.array(z.object({
    orgId: z.string(), orgName: z.string(), kind: z.string(), submitted: z.number(), adopted: z.number(), published: z.number(), byLevel,
    averageQuality: z.number().nullable(), weighted: z.number(), quota: z.number(), quotaPeriods: z.number(), quotaTarget: z.number(), counted: z.number(),
    belowQuota: z.boolean(), rank: z.number(),
  })),
  correspondents: z.array(z.object({
    userId: z.string(), name: z.string(), orgName: z.string(), submitted: z.number(), adopted: z.number(), published: z.number(),
    averageQuality: z.number().nullable(), weighted: z.number(), rank: z.number(),
  })),
});
export type StatsView = z.infer<typeof statsView>;
