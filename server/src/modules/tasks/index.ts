// What other modules may use of 督办: open a task "in one click" from their record (an assessment
// deduction, a compliance warning, a campaign, a meeting decision) with a link back to it.
export { createTask, type CreateTaskInput } from './service.js';
export { TASK_RULES } from './lights.js';
export { TASK_STATUS_NAMES, TASK_KIND_NAMES, SOURCE_NAMES } from './schema.js';
export { registerTaskServices } from './services.js';
export { tasksFromSource, taskStatuses } from './sources.js';
export { lightOf } from './lights.js';
export { advanceDemoTask } from './demo.js';
