// Row types of 主题实践活动: campaigns, branch measures and progress reports, 精品案例 (migration 0012).
import { rewrite, type Bool, type OrgPathColumns } from '../../db/columns.js';

/** Organisation-path columns and what a move does to them (db/orgPaths.ts). */
export const campaignOrgPathColumns: OrgPathColumns<CampaignTables> = {
  campaigns: { root_org_path: rewrite('the organisation that runs the campaign: the path is who manages and reads it; the list of branches it applies to is stored separately (campaign_orgs), so a move never changes which branches take part') },
  campaign_orgs: { org_path: rewrite('a branch taking part keeps taking part when it moves; its path is who sees its row') },
  campaign_submissions: { org_path: rewrite('measures and reports belong to the branch that wrote them: the path is their scope') },
  campaign_cases: { org_path: rewrite('a 精品案例 belongs to its branch: the path is its scope and the rule that nobody rates their own branch') },
};

export type CampaignStatus = 'draft' | 'active' | 'closed';

export interface CampaignTable {
  tenant_id: string;
  id: string;
  name: string;
  /** Free text, e.g. 作风建设年. */
  kind: string;
  /** The requirements: sanitised HTML. */
  description: string;
  start_on: string;
  end_on: string;
  measures_due: string;
  /** Who issued it; campaign.manage over this organisation edits the campaign. */
  root_org_id: string;
  root_org_path: string;
  calls_cases: Bool;
  case_theme: string | null;
  case_design_due: string | null;
  case_result_due: string | null;
  status: CampaignStatus;
  activated_at: string | null;
  closed_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface CampaignOrgTable {
  tenant_id: string;
  campaign_id: string;
  org_id: string;
  org_path: string;
}

export interface CampaignReportDueTable {
  tenant_id: string;
  campaign_id: string;
  id: string;
  title: string;
  due_on: string;
}

export type SubmissionKind = 'measures' | 'progress';

export interface CampaignSubmissionTable {
  tenant_id: string;
  id: string;
  campaign_id: string;
  org_id: string;
  org_path: string;
  kind: SubmissionKind;
  report_due_id: string | null;
  /** 'measures' or the report due's id: unique per (campaign, org). */
  slot: string;
  content: string;
  submitted_by: string | null;
  submitted_at: string;
  updated_at: string;
}

export type CaseStatus = 'design' | 'result';

export interface CampaignCaseTable {
  tenant_id: string;
  id: string;
  campaign_id: string;
  org_id: string;
  org_path: string;
  title: string;
  summary: string;
  design: string;
  design_at: string;
  result: string | null;
  result_at: string | null;
  status: CaseStatus;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface CampaignCaseRatingTable {
  tenant_id: string;
  case_id: string;
  reviewer_user_id: string;
  /** 1–100. */
  score: number;
  comment: string;
  rated_at: string;
}

export interface CampaignTables {
  campaigns: CampaignTable;
  campaign_orgs: CampaignOrgTable;
  campaign_report_dues: CampaignReportDueTable;
  campaign_submissions: CampaignSubmissionTable;
  campaign_cases: CampaignCaseTable;
  campaign_case_ratings: CampaignCaseRatingTable;
}
