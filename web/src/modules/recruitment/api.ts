// Shapes and calls of the 发展党员 routes (/api/v1/recruitment, docs/api/recruitment.md) and the Chinese labels of
// the stages. One cache prefix, so a recorded step refreshes the person, the list and 我的待办.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ApiItem, ApiResponse } from '../../api/types';
import { listQueryKey } from '../../components/ListPage';
import { NOTIFY_KEY } from '../notify/api';

export const PEOPLE_URL = '/api/v1/recruitment/people';
export type RecruitPerson = ApiItem<'/api/v1/recruitment/people'>;
export type RecruitPage = ApiResponse<'/api/v1/recruitment/people'>;
export type RecruitDetail = ApiResponse<'/api/v1/recruitment/people/{id}'>;
export type RecruitChoices = ApiResponse<'/api/v1/recruitment/people/{id}/choices'>;
export type Stage = RecruitPerson['stage'];

export const STAGE_LABEL: Record<Stage, string> = { applicant: '入党申请人', activist: '入党积极分子', candidate: '发展对象', probationary: '预备党员', full: '正式党员' };
export const STAGE_COLOR: Record<Stage, string> = { applicant: 'default', activist: 'blue', candidate: 'purple', probationary: 'orange', full: 'red' };

export const personUrl = (id: string, action?: string) => `${PEOPLE_URL}/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;
export const personPage = (id: string) => `/recruitment/people/${encodeURIComponent(id)}`;

const KEY = ['recruitment'] as const;

export function usePerson(id: string) {
  return useQuery({ queryKey: [...KEY, 'person', id], queryFn: ({ signal }) => api.get<RecruitDetail>(personUrl(id), undefined, signal), enabled: !!id });
}

export function useChoices(id: string, enabled: boolean) {
  return useQuery({ queryKey: [...KEY, 'choices', id], queryFn: ({ signal }) => api.get<RecruitChoices>(personUrl(id, 'choices'), undefined, signal), enabled: !!id && enabled, staleTime: 60_000 });
}

export function useBranches(enabled: boolean) {
  return useQuery({
    queryKey: [...KEY, 'branches'],
    queryFn: ({ signal }) => api.get<ApiResponse<'/api/v1/recruitment/branches'>>('/api/v1/recruitment/branches', undefined, signal),
    enabled, staleTime: 60_000,
  });
}

/** After a change: the person, the list and 我的待办 read again. */
export function useRefreshRecruitment() {
  const qc = useQueryClient();
  return () => Promise.all([
    qc.invalidateQueries({ queryKey: KEY }),
    qc.invalidateQueries({ queryKey: listQueryKey(PEOPLE_URL) }),
    qc.invalidateQueries({ queryKey: NOTIFY_KEY }),
  ]);
}

export const PLANS_URL = '/api/v1/recruitment/plans';
export const STATS_URL = '/api/v1/recruitment/stats';
export const LEDGER_URL = '/api/v1/recruitment/ledger.xlsx';
export type PlanYear = ApiResponse<'/api/v1/recruitment/plans'>;
export type PlanRow = PlanYear['items'][number];
export type YearStats = ApiResponse<'/api/v1/recruitment/stats'>;

export function usePlans(year: number) {
  return useQuery({ queryKey: [...KEY, 'plans', year], queryFn: ({ signal }) => api.get<PlanYear>(PLANS_URL, { year }, signal) });
}

export function useYearStats(year: number) {
  return useQuery({ queryKey: [...KEY, 'stats', year], queryFn: ({ signal }) => api.get<YearStats>(STATS_URL, { year }, signal) });
}
