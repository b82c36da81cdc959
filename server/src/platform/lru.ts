// Bounded per-process caches: the prepared statements, organisation trees, grants, compliance lists and
// masks all keep at most a fixed number of entries, dropping the least recently used first.

/** A map of at most `max` entries; reading an entry makes it the most recently used. */
export class Lru<K, V> {
  private readonly map = new Map<K, V>();

  constructor(private readonly max: number) {}

  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  /** Entries held (tests check that a cache keeps no dead entries). */
  get size(): number {
    return this.map.size;
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }
}

/**
 * One value per handle (a database, a key), made on first use and gone with the handle: tests open several
 * databases in one process with the same demo ids, so a cache must never be shared between two of them.
 */
export function perHandle<H extends object, V>(make: () => V): (handle: H) => V {
  const all = new WeakMap<H, V>();
  return (handle) => {
    let value = all.get(handle);
    if (value === undefined) {
      value = make();
      all.set(handle, value);
    }
    return value;
  };
}

/**
 * Events per key in fixed windows of `windowMs` (opened by the key's first event), at most `maxKeys` keys kept:
 * the per-process allowances (login attempts per address, 身份证号 look-ups per account). A spray of new keys pushes
 * out the oldest instead of growing memory.
 */
export class WindowCounter {
  private readonly windows: Lru<string, { start: number; count: number }>;

  constructor(private readonly windowMs: number, maxKeys: number) {
    this.windows = new Lru(maxKeys);
  }

  /** Counts one event of `key` at `now` (ms); returns its number in the window and the ms until the window ends. */
  hit(key: string, now: number): { count: number; remainingMs: number } {
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs || now < w.start) w = { start: now, count: 0 };
    w.count++;
    this.windows.set(key, w);
    return { count: w.count, remainingMs: w.start + this.windowMs - now };
  }
}
