// One benchmark run: prepare the database (generate.ts), start the real server in its own process
// (server.ts), sign in to sample committees through the API, then for every endpoint of the registry
// (endpoints.ts): capture its SQL, drive HTTP load with autocannon from this process, drive the same load
// against the bare route with a body of the same size, and replay its SQL on the database (dbCeiling.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sqliteHandle } from '../db/connect.js';
import autocannon from 'autocannon';
import { loadConfig } from '../config.js';
import { createPlatform } from '../app.js';
import { ENDPOINTS, type BenchEndpoint, type Sample } from './endpoints.js';
import { CITY_WINDOW, cloneUsername, generate, TENANTS, type Scale } from './generate.js';
import { measureDbCeiling, type DbCeiling } from './dbCeiling.js';
import type { CapturedQuery } from './server.js';
import { databaseUrl, pgAdmin } from '../db/throwaway.js';

export const BENCH_PASSWORD = 'Bench@2026pass';
/** A fixed field-encryption key, so that a kept database can be reused by a later run. */
const BENCH_KEY = Buffer.alloc(32, 0x5a).toString('base64');
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..', '..');

export interface BenchOptions {
  scale: Scale;
  dialect: 'sqlite' | 'postgres';
  connections: number;
  /** Seconds of load per endpoint (and as much again for its bare route and its SQL). */
  duration: number;
  /** Keep the generated database (and a throwaway cluster) and print where it is. */
  keep?: boolean;
  /** Use an already generated database of this scale (SQLite: --data-dir; PostgreSQL: database dj_bench_<scale>). */
  reuse?: boolean;
  dataDir?: string;
  /** Stop each load after this many requests instead of `duration` (smoke runs). */
  amount?: number;
  /** Only these endpoint keys. */
  only?: string[];
  /** The default: 1 at community scale, else 32 committees spread over the tenant numbers. */
  samples?: number;
  /** Log each endpoint's captured SQL (of the first sample). */
  showSql?: boolean;
  /** Write the server process's V8 CPU profile (node --cpu-prof) into this directory. */
  cpuProfDir?: string;
  log: (line: string) => void;
}

export interface Measured { p50: number; p99: number; rps: number }
export interface EndpointResult {
  key: string;
  label: string;
  list: boolean;
  p50: number;
  p99: number;
  rps: number;
  requests: number;
  errors: number;
  bodyBytes: number;
  /** CPU time (user + system) of the server process per request under load, in ms: the rest of the two cores is the database's and the load generator's. */
  serverCpuMs: number;
  bare: Measured;
  db: DbCeiling;
  /** Throughput as a fraction of the bare route's and of the database's. */
  ofBare: number;
  ofDb: number;
  budgetP99: number | null;
  withinBudget: boolean | null;
}
export interface BenchResult {
  date: string;
  machine: { cpus: number; model: string; memoryGb: number; node: string; platform: string; load: number[] };
  scale: Scale;
  dialect: 'sqlite' | 'postgres';
  tenants: number;
  members: number;
  rows: number;
  generationSeconds: number | null;
  connections: number;
  durationSeconds: number;
  samples: number;
  peakRssMb: number;
  endpoints: EndpointResult[];
  budget: { line: string; met: boolean | null }[];
  problems: string[];
}

/** p99 budget of an endpoint (ms) for a scale and dialect, or null where the issue sets none. */
export function budgetOf(e: BenchEndpoint, scale: Scale, dialect: string): number | null {
  if (scale === 'community' && dialect === 'sqlite') return 10;
  if (scale === 'city' && dialect === 'postgres') return e.cityP99 ?? 100;
  if (scale === 'district' && dialect === 'postgres') return e.cityP99 ?? 100;
  return null;
}

export interface Target { dialect: 'sqlite' | 'postgres'; url: string; env: NodeJS.ProcessEnv; cleanup: () => Promise<void>; fresh: boolean }

