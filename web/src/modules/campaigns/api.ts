// URLs, data hooks and calls of the 主题实践活动 pages (docs/api/campaigns.md); one cache prefix so any
// change refreshes the list, the board, the cases and the 待办 it may have changed.
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError, type Query } from '../../api/client';
import type { ApiRequest, Items } from '../../api/types';
import {
  CAMPAIGNS_URL,
  GALLERY_URL,
  type Board,
  type Campaign,
  type CampaignCase,
  type CaseItem,
  type GalleryCase,
  type CampaignInput,
  type CampaignListItem,
  type FileMeta,
  type Submission,
  type SuperviseResult,
} from './types';

export const CAMPAIGNS_KEY = ['campaigns'] as const;

const enc = encodeURIComponent;
export const campaignUrl = (id: string, ...rest: string[]) => [`${CAMPAIGNS_URL}/${enc(id)}`, ...rest.map(enc)].join('/');
export const caseUrl = (campaignId: string, caseId: string, ...rest: string[]) => campaignUrl(campaignId, 'cases', caseId, ...rest);
export const submissionFilesUrl = (submissionId: string) => `${CAMPAIGNS_URL}/submissions/${enc(submissionId)}/attachments`;
export const submissionFileUrl = (submissionId: string, fileId: string, inline = false) =>
  `${submissionFilesUrl(submissionId)}/${enc(fileId)}${inline ? '?inline=true' : ''}`;
export const casePhotosUrl = (campaignId: string, caseId: string) => caseUrl(campaignId, caseId, 'photos');
export const casePhotoUrl = (campaignId: string, caseId: string, fileId: string, inline = false) =>
  `${casePhotosUrl(campaignId, caseId)}/${enc(fileId)}${inline ? '?inline=true' : ''}`;

/** Lists answer `{items}` (maybe with paging fields); either way the items. */
function itemsOf<T>(res: Items<T> | T[]): T[] {
  return Array.isArray(res) ? res : res.items;
}

export function useCampaigns(query: Query = {}) {
  return useQuery({
    queryKey: [...CAMPAIGNS_KEY, 'list', query],
    queryFn: async ({ signal }) => itemsOf(await api.get<Items<CampaignListItem>>(CAMPAIGNS_URL, { pageSize: 100, ...query }, signal)),
  });
}

export function useCampaign(id: string | null) {
  return useQuery({
    queryKey: [...CAMPAIGNS_KEY, 'campaign', id],
    queryFn: ({ signal }) => api.get<Campaign>(campaignUrl(id!), undefined, signal),
    enabled: !!id,
  });
}

export function useBoard(id: string | null) {
  return useQuery({
    queryKey: [...CAMPAIGNS_KEY, 'board', id],
    queryFn: ({ signal }) => api.get<Board>(campaignUrl(id!, 'board'), undefined, signal),
    enabled: !!id,
  });
}

/** One organisation's 推进措施 (no due) or progress report for a due; null when none was submitted (404). */
export function useSubmission(campaignId: string | null, dueId: string | null, orgId: string | null) {
  return useQuery({
    queryKey: [...CAMPAIGNS_KEY, 'submission', campaignId, dueId, orgId],
    queryFn: async ({ signal }) => {
      const url = dueId ? campaignUrl(campaignId!, 'progress', dueId, orgId!) : campaignUrl(campaignId!, 'measures', orgId!);
      try {
        return await api.get<Submission>(url, undefined, signal);
      } catch (e) {
        if (isApiError(e) && e.status === 404) return null;
        throw e;
      }
    },
    enabled: !!campaignId && !!orgId,
  });
}

export function useCases(campaignId: string | null) {
  return useQuery({
    queryKey: [...CAMPAIGNS_KEY, 'cases', campaignId],
    queryFn: async ({ signal }) => itemsOf(await api.get<Items<CaseItem>>(campaignUrl(campaignId!, 'cases'), undefined, signal)),
    enabled: !!campaignId,
  });
}

/**
 * The campaign a case belongs to, for links that name only the case (`/campaigns/cases?id=…` from 待办 and
 * notifications): known from a loaded list, else found in the case lists of the campaigns that call for cases.
 */
