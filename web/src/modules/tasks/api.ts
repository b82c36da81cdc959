// URLs and data hooks of the 督办 pages (docs/api/tasks.md).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Items } from '../../api/types';
import type { Assignee, ProgrammeDetail, ResponsibilityDetail, TaskAttachment, TaskDetail } from './types';

export const TASKS_URL = '/api/v1/tasks';
export const PROGRAMMES_URL = '/api/v1/programmes';
export const RESPONSIBILITIES_URL = '/api/v1/responsibilities';

export const taskUrl = (id: string, action?: string) => `${TASKS_URL}/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;
export const programmeUrl = (id: string) => `${PROGRAMMES_URL}/${encodeURIComponent(id)}`;
export const responsibilityUrl = (id: string, sub?: string) =>
  `${RESPONSIBILITIES_URL}/${encodeURIComponent(id)}${sub ? `/${sub}` : ''}`;

/** Everything the 督办 pages cache: one prefix to refresh after any change. */
export const TASKS_KEY = ['tasks'] as const;

export function useTask(id: string | null) {
  return useQuery({
    queryKey: [...TASKS_KEY, 'task', id],
    queryFn: ({ signal }) => api.get<TaskDetail>(taskUrl(id!), undefined, signal),
    enabled: !!id,
  });
}

export function useProgramme(id: string | null) {
  return useQuery({
    queryKey: [...TASKS_KEY, 'programme', id],
    queryFn: ({ signal }) => api.get<ProgrammeDetail>(programmeUrl(id!), undefined, signal),
    enabled: !!id,
  });
}

export function useResponsibility(id: string | null) {
  return useQuery({
    queryKey: [...TASKS_KEY, 'responsibility', id],
    queryFn: ({ signal }) => api.get<ResponsibilityDetail>(responsibilityUrl(id!), undefined, signal),
    enabled: !!id,
  });
}

/** Accounts that can take a task in an organisation (责任人 / 协办人 pickers). */
export function useAssignees(orgId: string | undefined) {
  return useQuery({
    queryKey: [...TASKS_KEY, 'assignees', orgId],
    queryFn: ({ signal }) => api.get<Items<Assignee>>(`${TASKS_URL}/assignees`, { orgId }, signal),
    enabled: !!orgId,
    staleTime: 60_000,
  });
}

/** Reloads every 督办 list and record, plus the 待办 and notifications a change may have made. */
export function useRefreshTasks(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: TASKS_KEY }),
      queryClient.invalidateQueries({ queryKey: ['list', TASKS_URL] }),
      queryClient.invalidateQueries({ queryKey: ['list', PROGRAMMES_URL] }),
      queryClient.invalidateQueries({ queryKey: ['list', RESPONSIBILITIES_URL] }),
      queryClient.invalidateQueries({ queryKey: ['notify'] }),
    ]);
  };
}

export const attachmentUrl = (taskId: string, fileId: string) => `${taskUrl(taskId, 'attachments')}/${encodeURIComponent(fileId)}`;
export const deleteAttachment = (taskId: string, fileId: string) => api.delete(attachmentUrl(taskId, fileId));

export const uploadAttachment = (taskId: string, file: File) => api.upload<TaskAttachment>(taskUrl(taskId, 'attachments'), file);
