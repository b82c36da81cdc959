// Migration 0034 on a database of an older release: a transfer out that was already waiting marks its member 转接中
// (members.transfer_since = the day it began); a received one and a member without a transfer stay unmarked.
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { loadConfig } from '../../config.js';
import { openDatabase } from '../../db/connect.js';
import { migrateTo, migrateToLatest } from '../../db/migrate.js';
import { dialectLabel, freshDatabase } from '../../test/harness.js';

const id = (n: number) => `0190d5a0-0000-7000-8000-${String(n).padStart(12, '0')}`;

describe(`migration 0034 marks the members of transfers already waiting ${dialectLabel()}`, () => {
  it('sets transfer_since from the waiting transfer out, and only there', async () => {
    const fresh = await freshDatabase();
    const config = loadConfig(fresh.env);
    const data = openDatabase(config.dialect, config.databaseUrl);
    try {
      await migrateTo(data.db, data.dialect, '0031_file_chunks');
      const at = '2026-01-01T00:00:00.000Z';
      const [tenant, unit, branch] = [id(1), id(2), id(3)];
      await sql`insert into tenants (id, name, region_path, created_at) values (${tenant}, '测试党委', '/', ${at})`.execute(data.db);
      await sql`insert into units (tenant_id, id, parent_id, kind, name, path, depth, created_at, updated_at)
        values (${tenant}, ${unit}, null, 'office', '测试科', ${`/${unit}/`}, 0, ${at}, ${at})`.execute(data.db);
      await sql`insert into organisations (tenant_id, id, parent_id, kind, name, path, depth, sort_order, created_at, updated_at)
        values (${tenant}, ${branch}, null, 'branch', '第一党支部', ${`/${branch}/`}, 0, 0, ${at}, ${at})`.execute(data.db);
      for (const n of [1, 2, 3]) {
        await sql`insert into staff (tenant_id, id, unit_id, name, gender, ethnicity, birth_date, id_number_enc, id_number_hash, employment, created_at, updated_at)
          values (${tenant}, ${id(10 + n)}, ${unit}, ${`党员${n}`}, 'male', '汉族', '1980-01-01', ${`enc${n}`}, ${`hash${n}`}, 'active', ${at}, ${at})`.execute(data.db);
        await sql`insert into members (tenant_id, id, staff_id, branch_id, group_id, org_path, type, joined_on, confirmed_on, probation_extended_months, status, party_posts, created_at, updated_at)
          values (${tenant}, ${id(20 + n)}, ${id(10 + n)}, ${branch}, null, ${`/${branch}/`}, 'full', '2010-07-01', '2011-07-01', 0, 'active', '[]', ${at}, ${at})`.execute(data.db);
      }
      // Member 1 waits on a transfer out; member 2's was received; member 3 has none.
      for (const [n, status, started] of [[1, 'pending', '2026-11-02'], [2, 'received', '2026-10-09']] as const) {
        await sql`insert into transfers (tenant_id, id, direction, scope, status, member_id, member_name, from_org_id, from_org_path, counterpart, started_on, reason, created_at, updated_at)
          values (${tenant}, ${id(30 + n)}, 'out', 'external', ${status}, ${id(20 + n)}, ${`党员${n}`}, ${branch}, ${`/${branch}/`}, '某区委组织部', ${started}, '随迁', ${at}, ${at})`.execute(data.db);
      }
      await migrateToLatest(data.db, data.dialect);
      const rows = await data.db.selectFrom('members').select(['id', 'transfer_since']).orderBy('id').execute();
      expect(rows.map((r) => r.transfer_since)).toEqual(['2026-11-02', null, null]);
      const transfers = await data.db.selectFrom('transfers').select(['withdrawn_on', 'withdraw_reason']).execute();
      expect(transfers).toEqual([{ withdrawn_on: null, withdraw_reason: null }, { withdrawn_on: null, withdraw_reason: null }]);
    } finally {
      await data.close();
      await fresh.drop();
    }
  });
});
