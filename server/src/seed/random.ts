// Deterministic randomness for the demo data: a seeded PRNG, calendar-date arithmetic on YYYY-MM-DD
// strings, and UUIDv7-shaped ids from a fixed epoch and a counter, so that every fresh start writes the
// same rows with the same keys.
import { addDays, addYears, daysBetween, yearsBetween } from '../platform/calendar.js';

/** mulberry32: small, fast, good enough for synthetic data, identical on every platform. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  /** A float in [0, 1). */
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** Picks by weight: `[[value, weight], …]`. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [v, w] of items) {
      r -= w;
      if (r < 0) return v;
    }
    return items[items.length - 1]![0];
  }
  /** A new array in random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const a = [...items];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  }
}

// Date arithmetic is the platform calendar's; re-exported for the seeders that import it from here.
export { addDays, addYears, daysBetween, yearsBetween };

/** A random date in [from, to], both included. */
export function dateBetween(rng: Rng, from: string, to: string): string {
  return addDays(from, rng.int(0, daysBetween(from, to)));
}

/**
 * UUIDv7-shaped ids: the millisecond field counts from a fixed epoch (one millisecond per 4096 ids, the
 * 12-bit counter in between), the random bits come from a seeded PRNG. Ids stay time-ordered and older
 * than anything the application makes later with `newId()`.
 */
export class IdSequence {
  private n = 0;
  private readonly rng: Rng;
  constructor(private readonly epochMs: number, seed: number) {
    this.rng = new Rng(seed);
  }
  next(): string {
    const n = this.n++;
    const ms = BigInt(this.epochMs + Math.floor(n / 4096));
    const counter = n % 4096;
    const b = new Uint8Array(16);
    for (let i = 0; i < 6; i++) b[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
    b[6] = 0x70 | (counter >> 8);
    b[7] = counter & 0xff;
    for (let i = 8; i < 16; i++) b[i] = Math.floor(this.rng.next() * 256);
    b[8] = 0x80 | (b[8]! & 0x3f);
    const h = Buffer.from(b).toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
}
