// Rough timings of platform/search (not a test): indexes synthetic Chinese documents and times list
// queries as a module runs them (hits joined to the records, ordered by relevance then recency,
// LIMIT 20, plus the count). Run from the repository root:
//   npx tsx server/src/platform/search/bench.ts sqlite [docs]
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:39487/postgres npx tsx server/src/platform/search/bench.ts postgres [docs]
// PostgreSQL: a throwaway database is created on that server and dropped at the end.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type AliasedRawBuilder } from 'kysely';
import { openDatabase, type DataLayer } from '../../db/connect.js';
import { migrateToLatest } from '../../db/migrate.js';
import { newId } from '../../db/ids.js';
import { indexDocuments, searchHits, type SearchDoc, type SearchHit } from './index.js';
import { searchHitsPg } from './postgres.js';
import { queryTerms } from './tokens.js';
import { throwawayDatabase } from '../../db/throwaway.js';

const dialect = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
const total = Number(process.argv[3] ?? (dialect === 'postgres' ? 200_000 : 50_000));

// Words of the domain, so that bigram frequencies look like real Party-building texts: a few very
// common (党员, 工作, 支部), many rarer.
const WORDS = ('党员 支部 工作 学习 消防安全 教育 组织 生活 会议 党委 社区 书记 委员 制度 管理 落实 责任 开展 活动 主题 党日 ' +
  '消防 安全 检查 演练 通知 计划 总结 方案 民主 评议 发展 对象 积极分子 预备 转正 党费 收缴 标准 讲话 精神 ' +
  '三会一课 组织生活会 谈心谈话 志愿服务 网格 居民 服务 群众 困难 帮扶 走访 慰问 老党员 退休 流动 关系 转接 ' +
  '廉政 建设 作风 纪律 监督 巡察 整改 问题 清单 台账 考核 评比 先进 表彰 典型 宣传 报道 稿件 简报 信息 ' +
  '学习强国 理论 中心组 专题 研讨 交流 发言 心得 体会 笔记 读书 培训 课程 讲座 参观 红色 基地 教育基地 ' +
  '垃圾分类 环境 整治 文明 创建 卫生 健康 疫情 防控 应急 预案 值班 物业 业主 委员会 协商 议事 调解 矛盾 ' +
  '经费 使用 审批 报销 采购 合同 档案 资料 归档 保密 印章 公文 处理 请示 报告 批复 备案 统计 报表 数据').split(' ');

let seed = 20261127;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
// Zipf-like: the first words of the list are by far the most frequent, the last ones rare.
const word = () => WORDS[Math.floor(rnd() ** 2.5 * WORDS.length)]!;
const PUNCT = ['，', '，', '，', '。', '、', '；', '：'];

function sentence(words: number): string {
  let s = '';
  for (let i = 0; i < words; i++) s += word() + (rnd() < 0.25 ? pick(PUNCT) : '');
  return s;
}

function doc(i: number): SearchDoc {
  const year = 2020 + (i % 7);
  const body = sentence(60 + Math.floor(rnd() * 240));
  return { kind: 'info', entityId: '', title: `${year}年${sentence(3 + Math.floor(rnd() * 3))}`, body };
}

