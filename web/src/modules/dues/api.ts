// Shapes and calls of the 党费 routes (/api/v1/dues) and the Chinese labels of their codes. Money arrives in 分 and
// is shown in 元 by integer arithmetic (never a float).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ApiItem, ApiRequest, ApiResponse } from '../../api/types';

export const DUES_URL = '/api/v1/dues';
export type DuesBase = ApiItem<'/api/v1/dues/bases'>;
export type DuesPayment = ApiItem<'/api/v1/dues/payments'>;
export type DuesArrears = ApiItem<'/api/v1/dues/arrears'>;
export type Collection = ApiResponse<'/api/v1/dues/collection'>;
export type Reconciliation = ApiResponse<'/api/v1/dues/reconciliation'>;
export type Handover = ApiItem<'/api/v1/dues/handovers'>;
export type MemberDues = ApiResponse<'/api/v1/dues/members/{memberId}'>;
export type MyDues = ApiResponse<'/api/v1/dues/me'>;
export type RosterMember = ApiItem<'/api/v1/dues/roster'>;
export type BaseInput = ApiRequest<'/api/v1/dues/bases', 'post'>;
export type PaymentInput = ApiRequest<'/api/v1/dues/payments', 'post'>;
export type Category = DuesBase['category'];
export type Method = DuesPayment['method'];

export const CATEGORY_LABEL: Record<Category, string> = { employed: '在职', retired: '离退休', fixed: '固定（学生、无固定收入、救济）' };
export const METHOD_LABEL: Record<Method, string> = { cash: '现金', transfer: '转账', payroll: '工资代扣', proxy: '代缴' };

/** "81.48" from 8148. */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '-';
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/** 分 of a 元 amount typed as text, or null when it is not one (the server says why). */
export function toFen(text: string | undefined): number | null {
  const m = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec((text ?? '').trim());
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : null;
}

export const monthLabel = (m: string) => `${Number(m.slice(5, 7))}月`;
export const thisYear = () => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
export const yearOptions = () => [thisYear() - 1, thisYear(), thisYear() + 1].map((y) => ({ value: y, label: `${y} 年` }));

export function useBranches() {
  return useQuery({ queryKey: ['dues', 'branches'], queryFn: ({ signal }) => api.get<ApiResponse<'/api/v1/dues/branches'>>(`${DUES_URL}/branches`, undefined, signal), staleTime: 60_000 });
}

export function useRoster(year: number, enabled = true) {
  return useQuery({ queryKey: ['dues', 'roster', year], queryFn: ({ signal }) => api.get<ApiResponse<'/api/v1/dues/roster'>>(`${DUES_URL}/roster`, { year }, signal), enabled, staleTime: 60_000 });
}

export function useMemberDues(memberId: string | undefined, year: number) {
  return useQuery({
    queryKey: ['dues', 'member', memberId, year],
    queryFn: ({ signal }) => api.get<MemberDues>(`${DUES_URL}/members/${encodeURIComponent(memberId!)}`, { year }, signal),
    enabled: !!memberId,
  });
}

/** After a change: every list and report of the module, and 我的待办. */
export function useRefreshDues() {
  const qc = useQueryClient();
  return () => Promise.all([
    qc.invalidateQueries({ queryKey: ['list'], predicate: (q) => String(q.queryKey[1] ?? '').startsWith(DUES_URL) }),
    qc.invalidateQueries({ queryKey: ['dues'] }),
  ]);
}
