// Contracts of the administrative unit routes (docs/api/people.md, Units).
import { z } from 'zod';

export const UNIT_KIND_NAMES = { grassroots: '基层单位', office: '机关部门', section: '科室' } as const;

export const unitView = z.object({
  id: z.string(), parentId: z.string().nullable(), kind: z.enum(['grassroots', 'office', 'section']), name: z.string(),
  code: z.string().nullable(), path: z.string(), depth: z.number(), staffCount: z.number(),
});
export type UnitView = z.infer<typeof unitView>;

export const unitParams = z.object({ id: z.string().min(1).max(64).describe('单位编号') });
const name = z.string().trim().min(1, '请填写单位名称').max(50, '最多 50 个字').describe('单位名称');
const code = z.string().trim().max(30, '最多 30 个字符').nullable().optional().describe('单位编码');
const kind = z.enum(['grassroots', 'office', 'section']).describe('单位类别');
const parentId = z.string().trim().min(1).max(64).nullable().optional().describe('上级单位');

export const unitCreate = z.object({ parentId, kind, name, code });
export const unitPatch = z.object({ parentId, kind: kind.optional(), name: name.optional(), code });
