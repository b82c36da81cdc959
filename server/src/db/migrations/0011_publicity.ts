// 宣传 (issue 8): correspondents, their training, manuscripts with comments and revisions.
import type { Kysely } from 'kysely';
import type { DbDialect } from '../../config.js';

export function migration0011(dialect: DbDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      void db;
      void dialect;
    },
  };
}
