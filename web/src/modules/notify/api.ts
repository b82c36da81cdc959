// URLs and data hooks of 我的待办 and 消息通知.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { NotificationPage, TodoList } from './types';

export const TODOS_URL = '/api/v1/todos';
export const NOTIFICATIONS_URL = '/api/v1/notifications';

/** Every 待办/notification query starts with this key, so a change anywhere can refresh them all. */
export const NOTIFY_KEY = ['notify'] as const;

export function useTodos() {
  return useQuery({
    queryKey: [...NOTIFY_KEY, 'todos'],
    queryFn: ({ signal }) => api.get<TodoList>(TODOS_URL, undefined, signal),
  });
}

/** The unread count for the header bell, polled every minute. */
export function useUnreadCount() {
  return useQuery({
    queryKey: [...NOTIFY_KEY, 'unread'],
    queryFn: ({ signal }) => api.get<NotificationPage>(NOTIFICATIONS_URL, { unread: true, pageSize: 1 }, signal),
    select: (p) => p.unreadCount,
    refetchInterval: 60_000,
    staleTime: 30_000,
  });
}

export function useRefreshNotify(): () => Promise<void> {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: NOTIFY_KEY });
}
