// Shapes and calls of the 后备人才库 and 党务干部 routes (/api/v1/training, docs/api/training-talents.md) and the
// Chinese labels of their codes. One cache prefix, so a decision refreshes the list, the drawer and 我的待办.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ApiItem, ApiResponse } from '../../api/types';
import { listQueryKey } from '../../components/ListPage';
import { NOTIFY_KEY } from '../notify/api';

export const TALENTS_URL = '/api/v1/training/talents';
export const CADRES_URL = '/api/v1/training/cadres';

export type Talent = ApiItem<'/api/v1/training/talents'>;
export type TalentPage = ApiResponse<'/api/v1/training/talents'>;
export type TalentDetail = ApiResponse<'/api/v1/training/talents/{id}'>;
export type Cadre = ApiItem<'/api/v1/training/cadres'>;

export const TALENT_STATUS_LABEL: Record<Talent['status'], string> = { nominated: '待审核', rejected: '未通过', active: '在库', removed: '已移出' };
export const TALENT_STATUS_COLOR: Record<Talent['status'], string> = { nominated: 'processing', rejected: 'warning', active: 'success', removed: 'default' };
export const GRADE_LABEL: Record<NonNullable<Talent['latestGrade']>, string> = { excellent: '优秀', good: '良好', fair: '一般', poor: '较差' };
export const GRADE_COLOR: Record<NonNullable<Talent['latestGrade']>, string> = { excellent: 'gold', good: 'green', fair: 'blue', poor: 'red' };
export const LIGHT_COLOR: Record<string, string> = { green: 'success', yellow: 'warning', red: 'error', done: 'default' };

export const talentUrl = (id: string, action?: string) => `${TALENTS_URL}/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

const KEY = ['training', 'talents'] as const;

export function useTalent(id: string | null) {
  return useQuery({
    queryKey: [...KEY, 'one', id],
    queryFn: ({ signal }) => api.get<TalentDetail>(talentUrl(id!), undefined, signal),
    enabled: !!id,
  });
}

/** The categories a branch nominates into (业务规则) and whether the user may nominate at all. */
export function useTalentMeta() {
  return useQuery({
    queryKey: [...KEY, 'meta'],
    queryFn: ({ signal }) => api.get<TalentPage>(TALENTS_URL, { pageSize: 1 }, signal),
    staleTime: 60_000,
  });
}

/** Reloads the talent views, the list and 我的待办 (nominations waiting show there). */
export function useRefreshTalents() {
  const qc = useQueryClient();
  return () => Promise.all([
    qc.invalidateQueries({ queryKey: KEY }),
    qc.invalidateQueries({ queryKey: listQueryKey(TALENTS_URL) }),
    qc.invalidateQueries({ queryKey: NOTIFY_KEY }),
  ]);
}
