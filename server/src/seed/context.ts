// What a module's demo seeder receives: the open seeding transaction and the demo community already
// written (organisations, accounts, members), so each module adds its own demo rows in the same
// transaction as the rest of the first start.
import type { Platform } from '../platform/context.js';
import type { Tx } from '../db/types.js';
import type { Community } from './community.js';
import type { IdSequence } from './random.js';

export interface DemoContext {
  p: Platform;
  trx: Tx;
  tenantId: string;
  /** The seeding instant (the fake clock in tests) and the demo calendar day it falls on. */
  now: Date;
  today: string;
  community: Community;
  /** Demo account ids by username (admin, dangwei, zb1 … zb6, weiyuan, xz1, dy1, tongxun, shenhe, kaohe). */
  userIds: Map<string, string>;
  /** Fixed-sequence ids; a module may instead seed its own IdSequence for independence from others. */
  ids: IdSequence;
}
