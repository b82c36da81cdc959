// 党务干部 register (issue 20): a 社区工作者 of the staff roster can hold a Party-affairs post of the committee (党务工作者
// or 党群部专职) with since and term, whether or not they are a member. It is a fact of the employment (kept with the
// staff record), not an organisation post, so it needs no membership; the register lists it beside the posts.
import type { Kysely } from 'kysely';

export function migration0038() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('staff').addColumn('party_work', 'text').execute();
      await db.schema.alterTable('staff').addColumn('party_work_since', 'text').execute();
      await db.schema.alterTable('staff').addColumn('party_work_until', 'text').execute();
    },
  };
}
