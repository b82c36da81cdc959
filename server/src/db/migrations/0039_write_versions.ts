// write_versions: one counter per tenant, raised after every write request of an account of the tenant and every
// job run (platform/http/writeCounter.ts, platform/jobs/runner.ts), not by triggers: the 工作台's cards read a dozen
// modules' tables, and a trigger on each would make every write of the tenant wait on one counter row until commit.
// The cards' values are kept per process while it has not moved (platform/dashboard/cardCache.ts).
import type { Kysely } from 'kysely';
import { createCounterTable } from './counters.js';

export function migration0039() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await createCounterTable(db, 'write_versions');
    },
  };
}
