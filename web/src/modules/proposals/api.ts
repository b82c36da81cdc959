// Calls and data hooks of the 合理化建议 page; one cache prefix so any step refreshes every view.
import { useQuery, useQueryClient, keepPreviousData } from '@tanstack/react-query';
import { api, type Query } from '../../api/client';
import type { ApiRequest, ApiResponse } from '../../api/types';
import { PROPOSALS_URL, PROPOSAL_STATS_URL, type ProposalDetail, type ProposalInput, type ProposalStats } from './types';

export const PROPOSALS_KEY = ['proposals'] as const;

export const proposalUrl = (id: string, action?: string) => `${PROPOSALS_URL}/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

export function useProposals(query: Query) {
  return useQuery({
    queryKey: [...PROPOSALS_KEY, 'list', query],
    queryFn: ({ signal }) => api.get<ApiResponse<'/api/v1/proposals'>>(PROPOSALS_URL, query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useProposal(id: string | null) {
  return useQuery({
    queryKey: [...PROPOSALS_KEY, 'one', id],
    queryFn: ({ signal }) => api.get<ProposalDetail>(proposalUrl(id!), undefined, signal),
    enabled: !!id,
  });
}

export function useProposalStats(query: Query, enabled: boolean) {
  return useQuery({
    queryKey: [...PROPOSALS_KEY, 'stats', query],
    queryFn: ({ signal }) => api.get<ProposalStats>(PROPOSAL_STATS_URL, query, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useRefreshProposals(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([queryClient.invalidateQueries({ queryKey: PROPOSALS_KEY }), queryClient.invalidateQueries({ queryKey: ['notify'] })]);
  };
}

export const createProposal = (input: ProposalInput) => api.post<ProposalDetail>(PROPOSALS_URL, input);
export const adoptProposal = (id: string, note?: string) =>
  api.post<ProposalDetail>(proposalUrl(id, 'adopt'), { note: note || undefined } satisfies ApiRequest<'/api/v1/proposals/{id}/adopt', 'post'>);
export const rejectProposal = (id: string, note: string) =>
  api.post<ProposalDetail>(proposalUrl(id, 'reject'), { note } satisfies ApiRequest<'/api/v1/proposals/{id}/reject', 'post'>);
export const implementProposal = (id: string, body: ApiRequest<'/api/v1/proposals/{id}/implement', 'post'>) =>
  api.post<ProposalDetail>(proposalUrl(id, 'implement'), body);
export const correctValue = (id: string, body: ApiRequest<'/api/v1/proposals/{id}/value', 'post'>) =>
  api.post<ProposalDetail>(proposalUrl(id, 'value'), body);
