// Shapes of the 待办 and notification answers (docs/api/notify.md), aliases of the generated API types.
import type { ApiItem, ApiResponse } from '../../api/types';

/** GET /todos: every module's 待办 for the current user, overdue first, and the count per kind (a kind whose
 *  source failed this time is `available: false`, the others are still listed). */
export type TodoList = ApiResponse<'/api/v1/todos'>;
/** One 待办; `link` is the web path of the record, `due` a YYYY-MM-DD date. */
export type TodoItem = TodoList['items'][number];

export type NotificationPage = ApiResponse<'/api/v1/notifications'>;
export type Notification = ApiItem<'/api/v1/notifications'>;
