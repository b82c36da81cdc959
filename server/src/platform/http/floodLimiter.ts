// The flood limiter of the public pages (the plaque page, the 大屏): so many requests per client address per minute, counted in this process
// in a bounded cache (the least recently seen addresses are dropped first, so a spray of addresses cannot grow it).
import { Lru } from '../lru.js';

export const FLOOD_PER_MINUTE = 60;
const WINDOW_MS = 60_000;
const ADDRESSES = 10_000;

export class FloodLimiter {
  private readonly seen = new Lru<string, { start: number; n: number }>(ADDRESSES);

  constructor(private readonly perWindow = FLOOD_PER_MINUTE) {}

  /** Counts one request of the address at `now` (ms): false once the address is over its number in the window. */
  allow(address: string, now: number): boolean {
    const cur = this.seen.get(address);
    if (!cur || now - cur.start >= WINDOW_MS) {
      this.seen.set(address, { start: now, n: 1 });
      return true;
    }
    cur.n++;
    return cur.n <= this.perWindow;
  }

  get size(): number {
    return this.seen.size;
  }
}
