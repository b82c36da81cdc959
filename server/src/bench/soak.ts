// The soak run (issue 16): the real server over a generated dataset, driven for a fixed time by a mix of the
// registry's heavy reads (endpoints.ts, as each committee's 党委管理员) and the everyday writes of several
// roles through the real HTTP API — 督办 tasks deployed, edited, accepted, reported, completed and verified;
// 管控信息 entries written, edited, submitted and published; 组织生活 records created and edited and signed
// into by QR code — while the server process's memory is sampled. Every non-2xx answer, failed request or
// server error log line fails the soak, and so does RSS growth beyond SOAK_BOUND after the warm-up.
// The reads and writes run as closed loops (a connection sends its next request when the last is answered):
// the soak holds the server busy for its whole length; throughput is the bench's business, not the soak's.
import { performance } from 'node:perf_hooks';
import { addDays, shanghaiDate } from '../platform/calendar.js';
import { ENDPOINTS, type Sample } from './endpoints.js';
import { cloneUsername, TENANTS, type Scale } from './generate.js';
import {
  fillTarget, http, machine, prepareTarget, requestOf, resolveSample, sampleNumbers, signIn, startServer, type BenchResult,
} from './run.js';

/**
 * RSS growth a soak may show: the mean RSS of the last fifth of the samples after the warm-up against the mean
 * of the first fifth, at most 20 % of the first or 50 MB, whichever is larger. After its warm-up a healthy
 * server still grows by a few tens of MB (V8 sizes its old space and the allocator keeps freed pages), so a
 * smaller bound flags noise; a leak grows without levelling off, and the slope in the report shows it early.
 */
export const SOAK_BOUND = { percent: 20, floorMb: 50 } as const;

export interface SoakOptions {
  scale: Scale;
  dialect: 'sqlite' | 'postgres';
  /** Length of the soak, in seconds. */
  seconds: number;
  /** Concurrent reading connections. */
  connections: number;
  /** Concurrent writing users' loops (each cycles through tasks, information and 组织生活). */
  writers: number;
  /** Seconds between memory samples. */
  sampleEvery: number;
  /** Committees the reads rotate over (and the writers spread over); default 1 at community scale, else 8. */
  samples?: number;
  keep?: boolean;
  reuse?: boolean;
  dataDir?: string;
  log: (line: string) => void;
}

export interface KindStats { kind: string; group: 'read' | 'write'; requests: number; errors: number; p50: number; p99: number; max: number }
export interface MemorySample { seconds: number; rssMb: number; heapUsedMb: number; heapTotalMb: number; externalMb: number }
export interface MemoryVerdict {
  warmupSeconds: number;
  /** Samples after the warm-up, the ones judged. */
  judged: number;
  firstRssMb: number;
  lastRssMb: number;
  growthMb: number;
  growthPercent: number;
  firstHeapUsedMb: number;
  lastHeapUsedMb: number;
  /** Least-squares slope of RSS over the judged samples. */
  slopeMbPerMinute: number;
  peakRssMb: number;
  boundMb: number;
  bound: string;
  /** null when too few samples were taken after the warm-up to judge (shorter than a few sampling periods). */
  withinBound: boolean | null;
}
/** The bench's description of the machine and the dataset, and what the soak adds. */
export interface SoakResult extends Pick<BenchResult, 'date' | 'machine' | 'scale' | 'dialect' | 'tenants' | 'members' | 'rows' | 'generationSeconds'> {
  mode: 'soak';
  seconds: number;
  elapsedSeconds: number;
  connections: number;
  writers: number;
  committees: number;
  requests: number;
  reads: number;
  writes: number;
  errors: number;
  /** Completed write cycles per scenario. */
  cycles: Record<Scenario, number>;
  kinds: KindStats[];
  memory: {
    samples: MemorySample[];
    verdict: MemoryVerdict;
    /**
     * V8 heap used right after a full GC (what is retained, not garbage awaiting collection): at the end of the
     * warm-up and at each fifth of the rest under load, and once after the load. A leak climbs from one to the next.
     */
    retained: { seconds: number; heapUsedMb: number; afterLoad: boolean }[];
  };
  problems: string[];
  passed: boolean;
}

