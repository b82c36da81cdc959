// Calls and data hooks of the 志愿服务 pages; one cache prefix so a visit or a pairing refreshes every view
// (and 我的待办, where 需关注 visits and overdue residents show).
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query } from '../../api/client';
import type { ApiRequest, ApiResponse } from '../../api/types';
import { NOTIFY_KEY } from '../notify/api';
import {
  ACTIVITIES_URL,
  MINE_URL,
  RESIDENTS_URL,
  VISITS_URL,
  VOLUNTEER_API,
  type ActivityDetail,
  type ActivityInput,
  type Candidate,
  type Hours,
  type Mine,
  type MyHours,
  type OrgLifeSource,
  type ResidentDetail,
  type ResidentInput,
  type ResidentPatch,
  type Visit,
  type VisitInput,
} from './types';

export const VOLUNTEER_KEY = ['volunteer'] as const;

export const residentUrl = (id: string, action?: string) => `${RESIDENTS_URL}/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;
export const visitUrl = (id: string, action?: string) => `${VISITS_URL}/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;
export const activityUrl = (id: string) => `${ACTIVITIES_URL}/${encodeURIComponent(id)}`;
export const visitPhotoUrl = (visitId: string, fileId: string, inline?: boolean) =>
  `${visitUrl(visitId, 'photos')}/${encodeURIComponent(fileId)}${inline ? '?inline=true' : ''}`;
export const volunteerCertificateUrl = (kind: string, id: string) =>
  `${VOLUNTEER_API}/volunteers/${encodeURIComponent(kind)}/${encodeURIComponent(id)}/certificate.docx`;
export const MY_CERTIFICATE_URL = `${VOLUNTEER_API}/hours/mine/certificate.docx`;

export function useResident(id: string | null) {
  return useQuery({
    queryKey: [...VOLUNTEER_KEY, 'resident', id],
    queryFn: ({ signal }) => api.get<ResidentDetail>(residentUrl(id!), undefined, signal),
    enabled: !!id,
  });
}

export function useCommunities() {
  return useQuery({
    queryKey: [...VOLUNTEER_KEY, 'communities'],
    queryFn: ({ signal }) => api.get<{ items: string[] }>(`${RESIDENTS_URL}/communities`, undefined, signal),
    staleTime: 60_000,
  });
}

export function useMine() {
  return useQuery({
    queryKey: [...VOLUNTEER_KEY, 'mine'],
    queryFn: ({ signal }) => api.get<Mine>(MINE_URL, undefined, signal),
  });
}

export function useMyHours(year: number) {
  return useQuery({
    queryKey: [...VOLUNTEER_KEY, 'hours', 'mine', year],
    queryFn: ({ signal }) => api.get<MyHours>(`${VOLUNTEER_API}/hours/mine`, { year }, signal),
  });
}

export function useHours(query: Query) {
  return useQuery({
    queryKey: [...VOLUNTEER_KEY, 'hours', query],
    queryFn: ({ signal }) => api.get<Hours>(`${VOLUNTEER_API}/hours`, query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCandidates(orgId: string | undefined, keyword: string, enabled: boolean) {
  return useQuery({
    queryKey: [...VOLUNTEER_KEY, 'candidates', orgId, keyword],
    queryFn: ({ signal }) => api.get<{ items: Candidate[] }>(`${VOLUNTEER_API}/candidates`, { orgId, keyword: keyword || undefined }, signal),
    enabled,
  });
}

/** One visit (a 待办 link points at it), with its handled state and what this user may do. */
export function useVisit(id: string | null) {
  return useQuery({
    queryKey: [...VOLUNTEER_KEY, 'visit', id],
    queryFn: ({ signal }) => api.get<Visit>(visitUrl(id!), undefined, signal),
    enabled: !!id,
    retry: false,
  });
}

export function useActivity(id: string | null) {
  return useQuery({
    queryKey: [...VOLUNTEER_KEY, 'activity', id],
    queryFn: ({ signal }) => api.get<ActivityDetail>(activityUrl(id!), undefined, signal),
    enabled: !!id,
  });
}

export function useOrgLifeSources(orgId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: [...VOLUNTEER_KEY, 'orgLifeSources', orgId],
    queryFn: ({ signal }) => api.get<{ items: OrgLifeSource[] }>(`${ACTIVITIES_URL}/org-life-sources`, { orgId }, signal),
    enabled,
  });
}

/** Reloads every 志愿服务 view, the lists of ListPage and 我的待办 after a change. */
export function useRefreshVolunteer(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: VOLUNTEER_KEY }),
      queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'list' && String(q.queryKey[1]).startsWith(VOLUNTEER_API) }),
      queryClient.invalidateQueries({ queryKey: NOTIFY_KEY }),
    ]);
  };
}

export const createResident = (body: ResidentInput) => api.post<ResidentDetail>(RESIDENTS_URL, body);
export const updateResident = (id: string, body: ResidentPatch) => api.patch<ResidentDetail>(residentUrl(id), body);
export const revealResident = (id: string) => api.post<ResidentDetail>(residentUrl(id, 'reveal'));
export const changeStatus = (id: string, body: ApiRequest<'/api/v1/volunteer/residents/{id}/status', 'post'>) => api.post<ResidentDetail>(residentUrl(id, 'status'), body);
export const pair = (body: ApiRequest<'/api/v1/volunteer/pairings', 'post'>) =>
  api.post(`${VOLUNTEER_API}/pairings`, body);
export const endPairing = (id: string, body: ApiRequest<'/api/v1/volunteer/pairings/{id}/end', 'post'>) =>
  api.post(`${VOLUNTEER_API}/pairings/${encodeURIComponent(id)}/end`, body);
export const recordVisit = (body: VisitInput) => api.post<Visit>(VISITS_URL, body);
export const uploadVisitPhoto = (visitId: string, file: File) => api.upload(visitUrl(visitId, 'photos'), file);
export const handleVisit = (id: string, note: string) => api.post(visitUrl(id, 'handle'), { note });
export const visitTask = (id: string) => api.post<ApiResponse<'/api/v1/volunteer/visits/{id}/task', 'post'>>(visitUrl(id, 'task'), {});
export const createActivity = (body: ActivityInput) => api.post<ActivityDetail>(ACTIVITIES_URL, body);
export const deleteActivity = (id: string) => api.delete(activityUrl(id));
export const activityFromOrgLife = (body: ApiRequest<'/api/v1/volunteer/activities/from-org-life', 'post'>) =>
  api.post<ActivityDetail>(`${ACTIVITIES_URL}/from-org-life`, body);

/** Minutes as hours with one decimal (the committee counts service in hours). */
export function hours(minutes: number | null | undefined): string {
  return ((minutes ?? 0) / 60).toFixed(1);
}
