// 组织关系转接 (issue 21): a transfer can be withdrawn (撤回) while it waits, and the member record says it is under way.
// `members.transfer_since` is the day a transfer out began, kept by the members module's own functions so the roster
// and the member page show 转接中 without reading the transfers room's table; transfers already waiting get it here.
import { sql, type Kysely } from 'kysely';

export function migration0034() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('transfers').addColumn('withdrawn_on', 'text').execute();
      await db.schema.alterTable('transfers').addColumn('withdraw_reason', 'text').execute();
      await db.schema.alterTable('members').addColumn('transfer_since', 'text').execute();
      await sql`update members set transfer_since = (
          select t.started_on from transfers t
          where t.tenant_id = members.tenant_id and t.member_id = members.id and t.direction = 'out' and t.status = 'pending')
        where exists (
          select 1 from transfers t
          where t.tenant_id = members.tenant_id and t.member_id = members.id and t.direction = 'out' and t.status = 'pending')`.execute(db);
    },
  };
}
