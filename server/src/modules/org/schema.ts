// Contracts of the organisation routes (docs/api/people.md, "Organisations").
import { z } from 'zod';
import type { OrgKind } from '../../db/types.js';
import { pageQuery } from '../../platform/http/paging.js';
// Dates are dateField; "today or earlier" is checked by the service (it needs the clock).
import { dateField } from '../../platform/http/fields.js';

export const ORG_KINDS = ['committee', 'generalBranch', 'branch', 'jointBranch', 'group'] as const satisfies readonly OrgKind[];
export const ORG_KIND_NAMES = { committee: '党委', generalBranch: '党总支', branch: '党支部', jointBranch: '联合支部', group: '党小组' } as const;

export const POSTS = ['secretary', 'deputySecretary', 'organisation', 'publicity', 'discipline', 'youth', 'member', 'affairsStaff', 'groupLeader'] as const;
export type Post = (typeof POSTS)[number];
export const POST_NAMES: Record<Post, string> = {
  secretary: '书记', deputySecretary: '副书记', organisation: '组织委员', publicity: '宣传委员', discipline: '纪检委员',
  youth: '青年委员', member: '委员', affairsStaff: '党务工作者', groupLeader: '党小组长',
};
/**
 * Posts of the organisation's committee (班子): not 党务工作者 (staff who do the Party work of an organisation, any
 * number of them, not elected) and not 党小组长.
 */
export const COMMITTEE_POSTS: ReadonlySet<Post> = new Set(['secretary', 'deputySecretary', 'organisation', 'publicity', 'discipline', 'youth', 'member']);

export const orgView = z.object({
  id: z.string(), parentId: z.string().nullable(), kind: z.enum(ORG_KINDS), name: z.string(),
  code: z.string().nullable(), path: z.string(), depth: z.number(),
  foundedOn: z.string().nullable(), termStartedOn: z.string().nullable(), termEndsOn: z.string().nullable(),
});
export type OrgView = z.infer<typeof orgView>;

export const orgListItem = orgView.extend({ parentName: z.string().nullable() });

export const postView = z.object({
  id: z.string(), memberId: z.string(), name: z.string(), post: z.enum(POSTS), postName: z.string(),
  startedOn: z.string().nullable(), endedOn: z.string().nullable(),
});
export type PostView = z.infer<typeof postView>;

export const orgDetail = orgView.extend({ parentName: z.string().nullable(), warnings: z.array(z.string()), posts: z.array(postView) });

export const orgParams = z.object({ id: z.string().min(1).max(64).describe('组织编号') });
export const postParams = orgParams.extend({ postId: z.string().min(1).max(64).describe('职务编号') });


const name = z.string().trim().min(1, '请输入组织名称').max(50, '组织名称最多 50 个字').describe('组织名称');
const code = z.string().trim().max(30, '组织编码最多 30 个字符').describe('组织编码');

export const orgCreate = z.object({
  parentId: z.string().min(1).max(64).describe('上级组织'),
  kind: z.enum(ORG_KINDS).describe('组织类别'),
  name,
  code: code.nullish(),
  foundedOn: dateField('成立日期').nullish(),
  termStartedOn: dateField('本届任期开始日期').nullish(),
  termEndsOn: dateField('本届任期届满日期').nullish(),
});
export type OrgCreate = z.infer<typeof orgCreate>;

export const orgPatch = z.object({
  name: name.optional(),
  code: code.nullish(),
  foundedOn: dateField('成立日期').nullish(),
  termStartedOn: dateField('本届任期开始日期').nullish(),
  termEndsOn: dateField('本届任期届满日期').nullish(),
  parentId: z.string().min(1).max(64).describe('上级组织').optional(),
});
export type OrgPatch = z.infer<typeof orgPatch>;

export const ORG_SORTS = { path: 'o.path', name: 'o.name', code: 'o.code', kind: 'o.kind', foundedOn: 'o.founded_on', termEndsOn: 'o.term_ends_on' } as const;

export const orgListQuery = z.object({
  kind: z.enum(ORG_KINDS).optional().describe('组织类别'),
  keyword: z.string().trim().max(50).optional().describe('关键词'),
  parentId: z.string().min(1).max(64).optional().describe('上级组织'),
  sort: z.enum(Object.keys(ORG_SORTS) as [keyof typeof ORG_SORTS, ...(keyof typeof ORG_SORTS)[]]).default('path').describe('排序字段'),
  order: z.enum(['asc', 'desc']).default('asc').describe('排序方向'),
  ...pageQuery,
});

export const expiringQuery = z.object({
  days: z.coerce.number().int().min(0, '天数不能为负').max(3650, '天数最多 3650').optional().describe('天数'),
});
export const expiringItem = orgView.extend({ daysLeft: z.number().int() });

export const postCreate = z.object({
  memberId: z.string().min(1, '请选择党员').max(64).describe('党员'),
  post: z.enum(POSTS).describe('职务'),
  startedOn: dateField('任职日期').nullish(),
});
export type PostCreate = z.infer<typeof postCreate>;
