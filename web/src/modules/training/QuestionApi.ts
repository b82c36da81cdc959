// Calls, types and data hooks of the question bank (题库) pages; one cache prefix so a change refreshes the list,
// the kind counts and the tags offered in the form.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ApiRequest, ApiResponse } from '../../api/types';
import { listQueryKey } from '../../components/ListPage';

export const QUESTIONS_URL = '/api/v1/training/questions';
export const questionUrl = (id: string) => `${QUESTIONS_URL}/${encodeURIComponent(id)}`;

export type QuestionPage = ApiResponse<'/api/v1/training/questions'>;
export type Question = QuestionPage['items'][number];
export type QuestionKind = Question['kind'];
export type QuestionInput = ApiRequest<'/api/v1/training/questions', 'post'>;
export type QuestionTags = ApiResponse<'/api/v1/training/questions/tags'>;

export const KIND_NAMES: Record<QuestionKind, string> = { single: '单选题', multiple: '多选题', judge: '判断题', fill: '填空题' };
export const KIND_COLORS: Record<QuestionKind, string> = { single: 'blue', multiple: 'purple', judge: 'cyan', fill: 'gold' };
export const DIFFICULTY_NAMES: Record<number, string> = { 1: '易', 2: '中', 3: '难' };
export const OPTION_KEYS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];

/** The answer as a keeper reads it: letters, 对/错, or the accepted texts. */
export function answerText(q: Pick<Question, 'kind' | 'answer'>): string {
  if (q.kind === 'judge') return q.answer[0] === 'T' ? '对' : '错';
  if (q.kind === 'fill') return q.answer.join(' / ');
  return q.answer.join('');
}

export function useQuestionTags() {
  return useQuery({
    queryKey: ['training', 'questionTags'],
    queryFn: ({ signal }) => api.get<QuestionTags>(`${QUESTIONS_URL}/tags`, undefined, signal),
    staleTime: 30_000,
  });
}

/** After a change: the list, its counts and the tags. */
export function useRefreshQuestions(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: listQueryKey(QUESTIONS_URL) }),
      queryClient.invalidateQueries({ queryKey: ['training', 'questionTags'] }),
    ]);
  };
}

export const saveQuestion = (id: string | null, body: QuestionInput) =>
  id ? api.patch<Question>(questionUrl(id), body) : api.post<Question>(QUESTIONS_URL, body);
export const deleteQuestion = (id: string) => api.delete(questionUrl(id));
