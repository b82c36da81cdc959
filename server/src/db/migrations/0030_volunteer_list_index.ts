// The resident register reads a page by 小区, name and id among the live residents of one status: with this index
// SQLite walks the page in order and stops at its end instead of sorting every resident of the subtree first
// (docs/PERFORMANCE.md, issue 18).
import { sql, type Kysely } from 'kysely';

export function migration0030() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`create index if not exists volunteer_residents_list_idx on volunteer_residents (tenant_id, status, community, name, id) where deleted_at is null`.execute(db);
    },
  };
}
