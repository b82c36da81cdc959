// Shapes of the 宣传 API (docs/api/publicity.md), aliases of the generated API types, and their Chinese labels.
import type { ApiItem, ApiResponse } from '../../api/types';

export type ManuscriptStatus = ManuscriptListItem['status'];
export type Channel = ManuscriptListItem['channel'];
export type Level = ManuscriptListItem['level'];
export type TrainingKind = Training['kind'];

export const STATUS_LABEL: Record<ManuscriptStatus, string> = {
  draft: '草稿',
  submitted: '待审',
  revising: '修改中',
  adopted: '已采用',
  rejected: '已退稿',
  published: '已刊发',
};

export const STATUS_COLOR: Record<ManuscriptStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  revising: 'warning',
  adopted: 'cyan',
  rejected: 'error',
  published: 'success',
};

export const CHANNEL_LABEL: Record<Channel, string> = { internal: '内宣', external: '外宣' };

export const LEVELS: Level[] = ['community', 'group', 'city', 'province', 'central'];
export const LEVEL_LABEL: Record<Level, string> = { community: '社区', group: '集团', city: '市', province: '省', central: '中央' };
export const LEVEL_COLOR: Record<Level, string> = { community: 'default', group: 'blue', city: 'geekblue', province: 'purple', central: 'red' };

export const TRAINING_KIND_LABEL: Record<TrainingKind, string> = { secondment: '挂职培训', course: '集中培训', other: '其他' };

export function labelOf(labels: Record<string, string>, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '-';
  return labels[code] ?? code;
}

export function optionsOf(labels: Record<string, string>): { value: string; label: string }[] {
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}

export type ManuscriptListItem = ApiItem<'/api/v1/publicity/manuscripts'>;
/** One manuscript: comments (`requestRevision`: the comment sent it back to its author), submitted drafts and
 *  what this user may do now (`allowed`; `photos`: may upload and delete photos). */
export type ManuscriptDetail = ApiResponse<'/api/v1/publicity/manuscripts/{id}'>;
export type FileMeta = ManuscriptDetail['photos'][number];

export type PublicitySettings = ApiResponse<'/api/v1/publicity/settings'>;
export type QualityCriterion = PublicitySettings['qualityCriteria'][number];

export type PublicityStats = ApiResponse<'/api/v1/publicity/stats'>;
/** An organisation's row; `counted` is what counts against the quota (by `quota.counts`). */
export type StatsOrg = PublicityStats['orgs'][number];
export type StatsCorrespondent = PublicityStats['correspondents'][number];

export type Correspondent = ApiItem<'/api/v1/publicity/correspondents'>;
export type CorrespondentDetail = ApiResponse<'/api/v1/publicity/correspondents/{id}'>;
export type Training = CorrespondentDetail['trainings'][number];

export const PUBLICITY_URL = '/api/v1/publicity';
export const MANUSCRIPTS_URL = `${PUBLICITY_URL}/manuscripts`;
export const CORRESPONDENTS_URL = `${PUBLICITY_URL}/correspondents`;
export const STATS_URL = `${PUBLICITY_URL}/stats`;
export const SETTINGS_URL = `${PUBLICITY_URL}/settings`;

export function manuscriptUrl(id: string, ...rest: string[]): string {
  return [MANUSCRIPTS_URL, encodeURIComponent(id), ...rest.map(encodeURIComponent)].join('/');
}

export function correspondentUrl(id: string, ...rest: string[]): string {
  return [CORRESPONDENTS_URL, encodeURIComponent(id), ...rest.map(encodeURIComponent)].join('/');
}
