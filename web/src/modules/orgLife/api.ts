// Data hooks and calls of the 组织生活 pages; one cache prefix so any change refreshes every view.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import { listQueryKey } from '../../components/ListPage';
import {
  ACTIVITIES_URL,
  KIND_NAME,
  KINDS_URL,
  activityUrl,
  type Activity,
  type ActivityDetail,
  type OrgLifeFile,
  type KindCatalogue,
} from './types';

export const ORG_LIFE_KEY = ['orgLife'] as const;

/** The kind catalogue. */
export function useCatalogue() {
  return useQuery({
    queryKey: [...ORG_LIFE_KEY, 'kinds'],
    queryFn: ({ signal }) => api.get<KindCatalogue>(KINDS_URL, undefined, signal),
    staleTime: 5 * 60_000,
  });
}

export function useKinds() {
  const catalogue = useCatalogue();
  return { ...catalogue, data: catalogue.data?.kinds };
}

/** code → name, from the catalogue when loaded. */
export function useKindNames(): Record<string, string> {
  const kinds = useKinds();
  const out: Record<string, string> = { ...KIND_NAME };
  for (const k of kinds.data ?? []) out[k.code] = k.name;
  return out;
}

export function useActivity(id: string | null) {
  return useQuery({
    queryKey: [...ORG_LIFE_KEY, 'activity', id],
    queryFn: ({ signal }) => api.get<ActivityDetail>(activityUrl(id!), undefined, signal),
    enabled: !!id,
  });
}

/** Every activity whose start date lies in [from, to] (dates; the calendar's visible weeks), all pages. */
export function useActivitiesBetween(from: string, to: string, filters: Record<string, string | undefined>) {
  return useQuery({
    queryKey: [...ORG_LIFE_KEY, 'range', from, to, filters],
    queryFn: async ({ signal }) => {
      const out: Activity[] = [];
      for (let page = 1; page <= 10; page++) {
        const res = await api.get<Page<Activity>>(ACTIVITIES_URL, { ...filters, from, to, order: 'asc', page, pageSize: 200 }, signal);
        out.push(...res.items);
        if (out.length >= res.total || res.items.length === 0) break;
      }
      return out;
    },
  });
}

/** Reloads every 组织生活 view (lists, calendar, the open record, compliance). */
export function useRefreshOrgLife(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ORG_LIFE_KEY }),
      queryClient.invalidateQueries({ queryKey: listQueryKey(ACTIVITIES_URL) }),
      queryClient.invalidateQueries({ queryKey: ['notify'] }),
    ]);
  };
}

export const attachmentUrl = (activityId: string, fileId: string, inline = false) =>
  `${activityUrl(activityId, 'attachments')}/${encodeURIComponent(fileId)}${inline ? '?inline=true' : ''}`;
export const deleteAttachment = (activityId: string, fileId: string) => api.delete(attachmentUrl(activityId, fileId));

/** Uploads one file; a refusal (type, size, archived) is an ApiError with the Chinese reason. */
export const uploadAttachment = (activityId: string, file: File) => api.upload<OrgLifeFile>(activityUrl(activityId, 'attachments'), file);