export async function prepareTarget(o: Pick<BenchOptions, 'scale' | 'dialect' | 'keep' | 'reuse' | 'dataDir' | 'log'>): Promise<Target> {
  const base = { DANGJIAN_ENCRYPTION_KEY: BENCH_KEY, DANGJIAN_DEMO_PASSWORD: BENCH_PASSWORD, LOG_LEVEL: 'error', DANGJIAN_SEED_DEMO: 'false' };
  if (o.dialect === 'sqlite') {
    const dataDir = o.dataDir ? path.resolve(o.dataDir) : fs.mkdtempSync(path.join(os.tmpdir(), `dj-bench-${o.scale}-`));
    const file = path.join(dataDir, 'dangjian.sqlite');
    const fresh = !(o.reuse && fs.existsSync(file));
    if (fresh && fs.existsSync(file)) throw new Error(`${file} exists: pass --reuse to use it, or another --data-dir`);
    return {
      dialect: 'sqlite', url: file, fresh, env: { ...base, DANGJIAN_DATA_DIR: dataDir },
      cleanup: async () => {
        if (o.keep || o.dataDir) o.log(`kept: --data-dir ${dataDir}`);
        else fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  let adminUrl = process.env.DATABASE_URL;
  let stopCluster = () => {};
  if (!adminUrl) {
    const out = execFileSync('bash', [path.join(repoRoot, 'scripts', 'pg-throwaway.sh'), 'start'], { encoding: 'utf8' });
    const vars = Object.fromEntries([...out.matchAll(/export (\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]));
    adminUrl = vars.TEST_DATABASE_URL!;
    o.log(`throwaway PostgreSQL at ${adminUrl} (${vars.PG_TMP})`);
    stopCluster = () => {
      if (o.keep) o.log(`kept: DATABASE_URL=${adminUrl} (stop: PG_TMP=${vars.PG_TMP} bash scripts/pg-throwaway.sh stop)`);
      else spawnSync('bash', [path.join(repoRoot, 'scripts', 'pg-throwaway.sh'), 'stop'], { env: { ...process.env, PG_TMP: vars.PG_TMP }, stdio: 'ignore' });
    };
    process.once('exit', stopCluster);
  }
  const name = o.reuse || o.keep ? `dj_bench_${o.scale}` : `dj_bench_${o.scale}_${randomBytes(4).toString('hex')}`;
  const exists = (await pgAdmin(adminUrl, `select 1 from pg_database where datname = '${name}'`)).rowCount === 1;
  const fresh = !(o.reuse && exists);
  if (fresh) {
    await pgAdmin(adminUrl, `drop database if exists ${name} with (force)`);
    await pgAdmin(adminUrl, `create database ${name}`);
  }
  const url = databaseUrl(adminUrl, name);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-bench-pg-'));
  return {
    dialect: 'postgres', url, fresh, env: { ...base, DATABASE_URL: url, DANGJIAN_DATA_DIR: dataDir },
    cleanup: async () => {
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (o.keep) o.log(`kept: database ${url.toString()} (reuse with --reuse and this DATABASE_URL's server)`);
      else await pgAdmin(adminUrl!, `drop database if exists ${name} with (force)`);
      process.removeListener('exit', stopCluster);
      stopCluster();
    },
  };
}

export async function startServer(env: NodeJS.ProcessEnv, cpuProfDir?: string): Promise<{ child: ChildProcess; base: string; stop: () => Promise<void>; errors: () => string[] }> {
  const ts = fileURLToPath(import.meta.url).endsWith('.ts');
  const prof = cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(cpuProfDir)] : [];
  // --expose-gc only lets /bench/stats?gc=1 collect on request (the soak); nothing else calls it.
  const args = [...prof, '--expose-gc', ...(ts ? ['--import', 'tsx', path.join(here, 'server.ts')] : [path.join(here, 'server.js')])];
  const child = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1', DANGJIAN_WEB_DIST: path.join(os.tmpdir(), 'dj-bench-no-web') }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  // The driver never leaves its server behind, even when it is interrupted.
  const orphan = () => child.kill('SIGKILL');
  process.once('exit', orphan);
  child.once('exit', () => process.removeListener('exit', orphan));
  let out = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /\{"benchServer":\{"port":(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`bench server exited (${code}): ${stderr.slice(-2000)}`)));
  });
  const stop = () => new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => { clearTimeout(kill); resolve(); });
    child.kill('SIGTERM');
  });
  // The server logs errors as JSON lines (pino, level ≥ 50): each is a problem of the run.
  const errors = () => out.split('\n').filter((l) => /"level":(50|60)/.test(l)).map((l) => {
    const e = JSON.parse(l) as { msg?: string; err?: { message?: string }; req?: { url?: string } };
    return `server error: ${e.msg ?? ''} ${e.err?.message ?? ''}`.trim();
  });
  return { child, base: `http://127.0.0.1:${port}`, stop, errors };
}

