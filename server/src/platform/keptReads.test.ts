// The store behind the write counter: one computation per (key, counter) while young enough; failures and values the
// caller refuses are computed again.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '../db/types.js';
import { keptReads } from './keptReads.js';

afterEach(() => vi.useRealTimers());

describe('keptReads', () => {
  const db = {} as Db;

  it('computes once per key and counter, again when the counter moves, and keeps keys apart', async () => {
    const kept = keptReads<number>(10, 60_000);
    let n = 0;
    const compute = async () => ++n;
    expect(await kept(db, 'a', 1, compute)).toBe(1);
    expect(await kept(db, 'a', 1, compute)).toBe(1);
    expect(await kept(db, 'b', 1, compute)).toBe(2);
    expect(await kept(db, 'a', 2, compute)).toBe(3);
    // Another database handle never sees this one's values (tests open several with the same ids).
    expect(await kept({} as Db, 'a', 2, compute)).toBe(4);
  });

  it('concurrent first readers share one computation', async () => {
    const kept = keptReads<number>(10, 60_000);
    let n = 0;
    const compute = () => new Promise<number>((resolve) => setTimeout(() => resolve(++n), 5));
    expect(await Promise.all([kept(db, 'a', 1, compute), kept(db, 'a', 1, compute)])).toEqual([1, 1]);
  });

  it('a failed computation, or one the caller refuses to keep, is computed again', async () => {
    const kept = keptReads<{ ok: boolean; n: number }>(10, 60_000, (v) => v.ok);
    let n = 0;
    await expect(kept(db, 'a', 1, async () => { throw new Error('db down'); })).rejects.toThrow('db down');
    expect(await kept(db, 'a', 1, async () => ({ ok: false, n: ++n }))).toEqual({ ok: false, n: 1 });
    expect(await kept(db, 'a', 1, async () => ({ ok: true, n: ++n }))).toEqual({ ok: true, n: 2 });
    expect(await kept(db, 'a', 1, async () => ({ ok: true, n: ++n }))).toEqual({ ok: true, n: 2 });
  });

  it('a value older than the maximum age is computed again even if the counter did not move', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-07T08:00:00Z'));
    const kept = keptReads<number>(10, 60_000);
    let n = 0;
    const compute = async () => ++n;
    expect(await kept(db, 'a', 1, compute)).toBe(1);
    vi.setSystemTime(new Date('2026-12-07T08:00:59Z'));
    expect(await kept(db, 'a', 1, compute)).toBe(1);
    vi.setSystemTime(new Date('2026-12-07T08:01:00Z'));
    expect(await kept(db, 'a', 1, compute)).toBe(2);
  });

  it('holds at most its bound of entries, dropping the least recently used', async () => {
    const kept = keptReads<number>(2, 60_000);
    let n = 0;
    const compute = async () => ++n;
    await kept(db, 'a', 1, compute);
    await kept(db, 'b', 1, compute);
    await kept(db, 'a', 1, compute);
    await kept(db, 'c', 1, compute); // drops b
    expect(await kept(db, 'a', 1, compute)).toBe(1);
    expect(await kept(db, 'b', 1, compute)).toBe(4);
  });
});
