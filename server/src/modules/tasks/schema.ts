// Contracts of the 督办 routes (docs/api/tasks.md): names of codes, inputs with Chinese labels, views.
import { z } from 'zod';
import { pageQuery } from '../../platform/http/paging.js';
import { dateField } from '../../platform/http/fields.js';
import { fileMetaSchema } from '../../platform/files/index.js';

export const TASK_KIND_NAMES = { temporary: '临时性', phased: '阶段性', routine: '常规责任' } as const;
export const TASK_STATUS_NAMES = {
  deployed: '已部署', accepted: '已接收', inProgress: '办理中', completionReported: '待验收', returned: '已退回', closed: '已销号',
} as const;
export const LIGHT_NAMES = { green: '正常', yellow: '临期', red: '逾期', done: '已完成' } as const;
export const EVENT_KIND_NAMES = {
  deployed: '部署', accepted: '接收', reported: '汇报进度', completionReported: '完成报告', returned: '退回', verified: '验收销号', edited: '修改',
} as const;
/** Known sources; other modules may open tasks with a word of their own and a label. */
export const SOURCE_NAMES: Record<string, string> = {
  manual: '手动部署', meeting: '会议决定', assessment: '考核扣分', warning: '合规预警', campaign: '主题活动',
};
export const REPORT_CYCLE_NAMES = { month: '每月', quarter: '每季度', half: '每半年', year: '每年' } as const;

export const TASK_KINDS = ['temporary', 'phased', 'routine'] as const;
export const TASK_STATUSES = ['deployed', 'accepted', 'inProgress', 'completionReported', 'returned', 'closed'] as const;
export const LIGHTS = ['green', 'yellow', 'red', 'done'] as const;
export type Light = (typeof LIGHTS)[number];

const id = (label: string) => z.string().trim().min(1, `请选择${label}`).max(64).describe(label);
const text = (label: string, max: number) => z.string().trim().max(max, `最多 ${max} 个字`).describe(label);
const required = (label: string, max: number) => z.string().trim().min(1, '不能为空').max(max, `最多 ${max} 个字`).describe(label);

export const taskParams = z.object({ id: z.string().min(1).max(64).describe('任务编号') });
const kind = z.enum(TASK_KINDS).describe('任务类型');
const coOwnerIds = z.array(z.string().trim().min(1).max(64)).max(20, '最多 20 人').describe('协办人');
const sourceKind = z.string().trim().regex(/^[a-z][A-Za-z0-9]{0,31}$/, '来源类型无效').describe('来源类型');

/** What a milestone or task needs beyond its issuing organisation. */
export const taskFields = {
  title: required('任务标题', 100),
  description: text('任务内容', 4000).optional(),
  kind,
  ownerOrgId: id('责任组织'),
  ownerId: id('责任人'),
  coOwnerIds: coOwnerIds.optional(),
  startOn: dateField('开始日期').optional(),
  dueOn: dateField('截止日期'),
  doneStandard: required('验收标准', 2000),
};

export const taskCreate = z.object({
  ...taskFields,
  issuingOrgId: id('部署组织'),
  programmeId: z.string().trim().min(1).max(64).optional().describe('工作方案'),
  sourceKind: sourceKind.optional(),
  sourceId: z.string().trim().max(64).optional().describe('来源编号'),
  sourceLink: text('来源链接', 500).optional(),
  sourceLabel: text('来源说明', 200).optional(),
});
export type TaskCreate = z.infer<typeof taskCreate>;

export const taskPatch = z.object({
  title: required('任务标题', 100).optional(),
  description: text('任务内容', 4000).optional(),
  kind: kind.optional(),
  ownerOrgId: id('责任组织').optional(),
  ownerId: id('责任人').optional(),
  coOwnerIds: coOwnerIds.optional(),
  startOn: dateField('开始日期').optional(),
  dueOn: dateField('截止日期').optional(),
  doneStandard: required('验收标准', 2000).optional(),
});
export type TaskPatch = z.infer<typeof taskPatch>;

export const acceptBody = z.object({ notes: text('接收说明', 2000).optional() });
export const reportBody = z.object({
  percent: z.number().int('须为整数').min(0, '不能小于 0').max(100, '不能大于 100').describe('完成进度'),
  notes: required('进展情况', 4000),
});
export const completeBody = z.object({
  evidence: required('完成情况及佐证', 4000),
  percent: z.number().int('须为整数').min(0).max(100).optional().describe('完成进度'),
});
export const verifyBody = z.object({ notes: text('验收意见', 2000).optional() });
export const returnBody = z.object({ reason: required('退回原因', 2000) });

