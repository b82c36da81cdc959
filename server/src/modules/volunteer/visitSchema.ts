// Contracts of the pairing, 我的结对老人 and visit routes (docs/api/volunteer.md).
import { z } from 'zod';
import { dateField } from '../../platform/http/fields.js';
import { fileMetaSchema } from '../../platform/files/index.js';
import { pageQuery, pageResponse } from '../../platform/http/paging.js';
import { CONDITION_CODES, LIVING_CODES, RISK_CODES, VISIT_KIND_CODES } from './names.js';

const id = (label: string) => z.string().trim().min(1, `请选择${label}`).max(64).describe(label);
const kindField = z.enum(['member', 'staff']).describe('志愿者类别（member 党员 / staff 员工）');
const flag = (label: string) => z.enum(['0', '1', 'true', 'false']).optional().transform((v) => v === undefined ? undefined : v === '1' || v === 'true').describe(label);

export const idParams = z.object({ id: z.string().min(1).max(64).describe('编号') });
export const photoParams = idParams.extend({ fileId: z.string().min(1).max(64).describe('照片编号') });
export const inlineQuery = z.object({ inline: flag('直接显示') });

// ---------- pairings ----------
export const candidatesQuery = z.object({
  orgId: z.string().trim().min(1).max(64).optional().describe('组织（默认：管理范围内全部）'),
  keyword: z.string().trim().max(30, '最多 30 个字').optional().describe('姓名关键字'),
});
export const candidate = z.object({
  kind: kindField, id: z.string(), name: z.string(), orgName: z.string(),
  openPairings: z.number().int().describe('当前结对人数'), limit: z.number().int().describe('结对上限'),
});

export const pairingCreate = z.object({
  residentId: id('服务对象'),
  volunteerKind: kindField,
  volunteerId: id('志愿者'),
  startedOn: dateField('结对日期'),
});
export type PairingCreate = z.infer<typeof pairingCreate>;
export const pairingEnd = z.object({
  endedOn: dateField('结束日期'),
  reason: z.string().trim().min(1, '请填写结束原因').max(200, '最多 200 个字').describe('结束原因'),
});
export type PairingEnd = z.infer<typeof pairingEnd>;
export const pairingView = z.object({
  id: z.string(), residentId: z.string(), volunteerKind: kindField, volunteerId: z.string(), volunteerName: z.string(),
  slot: z.number().int(), startedOn: z.string(), endedOn: z.string().nullable(), endReason: z.string().nullable(),
});

// ---------- mine ----------
export const mineItem = z.object({
  residentId: z.string(), name: z.string(), age: z.number().int(), community: z.string(),
  risk: z.enum(RISK_CODES as [string, ...string[]]), living: z.array(z.enum(LIVING_CODES as [string, ...string[]])),
  lastVisitOn: z.string().nullable(), nextDueOn: z.string().nullable(), overdueDays: z.number().int(),
  lastCondition: z.enum(CONDITION_CODES as [string, ...string[]]).nullable(),
  phone: z.string().nullable().describe('电话（已脱敏）'),
});
export const mineView = z.object({
  items: z.array(mineItem),
  limit: z.number().int().describe('每名志愿者最多结对人数'),
  volunteer: z.object({ kind: kindField, id: z.string(), name: z.string() }).nullable(),
});

// ---------- visits ----------
export const visitCreate = z.object({
  residentId: id('服务对象'),
  visitedOn: dateField('走访日期'),
  kind: z.enum(VISIT_KIND_CODES as [string, ...string[]], { message: '请选择服务类型' }).describe('服务类型'),
  minutes: z.number({ message: '请填写服务时长（分钟）' }).int('应为整数分钟').min(1, '应大于 0 分钟').max(1440, '不能超过 1440 分钟（24 小时）').describe('服务时长'),
  notes: z.string().trim().max(2000, '最多 2000 个字').default('').describe('情况记录'),
  condition: z.enum(CONDITION_CODES as [string, ...string[]], { message: '请选择老人状况' }).describe('状况（正常/需关注/紧急）'),
  volunteerKind: kindField.optional(),
  volunteerId: z.string().trim().min(1).max(64).optional().describe('代为记录时：结对志愿者'),
});
export type VisitCreate = z.infer<typeof visitCreate>;

export const visitQuery = z.object({
  residentId: z.string().trim().min(1).max(64).optional().describe('服务对象'),
  orgId: z.string().trim().min(1).max(64).optional().describe('责任组织（含下级）'),
  condition: z.enum(CONDITION_CODES as [string, ...string[]]).optional().describe('状况'),
  open: flag('仅未处理的需关注/紧急记录'),
  from: dateField('起始日期').optional(),
  to: dateField('截止日期').optional(),
  page: pageQuery.page,
  pageSize: pageQuery.pageSize,
});
export type VisitQuery = z.infer<typeof visitQuery>;

export const visitView = z.object({
  id: z.string(), residentId: z.string(), residentName: z.string(), community: z.string(), orgId: z.string(), orgName: z.string(),
  visitedOn: z.string(), kind: z.enum(VISIT_KIND_CODES as [string, ...string[]]), minutes: z.number().int(), notes: z.string(),
  condition: z.enum(CONDITION_CODES as [string, ...string[]]),
  volunteerKind: kindField, volunteerId: z.string(), volunteerName: z.string(),
  handledAt: z.string().nullable(), handledByName: z.string().nullable(), handledNote: z.string().nullable(),
  taskId: z.string().nullable().describe('已转督办的任务'),
  photos: z.array(fileMetaSchema).describe('照片'),
  allowed: z.array(z.enum(['handle', 'task', 'photo'])).describe('当前用户可执行的操作'),
  createdAt: z.string(),
});
export type VisitView = z.infer<typeof visitView>;
/** A list item names the volunteer without their roster id: the volunteer may sit in another branch than the reader. */
export const visitListItem = visitView.omit({ volunteerId: true });
export const visitList = pageResponse(visitListItem);

export const handleBody = z.object({ note: z.string().trim().min(1, '请填写处理情况').max(1000, '最多 1000 个字').describe('处理情况') });
export const taskBody = z.object({ dueOn: dateField('办理期限').optional() });
export const taskResult = z.object({ taskId: z.string(), created: z.boolean() });
