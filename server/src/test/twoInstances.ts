// Two server instances on ONE database (what two processes behind a load balancer share), for tests of
// work that must happen once across processes (scheduled jobs). Each instance has its own connection(s),
// registries and job runner, like a separate process; they share the database and a fake clock.
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../config.js';
import { buildApp, createPlatform } from '../app.js';
import { FakeClock } from '../platform/clock.js';
import type { Platform } from '../platform/context.js';
import { seedDemo } from '../seed/demo.js';
import { DEMO_PASSWORD, freshDatabase } from './harness.js';

export interface Instance {
  platform: Platform;
  /** Only with `apps: true`: the Fastify app, whose module plugins registered their todo sources and jobs. */
  app: FastifyInstance | null;
}

export interface TwoInstances {
  a: Instance;
  b: Instance;
  clock: FakeClock;
  close(): Promise<void>;
}

/**
 * A fresh database with the demo community and two instances on it. `apps: true` also builds each
 * instance's app, so the jobs modules register in their plugins exist on both (as in `start`).
 */
export async function openTwoInstances(opts: { apps?: boolean } = {}): Promise<TwoInstances> {
  const db = await freshDatabase();
  const config = loadConfig({ ...db.env, DANGJIAN_DEMO_PASSWORD: DEMO_PASSWORD, LOG_LEVEL: 'silent', DANGJIAN_WEB_DIST: path.join(db.dataDir, 'no-web') });
  const clock = new FakeClock();
  const open = async (seed: boolean): Promise<Instance> => {
    const platform = await createPlatform(config, { clock });
    // Two SQLite connections in ONE process: a writer waiting in SQLite's busy handler blocks the whole
    // event loop, so the other connection's open transaction could never finish (a 5 s stall, then
    // "database is locked"). Separate processes do not have this problem; here a busy write fails at once
    // instead, which the job runner reports as `unclaimed` and retries on the next tick.
    platform.data.sqlite?.pragma('busy_timeout = 0');
    if (seed) await seedDemo(platform);
    let app: FastifyInstance | null = null;
    if (opts.apps) {
      app = await buildApp(platform, { logger: false });
      await app.ready();
    }
    return { platform, app };
  };
  const a = await open(true);
  const b = await open(false);
  return {
    a, b, clock,
    async close() {
      for (const i of [a, b]) {
        await i.platform.jobs.stop();
        await i.app?.close();
        await i.platform.data.close();
      }
      await db.drop();
    },
  };
}
