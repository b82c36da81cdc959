// Shapes of the 主题实践活动 API answers (docs/api/campaigns.md) and their Chinese labels.
import type { Instant, OrgKind } from '../../api/types';

export const CAMPAIGNS_URL = '/api/v1/campaigns';
export const GALLERY_URL = `${CAMPAIGNS_URL}/cases/gallery`;

export type CampaignStatus = 'draft' | 'active' | 'closed';
export type SubmissionKind = 'measures' | 'progress';
export type CaseStatus = 'design' | 'result';

export const STATUS_LABEL: Record<CampaignStatus, string> = { draft: '草稿', active: '进行中', closed: '已结束' };
export const STATUS_COLOR: Record<CampaignStatus, string> = { draft: 'default', active: 'processing', closed: 'default' };
export const CASE_STATUS_LABEL: Record<CaseStatus, string> = { design: '设计阶段', result: '已报成果' };
export const CASE_STATUS_COLOR: Record<CaseStatus, string> = { design: 'blue', result: 'green' };

/** The campaigns the founding document names, offered as kinds (free text is allowed). */
export const KIND_SUGGESTIONS = ['作风建设年', '关键时刻显风采', '两建一做', '创先争优', '百千万岗位立功创效'];

export interface CampaignListItem {
  id: string;
  name: string;
  kind: string;
  startOn: string;
  endOn: string;
  measuresDue: string;
  status: CampaignStatus;
  orgCount: number;
  measuresSubmitted: number;
  callsCases: boolean;
  caseCount: number;
}

export interface ReportDue {
  id: string;
  title: string;
  dueOn: string;
}

export interface Campaign extends CampaignListItem {
  description: string;
  rootOrgId: string;
  rootOrgName: string;
  caseTheme: string | null;
  caseDesignDue: string | null;
  caseResultDue: string | null;
  activatedAt: Instant | null;
  closedAt: Instant | null;
  createdAt: Instant;
  updatedAt: Instant;
  dues: ReportDue[];
  orgs: { orgId: string; orgName: string }[];
  /** The campaign's organisations this user may report for. */
  submitOrgIds: string[];
  /** What this user may do with the campaign now (the server decides). */
  allowed: string[];
}

export interface BoardCell {
  submittedAt: Instant;
  late: boolean;
}

export interface BoardOrg {
  orgId: string;
  orgName: string;
  measures: BoardCell | null;
  progress: Record<string, BoardCell | null>;
  late: boolean;
  /** Something is due and still missing. */
  overdue?: boolean;
  taskId: string | null;
}

export interface Board {
  campaign: Campaign;
  dues: ReportDue[];
  orgs: BoardOrg[];
  missingMeasures: { orgId: string; orgName: string }[];
  missingProgress: { dueId: string; title?: string; dueOn?: string; orgs: { orgId: string; orgName: string }[] }[];
}

export interface SuperviseResult {
  created: { orgId: string; taskId: string }[];
  existing: { orgId: string; taskId: string }[];
  skipped: { orgId: string; reason: string }[];
}

export interface FileMeta {
  id: string;
  name: string;
  mime: string;
  size: number;
  sha256?: string;
  createdAt: Instant;
  createdBy: string | null;
  createdByName?: string | null;
  isImage?: boolean;
}

export interface Submission {
  id: string;
  campaignId: string;
  orgId: string;
  orgName?: string;
  kind: SubmissionKind;
  reportDueId: string | null;
  content: string;
  submittedByName: string | null;
  submittedAt: Instant;
  updatedAt: Instant;
  dueOn: string;
  late: boolean;
  attachments: FileMeta[];
}

export interface CampaignInput {
  name: string;
  kind: string;
  description: string;
  startOn: string;
  endOn: string;
  measuresDue: string;
  rootOrgId: string;
  applyTo: { rootOrgIds: string[]; kinds?: OrgKind[] };
  dues: { title: string; dueOn: string }[];
  callsCases: boolean;
  caseTheme?: string;
  caseDesignDue?: string;
  caseResultDue?: string;
  activate?: boolean;
}

export interface CaseRating {
  reviewerUserId: string;
  reviewerName: string;
  score: number;
  comment: string;
  ratedAt: Instant;
}

export interface CaseItem {
  id: string;
  campaignId: string;
  campaignName: string;
  orgId: string;
  orgName: string;
  title: string;
  summary: string;
  status: CaseStatus;
  designAt: Instant;
  resultAt: Instant | null;
  averageScore: number | null;
  ratingCount: number;
  /** This user's own score, if they rated it. */
  myScore: number | null;
  firstPhotoId: string | null;
  /** Gallery and detail only. */
  ratings?: CaseRating[];
}

export interface CampaignCase extends CaseItem {
  design: string;
  result: string | null;
  ratings: CaseRating[];
  photos: FileMeta[];
  /** What this user may do now: edit, result, rate, photos … (the server decides). */
  allowed: string[];
}

export function labelOf(map: Record<string, string>, key: string | null | undefined): string {
  if (!key) return '-';
  return map[key] ?? key;
}

/** A score to one decimal without float artefacts (87.333… → 87.3). */
export function formatScore(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '-';
  return (Math.round(v * 10) / 10).toFixed(1).replace(/\.0$/, '');
}
