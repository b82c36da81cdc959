// Contracts of the plaque and moderation routes (docs/api/incentives-plaques.md).
import { z } from 'zod';
import { dateField } from '../../platform/http/fields.js';
import { pageQuery, pageResponse } from '../../platform/http/paging.js';

export const PLAQUE_KIND_NAMES = { post: '党员示范岗', area: '党员责任区' } as const;
export const AREA_KIND_NAMES = { community: '小区', building: '楼栋', workshop: '车间', road: '路段', other: '其他' } as const;
export const PLAQUE_STATUS_NAMES = { proposed: '申报', rejected: '退回', approved: '审核通过', active: '挂牌', withdrawn: '摘牌' } as const;
export const COMMENT_STATUS_NAMES = { none: '无留言', pending: '待审核', approved: '已公开', rejected: '不公开' } as const;

const kinds = ['post', 'area'] as const;
const areaKinds = ['community', 'building', 'workshop', 'road', 'other'] as const;
const statuses = ['proposed', 'rejected', 'approved', 'active', 'withdrawn'] as const;
const commentStatuses = ['pending', 'approved', 'rejected'] as const;
const flag = (label: string) => z.enum(['0', '1', 'true', 'false']).optional().transform((v) => v === undefined ? undefined : v === '1' || v === 'true').describe(label);
const text = (label: string, max: number, min = 1) => z.string({ message: `请填写${label}` }).trim().min(min, `请填写${label}`).max(max, `${label}最多 ${max} 个字`).describe(label);

export const idParams = z.object({ id: z.string().min(1).max(64).describe('编号') });

/** A proposal (and an edit: the same fields). Post fields for 示范岗, area fields for 责任区 (checked in the service). */
export const plaqueBody = z.object({
  kind: z.enum(kinds, { message: '请选择类别（示范岗或责任区）' }).describe('类别'),
  orgId: z.string().trim().min(1, '请选择申报组织').max(64).describe('申报组织'),
  memberId: z.string().trim().min(1, '请选择党员').max(64).describe('党员'),
  title: text('名称', 60),
  unitId: z.string().trim().max(64).nullish().describe('示范岗：所在单位'),
  postName: z.string().trim().max(40, '岗位最多 40 个字').nullish().describe('示范岗：岗位'),
  areaKind: z.enum(areaKinds, { message: '请选择区域类型' }).nullish().describe('责任区：区域类型'),
  areaName: z.string().trim().max(60, '区域名称最多 60 个字').nullish().describe('责任区：区域名称'),
  extent: z.string().trim().max(200, '范围最多 200 个字').default('').describe('范围（楼栋、户数、路段）'),
  commitment: text('承诺', 500),
  periodFrom: dateField('期限起'),
  periodTo: dateField('期限止'),
});
export type PlaqueBody = z.infer<typeof plaqueBody>;

export const reasonBody = z.object({ reason: text('原因', 200, 2) });
export const noteBody = z.object({ note: z.string().trim().max(200, '最多 200 个字').optional().describe('说明') });
export const issueBody = z.object({ issuedOn: dateField('挂牌日期').optional() });

export const plaqueQuery = z.object({
  kind: z.enum(kinds).optional().describe('类别'),
  status: z.enum(statuses).optional().describe('状态'),
  orgId: z.string().trim().min(1).max(64).optional().describe('组织（含下级）'),
  flagged: flag('仅建议摘牌的'),
  keyword: z.string().trim().max(30, '最多 30 个字').optional().describe('名称或党员姓名'),
  ...pageQuery,
});
export type PlaqueQuery = z.infer<typeof plaqueQuery>;

const plaqueAction = z.enum(['edit', 'approve', 'reject', 'issue', 'withdraw', 'moderate']);
export type PlaqueAllowed = z.infer<typeof plaqueAction>;

export const plaqueView = z.object({
  id: z.string(), kind: z.enum(kinds), orgId: z.string(), orgName: z.string(), memberId: z.string(), memberName: z.string(),
  title: z.string(), unitId: z.string().nullable(), unitName: z.string().nullable(), postName: z.string().nullable(),
  areaKind: z.enum(areaKinds).nullable(), areaName: z.string().nullable(), extent: z.string(), commitment: z.string(),
  periodFrom: z.string(), periodTo: z.string(), status: z.enum(statuses), publicCode: z.string().nullable().describe('公开页编号（审核通过后生成）'),
  issuedOn: z.string().nullable(), withdrawnOn: z.string().nullable(), withdrawReason: z.string().nullable(),
  flagged: z.boolean().describe('考评低于阈值，建议摘牌'),
  ratingCount: z.number().int(), ratingAverage: z.number().nullable().describe('群众评价平均分（1–5）'),
  pendingComments: z.number().int(),
  allowed: z.array(plaqueAction).describe('当前用户可执行的操作'),
  createdAt: z.string(), updatedAt: z.string(),
});
export type PlaqueView = z.infer<typeof plaqueView>;
export const plaqueList = pageResponse(plaqueView);

export const plaqueEvent = z.object({ id: z.string(), action: z.string(), note: z.string().nullable(), actorName: z.string().nullable(), at: z.string() });
export const plaqueDetail = plaqueView.extend({ events: z.array(plaqueEvent) });

export const publicLink = z.object({ url: z.string(), svg: z.string().describe('二维码（SVG）') });

export const ratingQuery = z.object({
  plaqueId: z.string().trim().min(1).max(64).optional().describe('示范岗/责任区'),
  commentStatus: z.enum(commentStatuses).optional().describe('留言状态（默认：有留言的全部）'),
  from: dateField('起始日期').optional(),
  to: dateField('截止日期').optional(),
  ...pageQuery,
});
export type RatingQuery = z.infer<typeof ratingQuery>;
export const ratingView = z.object({
  id: z.string(), plaqueId: z.string(), plaqueTitle: z.string(), memberName: z.string(), score: z.number().int(), comment: z.string().nullable(),
  commentStatus: z.enum(['none', ...commentStatuses]), moderatedAt: z.string().nullable(), ratedOn: z.string(),
  canModerate: z.boolean(),
});
export const ratingList = pageResponse(ratingView).extend({
  summary: z.object({ count: z.number().int(), average: z.number().nullable() }).describe('筛选范围内的评价数与平均分'),
});
export const moderateBody = z.object({ decision: z.enum(['approve', 'reject'], { message: '请选择公开或不公开' }).describe('公开/不公开') });

export const ratingSummaryQuery = z.object({ period: z.enum(['month', 'quarter', 'half', 'year']).default('half').describe('统计周期') });
export const ratingSummary = z.object({
  items: z.array(z.object({ period: z.string(), count: z.number().int(), average: z.number().nullable() })),
});
