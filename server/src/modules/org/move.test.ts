import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';

// Every module that keeps an organisation's path beside its rows must follow a move in the same transaction,
// or a moved branch's records would stay visible to the old 党总支 and vanish from the new one.
const TABLES = [
  'info_entries', 'org_life_activities', 'publicity_manuscripts', 'publicity_correspondents',
  'campaign_orgs', 'campaign_submissions', 'campaign_cases', 'proposals',
] as const;

describe(`moving a branch carries every module's rows ${dialectLabel()}`, () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(); });
  afterAll(async () => { await t.close(); });

  const stale = async (orgId: string, path: string) => {
    const out: Record<string, { rows: number; stale: number }> = {};
    for (const table of TABLES) {
      const rows = await t.platform.db.selectFrom(table as 'proposals').select(['org_path']).where('org_id', '=', orgId).execute();
      out[table] = { rows: rows.length, stale: rows.filter((r) => r.org_path !== path).length };
    }
    return out;
  };

  it('机关第一党支部 moved under 物业党总支 and back: manuscripts, campaigns, cases, proposals, records all follow', async () => {
    const dw = await t.login('dangwei');
    const branch = await t.orgId('机关第一党支部');
    const [from, to] = [await t.orgId('机关党总支'), await t.orgId('物业党总支')];
    const before = await t.platform.db.selectFrom('organisations').select('path').where('id', '=', branch).executeTakeFirstOrThrow();
    for (const [table, c] of Object.entries(await stale(branch, before.path))) {
      // The demo gives this branch rows in each of these tables (so the test can fail).
      if (table !== 'campaign_cases') expect(c.rows, table).toBeGreaterThan(0);
      expect(c.stale, table).toBe(0);
    }

    const moved = await t.call('PATCH', `/api/v1/orgs/${branch}`, { cookie: dw, body: { parentId: to } });
    expect(moved.statusCode, moved.body).toBe(200);
    const after = await t.platform.db.selectFrom('organisations').select('path').where('id', '=', branch).executeTakeFirstOrThrow();
    expect(after.path.startsWith((await t.platform.db.selectFrom('organisations').select('path').where('id', '=', to).executeTakeFirstOrThrow()).path)).toBe(true);
    for (const [table, c] of Object.entries(await stale(branch, after.path))) expect(c.stale, table).toBe(0);

    const back = await t.call('PATCH', `/api/v1/orgs/${branch}`, { cookie: dw, body: { parentId: from } });
    expect(back.statusCode, back.body).toBe(200);
    for (const [table, c] of Object.entries(await stale(branch, before.path))) expect(c.stale, table).toBe(0);
  });
});
