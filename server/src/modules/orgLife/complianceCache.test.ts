// The compliance list cache keeps one list per key: a list of an older 组织生活 counter is never read again,
// and keeping it (the counter in the key) filled the cache with dead lists under steady writes (issue 16's
// soak run: the retained heap climbed ~3.6 MB a minute until the 500 places were full).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import type { ComplianceResult } from './compliance.js';
import { cachedCompliance, keptComplianceLists } from './complianceCache.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe(`compliance list cache ${dialectLabel()}`, () => {
  it('computes again when the counter rises and keeps only the newest list of a key', async () => {
    const db = t.platform.db;
    const tenant = (await db.selectFrom('tenants').select('id').where('id', 'not like', '00000000-%').executeTakeFirstOrThrow()).id;
    const setCounter = async (v: number) => {
      await sql`delete from org_life_versions where tenant_id = ${tenant}`.execute(db);
      await sql`insert into org_life_versions (tenant_id, version) values (${tenant}, ${v})`.execute(db);
    };
    let computed = 0;
    const compute = () => Promise.resolve({ computed: ++computed } as unknown as ComplianceResult);
    const read = async (key: string) => (await cachedCompliance(db, tenant, key, compute)) as unknown as { computed: number };
    await setCounter(1);
    expect((await read('a')).computed).toBe(1);
    expect((await read('a')).computed).toBe(1);
    for (let v = 2; v <= 5; v++) {
      await setCounter(v);
      expect((await read('a')).computed).toBe(v);
      expect((await read('a')).computed).toBe(v);
    }
    expect((await read('b')).computed).toBe(6);
    expect(keptComplianceLists(db)).toBe(2);
  });
});
