// Test harness: a real database per test file (a SQLite file in a temp dir, or a fresh PostgreSQL
// database when DANGJIAN_TEST_DB=postgres), the demo community seeded, a fake clock, and helpers
// that speak HTTP to the app through inject(). The seeded community is built once per run
// (test/globalSetup.ts) and copied for each app: seeding costs ~13 s on PostgreSQL, a copy well under one.
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../config.js';
import { buildApp, createPlatform } from '../app.js';
import { FakeClock } from '../platform/clock.js';
import type { Platform } from '../platform/context.js';
import { seedDemo } from '../seed/demo.js';
import { SECURITY_POLICY } from '../platform/auth/policy.js';
import { SYSTEM_TENANT_ID } from '../platform/tenants.js';
import { databaseUrl, pgAdmin, throwawayDatabase } from '../db/throwaway.js';

export const DEMO_PASSWORD = 'Demo@2026pass';
/** The demo committee's login attempts per address and minute in tests (the policy's ceiling). */
const TEST_LOGIN_ALLOWANCE = 10_000;
export type TestDialect = 'sqlite' | 'postgres';

export function testDialect(): TestDialect {
  return process.env.DANGJIAN_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
}

/** A fresh, empty database of the dialect under test, and a way to throw it away. */
export async function freshDatabase(): Promise<{ env: NodeJS.ProcessEnv; dataDir: string; drop: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-test-'));
  if (testDialect() === 'sqlite') {
    return { env: { DANGJIAN_DATA_DIR: dataDir }, dataDir, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('DANGJIAN_TEST_DB=postgres needs TEST_DATABASE_URL');
  const db = await throwawayDatabase(adminUrl, 'dj_t_');
  return {
    env: { DANGJIAN_DATA_DIR: dataDir, DATABASE_URL: db.url },
    dataDir,
    drop: async () => {
      await db.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The seeded community of this run: a data directory (field key, SQLite file) and, on PostgreSQL, a template database. */
export interface SeededTemplate {
  dialect: TestDialect;
  dataDir: string;
  database: string | null;
}

declare module 'vitest' {
  export interface ProvidedContext {
    seededTemplate: SeededTemplate | null;
  }
}

/** Migrates and seeds a fresh database the way createTestApp does, and closes it: the template the run's apps copy. */
export async function buildSeededTemplate(): Promise<{ template: SeededTemplate; drop: () => Promise<void> }> {
  const db = await freshDatabase();
  const platform = await seededPlatform(db);
  await platform.data.close();
  const database = testDialect() === 'postgres' ? new URL(db.env.DATABASE_URL!).pathname.slice(1) : null;
  return { template: { dialect: testDialect(), dataDir: db.dataDir, database }, drop: db.drop };
}

/** A copy of the run's seeded template, or null when there is none (a config without the global setup). */
async function copyOfTemplate(): Promise<Awaited<ReturnType<typeof freshDatabase>> | null> {
  let t: SeededTemplate | null | undefined;
  try {
    t = inject('seededTemplate');
  } catch {
    return null;
  }
  if (!t || t.dialect !== testDialect()) return null;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-test-'));
  fs.cpSync(t.dataDir, dataDir, { recursive: true });
  const removeDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  if (!t.database) return { env: { DANGJIAN_DATA_DIR: dataDir }, dataDir, drop: async () => removeDir() };
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `dj_t_${randomBytes(6).toString('hex')}`;
  await pgAdmin(adminUrl, `create database ${name} template ${t.database}`);
  return {
    env: { DANGJIAN_DATA_DIR: dataDir, DATABASE_URL: databaseUrl(adminUrl, name) },
    dataDir,
    drop: async () => {
      await pgAdmin(adminUrl, `drop database if exists ${name} with (force)`);
      removeDir();
    },
  };
}

const testConfig = (env: NodeJS.ProcessEnv, dataDir: string): Config =>
  loadConfig({ ...env, DANGJIAN_DEMO_PASSWORD: DEMO_PASSWORD, LOG_LEVEL: 'silent', DANGJIAN_WEB_DIST: path.join(dataDir, 'no-web') });

/** A platform on the database with the demo community seeded and the test login allowance. */
async function seededPlatform(db: { env: NodeJS.ProcessEnv; dataDir: string }, clock = new FakeClock()): Promise<Platform> {
  const platform = await createPlatform(testConfig(db.env, db.dataDir), { clock });
  await seedDemo(platform);
  // Every test logs in from the same address within one fake minute, hundreds of times a file: the demo
  // committee's per-address login allowance is raised to its ceiling (auth.test.ts sets it back to test it).
  const demo = await platform.db.selectFrom('tenants').select('id').where('id', '!=', SYSTEM_TENANT_ID).executeTakeFirstOrThrow();
  await platform.settings.set(platform.db, demo.id, SECURITY_POLICY, { ...SECURITY_POLICY.defaults, loginAttemptsPerMinute: TEST_LOGIN_ALLOWANCE });
  return platform;
}

export interface TestApp {
  app: FastifyInstance;
  platform: Platform;
  config: Config;
  clock: FakeClock;
  dialect: TestDialect;
  close(): Promise<void>;
  /** Logs in and returns the cookie header value; throws when the login fails. */
  login(username: string, password?: string): Promise<string>;
  call(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, opts?: { cookie?: string; body?: unknown; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
  /** Id of a demo organisation by name. */
  orgId(name: string): Promise<string>;
}

export async function createTestApp(opts: { seed?: boolean } = {}): Promise<TestApp> {
  const seed = opts.seed !== false;
  const copy = seed ? await copyOfTemplate() : null;
  const db = copy ?? (await freshDatabase());
  const config = testConfig(db.env, db.dataDir);
  const clock = new FakeClock();
  const platform = seed && !copy ? await seededPlatform(db, clock) : await createPlatform(config, { clock });
  const app = await buildApp(platform, { logger: false });
  await app.ready();

  const call: TestApp['call'] = (method, url, o = {}) =>
    app.inject({
      method,
      url,
      headers: { ...(o.cookie ? { cookie: o.cookie } : {}), ...(o.headers ?? {}) },
      ...(o.body !== undefined ? { payload: o.body as object } : {}),
    });

  return {
    app,
    platform,
    config,
    clock,
    dialect: testDialect(),
    async close() {
      await app.close();
      await platform.data.close();
      await db.drop();
    },
    async login(username, password = DEMO_PASSWORD) {
      const res = await call('POST', '/api/v1/auth/login', { body: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const set = res.cookies.find((c) => c.name === 'dj_session');
      if (!set) throw new Error('no session cookie');
      return `dj_session=${set.value}`;
    },
    call,
    async orgId(name) {
      const row = await platform.db.selectFrom('organisations').select('id').where('name', '=', name).orderBy('path').executeTakeFirstOrThrow();
      return row.id;
    },
  };
}

/** Label used in describe() so the output says which dialect ran. */
export const dialectLabel = () => `[${testDialect() === 'postgres' ? 'PostgreSQL' : 'SQLite'}]`;