type Scenario = 'task' | 'info' | 'orgLife';
const SCENARIOS: Scenario[] = ['task', 'info', 'orgLife'];
/** The write steps in scenario order: the report lists them so, reads first in the registry's order. */
const WRITE_KINDS = [
  'task.deploy', 'task.edit', 'task.accept', 'task.report', 'task.complete', 'task.verify', 'info.create', 'info.edit', 'info.submit', 'info.publish',
  'orgLife.create', 'orgLife.edit', 'orgLife.qr', 'orgLife.signIn',
];
const KIND_ORDER = [...ENDPOINTS.map((e) => e.key), ...WRITE_KINDS];
const MB = 2 ** 20;
const round1 = (v: number) => Math.round(v * 10) / 10;

/** Latencies and errors per request kind, and the first distinct error messages. */
class Recorder {
  readonly kinds = new Map<string, { group: 'read' | 'write'; latencies: number[]; errors: number }>();
  readonly errorLines = new Set<string>();

  record(kind: string, group: 'read' | 'write', ms: number, error: string | null): void {
    let k = this.kinds.get(kind);
    if (!k) this.kinds.set(kind, (k = { group, latencies: [], errors: 0 }));
    k.latencies.push(ms);
    if (error) {
      k.errors += 1;
      if (this.errorLines.size < 20) this.errorLines.add(`${kind}: ${error}`);
    }
  }

  stats(): KindStats[] {
    const pct = (sorted: number[], p: number) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : 0;
    return [...this.kinds].map(([kind, k]) => {
      const sorted = [...k.latencies].sort((a, b) => a - b);
      return { kind, group: k.group, requests: sorted.length, errors: k.errors, p50: round1(pct(sorted, 50)), p99: round1(pct(sorted, 99)), max: round1(sorted.at(-1) ?? 0) };
    }).sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  }
}

