// Shapes and calls of the 组织关系转接 routes (/api/v1/transfers, docs/api/transfers.md) and the Chinese labels of
// their codes. One refresh reloads the list and 我的待办 (confirmations and expired letters show there).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ApiItem, ApiResponse } from '../../api/types';
import { listQueryKey } from '../../components/ListPage';
import { NOTIFY_KEY } from '../notify/api';

export const TRANSFERS_URL = '/api/v1/transfers';
export type Transfer = ApiItem<'/api/v1/transfers'>;
export type Places = ApiResponse<'/api/v1/transfers/places'>;
export type Committees = ApiResponse<'/api/v1/transfers/committees'>;

export const SCOPE_LABEL: Record<Transfer['scope'], string> = { internal: '本委党支部间', server: '本平台其他党委', external: '平台外（介绍信）' };
export const STATUS_LABEL: Record<Transfer['status'], string> = { pending: '转接中', received: '已接收', withdrawn: '已撤回' };
export const STATUS_COLOR: Record<Transfer['status'], string> = { pending: 'processing', received: 'success', withdrawn: 'default' };

export const transferUrl = (id: string, action?: string) => `${TRANSFERS_URL}/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

/** Every branch of the committee (with where the user may act), the units and the letter's validities. */
export function usePlaces() {
  return useQuery({ queryKey: ['transfers', 'places'], queryFn: ({ signal }) => api.get<Places>(`${TRANSFERS_URL}/places`, undefined, signal), staleTime: 60_000 });
}

/** The other committees on this server. */
export function useCommittees(enabled: boolean) {
  return useQuery({ queryKey: ['transfers', 'committees'], queryFn: ({ signal }) => api.get<Committees>(`${TRANSFERS_URL}/committees`, undefined, signal), enabled, staleTime: 60_000 });
}

export function useRefreshTransfers() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: listQueryKey(TRANSFERS_URL) }), qc.invalidateQueries({ queryKey: NOTIFY_KEY })]);
}
