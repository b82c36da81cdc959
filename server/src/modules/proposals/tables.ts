// Row types of 合理化建议 and 创效 (migration 0012).
import { rewrite, type OrgPathColumns } from '../../db/columns.js';

/** Organisation-path columns and what a move does to them (db/orgPaths.ts). */
export const proposalOrgPathColumns: OrgPathColumns<ProposalTables> = {
  proposals: { org_path: rewrite('a proposal belongs to the organisation it was filed for: the path is its scope and its place in the totals') },
};

export type ProposalStatus = 'submitted' | 'adopted' | 'notAdopted' | 'implemented';
export type ProposalCategory = '管理' | '技术' | '服务' | '安全' | '其他';

export interface ProposalTable {
  tenant_id: string;
  id: string;
  /** The proposer's organisation. */
  org_id: string;
  org_path: string;
  proposer_user_id: string;
  proposer_member_id: string | null;
  proposer_name: string;
  title: string;
  content: string;
  expected_benefit: string;
  category: ProposalCategory;
  status: ProposalStatus;
  decision_note: string | null;
  decided_by: string | null;
  decided_at: string | null;
  implemented_on: string | null;
  /** Value created, integer 分 (PostgreSQL returns bigint as a string: read through Number()). */
  value_fen: number | string | null;
  value_note: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface ProposalTables {
  proposals: ProposalTable;
}
