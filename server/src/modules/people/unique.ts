// Recognises a unique-key violation from either dialect, so that two clerks saving the same person at
// the same moment get the same 409 as when the check before the write finds the duplicate.
interface DbError {
  code?: unknown;
  constraint?: unknown;
  message?: unknown;
}

/**
 * Did `err` come from the unique key `constraint` (PostgreSQL names it) on `columns` (SQLite lists
 * them as "table.col, table.col")?
 */
export function isUniqueViolation(err: unknown, constraint: string, table: string, columns: string[]): boolean {
  const e = err as DbError;
  if (!e || typeof e !== 'object') return false;
  if (e.code === '23505') return e.constraint === constraint;
  if (typeof e.code === 'string' && e.code.startsWith('SQLITE_CONSTRAINT') && typeof e.message === 'string') {
    return e.message.includes(columns.map((c) => `${table}.${c}`).join(', '));
  }
  return false;
}
