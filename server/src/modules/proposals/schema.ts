// Contracts of the 合理化建议 routes (docs/api/campaigns.md).
import { z } from 'zod';
import { pageQuery } from '../../platform/http/paging.js';
import { dateField } from '../../platform/http/fields.js';

export const CATEGORIES = ['管理', '技术', '服务', '安全', '其他'] as const;
export const STATUSES = ['submitted', 'adopted', 'notAdopted', 'implemented'] as const;
export const STATUS_NAMES = { submitted: '待处理', adopted: '已采纳', notAdopted: '未采纳', implemented: '已实施' } as const;

export const proposalParams = z.object({ id: z.string().min(1).max(64).describe('建议编号') });

export const listQuery = z.object({
  status: z.enum(STATUSES).optional().describe('状态'),
  orgId: z.string().trim().min(1).max(64).optional().describe('组织'),
  mine: z.enum(['0', '1', 'true', 'false']).optional().transform((v) => v === '1' || v === 'true').describe('仅我提出的'),
  q: z.string().trim().max(50, '最多 50 个字').optional().describe('搜索词'),
  ...pageQuery,
});
export type ListQuery = z.infer<typeof listQuery>;

export const proposalCreate = z.object({
  title: z.string().trim().min(1, '请填写建议标题').max(100, '最多 100 个字').describe('建议标题'),
  content: z.string().trim().min(1, '请填写建议内容').max(5000, '最多 5000 个字').describe('建议内容'),
  expectedBenefit: z.string().trim().max(1000, '最多 1000 个字').default('').describe('预期效益'),
  category: z.enum(CATEGORIES).describe('类别'),
  orgId: z.string().trim().min(1).max(64).optional().describe('所属组织'),
});
export type ProposalCreate = z.infer<typeof proposalCreate>;

export const adoptBody = z.object({ note: z.string().trim().max(1000, '最多 1000 个字').optional().describe('采纳意见') });
// The route checks the reason so a blank one reads exactly like a missing one.
export const rejectBody = z.object({ note: z.string().trim().max(1000, '最多 1000 个字').optional().describe('不采纳理由') });
const yuan = z.string().trim().min(1, '请填写创效价值').max(20, '创效价值应为金额（元），例如 12500.50').describe('创效价值（元）');
export const implementBody = z.object({
  implementedOn: dateField('实施日期'),
  valueYuan: yuan,
  valueNote: z.string().trim().max(1000, '最多 1000 个字').default('').describe('价值说明'),
});
export const valueBody = z.object({
  valueYuan: yuan,
  note: z.string().trim().max(1000, '最多 1000 个字').optional().describe('更正说明'),
});

export const statsQuery = z.object({
  orgId: z.string().trim().min(1).max(64).optional().describe('组织'),
  from: dateField('开始日期').optional(),
  to: dateField('结束日期').optional(),
});

export const listItem = z.object({
  id: z.string(), title: z.string(), category: z.enum(CATEGORIES), status: z.enum(STATUSES), orgId: z.string(), orgName: z.string(),
  proposerUserId: z.string(), proposerName: z.string(), createdAt: z.string(), decidedAt: z.string().nullable(), implementedOn: z.string().nullable(),
  valueFen: z.number().nullable(),
});
export type ListItem = z.infer<typeof listItem>;
export const proposalView = listItem.extend({
  content: z.string(), expectedBenefit: z.string(), decisionNote: z.string().nullable(), decidedByName: z.string().nullable(), valueNote: z.string().nullable(),
  updatedAt: z.string(), allowed: z.array(z.string()),
});
export type ProposalView = z.infer<typeof proposalView>;

const counts = { submitted: z.number(), adopted: z.number(), implemented: z.number(), valueFen: z.number() };
export const statsView = z.object({
  from: z.string(), to: z.string(),
  byOrg: z.array(z.object({ orgId: z.string(), orgName: z.string(), ...counts })),
  byMember: z.array(z.object({ userId: z.string(), name: z.string(), orgName: z.string(), ...counts })),
  total: z.object(counts),
});
