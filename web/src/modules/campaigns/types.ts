// Shapes of the 主题实践活动 API (docs/api/campaigns.md), aliases of the generated API types, and their Chinese
// labels.
import type { ApiItem, ApiRequest, ApiResponse } from '../../api/types';

export const CAMPAIGNS_URL = '/api/v1/campaigns';
export const GALLERY_URL = `${CAMPAIGNS_URL}/cases/gallery`;

export type CampaignStatus = CampaignListItem['status'];
export type CaseStatus = CaseItem['status'];

export const STATUS_LABEL: Record<CampaignStatus, string> = { draft: '草稿', active: '进行中', closed: '已结束' };
export const STATUS_COLOR: Record<CampaignStatus, string> = { draft: 'default', active: 'processing', closed: 'default' };
export const CASE_STATUS_LABEL: Record<CaseStatus, string> = { design: '设计阶段', result: '已报成果' };
export const CASE_STATUS_COLOR: Record<CaseStatus, string> = { design: 'blue', result: 'green' };

/** The campaigns the founding document names, offered as kinds (free text is allowed). */
export const KIND_SUGGESTIONS = ['作风建设年', '关键时刻显风采', '两建一做', '创先争优', '百千万岗位立功创效'];

export type CampaignListItem = ApiItem<'/api/v1/campaigns'>;
/** One campaign: `submitOrgIds` are the organisations this user may report for, `allowed` what this user may
 *  do with the campaign now (the server decides). */
export type Campaign = ApiResponse<'/api/v1/campaigns/{id}'>;
export type ReportDue = Campaign['dues'][number];
export type CampaignInput = ApiRequest<'/api/v1/campaigns', 'post'>;

export type Board = ApiResponse<'/api/v1/campaigns/{id}/board'>;
/** `overdue`: something is due and still missing. */
export type BoardOrg = Board['orgs'][number];
export type BoardCell = NonNullable<BoardOrg['measures']>;
export type SuperviseResult = ApiResponse<'/api/v1/campaigns/{id}/supervise', 'post'>;

/** One organisation's 推进措施 or progress report. */
export type Submission = ApiResponse<'/api/v1/campaigns/{id}/measures/{orgId}', 'get'>;
export type FileMeta = Submission['attachments'][number];

/** A case as lists send it; `myScore` is this user's own score, if they rated it. */
export type CaseItem = ApiItem<'/api/v1/campaigns/{id}/cases'>;
/** A case of the gallery, with its ratings. */
export type GalleryCase = ApiItem<'/api/v1/campaigns/cases/gallery'>;
/** One case: `allowed` is what this user may do now (edit, result, rate, photos …; the server decides). */
export type CampaignCase = ApiResponse<'/api/v1/campaigns/{id}/cases/{caseId}'>;

export function labelOf(map: Record<string, string>, key: string | null | undefined): string {
  if (!key) return '-';
  return map[key] ?? key;
}

/** A score to one decimal without float artefacts (87.333… → 87.3). */
export function formatScore(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '-';
  return (Math.round(v * 10) / 10).toFixed(1).replace(/\.0$/, '');
}