export async function http(base: string, method: string, url: string, opts: { cookie?: string; body?: unknown } = {}): Promise<{ status: number; text: string; setCookie: string | null }> {
  const res = await fetch(base + url, {
    method,
    headers: { ...(opts.cookie ? { cookie: opts.cookie } : {}), ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
  });
  return { status: res.status, text: await res.text(), setCookie: res.headers.get('set-cookie') };
}

export function sampleNumbers(total: number, n: number): number[] {
  if (n >= total) return Array.from({ length: total }, (_, i) => i + 1);
  return [...new Set(Array.from({ length: n }, (_, i) => 1 + Math.round((i * (total - 1)) / Math.max(1, n - 1))))];
}

/** Signs in to a committee as its 党委管理员 and reads the ids the endpoints need; checks the copy is real. */
/** The `cookie` header of a new session of the account. */
export async function signIn(base: string, username: string): Promise<string> {
  const login = await http(base, 'POST', '/api/v1/auth/login', { body: { username, password: BENCH_PASSWORD } });
  if (login.status !== 200 || !login.setCookie) throw new Error(`login ${username}: ${login.status} ${login.text.slice(0, 300)}`);
  return login.setCookie.split(';')[0]!;
}

export async function resolveSample(base: string, no: number): Promise<Sample> {
  const username = cloneUsername(no, 'dangwei');
  const cookie = await signIn(base, username);
  const get = async <T>(url: string): Promise<T> => {
    const r = await http(base, 'GET', url, { cookie });
    if (r.status !== 200) throw new Error(`${username} GET ${url}: ${r.status} ${r.text.slice(0, 300)}`);
    return JSON.parse(r.text) as T;
  };
  const tree = await get<{ items: { id: string; kind: string; depth: number }[] }>('/api/v1/orgs/tree');
  const committee = tree.items.find((o) => o.depth === 0);
  const branch = tree.items.find((o) => o.kind === 'branch');
  if (!committee || !branch) throw new Error(`${username}: no committee or branch in the tree`);
  const rounds = await get<{ items: { id: string; status: string }[] }>('/api/v1/assessment/rounds');
  const round = rounds.items.find((r) => r.status === 'published') ?? rounds.items[0];
  if (!round) throw new Error(`${username}: no assessment round`);
  const campaigns = await get<{ items: { id: string; status: string }[] }>('/api/v1/campaigns');
  const campaign = campaigns.items.find((c) => c.status === 'active') ?? campaigns.items[0];
  if (!campaign) throw new Error(`${username}: no 主题实践活动`);
  const members = await get<{ total: number }>(`/api/v1/members?orgId=${committee.id}&pageSize=20`);
  if (members.total === 0) throw new Error(`${username}: the committee lists no members`);
  const memberCookie = await signIn(base, cloneUsername(no, 'dy1'));
  return { tenantNo: no, username, password: BENCH_PASSWORD, cookie, memberCookie, committeeId: committee.id, branchId: branch.id, roundId: round.id, campaignId: campaign.id, memberLastPage: Math.ceil(members.total / 20) };
}

export function requestOf(e: BenchEndpoint, s: Sample): { method: string; path: string; headers: Record<string, string>; body?: string } {
  const headers: Record<string, string> = {};
  if (!e.anonymous) headers.cookie = e.asMember ? s.memberCookie : s.cookie;
  const body = e.body ? JSON.stringify(e.body(s)) : undefined;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return { method: e.method ?? 'GET', path: e.path(s), headers, ...(body !== undefined ? { body } : {}) };
}

/** HTTP load from this process: for `seconds`, or (smoke runs) until `amount` requests were answered. */
async function load(base: string, connections: number, run: { seconds: number; amount?: number }, next: () => { method: string; path: string; headers: Record<string, string>; body?: string }) {
  const r = await autocannon({
    url: base,
    connections,
    ...(run.amount ? { amount: run.amount } : { duration: run.seconds }),
    requests: [{ setupRequest: (req) => ({ ...req, ...next() }) as never }],
  });
  const seconds = r.duration || run.seconds;
  return {
    p50: r.latency.p50, p99: r.latency.p99, rps: r.requests.total / seconds, requests: r.requests.total,
    errors: r.errors + r.timeouts + r.non2xx,
  };
}

async function serverCpuMicros(base: string): Promise<number> {
  return (JSON.parse((await http(base, 'GET', '/bench/stats')).text) as { cpuMicros: number }).cpuMicros;
}

export function machine(): BenchResult['machine'] {
  const cpus = os.cpus();
  return { cpus: cpus.length, model: cpus[0]?.model ?? '?', memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.type()} ${os.release()}`, load: os.loadavg().map((x) => Math.round(x * 100) / 100) };
}

async function countRows(t: Target): Promise<{ members: number; rows: number }> {
  if (t.dialect === 'sqlite') {
    const db = sqliteHandle(t.url, { readonly: true });
    try {
      const members = (db.prepare('select count(*) as n from members').get() as { n: number }).n;
      const tables = db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'search_fts_%'").all() as { name: string }[];
      let rows = 0;
      for (const { name } of tables) rows += (db.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n;
      return { members, rows };
    } finally {
      db.close();
    }
  }
  const c = new pg.Client({ connectionString: t.url });
  await c.connect();
  try {
    const members = Number((await c.query('select count(*) as n from members')).rows[0].n);
    const rows = Number((await c.query("select coalesce(sum(n_live_tup), 0) as n from pg_stat_user_tables")).rows[0].n);
    return { members, rows };
  } finally {
    await c.end();
  }
}

/** Generates the scale's data into a fresh target (or reuses it) and counts what it holds. */
export async function fillTarget(target: Target, o: Pick<BenchOptions, 'scale' | 'dialect' | 'log'>): Promise<{ generationSeconds: number | null; counts: { members: number; rows: number } }> {
  let generationSeconds: number | null = null;
  if (target.fresh) {
    o.log(`generating ${o.scale} scale (${TENANTS[o.scale]} committees) on ${o.dialect}`);
    const platform = await createPlatform(loadConfig(target.env));
    try {
      const g = await generate(platform, o.scale, {
        log: o.log,
        ...(o.scale === 'city' ? { window: CITY_WINDOW } : {}),
      });
      generationSeconds = g.seconds;
      o.log(`generated in ${g.seconds.toFixed(0)} s`);
    } finally {
      await platform.data.close();
    }
  } else o.log('reusing the generated database');
  return { generationSeconds, counts: await countRows(target) };
}

export async function runBench(o: BenchOptions): Promise<BenchResult> {
  const target = await prepareTarget(o);
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  const problems: string[] = [];
  try {
    const { generationSeconds, counts } = await fillTarget(target, o);

    server = await startServer(target.env, o.cpuProfDir);
    const base = server.base;
    const total = TENANTS[o.scale];
    const numbers = sampleNumbers(total, o.samples ?? (total === 1 ? 1 : 32));
    const samples: Sample[] = [];
    for (const no of numbers) samples.push(await resolveSample(base, no));
    o.log(`signed in to ${samples.length} committee(s): ${numbers.slice(0, 8).join(', ')}${numbers.length > 8 ? ', …' : ''}`);

    const results: EndpointResult[] = [];
    for (const e of ENDPOINTS.filter((x) => !o.only || o.only.includes(x.key))) {
      // Warm up (settings cache, plans), then capture one request per sample, alone.
      const captured: CapturedQuery[][] = [];
      let bodyBytes = 0;
      let captureErrors = 0;
      for (const s of samples) {
        const r0 = requestOf(e, s);
        await http(base, r0.method, r0.path, { cookie: r0.headers.cookie, body: r0.body ? JSON.parse(r0.body) : undefined });
        await http(base, 'POST', '/bench/capture');
        const r = await http(base, r0.method, r0.path, { cookie: r0.headers.cookie, body: r0.body ? JSON.parse(r0.body) : undefined });
        const c = JSON.parse((await http(base, 'GET', '/bench/capture')).text) as { queries: CapturedQuery[] };
        captured.push(c.queries);
        if (r.status !== 200) {
          captureErrors += 1;
          problems.push(`${e.key} (committee ${s.tenantNo}): ${r.status} ${r.text.slice(0, 200)}`);
        }
        bodyBytes = Math.max(bodyBytes, Buffer.byteLength(r.text));
      }
      if (o.showSql) for (const q of captured[0] ?? []) o.log(`${e.key} SQL: ${JSON.stringify(q)}`);
      let i = 0;
      const run = { seconds: o.duration, ...(o.amount ? { amount: o.amount } : {}) };
      const cpuBefore = await serverCpuMicros(base);
      const m = await load(base, o.connections, run, () => requestOf(e, samples[i++ % samples.length]!));
      const serverCpuMs = m.requests ? (await serverCpuMicros(base) - cpuBefore) / 1000 / m.requests : 0;
      const bare = await load(base, o.connections, run, () => ({ method: 'GET', path: `/bench/bare?bytes=${bodyBytes}`, headers: {} }));
      const db = await measureDbCeiling(target, captured, { connections: o.connections, seconds: o.duration });
      const budgetP99 = budgetOf(e, o.scale, o.dialect);
      const errors = m.errors + captureErrors;
      const r: EndpointResult = {
        key: e.key, label: e.label, list: !!e.list, p50: m.p50, p99: m.p99, rps: m.rps, requests: m.requests, errors, bodyBytes, serverCpuMs,
        bare: { p50: bare.p50, p99: bare.p99, rps: bare.rps }, db,
        ofBare: bare.rps ? m.rps / bare.rps : 0, ofDb: db.rps ? m.rps / db.rps : 0,
        budgetP99, withinBudget: budgetP99 === null ? null : m.p99 <= budgetP99 && errors === 0,
      };
      results.push(r);
      o.log(`${e.key}: p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.rps.toFixed(0)} req/s, ${r.errors} errors; bare ${bare.rps.toFixed(0)} req/s; db p99 ${db.p99.toFixed(2)} ms, ${db.rps.toFixed(0)}/s`);
    }
    const stats = JSON.parse((await http(base, 'GET', '/bench/stats')).text) as { maxRssBytes: number };
    problems.push(...[...new Set(server.errors())].slice(0, 20));
    const budget: BenchResult['budget'] = [];
    const budgeted = results.filter((r) => r.budgetP99 !== null);
    if (budgeted.length) {
      budget.push({ line: `every endpoint p99 within its budget (${[...new Set(budgeted.map((r) => r.budgetP99))].join('/')} ms) and no errors`, met: budgeted.every((r) => r.withinBudget) });
    }
    const lists = results.filter((r) => r.list);
    if (lists.length && o.scale === 'community') budget.push({ line: 'list endpoints ≥ ¼ of the bare route\'s throughput', met: lists.every((r) => r.ofBare >= 0.25) });
    return {
      date: new Date().toISOString(), machine: machine(), scale: o.scale, dialect: o.dialect, tenants: total, members: counts.members, rows: counts.rows,
      generationSeconds, connections: o.connections, durationSeconds: o.duration, samples: samples.length,
      peakRssMb: Math.round(stats.maxRssBytes / 2 ** 20), endpoints: results, budget, problems,
    };
  } finally {
    if (server) await server.stop();
    await target.cleanup();
  }
}
