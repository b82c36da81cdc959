// Shapes of the 合理化建议 API (docs/api/campaigns.md, proposals), aliases of the generated API types, and their
// Chinese labels.
import type { ApiItem, ApiRequest, ApiResponse } from '../../api/types';

export const PROPOSALS_URL = '/api/v1/proposals';
export const PROPOSAL_STATS_URL = `${PROPOSALS_URL}/stats`;

export type ProposalStatus = Proposal['status'];
export type ProposalAction = 'adopt' | 'reject' | 'implement' | 'value';

export const CATEGORIES = ['管理', '技术', '服务', '安全', '其他'] as const;

export const STATUS_LABEL: Record<ProposalStatus, string> = {
  submitted: '待处理',
  adopted: '已采纳',
  notAdopted: '未采纳',
  implemented: '已实施',
};
export const STATUS_COLOR: Record<ProposalStatus, string> = {
  submitted: 'blue',
  adopted: 'cyan',
  notAdopted: 'default',
  implemented: 'green',
};

/** A list row. */
export type Proposal = ApiItem<'/api/v1/proposals'>;
/** One proposal with its texts, the decision and what this user may do now (`allowed`, the server decides). */
export type ProposalDetail = ApiResponse<'/api/v1/proposals/{id}'>;
export type ProposalInput = ApiRequest<'/api/v1/proposals', 'post'>;
export type ProposalStats = ApiResponse<'/api/v1/proposals/stats'>;
/** Counts of a period: adopted means the decision fell in the period (implemented since included). */
export type StatsRow = ProposalStats['total'];

export function labelOf(map: Record<string, string>, key: string | null | undefined): string {
  if (!key) return '-';
  return map[key] ?? key;
}
