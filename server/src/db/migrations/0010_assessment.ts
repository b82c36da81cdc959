// Placeholder: filled in by the module that owns these tables.
import type { Kysely } from 'kysely';
import type { DbDialect } from '../../config.js';

export function migration0010(_dialect: DbDialect) {
  return {
    async up(_db: Kysely<unknown>): Promise<void> {},
  };
}
