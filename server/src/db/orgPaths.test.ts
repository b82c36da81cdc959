// The one rewrite an organisation move runs: every registered column under the old prefix, and nothing else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { inSubtree } from './dialect.js';
import { ORG_PATH_COLUMNS, rewriteOrgPaths } from './orgPaths.js';
import { createTestApp, dialectLabel, type TestApp } from '../test/harness.js';

describe(`rewriteOrgPaths ${dialectLabel()}`, () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(); });
  afterAll(async () => { await t.close(); });

  /** Rows per registered column under a prefix, and all rows of those columns. */
  const count = async (prefix: string) => {
    const out: Record<string, number> = {};
    for (const { table, column } of ORG_PATH_COLUMNS) {
      const rows = await t.platform.db.selectFrom(table as 'members').select(sql.ref<string>(column).as('p'))
        .where(inSubtree(sql.ref<string>(column), prefix)).execute();
      out[`${table}.${column}`] = rows.length;
    }
    return out;
  };

  it('moves every registered column of a subtree to the new prefix and back, leaving the rest alone', async () => {
    const branch = await t.orgId('机关第一党支部');
    const { path, tenant_id: tenantId } = await t.platform.db.selectFrom('organisations').select(['path', 'tenant_id']).where('id', '=', branch).executeTakeFirstOrThrow();
    const root = path.split('/').slice(0, 2).join('/') + '/';
    const before = await count(path);
    const wholeBefore = await count(root);
    // The demo gives this branch rows in most registered tables, so the test can fail.
    expect(Object.values(before).filter((n) => n > 0).length).toBeGreaterThanOrEqual(8);

    const moved = `${root}zz-moved/`;
    const changed = await t.platform.db.transaction().execute((trx) => rewriteOrgPaths(trx, tenantId, path, moved));
    const byTable: Record<string, number> = {};
    for (const [col, n] of Object.entries(before)) byTable[col.split('.')[0]!] = (byTable[col.split('.')[0]!] ?? 0) + n;
    expect(Object.fromEntries(Object.entries(changed).filter(([, n]) => n > 0))).toEqual(Object.fromEntries(Object.entries(byTable).filter(([, n]) => n > 0)));
    expect(Object.values(await count(path)).every((n) => n === 0)).toBe(true);
    expect(await count(moved)).toEqual(before);
    // Rows outside the subtree did not move: the whole tenant still holds the same number.
    expect(await count(root)).toEqual(wholeBefore);

    await t.platform.db.transaction().execute((trx) => rewriteOrgPaths(trx, tenantId, moved, path));
    expect(await count(path)).toEqual(before);
  });
});
