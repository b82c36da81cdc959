// Recognises one unique key's violation from either dialect, so that two clerks saving the same person at the
// same moment get the same 409 as when the check before the write finds the duplicate.
import { uniqueViolation } from '../../db/dialect.js';

/**
 * Did `err` come from the unique key `constraint` (PostgreSQL names it) on `columns` (SQLite lists
 * them as "table.col, table.col")?
 */
export function isUniqueViolation(err: unknown, constraint: string, table: string, columns: string[]): boolean {
  const v = uniqueViolation(err);
  if (!v) return false;
  return v.constraint !== null ? v.constraint === constraint : v.message.includes(columns.map((c) => `${table}.${c}`).join(', '));
}
