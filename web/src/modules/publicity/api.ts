// Calls of the 宣传 API and the query keys they refresh (docs/api/publicity.md).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { listQueryKey } from '../../components/ListPage';
import {
  CORRESPONDENTS_URL,
  MANUSCRIPTS_URL,
  SETTINGS_URL,
  correspondentUrl,
  manuscriptUrl,
  type Channel,
  type CorrespondentDetail,
  type FileMeta,
  type Level,
  type ManuscriptDetail,
  type PublicitySettings,
  type TrainingKind,
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

export interface RevisionText {
  revision: number;
  title: string;
  body: string;
  createdAt: string;
  createdByName: string | null;
}

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

export interface ManuscriptInput {
  orgId: string;
  title: string;
  body: string;
  channel: Channel;
  outlet: string;
  level: Level;
}

export const createManuscript = (input: ManuscriptInput & { submit?: boolean }) => api.post<ManuscriptDetail>(MANUSCRIPTS_URL, input);
export const updateManuscript = (id: string, input: Partial<ManuscriptInput>) => api.put<ManuscriptDetail>(manuscriptUrl(id), input);
export const deleteManuscript = (id: string) => api.delete(manuscriptUrl(id));
export const submitManuscript = (id: string) => api.post<ManuscriptDetail>(manuscriptUrl(id, 'submit'), {});
export const commentManuscript = (id: string, body: string, requestRevision: boolean) =>
  api.post<ManuscriptDetail>(manuscriptUrl(id, 'comment'), { body, requestRevision });
export const adoptManuscript = (id: string, quality: number, qualityNote?: string) =>
  api.post<ManuscriptDetail>(manuscriptUrl(id, 'adopt'), { quality, qualityNote: qualityNote || undefined });
export const rejectManuscript = (id: string, reason: string) => api.post<ManuscriptDetail>(manuscriptUrl(id, 'reject'), { reason });
export const rateManuscript = (id: string, quality: number, note?: string) =>
  api.post<ManuscriptDetail>(manuscriptUrl(id, 'rate'), { quality, note: note || undefined });

export interface PublishInput {
  publishedOn: string;
  outlet: string;
  level: Level;
  ref?: string;
}
export const publishManuscript = (id: string, input: PublishInput) => api.post<ManuscriptDetail>(manuscriptUrl(id, 'publish'), input);

export const photoUrl = (id: string, fileId: string, inline = false) => `${manuscriptUrl(id, 'photos', fileId)}${inline ? '?inline=true' : ''}`;
export const uploadPhoto = (id: string, file: File) => api.upload<FileMeta>(manuscriptUrl(id, 'photos'), file);
export const deletePhoto = (id: string, fileId: string) => api.delete(manuscriptUrl(id, 'photos', fileId));

export interface CorrespondentInput {
  orgId: string;
  name: string;
  userId?: string | null;
  memberId?: string | null;
  phone?: string | null;
  since: string;
  until?: string | null;
  note?: string | null;
}
export const createCorrespondent = (input: CorrespondentInput) => api.post<CorrespondentDetail>(CORRESPONDENTS_URL, input);
export const updateCorrespondent = (id: string, input: Partial<CorrespondentInput>) => api.put<CorrespondentDetail>(correspondentUrl(id), input);
export const deleteCorrespondent = (id: string) => api.delete(correspondentUrl(id));

export interface TrainingInput {
  kind: TrainingKind;
  title: string;
  fromDate: string;
  toDate: string;
  hours: number;
  place?: string;
  note?: string;
}
export const addTraining = (id: string, input: TrainingInput) => api.post(correspondentUrl(id, 'trainings'), input);
export const deleteTraining = (id: string, trainingId: string) => api.delete(correspondentUrl(id, 'trainings', trainingId));
