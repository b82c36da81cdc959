// Shapes and labels of the information-base API (docs/api/info.md).
import type { Instant } from '../../api/types';

export type InfoCategory = 'rule' | 'duty' | 'procedure' | 'meeting' | 'activity' | 'assessment';
export type WrittenCategory = 'rule' | 'duty' | 'procedure';
export type InfoStatus = 'draft' | 'submitted' | 'published' | 'returned';

export const CATEGORY_LABEL: Record<InfoCategory, string> = {
  rule: '制度',
  duty: '职责',
  procedure: '流程',
  meeting: '会议',
  activity: '活动',
  assessment: '考核',
};

export const CATEGORY_COLOR: Record<InfoCategory, string> = {
  rule: 'red',
  duty: 'orange',
  procedure: 'gold',
  meeting: 'blue',
  activity: 'green',
  assessment: 'purple',
};

export const CATEGORIES: InfoCategory[] = ['rule', 'duty', 'procedure', 'meeting', 'activity', 'assessment'];
/** Categories written in this module; the others are records of other modules. */
export const WRITTEN_CATEGORIES: WrittenCategory[] = ['rule', 'duty', 'procedure'];

export const STATUS_LABEL: Record<InfoStatus, string> = {
  draft: '草稿',
  submitted: '待审核',
  published: '已发布',
  returned: '已退回',
};

export const STATUS_COLOR: Record<InfoStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  published: 'success',
  returned: 'error',
};

export function categoryLabel(c: string): string {
  return (CATEGORY_LABEL as Record<string, string>)[c] ?? c;
}

export function statusLabel(s: string): string {
  return (STATUS_LABEL as Record<string, string>)[s] ?? s;
}

export interface InfoListItem {
  id: string;
  /** `entry` (written here) or the key of the registered source of another module. */
  source: string;
  category: InfoCategory;
  orgId: string;
  orgName: string;
  title: string;
  /** Up to 120 characters of plain text; '' for source rows. */
  excerpt: string;
  status: InfoStatus;
  version: number;
  updatedAt: Instant;
  publishedAt: Instant | null;
  publishedMonth: string | null;
  /** Web path of a source record; null for entries, which open here. */
  link: string | null;
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

export interface InfoPermissions {
  edit: boolean;
  submit: boolean;
  publish: boolean;
  return: boolean;
  delete: boolean;
  attach: boolean;
}

export interface InfoEntry {
  id: string;
  category: InfoCategory;
  orgId: string;
  orgName: string;
  title: string;
  bodyHtml: string;
  status: InfoStatus;
  returnReason: string | null;
  version: number;
  createdAt: Instant;
  createdByName: string | null;
  updatedAt: Instant;
  updatedByName: string | null;
  submittedAt: Instant | null;
  submittedByName: string | null;
  publishedAt: Instant | null;
  publishedByName: string | null;
  firstPublishedAt: Instant | null;
  publishedMonth: string | null;
  attachments: FileMeta[];
  can: InfoPermissions;
}

export interface InfoVersion {
  version: number;
  title: string;
  bodyHtml: string;
  publishedAt: Instant;
  publishedByName: string | null;
}

export type CategoryCounts = Partial<Record<InfoCategory, number>>;

export interface StatsMonth {
  month: string;
  new: CategoryCounts;
  newTotal: number;
  total: CategoryCounts;
  totalAll: number;
}

export interface StatsRow {
  orgId: string;
  orgName: string;
  kind: string;
  depth: number;
  parentId: string | null;
  includesGroups: boolean;
  before: CategoryCounts;
  months: StatsMonth[];
  newInPeriod: number;
  totalAtEnd: number;
}

export interface InfoStats {
  org: { id: string; name: string };
  from: string;
  to: string;
  months: string[];
  categories: InfoCategory[];
  rows: StatsRow[];
  series: { month: string; new: CategoryCounts; newTotal: number; totalAll: number }[];
  silent: { month: string; orgs: { orgId: string; orgName: string }[] }[];
  totals: { before: number; newInPeriod: number; atEnd: number; byCategory: CategoryCounts };
}

export const INFO_URL = '/api/v1/info-entries';

export function infoUrl(id: string, ...rest: string[]): string {
  return [INFO_URL, encodeURIComponent(id), ...rest.map(encodeURIComponent)].join('/');
}


/** Words of a search query, for marking them in titles and excerpts. */
export function queryTerms(q: string | undefined): string[] {
  return (q ?? '').split(/[\s,，、;；]+/).map((t) => t.trim()).filter(Boolean);
}
