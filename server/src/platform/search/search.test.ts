// platform/search on the dialect under test: documents indexed directly, queried through the hits
// subquery joined to a small table of records, as a module would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { newId } from '../../db/ids.js';
import { indexDocuments, searchHits } from './index.js';
import { queryTerms, tokenize } from './tokens.js';

let t: TestApp;
const A = newId();
const B = newId();

// A stand-in for a module's table: the hits are joined to it as info_entries would be.
interface Rec { tenant_id: string; id: string; title: string; updated_at: string }
const recs = () => t.platform.db.withTables<{ recs: Rec }>();

let clock = 0;
async function put(tenantId: string, title: string, body = '', kind = 'info', id = newId()): Promise<string> {
  const at = new Date(Date.UTC(2026, 0, 1) + clock++ * 1000).toISOString();
  await t.platform.db.transaction().execute(async (trx) => {
    const d = trx.withTables<{ recs: Rec }>();
    await d.deleteFrom('recs').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
    await d.insertInto('recs').values({ tenant_id: tenantId, id, title, updated_at: at }).execute();
    await indexDocuments(trx, t.platform.data.dialect, tenantId, [{ kind, entityId: id, title, body }]);
  });
  return id;
}

/** Titles of the tenant's matching records, best first, as a module's list would show them. */
async function find(tenantId: string, q: string, kinds: string[] = ['info']): Promise<string[] | null> {
  const hits = searchHits(t.platform.data.dialect, tenantId, kinds, q);
  if (!hits) return null;
  const rows = await recs()
    .selectFrom('recs as r')
    .innerJoin(hits, (j) => j.onRef('h.entity_id', '=', 'r.id'))
    .where('r.tenant_id', '=', tenantId)
    .select(['r.title', 'h.rank'])
    .orderBy('h.rank', 'desc')
    .orderBy('r.updated_at', 'desc')
    .execute();
  return rows.map((r) => r.title);
}

beforeAll(async () => {
  t = await createTestApp({ seed: false });
  const at = new Date().toISOString();
  await t.platform.db.insertInto('tenants').values([
    { id: A, name: '甲社区党委', region_path: '/', created_at: at },
    { id: B, name: '乙社区党委', region_path: '/', created_at: at },
  ]).execute();
  await sql`create table recs (tenant_id text not null, id text not null, title text not null, updated_at text not null, primary key (tenant_id, id))`.execute(t.platform.db);
});
afterAll(async () => {
  await t?.close();
});

describe(`search tokens ${dialectLabel()}`, () => {
  it('splits runs of letters and digits into overlapping bigrams and the last character', () => {
    expect(tokenize('消防安全')).toEqual(['消防', '防安', '安全', '全']);
    expect(tokenize('党')).toEqual(['党']);
    expect(tokenize('消防，安全!')).toEqual(['消防', '防', '安全', '全']);
    expect(tokenize('２０２４年 ABC')).toEqual(['20', '02', '24', '4年', '年', 'ab', 'bc', 'c']);
    expect(tokenize('𠀀𠀁')).toEqual(['𠀀𠀁', '𠀁']);
    expect(tokenize(' ，。')).toEqual([]);
  });

  it('turns a query into phrases of bigrams and one-character prefixes', () => {
    expect(queryTerms('消防安全 党')).toEqual([
      { kind: 'phrase', tokens: ['消防', '防安', '安全'] },
      { kind: 'prefix', char: '党' },
    ]);
    expect(queryTerms('"\'*:&|!(-%')).toEqual([]);
  });
});

describe(`search ${dialectLabel()}`, () => {
  it('finds a record by a two-character substring of its title', async () => {
    await put(A, '社区消防安全管理制度', '每季度开展一次检查。');
    expect(await find(A, '消防')).toEqual(['社区消防安全管理制度']);
    expect(await find(A, '检查')).toEqual(['社区消防安全管理制度']);
    expect(await find(A, '学习')).toEqual([]);
  });
});
