// What modules use of platform/jobs (on Platform as `p.jobs`). See docs/api/notify.md.
export { JobRunner, dueRunKey, MAX_ATTEMPTS, type JobDef, type JobSchedule, type JobContext, type JobRunResult } from './runner.js';