/** One value or a comma list of values. */
const csvEnum = <T extends readonly [string, ...string[]]>(values: T, label: string) =>
  z.string().trim().max(200)
    .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
    .refine((a) => a.every((v) => (values as readonly string[]).includes(v)), '取值无效')
    .transform((a) => a as T[number][])
    .optional().describe(label);

export const TASK_SORTS = { dueOn: 't.due_on', createdAt: 't.created_at', updatedAt: 't.updated_at', title: 't.title' } as const;
export const taskListQuery = z.object({
  status: csvEnum(TASK_STATUSES, '状态'),
  light: csvEnum(LIGHTS, '灯号'),
  orgId: z.string().trim().min(1).max(64).optional().describe('责任组织'),
  mine: z.enum(['true', 'owner', 'issuer', 'verifier', 'false']).optional().describe('与我有关'),
  programmeId: z.string().trim().min(1).max(64).optional().describe('工作方案'),
  kind: kind.optional(),
  sourceKind: sourceKind.optional(),
  sourceId: z.string().trim().min(1).max(64).optional().describe('来源编号'),
  q: z.string().trim().max(50, '最多 50 个字').optional().describe('关键字'),
  ...pageQuery,
  sort: z.enum(Object.keys(TASK_SORTS) as [keyof typeof TASK_SORTS, ...(keyof typeof TASK_SORTS)[]]).default('dueOn').describe('排序字段'),
  order: z.enum(['asc', 'desc']).default('asc').describe('排序方向'),
});
export type TaskListQuery = z.infer<typeof taskListQuery>;

const person = z.object({ id: z.string(), name: z.string() });
export const taskView = z.object({
  id: z.string(), title: z.string(), description: z.string(), kind: z.enum(TASK_KINDS), kindName: z.string(),
  status: z.enum(TASK_STATUSES), statusName: z.string(), light: z.enum(LIGHTS), lightName: z.string(), daysLeft: z.number().int(),
  percent: z.number().int(), sourceKind: z.string(), sourceName: z.string(), sourceId: z.string().nullable(), sourceLink: z.string().nullable(),
  sourceLabel: z.string().nullable(),
  issuerId: z.string(), issuerName: z.string(), issuingOrgId: z.string(), issuingOrgName: z.string(),
  ownerOrgId: z.string(), ownerOrgName: z.string(), ownerId: z.string(), ownerName: z.string(), coOwners: z.array(person),
  programmeId: z.string().nullable(), programmeName: z.string().nullable(), startOn: z.string(), dueOn: z.string(), doneStandard: z.string(),
  acceptedAt: z.string().nullable(), completionReportedAt: z.string().nullable(), closedAt: z.string().nullable(), closedOn: z.string().nullable(),
  returnCount: z.number().int(), createdAt: z.string(), updatedAt: z.string(),
  can: z.object({ accept: z.boolean(), report: z.boolean(), complete: z.boolean(), verify: z.boolean(), return: z.boolean(), edit: z.boolean() }),
});
export type TaskView = z.infer<typeof taskView>;

export const timelineItem = z.object({
  id: z.string(), kind: z.string(), kindName: z.string(), at: z.string(), byId: z.string().nullable(), byName: z.string().nullable(),
  fromStatus: z.string().nullable(), toStatus: z.string().nullable(), percent: z.number().nullable(), notes: z.string().nullable(),
  reason: z.string().nullable(), evidence: z.string().nullable(), changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })).nullable(),
});
export const attachmentView = fileMetaSchema.extend({ createdByName: z.string().nullable() });
export const taskDetail = taskView.extend({ timeline: z.array(timelineItem), attachments: z.array(attachmentView) });
export const attachmentParams = z.object({ id: z.string().min(1).max(64).describe('任务编号'), fileId: z.string().min(1).max(64).describe('附件编号') });
export const attachmentQuery = z.object({ inline: z.enum(['true', 'false']).default('false').transform((v) => v === 'true').describe('直接显示') });
export type TaskDetail = z.infer<typeof taskDetail>;

export const lightSummary = z.object({ total: z.number().int(), green: z.number().int(), yellow: z.number().int(), red: z.number().int(), done: z.number().int() });
export type LightSummary = z.infer<typeof lightSummary>;

export const assigneeQuery = z.object({ orgId: id('责任组织') });
export const assigneeList = z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), username: z.string() })) });