export function useCaseCampaign(caseId: string | null, known: Map<string, string>, campaigns: CampaignListItem[] | undefined): string | null {
  const direct = caseId ? known.get(caseId) : undefined;
  const candidates = caseId && !direct ? (campaigns ?? []).filter((c) => c.callsCases && c.caseCount > 0) : [];
  const lists = useQueries({
    queries: candidates.map((c) => ({
      queryKey: [...CAMPAIGNS_KEY, 'cases', c.id],
      queryFn: async ({ signal }: { signal: AbortSignal }) => itemsOf(await api.get<Items<CaseItem>>(campaignUrl(c.id, 'cases'), undefined, signal)),
    })),
  });
  if (!caseId) return null;
  if (direct) return direct;
  for (const l of lists) {
    const hit = l.data?.find((k) => k.id === caseId);
    if (hit) return hit.campaignId;
  }
  return null;
}

export function useCase(campaignId: string | null, caseId: string | null) {
  return useQuery({
    queryKey: [...CAMPAIGNS_KEY, 'case', campaignId, caseId],
    queryFn: ({ signal }) => api.get<CampaignCase>(caseUrl(campaignId!, caseId!), undefined, signal),
    enabled: !!campaignId && !!caseId,
  });
}

export function useGallery(campaignId: string | undefined) {
  return useQuery({
    queryKey: [...CAMPAIGNS_KEY, 'gallery', campaignId ?? null],
    queryFn: async ({ signal }) => itemsOf(await api.get<Items<GalleryCase>>(GALLERY_URL, { campaignId }, signal)),
  });
}

/** Reloads every 主题实践活动 view, and the 待办 and 督办 lists a step may have changed. */
export function useRefreshCampaigns(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: CAMPAIGNS_KEY }),
      queryClient.invalidateQueries({ queryKey: ['notify'] }),
      queryClient.invalidateQueries({ queryKey: ['tasks'] }),
    ]);
  };
}

export const createCampaign = (input: CampaignInput) => api.post<Campaign>(CAMPAIGNS_URL, input);
export const activateCampaign = (id: string) => api.post<Campaign>(campaignUrl(id, 'activate'), {});
export const deleteCampaign = (id: string) => api.delete(campaignUrl(id));
export const setCampaignOrgs = (id: string, orgIds: string[]) =>
  api.put<Campaign>(campaignUrl(id, 'orgs'), { orgIds } satisfies ApiRequest<'/api/v1/campaigns/{id}/orgs', 'put'>);
export const closeCampaign = (id: string) => api.post<Campaign>(campaignUrl(id, 'close'), {});
export const supervise = (id: string, body: ApiRequest<'/api/v1/campaigns/{id}/supervise', 'post'>) =>
  api.post<SuperviseResult>(campaignUrl(id, 'supervise'), body);

export const saveMeasures = (campaignId: string, orgId: string, content: string) =>
  api.put<Submission>(campaignUrl(campaignId, 'measures', orgId), { content } satisfies ApiRequest<'/api/v1/campaigns/{id}/measures/{orgId}', 'put'>);
export const saveProgress = (campaignId: string, dueId: string, orgId: string, content: string) =>
  api.put<Submission>(
    campaignUrl(campaignId, 'progress', dueId, orgId),
    { content } satisfies ApiRequest<'/api/v1/campaigns/{id}/progress/{dueId}/{orgId}', 'put'>,
  );
export const uploadSubmissionFile = (submissionId: string, file: File) => api.upload<FileMeta>(submissionFilesUrl(submissionId), file);
export const deleteSubmissionFile = (submissionId: string, fileId: string) => api.delete(submissionFileUrl(submissionId, fileId));

export const createCase = (campaignId: string, input: ApiRequest<'/api/v1/campaigns/{id}/cases', 'post'>) =>
  api.post<CampaignCase>(campaignUrl(campaignId, 'cases'), input);
export const updateCase = (campaignId: string, caseId: string, input: ApiRequest<'/api/v1/campaigns/{id}/cases/{caseId}', 'put'>) =>
  api.put<CampaignCase>(caseUrl(campaignId, caseId), input);
export const rateCase = (campaignId: string, caseId: string, score: number, comment: string) =>
  api.post<CampaignCase>(caseUrl(campaignId, caseId, 'rate'), { score, comment } satisfies ApiRequest<'/api/v1/campaigns/{id}/cases/{caseId}/rate', 'post'>);
export const uploadCasePhoto = (campaignId: string, caseId: string, file: File) => api.upload<FileMeta>(casePhotosUrl(campaignId, caseId), file);
export const deleteCasePhoto = (campaignId: string, caseId: string, fileId: string) => api.delete(casePhotoUrl(campaignId, caseId, fileId));
