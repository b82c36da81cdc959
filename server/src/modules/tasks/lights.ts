// Traffic lights of a task on Asia/Shanghai calendar days: done once verified, red from the day after the
// due date, yellow from N days before it (setting tasks.rules.yellowDays, docs/DOMAIN.md default 3), else green.
// The list filter compares due dates in SQL against thresholds computed here, so paging stays in SQL.
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { z } from 'zod';
import type { SettingDef } from '../../platform/settings/service.js';
import type { Light } from './schema.js';
import type { TaskStatus } from './tables.js';
import { addDays } from '../../platform/calendar.js';

const rulesSchema = z.object({
  /** Yellow from this many days before the due date. */
  yellowDays: z.number().int().min(0).max(60).describe('到期前亮黄灯天数'),
  /** The reminder job notifies owners of open tasks due within this many days (and overdue ones). */
  reminderDays: z.number().int().min(0).max(60).describe('到期前提醒天数'),
});
export type TaskRules = z.infer<typeof rulesSchema>;

export const TASK_RULES: SettingDef<TaskRules> = { key: 'tasks.rules', schema: rulesSchema, defaults: { yellowDays: 3, reminderDays: 3 } };


export function lightOf(status: TaskStatus, dueOn: string, today: string, yellowDays: number): Light {
  if (status === 'closed') return 'done';
  if (dueOn < today) return 'red';
  if (dueOn <= addDays(today, yellowDays)) return 'yellow';
  return 'green';
}

/** SQL condition for one light, given the task's status and due-date columns. */
export function lightCondition(light: Light, cols: { status: Expression<string>; dueOn: Expression<string> }, today: string, yellowDays: number): Expression<SqlBool> {
  const yellowUntil = addDays(today, yellowDays);
  switch (light) {
    case 'done': return sql<SqlBool>`${cols.status} = 'closed'`;
    case 'red': return sql<SqlBool>`(${cols.status} <> 'closed' and ${cols.dueOn} < ${today})`;
    case 'yellow': return sql<SqlBool>`(${cols.status} <> 'closed' and ${cols.dueOn} >= ${today} and ${cols.dueOn} <= ${yellowUntil})`;
    case 'green': return sql<SqlBool>`(${cols.status} <> 'closed' and ${cols.dueOn} > ${yellowUntil})`;
  }
}

/** SQL expression naming the light of each row (for counting by light in one query). */
export function lightCase(cols: { status: Expression<string>; dueOn: Expression<string> }, today: string, yellowDays: number): RawBuilder<string> {
  const yellowUntil = addDays(today, yellowDays);
  return sql<string>`case when ${cols.status} = 'closed' then 'done' when ${cols.dueOn} < ${today} then 'red' when ${cols.dueOn} <= ${yellowUntil} then 'yellow' else 'green' end`;
}
