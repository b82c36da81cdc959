import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Browser tests: one real server and one Chromium per file, files one after another.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['e2e/**/*.test.ts'],
    environment: 'node',
    // Generous: a whole user flow on a loaded 2-core machine; every step inside waits for a condition.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // expect.poll's 1 s default is too short when two cores run a server, a browser and a build: a React
    // re-render after a click once took longer under CI load. Polls still end as soon as the condition holds.
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
