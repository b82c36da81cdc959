// When a resident is next due a visit: the latest visit (or, before any, the registration) plus the interval of
// their risk level (业务规则 volunteer.rules). Overdue once that day has passed. The list filter and the alerts
// compare stored dates in SQL against thresholds computed here, so paging and counts stay one statement.
import { sql, type Expression, type SqlBool } from 'kysely';
import { addDays, daysBetween } from '../../platform/calendar.js';
import { intervalDays, type VolunteerRules } from './settings.js';
import type { RiskLevel, VolunteerResidentTable } from './tables.js';

type DueRow = Pick<VolunteerResidentTable, 'last_visit_on' | 'registered_on' | 'risk' | 'status'>;

/** The day the next visit is due; null for a resident no longer 在册. */
export function nextDueOn(r: DueRow, rules: VolunteerRules): string | null {
  if (r.status !== 'active') return null;
  return addDays(r.last_visit_on ?? r.registered_on, intervalDays(rules, r.risk));
}

/** Days past the due day (0 when not overdue). */
export function overdueDays(r: DueRow, rules: VolunteerRules, today: string): number {
  const due = nextDueOn(r, rules);
  return due && due < today ? daysBetween(due, today) : 0;
}

/**
 * SQL: the resident aliased `alias` is 在册 and overdue on `today` — for each risk level, the latest visit (or the
 * registration) lies before today minus that level's interval.
 */
export function overdueCondition(today: string, rules: VolunteerRules, alias = 'vr'): Expression<SqlBool> {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  const level = (risk: RiskLevel) =>
    sql<SqlBool>`(${col('risk')} = ${risk} and coalesce(${col('last_visit_on')}, ${col('registered_on')}) < ${addDays(today, -intervalDays(rules, risk))})`;
  return sql<SqlBool>`(${col('status')} = 'active' and (${level('high')} or ${level('medium')} or ${level('low')}))`;
}
