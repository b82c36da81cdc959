// Contracts of the member routes (docs/api/people.md, Members).
import { z } from 'zod';
import { pageQuery } from '../../platform/http/paging.js';
import { AGE_BANDS, EDUCATIONS, identityShape } from '../people/validation.js';
import { dateField } from '../../platform/http/fields.js';

export const MEMBER_TYPE_NAMES = { full: '正式党员', probationary: '预备党员' } as const;
export const MEMBER_STATUS_NAMES = {
  active: '正常', flowing: '流动', lostContact: '失联', transferredOut: '转出', suspended: '停止党籍', expelled: '出党', deceased: '去世',
} as const;
export const EVENT_KIND_NAMES = {
  admitted: '入党建档', transferIn: '转入', transferOut: '转出', transfer: '组织关系转接', moved: '组织调整', confirmed: '转正', probationExtended: '延长预备期',
  statusChanged: '状态变更', edited: '信息修改',
} as const;
/** Statuses that no longer tie a member to an organisation (kept as history, left out of statistics). */
export const GONE_STATUSES = ['transferredOut', 'expelled', 'deceased'] as const;

const memberType = z.enum(['full', 'probationary']);
const memberStatus = z.enum(['active', 'flowing', 'lostContact', 'transferredOut', 'suspended', 'expelled', 'deceased']);

export const memberView = z.object({
  id: z.string(), staffId: z.string(), name: z.string(), gender: z.enum(['male', 'female']), birthDate: z.string(), age: z.number(),
  idNumber: z.string(), phone: z.string().nullable(), ethnicity: z.string(), education: z.string().nullable(), nativePlace: z.string().nullable(),
  address: z.string().nullable(), unitId: z.string(), unitName: z.string(), post: z.string().nullable(), employment: z.enum(['active', 'retired', 'left']),
  workStartedOn: z.string().nullable(), type: memberType, joinedOn: z.string(), confirmedOn: z.string().nullable(),
  probationExtendedMonths: z.number(), partyAgeYears: z.number(), status: memberStatus, branchId: z.string(), branchName: z.string(),
  groupId: z.string().nullable(), groupName: z.string().nullable(), partyPosts: z.array(z.string()), masked: z.boolean(),
  transferSince: z.string().nullable().describe('组织关系转出办理中（转接中）的起始日期'),
});
export type MemberView = z.infer<typeof memberView>;

export const memberParams = z.object({ id: z.string().min(1).max(64).describe('党员编号') });

const joinYear = (label: string) => z.coerce.number().int().min(1900, '年份无效').max(2999, '年份无效').optional().describe(label);
export const MEMBER_SORTS = ['name', 'joinedOn', 'birthDate', 'age', 'partyAge', 'confirmedOn', 'org', 'createdAt'] as const;
export const memberListQuery = z.object({
  orgId: z.string().trim().min(1).max(64).optional().describe('组织'),
  keyword: z.string().trim().max(50).optional().describe('关键字'),
  type: memberType.optional().describe('党员类别'),
  status: memberStatus.optional().describe('党籍状态'),
  employment: z.enum(['active', 'retired', 'left']).optional().describe('在岗状态'),
  gender: z.enum(['male', 'female']).optional().describe('性别'),
  education: z.enum(EDUCATIONS).optional().describe('学历'),
  ageBand: z.enum(AGE_BANDS).optional().describe('年龄段'),
  joinYearFrom: joinYear('入党年份起'),
  joinYearTo: joinYear('入党年份止'),
  ...pageQuery,
  sort: z.enum(MEMBER_SORTS).default('org').describe('排序字段'),
  order: z.enum(['asc', 'desc']).default('asc').describe('排序方向'),
});
export type MemberListQuery = z.infer<typeof memberListQuery>;

/**
 * POST /members/export.xlsx: the list's filters and order in the body, and whether to export in clear. Revealing is
 * an action, not a read: a GET (a link, an image in rich text) never shows clear values (issue 16).
 */
export const memberExportBody = memberListQuery.omit({ page: true, pageSize: true, format: true }).extend({
  unmasked: z.boolean().default(false).describe('导出明文（须有敏感信息权限；逐次审计）'),
});
export type MemberExportBody = z.infer<typeof memberExportBody>;

const partyPosts = z.array(z.string().trim().min(1).max(30, '最多 30 个字')).max(10, '最多 10 项').describe('党内职务');
const partyFacts = {
  type: memberType.describe('党员类别'),
  joinedOn: dateField('入党日期'),
  confirmedOn: dateField('转正日期').nullable().optional(),
  probationExtendedMonths: z.number().int().min(0).max(12).optional().describe('延长预备期（月）'),
  partyPosts: partyPosts.optional(),
};
const place = {
  branchId: z.string().trim().min(1, '请选择党支部').max(64).describe('党支部'),
  groupId: z.string().trim().min(1).max(64).nullable().optional().describe('党小组'),
};
const reason = z.string().trim().max(500, '最多 500 个字');

export const memberCreate = z.object({
  staffId: z.string().trim().min(1).max(64).optional().describe('员工'),
  ...z.object(identityShape).partial().shape,
  ...place,
  ...partyFacts,
  source: z.enum(['admitted', 'transferIn']).default('admitted').describe('建档方式'),
  occurredOn: dateField('发生日期').optional(),
  reason: reason.optional().describe('说明'),
});
export type MemberCreate = z.infer<typeof memberCreate>;

export const memberPatch = z.object({
  ...z.object(identityShape).partial().shape,
  type: partyFacts.type.optional(),
  joinedOn: partyFacts.joinedOn.optional(),
  confirmedOn: partyFacts.confirmedOn,
  probationExtendedMonths: partyFacts.probationExtendedMonths,
  partyPosts: partyFacts.partyPosts,
  reason: reason.optional().describe('修改原因'),
});
export type MemberPatch = z.infer<typeof memberPatch>;

const required = (label: string) => reason.min(1, `请填写${label}`).describe(label);
export const memberMove = z.object({ ...place, occurredOn: dateField('调整日期'), reason: required('调整原因') });
export const memberConfirm = z.object({ occurredOn: dateField('转正日期'), reason: reason.optional().describe('说明') });
export const memberExtend = z.object({
  months: z.number().int().min(6, '延长预备期应为 6 至 12 个月').max(12, '延长预备期应为 6 至 12 个月').describe('延长月数'),
  occurredOn: dateField('决定日期'), reason: required('延长原因'),
});
export const memberStatusChange = z.object({ status: memberStatus.describe('党籍状态'), occurredOn: dateField('发生日期'), reason: required('原因') });

export const historyItem = z.object({
  id: z.string(), kind: z.enum(['admitted', 'transferIn', 'transferOut', 'transfer', 'moved', 'confirmed', 'probationExtended', 'statusChanged', 'edited']),
  occurredOn: z.string(), reason: z.string(), before: z.unknown(), after: z.unknown(), recordedByName: z.string().nullable(), recordedAt: z.string(),
});
export type HistoryItem = z.infer<typeof historyItem>;

const counts = z.record(z.string(), z.number());
export const statsView = z.object({
  total: z.number(), byType: counts, byGender: counts, byAgeBand: counts, byEducation: counts, byPartyAge: counts, byStatus: counts,
});