/** One request, timed and recorded; a non-2xx answer or a failure to answer is an error of its kind. */
async function timed(rec: Recorder, base: string, kind: string, group: 'read' | 'write', method: string, url: string, opts: { cookie?: string; body?: unknown } = {}): Promise<{ ok: boolean; json: () => unknown }> {
  const t0 = performance.now();
  try {
    const res = await fetch(base + url, {
      method,
      headers: { ...(opts.cookie ? { cookie: opts.cookie } : {}), ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    const ok = res.status >= 200 && res.status < 300;
    rec.record(kind, group, performance.now() - t0, ok ? null : `${method} ${url.split('?')[0]} → ${res.status} ${text.slice(0, 200)}`);
    return { ok, json: () => JSON.parse(text) as unknown };
  } catch (err) {
    rec.record(kind, group, performance.now() - t0, `${method} ${url.split('?')[0]} failed: ${err instanceof Error ? err.message : String(err)}`);
    return { ok: false, json: () => null };
  }
}

/** The accounts of one committee that write, signed in, and the ids their writes need. */
interface Writers {
  committeeId: string;
  branchId: string;
  secretaryUserId: string;
  cookies: Record<'dangwei' | 'zb1' | 'weiyuan' | 'dy1' | 'xz1', string>;
}

/** Signs in the writing roles of a committee: 党委管理员, the first branch's 书记 and 委员, a 党小组长 and a 党员 of it. */
async function resolveWriters(base: string, s: Sample): Promise<Writers> {
  const cookies = { dangwei: s.cookie } as Writers['cookies'];
  for (const u of ['zb1', 'weiyuan', 'dy1', 'xz1'] as const) cookies[u] = await signIn(base, cloneUsername(s.tenantNo, u));
  const me = await http(base, 'GET', '/api/v1/auth/me', { cookie: cookies.zb1 });
  if (me.status !== 200) throw new Error(`zb1 /auth/me: ${me.status} ${me.text.slice(0, 300)}`);
  const m = JSON.parse(me.text) as { user: { id: string }; roles: { orgId: string }[] };
  const branchId = m.roles[0]?.orgId;
  if (!branchId) throw new Error(`committee ${s.tenantNo}: zb1 holds no role`);
  return { committeeId: s.committeeId, branchId, secretaryUserId: m.user.id, cookies };
}

/** One cycle of a scenario: the steps in order, stopping at the first that fails (the rest depend on it). */
async function runScenario(rec: Recorder, base: string, w: Writers, scenario: Scenario, tag: string): Promise<boolean> {
  const c = w.cookies;
  const step = (kind: string, cookie: string, method: string, url: string, body?: unknown) => timed(rec, base, kind, 'write', method, url, { cookie, ...(body !== undefined ? { body } : {}) });
  const idOf = (r: { json: () => unknown }) => (r.json() as { id: string }).id;
  if (scenario === 'task') {
    const deployed = await step('task.deploy', c.dangwei, 'POST', '/api/v1/tasks', {
      title: `浸泡测试任务 ${tag}`, kind: 'temporary', issuingOrgId: w.committeeId, ownerOrgId: w.branchId, ownerId: w.secretaryUserId,
      dueOn: addDays(shanghaiDate(new Date()), 30), doneStandard: '按时报送，台账齐全',
    });
    if (!deployed.ok) return false;
    const id = idOf(deployed);
    return (await step('task.edit', c.dangwei, 'PATCH', `/api/v1/tasks/${id}`, { description: `第 ${tag} 轮浸泡测试的任务说明。` })).ok
      && (await step('task.accept', c.zb1, 'POST', `/api/v1/tasks/${id}/accept`, {})).ok
      && (await step('task.report', c.zb1, 'POST', `/api/v1/tasks/${id}/report`, { percent: 50, notes: '已完成摸底，正在整理台账' })).ok
      && (await step('task.complete', c.zb1, 'POST', `/api/v1/tasks/${id}/complete`, { evidence: '已全部报送，附台账' })).ok
      && (await step('task.verify', c.dangwei, 'POST', `/api/v1/tasks/${id}/verify`, { notes: '合格' })).ok;
  }
  if (scenario === 'info') {
    const created = await step('info.create', c.weiyuan, 'POST', '/api/v1/info-entries', {
      orgId: w.branchId, category: 'rule', title: `浸泡测试消防安全制度 ${tag}`, bodyHtml: '<p>第一条 楼道内严禁堆放杂物。</p>',
    });
    if (!created.ok) return false;
    const id = idOf(created);
    return (await step('info.edit', c.weiyuan, 'PATCH', `/api/v1/info-entries/${id}`, { bodyHtml: `<p>第一条 楼道内严禁堆放杂物。</p><p>第二条 第 ${tag} 轮修订。</p>` })).ok
      && (await step('info.submit', c.weiyuan, 'POST', `/api/v1/info-entries/${id}/submit`)).ok
      && (await step('info.publish', c.zb1, 'POST', `/api/v1/info-entries/${id}/publish`)).ok;
  }
  // 组织生活: a 主题党日 starting in ten minutes (inside the sign-in window), signed into by two members.
  const now = Date.now();
  const created = await step('orgLife.create', c.zb1, 'POST', '/api/v1/org-life/activities', {
    orgId: w.branchId, kind: 'themeDay', title: `浸泡测试主题党日 ${tag}`, startsAt: new Date(now + 10 * 60_000).toISOString(),
    endsAt: new Date(now + 100 * 60_000).toISOString(), place: '党员活动室',
    // Every round creates one: the same-day duplicate is meant.
    confirmDuplicate: true,
  });
  if (!created.ok) return false;
  const id = idOf(created);
  if (!(await step('orgLife.edit', c.zb1, 'PATCH', `/api/v1/org-life/activities/${id}`, { agenda: '一、学习；二、讨论；三、小结' })).ok) return false;
  const qr = await step('orgLife.qr', c.zb1, 'GET', `/api/v1/org-life/activities/${id}/qr`);
  if (!qr.ok) return false;
  const { token } = qr.json() as { token: string };
  return (await step('orgLife.signIn', c.dy1, 'POST', '/api/v1/org-life/sign-in', { token })).ok
    && (await step('orgLife.signIn', c.xz1, 'POST', '/api/v1/org-life/sign-in', { token })).ok;
}

/**
 * Judges the samples: after the warm-up (a fifth of the run, at most a minute), the mean RSS of the last
 * fifth against that of the first fifth. Fewer than five samples after the warm-up are not judged.
 */
const warmupOf = (seconds: number) => round1(Math.min(60, seconds / 5));

export function judgeMemory(samples: MemorySample[], seconds: number): MemoryVerdict {
  const warmupSeconds = warmupOf(seconds);
  const judged = samples.filter((s) => s.seconds >= warmupSeconds);
  const fifth = Math.max(1, Math.floor(judged.length / 5));
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const first = judged.slice(0, fifth);
  const last = judged.slice(-fifth);
  const firstRssMb = mean(first.map((s) => s.rssMb));
  const lastRssMb = mean(last.map((s) => s.rssMb));
  const growthMb = lastRssMb - firstRssMb;
  const boundMb = Math.max(SOAK_BOUND.floorMb, (firstRssMb * SOAK_BOUND.percent) / 100);
  const mx = mean(judged.map((s) => s.seconds));
  const my = mean(judged.map((s) => s.rssMb));
  const sxx = judged.reduce((a, s) => a + (s.seconds - mx) ** 2, 0);
  const sxy = judged.reduce((a, s) => a + (s.seconds - mx) * (s.rssMb - my), 0);
  return {
    warmupSeconds, judged: judged.length, firstRssMb: round1(firstRssMb), lastRssMb: round1(lastRssMb), growthMb: round1(growthMb),
    growthPercent: firstRssMb ? round1((growthMb / firstRssMb) * 100) : 0,
    firstHeapUsedMb: round1(mean(first.map((s) => s.heapUsedMb))), lastHeapUsedMb: round1(mean(last.map((s) => s.heapUsedMb))),
    slopeMbPerMinute: sxx ? round1((sxy / sxx) * 60) : 0,
    peakRssMb: round1(Math.max(0, ...samples.map((s) => s.rssMb))), boundMb: round1(boundMb),
    bound: `last fifth's mean RSS ≤ first fifth's + max(${SOAK_BOUND.percent} %, ${SOAK_BOUND.floorMb} MB), after a warm-up of ${warmupSeconds} s`,
    withinBound: judged.length < 5 ? null : growthMb <= boundMb,
  };
}

export async function runSoak(o: SoakOptions): Promise<SoakResult> {
  const target = await prepareTarget(o);
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  try {
    const { generationSeconds, counts } = await fillTarget(target, o);
    server = await startServer(target.env);
    const base = server.base;
    const total = TENANTS[o.scale];
    const numbers = sampleNumbers(total, o.samples ?? (total === 1 ? 1 : 8));
    const samples: Sample[] = [];
    for (const no of numbers) samples.push(await resolveSample(base, no));
    const writers: Writers[] = [];
    for (const s of samples.slice(0, Math.max(1, Math.min(o.writers, samples.length)))) writers.push(await resolveWriters(base, s));
    o.log(`signed in to ${samples.length} committee(s); ${o.connections} reading connection(s), ${o.writers} writer(s), ${o.seconds} s`);

    // Login is the bench's own line: scrypt by design, and a session per call, it is not what a soak repeats.
    const reads = ENDPOINTS.filter((e) => e.key !== 'login');
    const rec = new Recorder();
    const cycles: Record<Scenario, number> = { task: 0, info: 0, orgLife: 0 };
    const memory: MemorySample[] = [];
    const problems: string[] = [];
    const t0 = Date.now();
    const endAt = t0 + o.seconds * 1000;
    let next = 0;

    const reader = async () => {
      while (Date.now() < endAt) {
        const i = next++;
        const e = reads[i % reads.length]!;
        const r = requestOf(e, samples[Math.floor(i / reads.length) % samples.length]!);
        await timed(rec, base, e.key, 'read', r.method, r.path, { cookie: r.headers.cookie, ...(r.body ? { body: JSON.parse(r.body) as unknown } : {}) });
      }
    };
    const writer = async (w: number) => {
      for (let cycle = 0; Date.now() < endAt; cycle++) {
        const scenario = SCENARIOS[(cycle + w) % SCENARIOS.length]!;
        if (await runScenario(rec, base, writers[w % writers.length]!, scenario, `${w + 1}-${cycle + 1}`)) cycles[scenario] += 1;
      }
    };
    const sampler = async () => {
      for (let n = 0; ; n++) {
        const at = t0 + n * o.sampleEvery * 1000;
        if (at > endAt) break;
        await new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));
        const res = await http(base, 'GET', '/bench/stats').catch((err: unknown) => ({ status: 0, text: String(err) }));
        if (res.status !== 200) {
          problems.push(`memory sample at ${((Date.now() - t0) / 1000).toFixed(1)} s: ${res.status} ${res.text.slice(0, 200)}`);
          continue;
        }
        const m = JSON.parse(res.text) as { rssBytes: number; heapUsedBytes: number; heapTotalBytes: number; externalBytes: number };
        memory.push({ seconds: round1((Date.now() - t0) / 1000), rssMb: round1(m.rssBytes / MB), heapUsedMb: round1(m.heapUsedBytes / MB), heapTotalMb: round1(m.heapTotalBytes / MB), externalMb: round1(m.externalBytes / MB) });
        const last = memory.at(-1)!;
        if (n % Math.max(1, Math.round(30 / o.sampleEvery)) === 0) o.log(`${last.seconds.toFixed(0)} s: RSS ${last.rssMb} MB, heap ${last.heapUsedMb}/${last.heapTotalMb} MB, ${[...rec.kinds.values()].reduce((a, k) => a + k.latencies.length, 0)} requests`);
      }
    };
    const retained: SoakResult['memory']['retained'] = [];
    const retainedHeap = async (afterLoad: boolean) => {
      const res = await http(base, 'GET', '/bench/stats?gc=1').catch((err: unknown) => ({ status: 0, text: String(err) }));
      if (res.status !== 200) problems.push(`retained heap sample: ${res.status} ${res.text.slice(0, 200)}`);
      else retained.push({ seconds: round1((Date.now() - t0) / 1000), heapUsedMb: round1((JSON.parse(res.text) as { heapUsedBytes: number }).heapUsedBytes / MB), afterLoad });
    };
    // Five full collections under load (one pause each, far apart) and one after: cheap enough not to shape the run.
    const collector = async () => {
      const warmup = warmupOf(o.seconds);
      for (let k = 0; k < 5; k++) {
        await new Promise((r) => setTimeout(r, Math.max(0, t0 + (warmup + (k * (o.seconds - warmup)) / 5) * 1000 - Date.now())));
        await retainedHeap(false);
      }
    };
    await Promise.all([
      collector(),
      ...Array.from({ length: o.connections }, reader),
      ...Array.from({ length: o.writers }, (_, w) => writer(w)),
      sampler(),
    ]);
    const elapsedSeconds = round1((Date.now() - t0) / 1000);
    await retainedHeap(true);

    const kinds = rec.stats();
    problems.push(...rec.errorLines);
    problems.push(...[...new Set(server.errors())].slice(0, 20));
    const verdict = judgeMemory(memory, o.seconds);
    if (verdict.withinBound === false) problems.push(`RSS grew ${verdict.growthMb} MB (${verdict.growthPercent} %) from the first fifth to the last, over the bound of ${verdict.boundMb} MB`);
    if (memory.length === 0) problems.push('no memory sample was taken');
    const sum = (g: 'read' | 'write' | null, f: (k: KindStats) => number) => kinds.filter((k) => g === null || k.group === g).reduce((a, k) => a + f(k), 0);
    const errors = sum(null, (k) => k.errors);
    return {
      mode: 'soak', date: new Date().toISOString(), machine: machine(), scale: o.scale, dialect: o.dialect, tenants: total, members: counts.members, rows: counts.rows,
      generationSeconds, seconds: o.seconds, elapsedSeconds, connections: o.connections, writers: o.writers, committees: samples.length,
      requests: sum(null, (k) => k.requests), reads: sum('read', (k) => k.requests), writes: sum('write', (k) => k.requests), errors, cycles, kinds,
      memory: { samples: memory, verdict, retained }, problems, passed: problems.length === 0 && errors === 0,
    };
  } finally {
    if (server) await server.stop();
    await target.cleanup();
  }
}
