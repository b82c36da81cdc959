// Shapes, calls and data hooks of the 考评 and 星级评定 pages (/api/v1/incentives, docs/api/incentives-evaluations.md);
// one cache prefix so a score refreshes every view, and 我的待办 with it.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query } from '../../api/client';
import type { ApiItem, ApiRequest, ApiResponse } from '../../api/types';
import { NOTIFY_KEY } from '../notify/api';

export const INCENTIVE_API = '/api/v1/incentives';
export const ROUNDS_URL = `${INCENTIVE_API}/evaluation-rounds`;
export const STARS_URL = `${INCENTIVE_API}/stars`;
export const evaluationsUrl = (roundId: string) => `${ROUNDS_URL}/${encodeURIComponent(roundId)}/evaluations`;

export type Round = ApiItem<'/api/v1/incentives/evaluation-rounds'>;
export type EvaluationPage = ApiResponse<'/api/v1/incentives/evaluation-rounds/{id}/evaluations'>;
export type Evaluation = EvaluationPage['items'][number];
export type SelfInput = ApiRequest<'/api/v1/incentives/evaluations/{id}/self', 'put'>;
export type BranchInput = ApiRequest<'/api/v1/incentives/evaluations/{id}/branch', 'put'>;
export type StarPage = ApiResponse<'/api/v1/incentives/stars'>;
export type Star = StarPage['items'][number];
export type StarKind = Star['kind'];

export const STAR_KIND_LABEL: Record<StarKind, string> = { branch: '党支部', community: '小区', unit: '单位', member: '党员' };
export const STAR_KIND_TITLE: Record<StarKind, string> = { branch: '标准化规范化党支部', community: '星级文明小区', unit: '星级文明单位', member: '星级党员' };
export const TIER_LABEL = ['未达标', '达标', '星级'];

export const INCENTIVE_KEY = ['incentives'] as const;

export function useRounds() {
  return useQuery({ queryKey: [...INCENTIVE_KEY, 'rounds'], queryFn: ({ signal }) => api.get<{ items: Round[] }>(ROUNDS_URL, undefined, signal) });
}

export function useEvaluations(roundId: string | undefined, query: Query) {
  return useQuery({
    queryKey: [...INCENTIVE_KEY, 'evaluations', roundId, query],
    queryFn: ({ signal }) => api.get<EvaluationPage>(evaluationsUrl(roundId!), query, signal),
    enabled: !!roundId,
    placeholderData: keepPreviousData,
  });
}

export function useMyEvaluations() {
  return useQuery({ queryKey: [...INCENTIVE_KEY, 'mine'], queryFn: ({ signal }) => api.get<{ items: Evaluation[] }>(`${INCENTIVE_API}/evaluations/mine`, undefined, signal) });
}

export function useStars(query: Query) {
  return useQuery({
    queryKey: [...INCENTIVE_KEY, 'stars', query],
    queryFn: ({ signal }) => api.get<StarPage>(STARS_URL, query, signal),
    placeholderData: keepPreviousData,
  });
}

/** Refreshes every 激励 view and the 待办 after a change. */
export function useRefresh() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: INCENTIVE_KEY }), qc.invalidateQueries({ queryKey: NOTIFY_KEY })]);
}

export const openRound = (period: string) => api.post<Round>(ROUNDS_URL, { period });
export const closeRound = (id: string) => api.post<Round>(`${ROUNDS_URL}/${encodeURIComponent(id)}/close`);
export const writeSelf = (id: string, body: SelfInput) => api.put<Evaluation>(`${INCENTIVE_API}/evaluations/${encodeURIComponent(id)}/self`, body);
export const writeBranch = (id: string, body: BranchInput) => api.put<Evaluation>(`${INCENTIVE_API}/evaluations/${encodeURIComponent(id)}/branch`, body);
export const computeStars = (year: number) => api.post<{ created: number; updated: number; keptAdjusted: number }>(`${STARS_URL}/compute`, { year });
export const publishStars = (year: number) => api.post<{ published: number }>(`${STARS_URL}/publish`, { year });
export const adjustStar = (id: string, body: { stars: number; reason: string }) => api.put<Star>(`${STARS_URL}/${encodeURIComponent(id)}/adjust`, body);

/** 80 → "80", null → "—". */
export const scoreText = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : String(n));

/** The weights note of a round: the parts, and what happens with too few ratings. */
export const weightsText = (r: Round): string =>
  `自评 ${r.weights.self}%、群众评价 ${r.weights.residents}%、支部评价 ${r.weights.branch}%；群众评价少于 ${r.weights.minRatings} 条时不计，其权重按比例分给自评和支部评价；总分低于 ${r.threshold} 分建议摘牌。`;
