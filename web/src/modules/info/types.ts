// Shapes of the information-base API (docs/api/info.md), aliases of the generated API types, and their labels.
import type { ApiItem, ApiResponse } from '../../api/types';

export type InfoCategory = InfoListItem['category'];
/** Categories written in this module (制度/职责/流程); the others are records of other modules. */
export type WrittenCategory = InfoEntry['category'];
export type InfoStatus = InfoListItem['status'];

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

/** A row of the list: an entry written here (`source: 'entry'`) or the record of another module (its source key;
 *  `link` is then its web path, and `excerpt` is ''). */
export type InfoListItem = ApiItem<'/api/v1/info-entries'>;
export type InfoEntry = ApiResponse<'/api/v1/info-entries/{id}'>;
export type FileMeta = InfoEntry['attachments'][number];
export type InfoVersion = ApiItem<'/api/v1/info-entries/{id}/versions'>;

export type InfoStats = ApiResponse<'/api/v1/info-entries/stats'>;
export type StatsRow = InfoStats['rows'][number];

export const INFO_URL = '/api/v1/info-entries';

export function infoUrl(id: string, ...rest: string[]): string {
  return [INFO_URL, encodeURIComponent(id), ...rest.map(encodeURIComponent)].join('/');
}


/** Words of a search query, for marking them in titles and excerpts. */
export function queryTerms(q: string | undefined): string[] {
  return (q ?? '').split(/[\s,，、;；]+/).map((t) => t.trim()).filter(Boolean);
}