// Programmes (工作方案)
export const milestoneInput = z.object({ ...taskFields, kind: kind.default('phased') });
export const programmeCreate = z.object({
  name: required('方案名称', 100),
  description: text('方案说明', 4000).optional(),
  issuingOrgId: id('部署组织'),
  startOn: dateField('开始日期'),
  endOn: dateField('结束日期'),
  milestones: z.array(milestoneInput).max(200, '最多 200 个节点').optional().describe('节点任务'),
});
export type ProgrammeCreate = z.infer<typeof programmeCreate>;
export const programmeListQuery = z.object({
  q: z.string().trim().max(50, '最多 50 个字').optional().describe('关键字'),
  orgId: z.string().trim().min(1).max(64).optional().describe('部署组织'),
  ...pageQuery,
});
export const programmeSummary = lightSummary.extend({ percentDone: z.number().int(), avgPercent: z.number().int() });
export const programmeView = z.object({
  id: z.string(), name: z.string(), description: z.string(), issuingOrgId: z.string(), issuingOrgName: z.string(), startOn: z.string(), endOn: z.string(),
  createdById: z.string().nullable(), createdByName: z.string().nullable(), createdAt: z.string(), summary: programmeSummary,
});
export type ProgrammeView = z.infer<typeof programmeView>;
export const programmeDetail = programmeView.extend({ milestones: z.array(taskView) });

// Responsibility lists (党建工作责任制)
const reportCycle = z.enum(['month', 'quarter', 'half', 'year']).describe('汇报周期');
const itemInput = z.object({
  id: z.string().trim().min(1).max(64).optional().describe('条目编号'),
  content: required('责任内容', 1000),
  standard: text('工作标准', 1000).nullable().optional(),
});
export const responsibilityCreate = z.object({
  year: z.number().int('须为整数').min(2000, '年度无效').max(2999, '年度无效').describe('年度'),
  orgId: id('责任组织'),
  leaderId: z.string().trim().min(1).max(64).nullable().optional().describe('责任人'),
  title: required('责任书名称', 100),
  reportCycle: reportCycle.default('quarter'),
  items: z.array(itemInput).min(1, '至少填写一项责任').max(100, '最多 100 项').describe('责任条目'),
});
export type ResponsibilityCreate = z.infer<typeof responsibilityCreate>;
export const responsibilityPatch = z.object({
  title: required('责任书名称', 100).optional(),
  leaderId: z.string().trim().min(1).max(64).nullable().optional().describe('责任人'),
  reportCycle: reportCycle.optional(),
  items: z.array(itemInput).min(1, '至少填写一项责任').max(100, '最多 100 项').optional().describe('责任条目'),
});
export type ResponsibilityPatch = z.infer<typeof responsibilityPatch>;
export const responsibilityReportBody = z.object({
  period: z.string().trim().regex(/^\d{4}(-(Q[1-4]|H[12]|(0[1-9]|1[0-2])))?$/, '期次格式应为 2026-Q1、2026-H1、2026-03 或 2026').describe('汇报期次'),
  content: required('履职情况', 4000),
  itemNotes: z.array(z.object({ itemId: z.string().min(1).max(64).describe('条目编号'), note: text('条目说明', 1000) })).max(100).optional().describe('逐项说明'),
});
export type ResponsibilityReportBody = z.infer<typeof responsibilityReportBody>;
export const responsibilityListQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2999).optional().describe('年度'),
  orgId: z.string().trim().min(1).max(64).optional().describe('责任组织'),
  ...pageQuery,
});
export const responsibilityParams = z.object({ id: z.string().min(1).max(64).describe('责任书编号') });
const periodView = z.object({ period: z.string(), label: z.string(), dueOn: z.string(), reported: z.boolean(), overdue: z.boolean() });
export const responsibilityView = z.object({
  id: z.string(), year: z.number().int(), orgId: z.string(), orgName: z.string(), leaderId: z.string().nullable(), leaderName: z.string().nullable(),
  title: z.string(), reportCycle: z.enum(['month', 'quarter', 'half', 'year']), reportCycleName: z.string(),
  items: z.array(z.object({ id: z.string(), content: z.string(), standard: z.string().nullable() })),
  createdAt: z.string(), updatedAt: z.string(), periods: z.array(periodView),
});
export const responsibilityDetail = responsibilityView.extend({
  reports: z.array(z.object({
    id: z.string(), period: z.string(), periodLabel: z.string(), content: z.string(), itemNotes: z.array(z.object({ itemId: z.string(), note: z.string() })),
    reportedById: z.string().nullable(), reportedByName: z.string().nullable(), reportedAt: z.string(),
  })),
});
