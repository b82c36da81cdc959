// What modules use of platform/notify: the 待办 registry and the notification sender (both on Platform:
// `p.todos`, `p.notify`). See docs/api/notify.md.
export { TodoRegistry, type TodoItem, type TodoSource, type TodoContext, type TodoList, type TodoKindSummary } from './todos.js';
export { NotifyService, type NotificationInput } from './service.js';
