// UUIDv7: time-ordered ids made in the application, so both dialects get the same keys without
// sequences and inserts append to the end of the index.
import { randomBytes } from 'node:crypto';

let lastMs = 0;
let counter = 0;

export function newId(nowMs: number = Date.now()): string {
  // A 12-bit counter keeps ids made within one millisecond in order.
  if (nowMs <= lastMs) {
    counter = (counter + 1) & 0xfff;
    if (counter === 0) lastMs += 1;
    nowMs = lastMs;
  } else {
    lastMs = nowMs;
    counter = 0;
  }
  const b = randomBytes(16);
  const ms = BigInt(nowMs);
  for (let i = 0; i < 6; i++) b[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  b[6] = 0x70 | (counter >> 8);
  b[7] = counter & 0xff;
  b[8] = 0x80 | (b[8]! & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
