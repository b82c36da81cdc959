// Contracts of the organisation routes (minimal until the organisation-tree issue grows them).
import { z } from 'zod';

export const ORG_KIND_NAMES = { committee: '党委', generalBranch: '党总支', branch: '党支部', jointBranch: '联合支部', group: '党小组' } as const;

export const orgView = z.object({
  id: z.string(), parentId: z.string().nullable(), name: z.string(), kind: z.enum(['committee', 'generalBranch', 'branch', 'jointBranch', 'group']),
  code: z.string().nullable(), path: z.string(), depth: z.number(),
});
export type OrgView = z.infer<typeof orgView>;

export const orgParams = z.object({ id: z.string().min(1).max(64).describe('组织编号') });
export const orgPatch = z.object({
  name: z.string().trim().min(1, '请输入组织名称').max(50, '组织名称最多 50 个字').describe('组织名称'),
});
