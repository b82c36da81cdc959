// Shapes, calls and hooks of 表彰 (/api/v1/incentives, docs/api/incentives-honours.md); one cache prefix so a
// review, a 公示 or a decision refreshes every view (and 我的待办).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ApiItem, ApiRequest, ApiResponse } from '../../api/types';
import { NOTIFY_KEY } from '../notify/api';

export const INCENTIVE_API = '/api/v1/incentives';
export const SELECTIONS_URL = `${INCENTIVE_API}/selections`;
export const HONOURS_URL = `${INCENTIVE_API}/honours`;

export type Selection = ApiItem<'/api/v1/incentives/selections'>;
export type SelectionDetail = ApiResponse<'/api/v1/incentives/selections/{id}'>;
export type Nomination = SelectionDetail['nominations'][number];
export type Objection = Nomination['objections'][number];
export type Nominee = ApiItem<'/api/v1/incentives/nominees'>;
export type Honour = ApiItem<'/api/v1/incentives/honours'>;
export type SelectionInput = ApiRequest<'/api/v1/incentives/selections', 'post'>;
export type NominationInput = ApiRequest<'/api/v1/incentives/selections/{id}/nominations', 'post'>;
export type HonourInput = ApiRequest<'/api/v1/incentives/honours', 'post'>;
export type Category = Nomination['category'];

export const HONOURS_KEY = ['incentives', 'honours'] as const;
const KEY = ['incentives', 'selections'] as const;

export const SELECTION_STATUS: Record<Selection['status'], { label: string; color: string }> = {
  nominating: { label: '推荐中', color: 'processing' },
  reviewing: { label: '党委审核', color: 'warning' },
  publicising: { label: '公示中', color: 'purple' },
  decided: { label: '已决定', color: 'success' },
};
export const NOMINATION_STATUS: Record<Nomination['status'], { label: string; color: string }> = {
  nominated: { label: '待审核', color: 'default' },
  accepted: { label: '审核通过', color: 'processing' },
  rejected: { label: '未通过', color: 'error' },
  withdrawn: { label: '已撤回', color: 'default' },
  honoured: { label: '已表彰', color: 'success' },
};

export const selectionUrl = (id: string, action?: string) => `${SELECTIONS_URL}/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;
export const nominationUrl = (id: string, action: string) => `${INCENTIVE_API}/nominations/${encodeURIComponent(id)}/${action}`;

export function useSelections() {
  return useQuery({ queryKey: KEY, queryFn: ({ signal }) => api.get<{ items: Selection[] }>(SELECTIONS_URL, undefined, signal) });
}

export function useSelection(id: string | null) {
  return useQuery({
    queryKey: [...KEY, id],
    queryFn: ({ signal }) => api.get<SelectionDetail>(selectionUrl(id!), undefined, signal),
    enabled: !!id,
  });
}

export function useNominees(orgId: string | undefined, category: Category | undefined) {
  return useQuery({
    queryKey: ['incentives', 'nominees', orgId, category],
    queryFn: ({ signal }) => api.get<{ items: Nominee[] }>(`${INCENTIVE_API}/nominees`, { orgId, category }, signal),
    enabled: !!orgId && !!category,
  });
}

export function useHonours(subjectKind: 'member' | 'org', subjectId: string | null, enabled: boolean) {
  return useQuery({
    queryKey: [...HONOURS_KEY, subjectKind, subjectId],
    queryFn: ({ signal }) => api.get<{ items: Honour[]; total: number; canAdd: boolean }>(HONOURS_URL, { subjectKind, subjectId, pageSize: 100 }, signal),
    enabled: enabled && !!subjectId,
  });
}

/** After any change: the selections, honours and 待办 are refetched. */
export function useRefreshIncentives() {
  const qc = useQueryClient();
  return () => Promise.all([
    qc.invalidateQueries({ queryKey: ['incentives'] }),
    qc.invalidateQueries({ queryKey: NOTIFY_KEY }),
  ]);
}
