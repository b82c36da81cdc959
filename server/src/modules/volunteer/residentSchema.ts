// Contracts of the register of residents cared for (服务对象): list filters, the masked item and detail, and the
// form bodies. Sensitive values in these answers are masked unless the route is a reveal (a POST).
import { z } from 'zod';
import { dateField } from '../../platform/http/fields.js';
import { pageQuery } from '../../platform/http/paging.js';
import { LIVING_CODES, RESIDENT_STATUS_CODES, RISK_CODES } from './names.js';
import type { LivingSituation, ResidentStatus, RiskLevel } from './tables.js';

const id = (label: string) => z.string().trim().min(1).max(64).describe(label);
const text = (label: string, max: number) => z.string().trim().max(max, `${label}最多 ${max} 个字`).describe(label);
const flag = (label: string) => z.enum(['true', 'false']).transform((v) => v === 'true').optional().describe(label);

export const residentParams = z.object({ id: id('服务对象编号') });

const filters = {
  orgId: id('负责组织').optional(),
  community: text('小区', 50).optional(),
  risk: z.enum(RISK_CODES as [RiskLevel, ...RiskLevel[]]).optional().describe('风险等级'),
  status: z.enum(['all', ...RESIDENT_STATUS_CODES] as [ResidentStatus | 'all', ...(ResidentStatus | 'all')[]]).default('active').describe('状态'),
  overdue: flag('仅超期未走访'),
  paired: flag('是否已结对'),
  living: z.enum(LIVING_CODES as [LivingSituation, ...LivingSituation[]]).optional().describe('居住情况'),
  keyword: text('姓名', 30).optional(),
};
export const residentListQuery = z.object({ ...filters, ...pageQuery });
export type ResidentListQuery = z.infer<typeof residentListQuery>;
export type ResidentFilters = Omit<ResidentListQuery, 'page' | 'pageSize' | 'format'>;

// Bodies carry the filters as JSON values (the query string's 'true'/'false' become booleans).
export const residentExportBody = z.object({
  ...filters,
  overdue: z.boolean().optional().describe('仅超期未走访'),
  paired: z.boolean().optional().describe('是否已结对'),
  unmasked: z.boolean().default(false).describe('导出明文（须有敏感信息权限）'),
});

const contact = z.object({
  name: z.string().trim().min(1, '请填写紧急联系人姓名').max(30, '紧急联系人姓名最多 30 个字').describe('紧急联系人姓名'),
  relation: text('与本人关系', 20).default(''),
  phone: z.string().trim().min(1, '请填写紧急联系人电话').max(20, '紧急联系人电话最多 20 个字符').describe('紧急联系人电话'),
});
export type EmergencyContact = z.infer<typeof contact>;

export const residentCreate = z.object({
  orgId: id('负责组织'),
  name: z.string().trim().min(1, '请填写姓名').max(30, '姓名最多 30 个字').describe('姓名'),
  gender: z.enum(['male', 'female']).describe('性别'),
  birthDate: dateField('出生日期'),
  community: z.string().trim().min(1, '请填写小区').max(50, '小区最多 50 个字').describe('小区'),
  address: z.string().trim().min(1, '请填写详细地址').max(100, '详细地址最多 100 个字').describe('详细地址'),
  phone: z.string().trim().max(20, '联系电话最多 20 个字符').nullable().optional().describe('联系电话'),
  idNumber: z.string().trim().max(32, '身份证号最多 32 个字符').nullable().optional().describe('身份证号'),
  living: z.array(z.enum(LIVING_CODES as [LivingSituation, ...LivingSituation[]])).max(6).default([]).describe('居住情况'),
  health: text('健康状况', 500).nullable().optional(),
  needs: text('服务需求', 500).default(''),
  emergency: z.array(contact).max(5, '紧急联系人最多 5 位').default([]).describe('紧急联系人'),
  risk: z.enum(RISK_CODES as [RiskLevel, ...RiskLevel[]]).describe('风险等级'),
  registeredOn: dateField('登记日期').optional(),
});
export type ResidentCreate = z.infer<typeof residentCreate>;

export const residentPatch = residentCreate.partial().omit({ registeredOn: true }).extend({
  needs: text('服务需求', 500).optional(),
  living: z.array(z.enum(LIVING_CODES as [LivingSituation, ...LivingSituation[]])).max(6).optional().describe('居住情况'),
  emergency: z.array(contact).max(5, '紧急联系人最多 5 位').optional().describe('紧急联系人'),
});
export type ResidentPatch = z.infer<typeof residentPatch>;

export const residentStatusChange = z.object({
  status: z.enum(RESIDENT_STATUS_CODES as [ResidentStatus, ...ResidentStatus[]]).describe('状态'),
  on: dateField('日期').nullable().optional(),
  note: text('说明', 200).default(''),
});
export type ResidentStatusChange = z.infer<typeof residentStatusChange>;

// Who is paired, by name only: a volunteer may belong to another branch, whose roster ids a list does not hand out.
const volunteerRef = z.object({ kind: z.enum(['member', 'staff']), name: z.string() });

export const residentItem = z.object({
  id: z.string(),
  name: z.string(),
  gender: z.enum(['male', 'female']),
  age: z.number().int(),
  community: z.string(),
  address: z.string(),
  phone: z.string().nullable(),
  risk: z.enum(RISK_CODES as [RiskLevel, ...RiskLevel[]]),
  status: z.enum(RESIDENT_STATUS_CODES as [ResidentStatus, ...ResidentStatus[]]),
  statusOn: z.string().nullable(),
  living: z.array(z.string()),
  orgId: z.string(),
  orgName: z.string(),
  lastVisitOn: z.string().nullable(),
  nextDueOn: z.string().nullable(),
  overdueDays: z.number().int(),
  volunteers: z.array(volunteerRef),
  masked: z.boolean(),
});
export type ResidentItem = z.infer<typeof residentItem>;

export const RESIDENT_ACTIONS = ['edit', 'status', 'pair', 'reveal', 'recordVisit'] as const;

export const residentDetail = residentItem.extend({
  birthDate: z.string(),
  idNumber: z.string().nullable(),
  health: z.string().nullable(),
  needs: z.string(),
  emergency: z.array(z.object({ name: z.string(), relation: z.string(), phone: z.string() })),
  registeredOn: z.string(),
  pairings: z.array(z.object({
    id: z.string(), volunteerKind: z.enum(['member', 'staff']), volunteerId: z.string(), volunteerName: z.string(),
    startedOn: z.string(), endedOn: z.string().nullable(), endReason: z.string().nullable(),
  })),
  recentVisits: z.array(z.object({
    id: z.string(), visitedOn: z.string(), kind: z.string(), minutes: z.number().int(), condition: z.string(), volunteerName: z.string(), notes: z.string(),
  })),
  allowed: z.array(z.enum(RESIDENT_ACTIONS)),
});
export type ResidentDetail = z.infer<typeof residentDetail>;
