// Shapes of the 待办 and notification answers (docs/api/notify.md).
import type { Instant } from '../../api/types';

export interface TodoItem {
  kind: string;
  title: string;
  /** Web path of the record, e.g. /tasks?id=… */
  link: string;
  entityId: string;
  orgName?: string;
  /** YYYY-MM-DD */
  due?: string;
  overdue: boolean;
}

export interface TodoKind {
  kind: string;
  name: string;
  count: number;
  /** False when the source failed this time (the others are still listed). */
  available: boolean;
}

export interface TodoList {
  today: string;
  items: TodoItem[];
  kinds: TodoKind[];
  total: number;
}

export interface Notification {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  createdAt: Instant;
  readAt: Instant | null;
}

export interface NotificationPage {
  items: Notification[];
  total: number;
  page: number;
  pageSize: number;
  unreadCount: number;
}
