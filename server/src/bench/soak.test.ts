// Smoke run of the soak (docs/PERFORMANCE.md, "Soak") for a few seconds on the suite's dialect: the reads and
// every write step run through the real server with zero errors, memory is sampled, and the report prints.
// No timing and no memory bound is asserted: a few seconds on a shared machine measure nothing; the judging
// itself is checked on made-up samples.
import { describe, expect, it } from 'vitest';
import { dialectLabel, testDialect } from '../test/harness.js';
import { ENDPOINTS } from './endpoints.js';
import { formatSoakReport } from './report.js';
import { judgeMemory, SOAK_BOUND, runSoak } from './soak.js';

describe(`soak ${dialectLabel()}`, () => {
  it('runs the read and write mix for a few seconds with zero errors and samples the server memory', async () => {
    const dialect = testDialect();
    const previous = process.env.DATABASE_URL;
    // On PostgreSQL the soak creates its own database on the test server (and drops it at the end), like the bench.
    if (dialect === 'postgres') process.env.DATABASE_URL = process.env.TEST_DATABASE_URL;
    try {
      const r = await runSoak({ scale: 'community', dialect, seconds: 6, connections: 2, writers: 3, sampleEvery: 0.5, log: () => {} });
      expect(r.problems).toEqual([]);
      expect(r.errors).toBe(0);
      expect(r.passed).toBe(true);
      // Three writers start on the three scenarios, so each completes at least once.
      expect(r.cycles.task).toBeGreaterThan(0);
      expect(r.cycles.info).toBeGreaterThan(0);
      expect(r.cycles.orgLife).toBeGreaterThan(0);
      const kinds = r.kinds.map((k) => k.kind);
      expect(kinds).toEqual(expect.arrayContaining(['task.verify', 'info.publish', 'orgLife.signIn']));
      expect(kinds).not.toContain('login');
      expect(r.kinds.filter((k) => k.group === 'read').length).toBeGreaterThan(0);
      expect(r.reads + r.writes).toBe(r.requests);
      expect(r.memory.samples.length).toBeGreaterThanOrEqual(5);
      for (const s of r.memory.samples) expect(s.rssMb).toBeGreaterThan(0);
      expect(r.memory.samples.some((s) => s.heapUsedMb > 0)).toBe(true);
      expect(r.memory.retained.length).toBe(6);
      expect(r.memory.retained.at(-1)).toMatchObject({ afterLoad: true });
      for (const x of r.memory.retained) expect(x.heapUsedMb).toBeGreaterThan(0);
      const report = formatSoakReport(r);
      expect(report).toContain('verdict: PASS');
      for (const k of kinds) expect(report).toContain(k);
      expect(ENDPOINTS.some((e) => kinds.includes(e.key))).toBe(true);
      expect(JSON.parse(JSON.stringify(r))).toMatchObject({ mode: 'soak', dialect });
    } finally {
      if (previous === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = previous;
    }
  }, 120_000);

  it('judges growth after the warm-up, first fifth against last, within the stated bound', () => {
    const flat = Array.from({ length: 60 }, (_, i) => ({ seconds: i * 5, rssMb: 200 + (i % 3), heapUsedMb: 80, heapTotalMb: 100, externalMb: 5 }));
    const ok = judgeMemory(flat, 300);
    expect(ok).toMatchObject({ warmupSeconds: 60, judged: 48, withinBound: true });
    expect(ok.growthMb).toBeLessThan(2);
    // A leak of 2 MB every 5 s: the fifths' means (232 and 310 MB) differ by 78 MB, over the 50 MB floor.
    const leak = flat.map((s, i) => ({ ...s, rssMb: 200 + 2 * i }));
    const bad = judgeMemory(leak, 300);
    expect(bad.withinBound).toBe(false);
    expect(bad.growthMb).toBeGreaterThan(bad.boundMb);
    expect(bad.boundMb).toBeGreaterThanOrEqual(SOAK_BOUND.floorMb);
    expect(bad.slopeMbPerMinute).toBeCloseTo(24, 0);
    expect(judgeMemory(flat.slice(0, 3), 300).withinBound).toBeNull();
  });
});
