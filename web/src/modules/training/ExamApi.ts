// Shapes and calls of the 考试 routes (/api/v1/training/exams…, /my/exams, /attempts; docs/api/training-exams.md) and
// the Chinese labels of their codes. One cache prefix, so a submission refreshes 我的考试 and 待办 too.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ApiItem, ApiRequest, ApiResponse } from '../../api/types';
import { listQueryKey } from '../../components/ListPage';
import { NOTIFY_KEY } from '../notify/api';

export const TRAINING_API = '/api/v1/training';
export const EXAMS_URL = `${TRAINING_API}/exams`;
export const examUrl = (id: string, action?: string) => `${EXAMS_URL}/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;
export const attemptUrl = (id: string, action?: string) => `${TRAINING_API}/attempts/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

export type Exam = ApiItem<'/api/v1/training/exams'>;
export type ExamDetail = ApiResponse<'/api/v1/training/exams/{id}'>;
export type ExamInput = ApiRequest<'/api/v1/training/exams', 'post'>;
export type PaperRule = NonNullable<ExamInput['rules']>[number];
export type PoolAnswer = ApiResponse<'/api/v1/training/exams/pool'>;
export type RulesCheck = ApiResponse<'/api/v1/training/exams/rules-check', 'post'>;
export type ExamStats = ApiResponse<'/api/v1/training/exams/{id}/stats'>;
export type MyExams = ApiResponse<'/api/v1/training/my/exams'>;
export type MyExam = MyExams['items'][number];
export type Attempt = ApiResponse<'/api/v1/training/attempts/{id}'>;
export type AttemptQuestion = Attempt['questions'][number];
export type QuestionKind = AttemptQuestion['kind'];

export const KIND_LABEL: Record<QuestionKind, string> = { single: '单选题', multiple: '多选题', judge: '判断题', fill: '填空题' };
export const DIFFICULTY_LABEL: Record<number, string> = { 1: '易', 2: '中', 3: '难' };
export const PHASE_LABEL: Record<Exam['phase'], string> = { draft: '草稿', upcoming: '未开始', open: '进行中', closed: '已结束' };
export const PHASE_COLOR: Record<Exam['phase'], string> = { draft: 'default', upcoming: 'blue', open: 'green', closed: 'default' };
export const JUDGE_OPTIONS = [{ key: 'T', text: '正确' }, { key: 'F', text: '错误' }];

const KEY = ['training', 'exams'] as const;

export function useMyExams() {
  return useQuery({ queryKey: [...KEY, 'mine'], queryFn: ({ signal }) => api.get<MyExams>(`${TRAINING_API}/my/exams`, undefined, signal) });
}

export function useAttempt(id: string | undefined) {
  return useQuery({ queryKey: [...KEY, 'attempt', id], queryFn: ({ signal }) => api.get<Attempt>(attemptUrl(id!), undefined, signal), enabled: !!id });
}

export function useExam(id: string | null) {
  return useQuery({ queryKey: [...KEY, 'exam', id], queryFn: ({ signal }) => api.get<ExamDetail>(examUrl(id!), undefined, signal), enabled: !!id });
}

export function useExamStats(id: string | null) {
  return useQuery({ queryKey: [...KEY, 'stats', id], queryFn: ({ signal }) => api.get<ExamStats>(examUrl(id!, 'stats'), undefined, signal), enabled: !!id });
}

export function usePool(query: { orgId?: string; kind?: string; tag?: string; keyword?: string }, enabled: boolean) {
  return useQuery({
    queryKey: [...KEY, 'pool', query],
    queryFn: ({ signal }) => api.get<PoolAnswer>(`${EXAMS_URL}/pool`, query, signal),
    enabled: enabled && !!query.orgId,
  });
}

export function useRulesCheck(orgId: string | undefined, rules: PaperRule[], enabled: boolean) {
  return useQuery({
    queryKey: [...KEY, 'rules', orgId, rules],
    queryFn: () => api.post<RulesCheck>(`${EXAMS_URL}/rules-check`, { orgId, rules }),
    enabled: enabled && !!orgId && rules.length > 0 && rules.every((r) => r.count > 0 && r.points > 0),
  });
}

/** Reloads every exam view, the keeper's list and 我的待办. */
export function useRefreshExams() {
  const qc = useQueryClient();
  return () => Promise.all([
    qc.invalidateQueries({ queryKey: KEY }),
    qc.invalidateQueries({ queryKey: listQueryKey(EXAMS_URL) }),
    qc.invalidateQueries({ queryKey: NOTIFY_KEY }),
  ]);
}

/** Minutes and seconds left until `deadline`, counted from the server's clock (offset = server now − local now). */
export function remaining(deadline: string, offsetMs: number): number {
  return Math.max(0, Math.floor((Date.parse(deadline) - (Date.now() + offsetMs)) / 1000));
}

export const mmss = (s: number) => `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
