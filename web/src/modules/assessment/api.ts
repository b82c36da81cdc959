// Data hooks of the 量化考核 pages; one cache prefix so any change refreshes every view.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Items } from '../../api/types';
import {
  ASSESSMENT_URL,
  METRICS_URL,
  ROUNDS_URL,
  SCHEMES_URL,
  SHEETS_URL,
  UNITS_URL,
  roundUrl,
  schemeUrl,
  sheetUrl,
  type Anomaly,
  type AssessmentUnit,
  type HistoryPoint,
  type Metric,
  type Results,
  type Round,
  type RoundDetail,
  type Scheme,
  type SchemeDetail,
  type Sheet,
  type SheetDetail,
} from './types';

export const ASSESSMENT_KEY = ['assessment'] as const;

/** Lists answer `{items}` or a page `{items,total,…}`: both have items. */
async function allItems<T>(url: string, query: Record<string, string | number | undefined>, signal?: AbortSignal): Promise<T[]> {
  const res = await api.get<Items<T> & { total?: number }>(url, { pageSize: 200, ...query }, signal);
  return res.items;
}

export function useMetrics() {
  return useQuery({
    queryKey: [...ASSESSMENT_KEY, 'metrics'],
    queryFn: ({ signal }) => allItems<Metric>(METRICS_URL, {}, signal),
    staleTime: 5 * 60_000,
  });
}

/** Administrative units a manual leaf may name as its responsible unit. */
export function useAssessmentUnits() {
  return useQuery({
    queryKey: [...ASSESSMENT_KEY, 'units'],
    queryFn: ({ signal }) => allItems<AssessmentUnit>(UNITS_URL, {}, signal),
    staleTime: 5 * 60_000,
  });
}

export function useSchemes() {
  return useQuery({ queryKey: [...ASSESSMENT_KEY, 'schemes'], queryFn: ({ signal }) => allItems<Scheme>(SCHEMES_URL, {}, signal) });
}

export function useScheme(id: string | null) {
  return useQuery({
    queryKey: [...ASSESSMENT_KEY, 'scheme', id],
    queryFn: ({ signal }) => api.get<SchemeDetail>(schemeUrl(id!), undefined, signal),
    enabled: !!id,
  });
}

export function useRounds(status?: string) {
  return useQuery({
    queryKey: [...ASSESSMENT_KEY, 'rounds', status],
    queryFn: ({ signal }) => allItems<Round>(ROUNDS_URL, { status }, signal),
  });
}

export function useRound(id: string | null) {
  return useQuery({
    queryKey: [...ASSESSMENT_KEY, 'round', id],
    queryFn: ({ signal }) => api.get<RoundDetail>(roundUrl(id!), undefined, signal),
    enabled: !!id,
  });
}

export function useRoundSheets(id: string | null) {
  return useQuery({
    queryKey: [...ASSESSMENT_KEY, 'round', id, 'sheets'],
    queryFn: ({ signal }) => allItems<Sheet>(roundUrl(id!, 'sheets'), {}, signal),
    enabled: !!id,
  });
}

export function useResults(id: string | null, enabled = true) {
  return useQuery({
    queryKey: [...ASSESSMENT_KEY, 'round', id, 'results'],
    queryFn: ({ signal }) => api.get<Results>(roundUrl(id!, 'results'), undefined, signal),
    enabled: !!id && enabled,
    retry: false,
  });
}

export function useAnomalies(id: string | null, enabled = true) {
  return useQuery({
    queryKey: [...ASSESSMENT_KEY, 'round', id, 'anomalies'],
    queryFn: ({ signal }) => allItems<Anomaly>(roundUrl(id!, 'anomalies'), {}, signal),
    enabled: !!id && enabled,
    retry: false,
  });
}

/** A target's published results across periods under one scheme, oldest first. */
export function useTargetHistory(targetId: string | null, schemeId?: string) {
  return useQuery({
    queryKey: [...ASSESSMENT_KEY, 'history', targetId, schemeId],
    queryFn: ({ signal }) => allItems<HistoryPoint>(`${ASSESSMENT_URL}/targets/${encodeURIComponent(targetId!)}/history`, { schemeId }, signal),
    enabled: !!targetId,
    retry: false,
  });
}

export function useMySheets(active?: boolean) {
  return useQuery({
    queryKey: [...ASSESSMENT_KEY, 'sheets', active],
    queryFn: ({ signal }) => allItems<Sheet>(SHEETS_URL, { active: active === undefined ? undefined : String(active) }, signal),
  });
}

export function useSheet(id: string | null) {
  return useQuery({
    queryKey: [...ASSESSMENT_KEY, 'sheet', id],
    queryFn: ({ signal }) => api.get<SheetDetail>(sheetUrl(id!), undefined, signal),
    enabled: !!id,
  });
}

/** Reloads every 量化考核 view, plus the 待办 a change may have settled. */
export function useRefreshAssessment(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ASSESSMENT_KEY }),
      queryClient.invalidateQueries({ queryKey: ['notify'] }),
    ]);
  };
}
