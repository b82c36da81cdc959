// Smoke run of the benchmark harness (docs/PERFORMANCE.md) at community scale on the dialect under test:
// it generates the data, starts the server in its own process, measures every endpoint of the registry and
// reports it with zero errors. No timing is asserted: numbers belong to `npm run bench`, not to tests.
import { describe, expect, it } from 'vitest';
import { dialectLabel, testDialect } from '../test/harness.js';
import { ENDPOINTS } from './endpoints.js';
import { formatReport } from './report.js';
import { runBench } from './run.js';

describe(`benchmark harness ${dialectLabel()}`, () => {
  it('runs at community scale and reports every endpoint with its ceilings and no errors', async () => {
    const dialect = testDialect();
    const previous = process.env.DATABASE_URL;
    // On PostgreSQL the harness creates its own database on the test server (and drops it at the end).
    if (dialect === 'postgres') process.env.DATABASE_URL = process.env.TEST_DATABASE_URL;
    try {
      const log: string[] = [];
      const r = await runBench({ scale: 'community', dialect, connections: 2, duration: 0.1, amount: 4, log: (l) => log.push(l) });
      expect(r.problems).toEqual([]);
      expect(r.tenants).toBe(1);
      expect(r.members).toBeGreaterThan(200);
      expect(r.endpoints.map((e) => e.key)).toEqual(ENDPOINTS.map((e) => e.key));
      for (const e of r.endpoints) {
        expect(e.errors, e.key).toBe(0);
        expect(e.requests, e.key).toBeGreaterThan(0);
        expect(e.bare.rps, e.key).toBeGreaterThan(0);
        expect(e.db.statements, e.key).toBeGreaterThan(0);
        expect(e.bodyBytes, e.key).toBeGreaterThan(0);
        expect(e.serverCpuMs, e.key).toBeGreaterThan(0);
      }
      expect(r.peakRssMb).toBeGreaterThan(0);
      const table = formatReport(r);
      for (const e of ENDPOINTS) expect(table).toContain(e.key);
      expect(JSON.parse(JSON.stringify(r))).toMatchObject({ scale: 'community', dialect });
    } finally {
      if (previous === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = previous;
    }
  }, 300_000); // It generates a whole community first: 113 s of a quiet CI run on PostgreSQL, past 120 s when the machine is busy.
});
