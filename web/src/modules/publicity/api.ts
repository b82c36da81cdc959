// Calls of the 宣传 API and the query keys they refresh (docs/api/publicity.md).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ApiRequest, ApiResponse } from '../../api/types';
import { listQueryKey } from '../../components/ListPage';
import {
  CORRESPONDENTS_URL,
  MANUSCRIPTS_URL,
  SETTINGS_URL,
  correspondentUrl,
  manuscriptUrl,
  type CorrespondentDetail,
  type FileMeta,
  type ManuscriptDetail,
  type PublicitySettings,
  type Training,
} from './types';

/** Everything the 宣传 pages cache: one prefix to refresh after any change. */
export const PUBLICITY_KEY = ['publicity'] as const;

export function useManuscript(id: string | null) {
  return useQuery({
    queryKey: [...PUBLICITY_KEY, 'manuscript', id],
    queryFn: ({ signal }) => api.get<ManuscriptDetail>(manuscriptUrl(id!), undefined, signal),
    enabled: !!id,
  });
}

export type RevisionText = ApiResponse<'/api/v1/publicity/manuscripts/{id}/revisions/{revision}'>;

/** The text of one submitted draft (第 N 稿). */
export function useRevision(id: string | null, revision: number | null) {
  return useQuery({
    queryKey: [...PUBLICITY_KEY, 'manuscript', id, 'revision', revision],
    queryFn: ({ signal }) => api.get<RevisionText>(manuscriptUrl(id!, 'revisions', String(revision)), undefined, signal),
    enabled: !!id && revision !== null,
  });
}

export function usePublicitySettings() {
  return useQuery({
    queryKey: [...PUBLICITY_KEY, 'settings'],
    queryFn: ({ signal }) => api.get<PublicitySettings>(SETTINGS_URL, undefined, signal),
    staleTime: 5 * 60_000,
  });
}

export function useCorrespondent(id: string | null) {
  return useQuery({
    queryKey: [...PUBLICITY_KEY, 'correspondent', id],
    queryFn: ({ signal }) => api.get<CorrespondentDetail>(correspondentUrl(id!), undefined, signal),
    enabled: !!id,
  });
}

/** Reloads every 宣传 list, record and statistic, plus the 待办 and notifications a change may have made. */
export function useRefreshPublicity(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: PUBLICITY_KEY }),
      queryClient.invalidateQueries({ queryKey: listQueryKey(MANUSCRIPTS_URL) }),
      queryClient.invalidateQueries({ queryKey: listQueryKey(CORRESPONDENTS_URL) }),
      queryClient.invalidateQueries({ queryKey: ['notify'] }),
    ]);
  };
}

/** A new manuscript (`submit`: send it to the editors at once). */
export type ManuscriptInput = ApiRequest<'/api/v1/publicity/manuscripts', 'post'>;

export const createManuscript = (input: ManuscriptInput) => api.post<ManuscriptDetail>(MANUSCRIPTS_URL, input);
export const updateManuscript = (id: string, input: ApiRequest<'/api/v1/publicity/manuscripts/{id}', 'put'>) =>
  api.put<ManuscriptDetail>(manuscriptUrl(id), input);
export const deleteManuscript = (id: string) => api.delete(manuscriptUrl(id));
export const submitManuscript = (id: string) => api.post<ManuscriptDetail>(manuscriptUrl(id, 'submit'), {});
export const commentManuscript = (id: string, body: string, requestRevision: boolean) =>
  api.post<ManuscriptDetail>(manuscriptUrl(id, 'comment'), { body, requestRevision } satisfies ApiRequest<'/api/v1/publicity/manuscripts/{id}/comment', 'post'>);
export const adoptManuscript = (id: string, quality: number, qualityNote?: string) =>
  api.post<ManuscriptDetail>(
    manuscriptUrl(id, 'adopt'),
    { quality, qualityNote: qualityNote || undefined } satisfies ApiRequest<'/api/v1/publicity/manuscripts/{id}/adopt', 'post'>,
  );
export const rejectManuscript = (id: string, reason: string) =>
  api.post<ManuscriptDetail>(manuscriptUrl(id, 'reject'), { reason } satisfies ApiRequest<'/api/v1/publicity/manuscripts/{id}/reject', 'post'>);
export const rateManuscript = (id: string, quality: number, note?: string) =>
  api.post<ManuscriptDetail>(manuscriptUrl(id, 'rate'), { quality, note: note || undefined } satisfies ApiRequest<'/api/v1/publicity/manuscripts/{id}/rate', 'post'>);

export type PublishInput = ApiRequest<'/api/v1/publicity/manuscripts/{id}/publish', 'post'>;
export const publishManuscript = (id: string, input: PublishInput) => api.post<ManuscriptDetail>(manuscriptUrl(id, 'publish'), input);

export const photoUrl = (id: string, fileId: string, inline = false) => `${manuscriptUrl(id, 'photos', fileId)}${inline ? '?inline=true' : ''}`;
export const uploadPhoto = (id: string, file: File) => api.upload<FileMeta>(manuscriptUrl(id, 'photos'), file);
export const deletePhoto = (id: string, fileId: string) => api.delete(manuscriptUrl(id, 'photos', fileId));

export type CorrespondentInput = ApiRequest<'/api/v1/publicity/correspondents', 'post'>;
export const createCorrespondent = (input: CorrespondentInput) => api.post<CorrespondentDetail>(CORRESPONDENTS_URL, input);
export const updateCorrespondent = (id: string, input: ApiRequest<'/api/v1/publicity/correspondents/{id}', 'put'>) =>
  api.put<CorrespondentDetail>(correspondentUrl(id), input);
export const deleteCorrespondent = (id: string) => api.delete(correspondentUrl(id));
/** The phone in clear (audited on the server as a sensitive view); a POST so that no link or image can ask for it. */
export const revealCorrespondentPhone = (id: string) =>
  api.post<ApiResponse<'/api/v1/publicity/correspondents/{id}/phone', 'post'>>(`${correspondentUrl(id)}/phone`);

export type TrainingInput = ApiRequest<'/api/v1/publicity/correspondents/{id}/trainings', 'post'>;
export const addTraining = (id: string, input: TrainingInput) => api.post<Training>(correspondentUrl(id, 'trainings'), input);
export const deleteTraining = (id: string, trainingId: string) => api.delete(correspondentUrl(id, 'trainings', trainingId));
