// Shapes of the 宣传 API answers (docs/api/publicity.md) and their Chinese labels.
import type { Instant } from '../../api/types';

export type ManuscriptStatus = 'draft' | 'submitted' | 'revising' | 'adopted' | 'rejected' | 'published';
export type Channel = 'internal' | 'external';
export type Level = 'community' | 'group' | 'city' | 'province' | 'central';
export type TrainingKind = 'secondment' | 'course' | 'other';
/** `photos`: may upload and delete photos now. */
export type ManuscriptAction = 'edit' | 'submit' | 'comment' | 'requestRevision' | 'adopt' | 'reject' | 'publish' | 'rate' | 'delete' | 'photos';

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

export interface FileMeta {
  id: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  createdAt: Instant;
  createdBy: string | null;
}

export interface ManuscriptListItem {
  id: string;
  title: string;
  orgId: string;
  orgName: string;
  authorName: string;
  channel: Channel;
  outlet: string;
  level: Level;
  status: ManuscriptStatus;
  submittedAt: Instant | null;
  adoptedAt: Instant | null;
  publishedOn: string | null;
  quality: number | null;
  revision: number;
  authorUserId?: string;
  updatedAt?: Instant;
}

export interface ManuscriptComment {
  id: string;
  authorUserId: string | null;
  authorName: string;
  role: 'editor' | 'author';
  body: string;
  revision: number;
  /** The comment sent the manuscript back to its author. */
  requestRevision?: boolean;
  createdAt: Instant;
}

export interface ManuscriptRevision {
  revision: number;
  title: string;
  createdAt: Instant;
}

export interface ManuscriptDetail extends ManuscriptListItem {
  body: string;
  comments: ManuscriptComment[];
  revisions: ManuscriptRevision[];
  photos: FileMeta[];
  rejectReason: string | null;
  publishedOutlet: string | null;
  publishedLevel: Level | null;
  publishedRef: string | null;
  qualityNote: string | null;
  qualityByName?: string | null;
  editorName?: string | null;
  correspondentId?: string | null;
  createdAt?: Instant;
  rejectedAt?: Instant | null;
  publishedAt?: Instant | null;
  allowed: ManuscriptAction[];
}

export interface QualityCriterion {
  score: number;
  text: string;
}

export interface PublicitySettings {
  quotas: { period: string; byKind: Record<string, number>; byOrg: Record<string, number>; counts: string };
  levelWeights: Record<Level, number>;
  qualityCriteria: QualityCriterion[];
}

export type LevelCounts = Record<Level, number>;

export interface StatsOrg {
  orgId: string;
  orgName: string;
  kind: string;
  submitted: number;
  adopted: number;
  published: number;
  byLevel: LevelCounts;
  averageQuality: number | null;
  weighted: number;
  quota: number;
  quotaPeriods: number;
  quotaTarget: number;
  belowQuota: boolean;
  /** The manuscripts that count against the quota (by `quota.counts`). */
  counted: number;
  rank: number;
}

export interface StatsCorrespondent {
  userId: string;
  name: string;
  orgName: string;
  submitted: number;
  adopted: number;
  published: number;
  averageQuality: number | null;
  weighted: number;
  rank: number;
}

export interface PublicityStats {
  from: string;
  to: string;
  org: { id: string; name: string };
  quota: { period: string; periodName: string; counts: string; countsName: string; periods: number; note: string };
  orgs: StatsOrg[];
  correspondents: StatsCorrespondent[];
}

export interface YearOutput {
  year: string;
  submitted: number;
  adopted: number;
  published: number;
}

export interface Correspondent {
  id: string;
  orgId: string;
  orgName: string;
  userId: string | null;
  memberId: string | null;
  name: string;
  phone: string | null;
  since: string;
  until: string | null;
  active: boolean;
  note: string;
  trainingHours: number;
  trainings: number;
  yearOutput: YearOutput;
}

export interface Training {
  id: string;
  kind: TrainingKind;
  kindName?: string;
  title: string;
  fromDate: string;
  toDate: string;
  hours: number;
  place: string;
  note: string;
  createdAt?: Instant;
}

export interface CorrespondentDetail extends Omit<Correspondent, 'trainings'> {
  trainingCount: number;
  trainings: Training[];
  manuscripts: ManuscriptListItem[];
}

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
