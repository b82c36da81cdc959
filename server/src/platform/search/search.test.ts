// platform/search on the dialect under test: documents indexed directly, queried through the hits
// subquery joined to a small table of records, as a module would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { newId } from '../../db/ids.js';
import { indexDocuments, removeDocuments, searchHits } from './index.js';
import { queryTerms, tokenize } from './tokens.js';

let t: TestApp;
const A = newId();

/** A new tenant per test, so tests do not see each other's documents. */
async function tenant(): Promise<string> {
  const id = newId();
  await t.platform.db.insertInto('tenants').values({ id, name: `社区党委${id.slice(-4)}`, region_path: '/', created_at: new Date().toISOString() }).execute();
  return id;
}

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
  it('finds a record by a two-character substring of its title or body', async () => {
    const ten = await tenant();
    await put(ten, '社区消防安全管理制度', '每季度开展一次检查。');
    await put(ten, '党员学习教育计划', '');
    expect(await find(ten, '消防')).toEqual(['社区消防安全管理制度']);
    expect(await find(ten, '安全管理')).toEqual(['社区消防安全管理制度']);
    expect(await find(ten, '检查')).toEqual(['社区消防安全管理制度']);
    expect(await find(ten, '学习')).toEqual(['党员学习教育计划']);
    expect(await find(ten, '演练')).toEqual([]);
  });

  it('matches a term as written: its characters together and in order, not apart', async () => {
    const ten = await tenant();
    await put(ten, '消防器材与安全出口检查', '');
    await put(ten, '安全消防', '');
    await put(ten, '消防安全月', '');
    expect(await find(ten, '消防安全')).toEqual(['消防安全月']);
    expect(await find(ten, '防安')).toEqual(['消防安全月']);
    // Punctuation and spaces in a text end a run: a term does not continue across them.
    await put(ten, '消防，安全', '');
    await put(ten, '消防 安全', '');
    expect(await find(ten, '消防安全')).toEqual(['消防安全月']);
  });

  it('a one-character query finds every text that contains the character, wherever it stands', async () => {
    const ten = await tenant();
    await put(ten, '党建工作', '');
    await put(ten, '组织生活会', '正在召开党小组会');
    await put(ten, '入党', '');
    await put(ten, '工会活动', '');
    expect((await find(ten, '党'))!.sort()).toEqual(['党建工作', '入党', '组织生活会'].sort());
    expect((await find(ten, '会'))!.sort()).toEqual(['工会活动', '组织生活会'].sort());
  });

  it('several terms must all be present, in any order', async () => {
    const ten = await tenant();
    await put(ten, '社区消防安全管理制度', '每季度开展一次检查');
    await put(ten, '消防演练通知', '');
    expect(await find(ten, '检查 消防')).toEqual(['社区消防安全管理制度']);
    expect(await find(ten, '消防  演练')).toEqual(['消防演练通知']);
    expect(await find(ten, '消防 学习')).toEqual([]);
    expect(await find(ten, '消防 会')).toEqual([]);
    expect(await find(ten, '消防 度')).toEqual(['社区消防安全管理制度']);
  });

  it('mixes Chinese, digits and Latin letters; full-width forms and case are folded', async () => {
    const ten = await tenant();
    await put(ten, '2024年度消防演练', '');
    await put(ten, '２０２５年工作要点', '');
    await put(ten, 'Party Day 主题党日', '');
    expect(await find(ten, '2024年')).toEqual(['2024年度消防演练']);
    expect(await find(ten, '２０２４')).toEqual(['2024年度消防演练']);
    expect(await find(ten, '2025年工作')).toEqual(['２０２５年工作要点']);
    expect(await find(ten, '4年度')).toEqual(['2024年度消防演练']);
    expect(await find(ten, '202')!.then((r) => r!.sort())).toEqual(['2024年度消防演练', '２０２５年工作要点'].sort());
    expect(await find(ten, 'PARTY')).toEqual(['Party Day 主题党日']);
    expect(await find(ten, 'ｐａｒ')).toEqual(['Party Day 主题党日']);
    expect(await find(ten, 'y')).toEqual(['Party Day 主题党日']);
  });

  it('keeps characters outside the basic plane whole (CJK extension B)', async () => {
    const ten = await tenant();
    await put(ten, '𠀀𠀁𠀂村', '');
    expect(await find(ten, '𠀁𠀂')).toEqual(['𠀀𠀁𠀂村']);
    expect(await find(ten, '𠀂')).toEqual(['𠀀𠀁𠀂村']);
    expect(await find(ten, '𠀂𠀁')).toEqual([]);
  });

  it('treats quotes, operators and SQL or FTS syntax in a query as separators: no error, no injection', async () => {
    const ten = await tenant();
    await put(ten, '消防安全制度', '');
    await put(ten, '学习计划', '');
    await put(ten, 'NEAR 计划', '');
    for (const q of ['消防"', '"消防', "消防'", "'; drop table recs; --", '消防*', '消防:*', '消防 & 学习', '消防|学习',
      '!消防', '(消防)', '-学习', '消防%', '%防%', '消防_', '\\消防', '消防 OR 学习', 'NEAR(消防 学习)', '"消防" OR "学习"*',
      '消防:A', '消防 <-> 安全', "消防'' | ''学习", '消防\u0000']) {
      const got = await find(ten, q);
      const words = queryTerms(q);
      // Every word of the query is an ordinary term: the result is what the plain words give.
      const plain = await find(ten, words.map((w) => (w.kind === 'prefix' ? w.char : w.tokens.map((x) => x[0]).join('') + w.tokens.at(-1)!.slice(1))).join(' '));
      expect(got, q).toEqual(plain);
    }
    expect(await find(ten, '消防*')).toEqual(['消防安全制度']);
    expect(await find(ten, '-学习')).toEqual(['学习计划']);
    expect(await find(ten, '消防|学习')).toEqual([]);
    expect(await find(ten, '消防 OR 学习')).toEqual([]);
    expect(await find(ten, 'NEAR(计划')).toEqual(['NEAR 计划']);
    expect(await find(ten, "'; drop table recs; --")).toEqual([]);
    expect(await find(ten, '计划')).toHaveLength(2);
  });

  it('returns null for a query without a letter or digit (the caller then filters nothing)', () => {
    for (const q of ['', '   ', '，。！？', '"*"', '--', '%_%', '\u3000']) expect(searchHits(t.platform.data.dialect, A, ['info'], q), q).toBeNull();
  });

  it("never finds another tenant's documents", async () => {
    const one = await tenant();
    const two = await tenant();
    await put(one, '消防安全制度', '');
    await put(two, '消防演练方案', '');
    expect(await find(one, '消防')).toEqual(['消防安全制度']);
    expect(await find(two, '消防')).toEqual(['消防演练方案']);
    // Even when the hits are not joined to a tenant-filtered table.
    const hits = searchHits(t.platform.data.dialect, one, ['info'], '消防')!;
    const rows = await t.platform.db.selectFrom(hits).selectAll().execute();
    expect(rows).toHaveLength(1);
  });

  it('keeps to the asked kinds and says which kind each hit is', async () => {
    const ten = await tenant();
    const info = await put(ten, '消防安全制度', '', 'info');
    const task = await put(ten, '消防检查任务', '', 'task');
    expect(await find(ten, '消防', ['info'])).toEqual(['消防安全制度']);
    expect(await find(ten, '消防', ['task'])).toEqual(['消防检查任务']);
    expect((await find(ten, '消防', ['info', 'task']))!.sort()).toEqual(['消防安全制度', '消防检查任务'].sort());
    const hits = searchHits(t.platform.data.dialect, ten, ['info', 'task'], '消防')!;
    const rows = await t.platform.db.selectFrom(hits).select(['h.entity_id', 'h.kind']).execute();
    expect(rows.map((r) => `${r.kind}:${r.entity_id}`).sort()).toEqual([`info:${info}`, `task:${task}`].sort());
    // The same entity id under two kinds is two documents.
    await indexDocuments(t.platform.db, t.platform.data.dialect, ten, [{ kind: 'manuscript', entityId: info, title: '通讯稿', body: '' }]);
    expect(await find(ten, '消防', ['info'])).toEqual(['消防安全制度']);
    expect(() => searchHits(t.platform.data.dialect, ten, [], '消防')).toThrow();
    await expect(indexDocuments(t.platform.db, t.platform.data.dialect, ten, [{ kind: "x' or 1=1", entityId: info, title: '', body: '' }])).rejects.toThrow();
  });

  it('re-indexing replaces the old text: its words no longer match', async () => {
    const ten = await tenant();
    const id = await put(ten, '消防安全制度', '旧的正文内容');
    await put(ten, '党费收缴制度', '新的正文', 'info', id);
    expect(await find(ten, '消防')).toEqual([]);
    expect(await find(ten, '旧的')).toEqual([]);
    expect(await find(ten, '党费')).toEqual(['党费收缴制度']);
    expect(await find(ten, '新的')).toEqual(['党费收缴制度']);
    // Several documents in one call, the same one twice: the last one wins.
    await indexDocuments(t.platform.db, t.platform.data.dialect, ten, [
      { kind: 'info', entityId: id, title: '第一稿', body: '' },
      { kind: 'info', entityId: id, title: '党费收缴办法', body: '' },
    ]);
    expect(await find(ten, '第一')).toEqual([]);
    expect(await find(ten, '办法')).toHaveLength(1);
    // A text with nothing searchable leaves nothing behind.
    await indexDocuments(t.platform.db, t.platform.data.dialect, ten, [{ kind: 'info', entityId: id, title: '——', body: '' }]);
    expect(await find(ten, '党费')).toEqual([]);
  });

  it('removes documents, and only those asked for', async () => {
    const ten = await tenant();
    const a = await put(ten, '消防安全制度', '');
    const b = await put(ten, '消防演练方案', '');
    const other = await tenant();
    await put(other, '消防演练方案', '', 'info', b);
    await t.platform.db.transaction().execute((trx) => removeDocuments(trx, t.platform.data.dialect, ten, 'info', [a, newId()]));
    expect(await find(ten, '消防')).toEqual(['消防演练方案']);
    await removeDocuments(t.platform.db, t.platform.data.dialect, ten, 'task', [b]);
    expect(await find(ten, '消防')).toEqual(['消防演练方案']);
    await removeDocuments(t.platform.db, t.platform.data.dialect, ten, 'info', [b]);
    expect(await find(ten, '消防')).toEqual([]);
    expect(await find(other, '消防')).toEqual(['消防演练方案']);
    await removeDocuments(t.platform.db, t.platform.data.dialect, ten, 'info', []);
  });

  it('lists records whose title contains the query first, then by recency (the module\'s order)', async () => {
    const ten = await tenant();
    await put(ten, '消防安全管理制度', '');
    await put(ten, '年度工作计划', `${'加强消防安全，'.repeat(60)}落实责任`);
    await put(ten, '社区工作安排', '做好消防安全');
    await put(ten, '消防安全月活动', '消防安全');
    expect(await find(ten, '消防安全')).toEqual(['消防安全月活动', '消防安全管理制度', '社区工作安排', '年度工作计划']);
    // Every term must be in the title for the title to count.
    const two = await tenant();
    await put(two, '消防制度', '每月检查');
    await put(two, '工作记录', '消防检查');
    await put(two, '消防检查', '');
    await put(two, '月度安排', '消防检查');
    expect(await find(two, '消防 检查')).toEqual(['消防检查', '月度安排', '工作记录', '消防制度']);
  });

  it('pages and counts in the same SQL as the module\'s own filters', async () => {
    const ten = await tenant();
    // Titles of equal length: equal relevance, so recency decides the order.
    for (let i = 1; i <= 25; i++) await put(ten, `第${String(i).padStart(2, '0')}号消防通知`, '');
    await put(ten, '学习通知', '');
    const hits = searchHits(t.platform.data.dialect, ten, ['info'], '消防 通知')!;
    const base = recs().selectFrom('recs as r').innerJoin(hits, (j) => j.onRef('h.entity_id', '=', 'r.id')).where('r.tenant_id', '=', ten);
    const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(total.n)).toBe(25);
    const page = await base.select('r.title').orderBy('h.rank', 'desc').orderBy('r.updated_at', 'desc').limit(10).offset(20).execute();
    expect(page.map((r) => r.title)).toEqual(['第05号消防通知', '第04号消防通知', '第03号消防通知', '第02号消防通知', '第01号消防通知']);
  });

  it('indexes a long body (50,000 characters) and still finds phrases anywhere in it', async () => {
    const ten = await tenant();
    // A bigram repeated far more often than a PostgreSQL tsvector keeps positions for, and a text
    // longer than its position range: the phrase at the very end must still be found.
    const repeated = `${'党员学习'.repeat(12_500)}结尾处的消防安全检查`;
    await put(ten, '长文一', repeated);
    const many = `${'哈'.repeat(5000)}消防员`;
    await put(ten, '长文二', many);
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const varied = Array.from({ length: 50_000 }, () => String.fromCodePoint(0x4e00 + Math.floor(rnd() * 20000))).join('');
    await put(ten, '长文三', `${varied}末尾暗号`);
    expect(await find(ten, '结尾处的消防安全检查')).toEqual(['长文一']);
    expect(await find(ten, '学习党员')).toEqual(['长文一']);
    expect(await find(ten, '哈哈哈哈哈哈哈哈哈哈哈哈消防员')).toEqual(['长文二']);
    expect(await find(ten, '末尾暗号')).toEqual(['长文三']);
    expect(await find(ten, varied.slice(30_000, 30_020))).toEqual(['长文三']);
    expect(await find(ten, '员学习党员学习党员学习党员学')).toEqual(['长文一']);
    // Terms of the longest length (32 characters) cut anywhere around where PostgreSQL starts a new
    // chunk of positions (about character 16,380 here) are still found.
    for (let at = 16_330; at <= 16_400; at += 7) expect(await find(ten, varied.slice(at, at + 32)), String(at)).toEqual(['长文三']);
    expect(await find(ten, `${'哈'.repeat(29)}消防员`)).toEqual(['长文二']);
  });

  it('uses the first 32 characters of a longer term', async () => {
    const ten = await tenant();
    const long = '中国共产党章程规定党员必须履行下列义务认真学习马克思列宁主义毛泽东思想';
    await put(ten, '党章学习', `第三条：${long}。`);
    expect(await find(ten, long)).toEqual(['党章学习']);
    expect(await find(ten, `${long.slice(0, 32)}不同的结尾`)).toEqual(['党章学习']);
    expect(await find(ten, `不同的开头${long}`)).toEqual([]);
  });

  it('two transactions replacing the same document at once both succeed; the later one stays', async () => {
    const ten = await tenant();
    const id = await put(ten, '初稿', '');
    // The first transaction replaces the document and stays open; the second starts its replace (on
    // PostgreSQL it waits for the first one's row locks), then the first commits.
    let indexed!: () => void;
    let release!: () => void;
    const firstIndexed = new Promise<void>((r) => (indexed = r));
    const gate = new Promise<void>((r) => (release = r));
    const first = t.platform.db.transaction().execute(async (trx) => {
      // A long body (several chunks on PostgreSQL) that the shorter second version must fully replace.
      const body = `${Array.from({ length: 40_000 }, (_, i) => String.fromCodePoint(0x4e00 + ((i * 7919) % 20000))).join('')}末尾暗号`;
      await indexDocuments(trx, t.platform.data.dialect, ten, [{ kind: 'info', entityId: id, title: '消防制度', body }]);
      indexed();
      await gate;
    });
    await firstIndexed;
    const second = t.platform.db.transaction().execute((trx) =>
      indexDocuments(trx, t.platform.data.dialect, ten, [{ kind: 'info', entityId: id, title: '党费制度', body: '' }]));
    setTimeout(release, 300);
    await Promise.all([first, second]);
    expect(await find(ten, '党费')).toHaveLength(1);
    expect(await find(ten, '消防')).toEqual([]);
    expect(await find(ten, '末尾暗号')).toEqual([]);
    expect(await find(ten, '初稿')).toEqual([]);
  });
});
