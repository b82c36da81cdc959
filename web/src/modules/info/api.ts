// Calls of the information-base API and the query keys they refresh (docs/api/info.md).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ApiRequest, Items } from '../../api/types';
import { listQueryKey } from '../../components/ListPage';
import { INFO_URL, infoUrl, type FileMeta, type InfoEntry, type InfoVersion } from './types';

export const entryKey = (id: string | null) => ['info-entry', id] as const;

export function useInfoEntry(id: string | null) {
  return useQuery({
    queryKey: entryKey(id),
    queryFn: ({ signal }) => api.get<InfoEntry>(infoUrl(id!), undefined, signal),
    enabled: !!id,
  });
}

export function useInfoVersions(id: string | null, enabled: boolean) {
  return useQuery({
    queryKey: ['info-entry', id, 'versions'],
    queryFn: ({ signal }) => api.get<Items<InfoVersion>>(infoUrl(id!, 'versions'), undefined, signal),
    enabled: !!id && enabled,
  });
}

/** Reloads every list of entries, the review queue, the open entry and the statistics after a change. */
export function useRefreshInfo(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: listQueryKey(INFO_URL) }),
      queryClient.invalidateQueries({ queryKey: ['info-entry'] }),
      queryClient.invalidateQueries({ queryKey: ['info-stats'] }),
    ]);
  };
}

export type EntryInput = ApiRequest<'/api/v1/info-entries', 'post'>;

export const createEntry = (input: EntryInput) => api.post<InfoEntry>(INFO_URL, input);
export const updateEntry = (id: string, input: ApiRequest<'/api/v1/info-entries/{id}', 'patch'>) => api.patch<InfoEntry>(infoUrl(id), input);
export const deleteEntry = (id: string) => api.delete(infoUrl(id));
export const submitEntry = (id: string) => api.post<InfoEntry>(infoUrl(id, 'submit'));
export const publishEntry = (id: string) => api.post<InfoEntry>(infoUrl(id, 'publish'));
export const returnEntry = (id: string, reason: string) =>
  api.post<InfoEntry>(infoUrl(id, 'return'), { reason } satisfies ApiRequest<'/api/v1/info-entries/{id}/return', 'post'>);
export const deleteAttachment = (id: string, fileId: string) => api.delete(infoUrl(id, 'attachments', fileId));
export const attachmentUrl = (id: string, fileId: string) => infoUrl(id, 'attachments', fileId);

export const uploadAttachment = (id: string, file: File, signal?: AbortSignal) => api.upload<FileMeta>(infoUrl(id, 'attachments'), file, signal);
