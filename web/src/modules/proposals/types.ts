// Shapes of the 合理化建议 API answers (docs/api/campaigns.md, proposals) and their Chinese labels.
import type { Instant } from '../../api/types';

export const PROPOSALS_URL = '/api/v1/proposals';
export const PROPOSAL_STATS_URL = `${PROPOSALS_URL}/stats`;

export type ProposalStatus = 'submitted' | 'adopted' | 'notAdopted' | 'implemented';
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

/** A list row; the detail adds the texts and the decision (fields marked optional). */
export interface Proposal {
  id: string;
  orgId: string;
  orgName: string;
  proposerUserId: string;
  proposerName: string;
  title: string;
  content?: string;
  expectedBenefit?: string;
  category: string;
  status: ProposalStatus;
  decisionNote?: string | null;
  decidedAt: Instant | null;
  decidedByName?: string | null;
  implementedOn: string | null;
  valueFen: number | null;
  valueNote?: string | null;
  createdAt: Instant;
  updatedAt?: Instant;
  /** What this user may do now (the server decides), when sent. */
  allowed?: string[];
}

export interface ProposalInput {
  title: string;
  content: string;
  expectedBenefit: string;
  category: string;
  orgId?: string;
}

export interface StatsRow {
  submitted: number;
  /** Adopted with the decision in the period, including those implemented since. */
  adopted: number;
  implemented: number;
  valueFen: number;
}

export interface ProposalStats {
  from: string;
  to: string;
  total: StatsRow;
  byOrg: (StatsRow & { orgId: string; orgName: string })[];
  byMember: (StatsRow & { userId: string; name: string; orgName: string })[];
}

export function labelOf(map: Record<string, string>, key: string | null | undefined): string {
  if (!key) return '-';
  return map[key] ?? key;
}
