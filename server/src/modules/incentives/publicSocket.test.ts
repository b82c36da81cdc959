// The public plaque page over a real socket on 127.0.0.1 (issue 19, Must show: bounded fuzzing and flooding): 300
// requests from 20 connections at once — page views, valid ratings, hostile bodies and content types, an oversized
// body — against a listening server. No 5xx; the per-minute limit holds (60 answered, the rest the flood page); the
// stored ratings stay within the address's daily number; the server keeps answering its health check throughout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { FLOOD_PER_MINUTE } from '../../platform/http/floodLimiter.js';
import { PUBLIC_RATING } from './ratingSettings.js';

let t: TestApp;
let base: string;
let codes: string[];

beforeAll(async () => {
  t = await createTestApp();
  base = await t.app.listen({ host: '127.0.0.1', port: 0 });
  const rows = await t.platform.db.selectFrom('incentive_plaques').select('public_code').where('status', '=', 'active').orderBy('id').limit(10).execute();
  codes = rows.map((r) => r.public_code!);
}, 60_000);
afterAll(async () => t.close());

/** The i-th request of the flood: a view, a rating, or something hostile. */
function nth(i: number): { path: string; init: RequestInit } {
  const code = codes[i % codes.length]!;
  const post = (body: string, type: string): RequestInit => ({ method: 'POST', body, headers: { 'content-type': type, origin: base } });
  switch (i % 6) {
    case 0: return { path: `/plaque/${code}`, init: {} };
    case 1: return { path: `/plaque/${code}`, init: post(new URLSearchParams({ score: String(1 + (i % 5)), comment: `第${i}条<script>alert(1)</script>` }).toString(), 'application/x-www-form-urlencoded') };
    case 2: return { path: `/plaque/${code}`, init: post(JSON.stringify({ score: 5, comment: { $gt: '' } }), 'application/json') };
    case 3: return { path: `/plaque/${code}`, init: post('score=5&comment=' + '长'.repeat(3000), 'application/x-www-form-urlencoded') };
    case 4: return { path: `/plaque/${'A'.repeat(22)}`, init: post('score=9&score=1&comment=%00%ff', 'application/x-www-form-urlencoded') };
    default: return { path: `/plaque/${code}%2F..%2F..%2Fapi%2Fv1%2Fmembers`, init: { headers: { cookie: 'dj_device=' + 'x'.repeat(4000) } } };
  }
}

describe(`示范岗公开页 over 127.0.0.1 ${dialectLabel()}`, () => {
  it('a flood of 300 mixed requests from 20 connections: no 5xx, the minute limit holds, the server stays up', async () => {
    const before = Number((await t.platform.db.selectFrom('incentive_ratings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const statuses: number[] = [];
    const bodies: string[] = [];
    let next = 0;
    const health: number[] = [];
    const worker = async () => {
      for (let i = next++; i < 300; i = next++) {
        const { path, init } = nth(i);
        const res = await fetch(base + path, init);
        statuses.push(res.status);
        bodies.push(await res.text());
        if (i % 50 === 0) health.push((await fetch(`${base}/api/health`)).status);
      }
    };
    await Promise.all(Array.from({ length: 20 }, worker));

    expect(statuses).toHaveLength(300);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(bodies.filter((b) => b.includes('访问过于频繁，请稍后再试'))).toHaveLength(300 - FLOOD_PER_MINUTE);
    expect(bodies.some((b) => b.includes('<script>alert(1)</script>'))).toBe(false);
    // Nothing but the plaque pages answers here: no JSON of the API leaked through a crafted path.
    expect(bodies.some((b) => b.trimStart().startsWith('{') && b.includes('"items"'))).toBe(false);
    expect(health.every((s) => s === 200)).toBe(true);
    const after = Number((await t.platform.db.selectFrom('incentive_ratings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    expect(after - before).toBeGreaterThan(0);
    expect(after - before).toBeLessThanOrEqual(PUBLIC_RATING.defaults.perAddressPerDay);
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
  });
});