async function open(): Promise<{ data: DataLayer; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-bench-'));
    const data = openDatabase('sqlite', path.join(dir, 'bench.sqlite'));
    return { data, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const adminUrl = process.env.BENCH_DATABASE_URL;
  if (!adminUrl) throw new Error('set BENCH_DATABASE_URL');
  const db = await throwawayDatabase(adminUrl, 'dj_bench_');
  return { data: openDatabase('postgres', db.url), drop: db.drop };
}

type Rec = { tenant_id: string; id: string; title: string; updated_at: string };

async function main() {
  const { data, drop } = await open();
  const { db } = data;
  const d = db.withTables<{ recs: Rec }>();
  try {
    await migrateToLatest(db, dialect);
    await sql`create table recs (tenant_id text not null, id text not null, title text not null, updated_at text not null, primary key (tenant_id, id))`.execute(db);
    await sql`create index recs_updated_idx on recs (tenant_id, updated_at)`.execute(db);

    // One large tenant (a tenth of all documents) and many small ones, as on a city's shared server.
    const big = newId();
    const small: string[] = [];
    const smallCount = dialect === 'postgres' ? 900 : 50;
    for (let i = 0; i < smallCount; i++) small.push(newId());
    const at = new Date().toISOString();
    for (const ids of [[big], small]) {
      await db.insertInto('tenants').values(ids.map((id, i) => ({ id, name: `社区${i}`, region_path: '/', created_at: at }))).execute();
    }
    const started = Date.now();
    let made = 0;
    const batch = 200;
    while (made < total) {
      const tenantId = made < total / 10 ? big : small[Math.floor(made / batch) % small.length]!;
      const docs: SearchDoc[] = [];
      const rows: Rec[] = [];
      for (let i = 0; i < batch && made < total; i++, made++) {
        const x = doc(made);
        x.entityId = newId();
        docs.push(x);
        rows.push({ tenant_id: tenantId, id: x.entityId, title: x.title, updated_at: new Date(Date.UTC(2020, 0, 1) + made * 60_000).toISOString() });
      }
      await db.transaction().execute(async (trx) => {
        await trx.withTables<{ recs: Rec }>().insertInto('recs').values(rows).execute();
        await indexDocuments(trx, dialect, tenantId, docs);
      });
      if (made % 20_000 === 0) process.stdout.write(`  indexed ${made} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
    }
    const secs = (Date.now() - started) / 1000;
    console.log(`${dialect}: indexed ${total} documents in ${secs.toFixed(1)} s (${(total / secs).toFixed(0)} docs/s)`);
    if (dialect === 'postgres') await sql`vacuum analyze`.execute(db);
    else await sql`analyze`.execute(db);
    const size = dialect === 'postgres'
      ? (await sql<{ s: string }>`select pg_size_pretty(pg_total_relation_size('search_documents')) as s`.execute(db)).rows[0]!.s
      : `${(fs.statSync((data.sqlite as { name: string }).name).size / 1e6).toFixed(0)} MB database file`;
    console.log(`index size: ${size}`);

    const time = async (label: string, tenantId: string, q: string, hitsOf?: (q: string) => AliasedRawBuilder<SearchHit, 'h'>) => {
      const hits = hitsOf ? hitsOf(q) : searchHits(dialect, tenantId, ['info'], q)!;
      const base = d.selectFrom('recs as r').innerJoin(hits, (j) => j.onRef('h.entity_id', '=', 'r.id')).where('r.tenant_id', '=', tenantId);
      const page = () => base.select(['r.id', 'r.title', 'h.rank']).orderBy('h.rank', 'desc').orderBy('r.updated_at', 'desc').limit(20).execute();
      const count = () => base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      await page();
      const ms: number[] = [];
      let n = 0;
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        await page();
        n = Number((await count()).n);
        ms.push(performance.now() - t0);
      }
      ms.sort((a, b) => a - b);
      console.log(`  ${label.padEnd(44)} ${String(n).padStart(7)} hits  page+count median ${ms[2]!.toFixed(1)} ms (min ${ms[0]!.toFixed(1)})`);
    };
    const queries = ['党员', '消防', '整改', '预案', '消防安全', '民主评议', '2024年', '党', '督巡', '档案 保密'];
    for (const [name, tenantId] of [['large tenant', big], ['small tenant', small[3]!]] as const) {
      console.log(`${name}:`);
      for (const q of queries) await time(`"${q}"`, tenantId, q);
      if (dialect === 'postgres') {
        for (const q of ['党员', '消防', '督巡']) {
          await time(`"${q}" without tenant/kind lexemes`, tenantId, q, (x) => searchHitsPg(tenantId, ['info'], queryTerms(x), { scopeLexemes: false }));
        }
      }
    }
  } finally {
    await data.close();
    // BENCH_KEEP=1 leaves the database for a look at the plans.
    if (!process.env.BENCH_KEEP) await drop();
    else console.log('kept the database');
  }
}

await main();
