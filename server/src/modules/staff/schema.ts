// Contracts of the staff routes (docs/api/people.md, Staff).
import { z } from 'zod';
import { pageQuery } from '../../platform/http/paging.js';
import { AGE_BANDS, EDUCATIONS, identityShape } from '../people/validation.js';
import { partyWorkView } from './partyWork.js';

export const staffView = z.object({
  id: z.string(), name: z.string(), gender: z.enum(['male', 'female']), ethnicity: z.string(), birthDate: z.string(), age: z.number(),
  idNumber: z.string(), phone: z.string().nullable(), education: z.string().nullable(), nativePlace: z.string().nullable(),
  address: z.string().nullable(), post: z.string().nullable(), employment: z.enum(['active', 'retired', 'left']),
  workStartedOn: z.string().nullable(), unitId: z.string(), unitName: z.string(), memberId: z.string().nullable(), masked: z.boolean(),
  partyWork: partyWorkView,
});
export type StaffView = z.infer<typeof staffView>;

export const staffParams = z.object({ id: z.string().min(1).max(64).describe('员工编号') });

export const staffFilters = {
  unitId: z.string().trim().min(1).max(64).optional().describe('单位'),
  keyword: z.string().trim().max(50).optional().describe('关键字'),
  employment: z.enum(['active', 'retired', 'left']).optional().describe('在岗状态'),
  gender: z.enum(['male', 'female']).optional().describe('性别'),
  education: z.enum(EDUCATIONS).optional().describe('学历'),
  ageBand: z.enum(AGE_BANDS).optional().describe('年龄段'),
  isMember: z.enum(['true', 'false']).transform((v) => v === 'true').optional().describe('是否党员'),
};
export const STAFF_SORTS = ['name', 'birthDate', 'age', 'workStartedOn', 'unitName', 'createdAt'] as const;
export const staffListQuery = z.object({
  ...staffFilters, ...pageQuery,
  sort: z.enum(STAFF_SORTS).default('name').describe('排序字段'),
  order: z.enum(['asc', 'desc']).default('asc').describe('排序方向'),
});
export type StaffListQuery = z.infer<typeof staffListQuery>;

/** POST /staff/export.xlsx: the list's filters and order, and whether to export in clear (never by a GET). */
export const staffExportBody = staffListQuery.omit({ page: true, pageSize: true, format: true }).extend({
  isMember: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).optional().describe('是否党员'),
  unmasked: z.boolean().default(false).describe('导出明文（须有敏感信息权限；逐次审计）'),
});
export type StaffExportBody = z.infer<typeof staffExportBody>;

export const staffCreate = z.object(identityShape);
export const staffPatch = z.object(identityShape).partial();
