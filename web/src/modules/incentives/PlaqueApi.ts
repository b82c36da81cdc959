// Shapes and calls of the 示范岗/责任区 routes (/api/v1/incentives, docs/api/incentives-plaques.md) and the Chinese
// labels of their codes. One cache prefix, so a decision or a moderated comment refreshes every view.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ApiItem, ApiRequest, ApiResponse } from '../../api/types';
import { listQueryKey } from '../../components/ListPage';
import { NOTIFY_KEY } from '../notify/api';

export const INCENTIVES_API = '/api/v1/incentives';
export const PLAQUES_URL = `${INCENTIVES_API}/plaques`;
export const RATINGS_URL = `${INCENTIVES_API}/ratings`;

export type Plaque = ApiItem<'/api/v1/incentives/plaques'>;
export type PlaqueDetail = ApiResponse<'/api/v1/incentives/plaques/{id}'>;
export type PlaqueInput = ApiRequest<'/api/v1/incentives/plaques', 'post'>;
export type Rating = ApiItem<'/api/v1/incentives/ratings'>;
export type RatingPage = ApiResponse<'/api/v1/incentives/ratings'>;
export type PublicLink = ApiResponse<'/api/v1/incentives/plaques/{id}/link'>;
export type RatingSummary = ApiResponse<'/api/v1/incentives/plaques/{id}/rating-summary'>;

export const PLAQUE_KIND_LABEL: Record<Plaque['kind'], string> = { post: '示范岗', area: '责任区' };
export const AREA_KIND_LABEL: Record<NonNullable<Plaque['areaKind']>, string> = { community: '小区', building: '楼栋', workshop: '车间', road: '路段', other: '其他' };
export const PLAQUE_STATUS_LABEL: Record<Plaque['status'], string> = { proposed: '申报', rejected: '退回', approved: '审核通过', active: '挂牌', withdrawn: '摘牌' };
export const PLAQUE_STATUS_COLOR: Record<Plaque['status'], string> = { proposed: 'processing', rejected: 'warning', approved: 'cyan', active: 'success', withdrawn: 'default' };
export const EVENT_LABEL: Record<string, string> = { proposed: '申报', edited: '修改', rejected: '退回', approved: '审核通过', issued: '挂牌', withdrawn: '摘牌', flagged: '考评低于阈值，建议摘牌' };
export const COMMENT_STATUS_LABEL: Record<Rating['commentStatus'], string> = { none: '无留言', pending: '待审核', approved: '已公开', rejected: '不公开' };

export const plaqueUrl = (id: string, action?: string) => `${PLAQUES_URL}/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

/** 示范岗: unit · post; 责任区: area kind · name (extent). */
export function placeOf(p: Pick<Plaque, 'kind' | 'unitName' | 'postName' | 'areaKind' | 'areaName' | 'extent'>): string {
  if (p.kind === 'post') return [p.unitName, p.postName].filter(Boolean).join(' · ');
  const area = [p.areaKind ? AREA_KIND_LABEL[p.areaKind] : null, p.areaName].filter(Boolean).join(' · ');
  return p.extent ? `${area}（${p.extent}）` : area;
}

const KEY = ['incentives'] as const;

export function usePlaque(id: string | null) {
  return useQuery({
    queryKey: [...KEY, 'plaque', id],
    queryFn: ({ signal }) => api.get<PlaqueDetail>(plaqueUrl(id!), undefined, signal),
    enabled: !!id,
  });
}

export function usePublicLink(id: string | null, enabled: boolean) {
  return useQuery({
    queryKey: [...KEY, 'link', id],
    queryFn: ({ signal }) => api.get<PublicLink>(plaqueUrl(id!, 'link'), undefined, signal),
    enabled: !!id && enabled,
    staleTime: 300_000,
  });
}

export function useRatingSummary(id: string | null) {
  return useQuery({
    queryKey: [...KEY, 'summary', id],
    queryFn: ({ signal }) => api.get<RatingSummary>(plaqueUrl(id!, 'rating-summary'), { period: 'half' }, signal),
    enabled: !!id,
  });
}

export function useRatings(query: Record<string, string | number | undefined>, enabled = true) {
  return useQuery({
    queryKey: [...KEY, 'ratings', query],
    queryFn: ({ signal }) => api.get<RatingPage>(RATINGS_URL, query, signal),
    enabled,
  });
}

/** Reloads the plaque views, both lists and 我的待办 (approvals and comments waiting show there). */
export function useRefreshIncentives() {
  const qc = useQueryClient();
  return () => Promise.all([
    qc.invalidateQueries({ queryKey: KEY }),
    qc.invalidateQueries({ queryKey: listQueryKey(PLAQUES_URL) }),
    qc.invalidateQueries({ queryKey: listQueryKey(RATINGS_URL) }),
    qc.invalidateQueries({ queryKey: NOTIFY_KEY }),
  ]);
}

export const moderate = (id: string, decision: 'approve' | 'reject') => api.post(`${RATINGS_URL}/${encodeURIComponent(id)}/moderate`, { decision });
