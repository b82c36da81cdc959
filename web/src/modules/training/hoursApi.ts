// Shapes, hooks and labels of the 学时 pages (/api/v1/training/hours, /my/hours; docs/api/training-hours.md).
// 学时 arrive in tenths (integers): shown with one decimal.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type Query } from '../../api/client';
import type { ApiResponse } from '../../api/types';

export const HOURS_URL = '/api/v1/training/hours';
export const HOURS_EXPORT_URL = `${HOURS_URL}/export.xlsx`;
export const MY_HOURS_URL = '/api/v1/training/my/hours';

export type HoursLedger = ApiResponse<'/api/v1/training/hours'>;
export type HoursRow = HoursLedger['items'][number];
export type HoursOrgRow = HoursLedger['orgs'][number];
export type MyHours = ApiResponse<'/api/v1/training/my/hours'>;
export type MyHoursItem = MyHours['items'][number];

export const SOURCE_LABEL: Record<MyHoursItem['source'], string> = { online: '线上学习', offline: '线下培训', lecture: '党课' };
export const SOURCE_COLOR: Record<MyHoursItem['source'], string> = { online: 'blue', offline: 'green', lecture: 'red' };

/** Tenths of 学时 as people read them: one decimal. */
export const hoursText = (tenths: number | null | undefined): string => ((tenths ?? 0) / 10).toFixed(1);

export function useHoursLedger(query: Query) {
  return useQuery({
    queryKey: ['training', 'hours', query],
    queryFn: ({ signal }) => api.get<HoursLedger>(HOURS_URL, query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useMyHours(year: number) {
  return useQuery({
    queryKey: ['training', 'myHours', year],
    queryFn: ({ signal }) => api.get<MyHours>(MY_HOURS_URL, { year }, signal),
    retry: false,
  });
}
