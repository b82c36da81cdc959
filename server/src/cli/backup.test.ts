// Backup while the real server runs, restore into another, empty database: the operator's way of not
// losing anything (docs: operator guide). Runs the command line exactly as an operator would.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { buildApp, createPlatform } from '../app.js';
import { DEMO_PASSWORD, dialectLabel, freshDatabase, testDialect } from '../test/harness.js';
import { runCli, startServer, type RunningServer } from '../test/cli.js';

type Fresh = Awaited<ReturnType<typeof freshDatabase>>;

const ORG = '机关第二党支部';
const RENAMED = '机关第二党支部（备份前改名）';
const AFTER_BACKUP = '机关第二党支部（备份后改名）';

let source: Fresh;
let target: Fresh;
let server: RunningServer | undefined;
let backupDir: string;
let backupFile: string;
let cookie: string;
let orgId: string;

async function api(method: string, url: string, body?: unknown): Promise<Response> {
  return fetch(`${server!.baseUrl}${url}`, {
    method,
    headers: { ...(cookie ? { cookie } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

beforeAll(async () => {
  if (testDialect() === 'postgres') {
    for (const tool of ['pg_dump', 'pg_restore']) {
      const r = spawnSync(tool, ['--version'], { encoding: 'utf8' });
      if (r.error || r.status !== 0) {
        throw new Error(`${tool} is not on PATH (${r.error?.message ?? r.stderr}): backup and restore on PostgreSQL need the PostgreSQL client tools (Debian: apt-get install postgresql-client-15)`);
      }
    }
  }
  source = await freshDatabase();
  target = await freshDatabase();
  backupDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-backup-'));
  backupFile = path.join(backupDir, testDialect() === 'postgres' ? 'dangjian.pgdump' : 'dangjian.sqlite');
  server = await startServer({ ...source.env, DANGJIAN_DEMO_PASSWORD: DEMO_PASSWORD, DANGJIAN_WEB_DIST: path.join(source.dataDir, 'no-web') });

  const login = await api('POST', '/api/v1/auth/login', { username: 'dangwei', password: DEMO_PASSWORD });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}\n${server.output()}`);
  const set = login.headers.getSetCookie().find((c) => c.startsWith('dj_session='));
  cookie = set!.split(';')[0]!;
  const tree = (await (await api('GET', '/api/v1/orgs/tree')).json()) as { items: { id: string; name: string }[] };
  orgId = tree.items.find((o) => o.name === ORG)!.id;
}, 90_000);

afterAll(async () => {
  await server?.stop();
  await source?.drop();
  await target?.drop();
  if (backupDir) fs.rmSync(backupDir, { recursive: true, force: true });
});

describe(`backup while the server runs, restore elsewhere ${dialectLabel()}`, () => {
  it('backs up a running server: exit 0, a backup file and its key beside it, readable only by the owner', async () => {
    const rename = await api('PATCH', `/api/v1/orgs/${orgId}`, { name: RENAMED });
    expect(rename.status).toBe(200);

    const r = await runCli(['backup', backupFile], source.env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('备份完成');
    expect(fs.statSync(backupFile).size).toBeGreaterThan(0);
    expect(fs.statSync(backupFile).mode & 0o777).toBe(0o600);
    expect(fs.statSync(`${backupFile}.key`).mode & 0o777).toBe(0o600);
    // The key is the server's field-encryption key: without it encrypted fields could not be read.
    expect(fs.readFileSync(`${backupFile}.key`, 'utf8')).toBe(fs.readFileSync(loadConfig(source.env).keyFile, 'utf8'));

    // The server kept serving, and a later change is not part of this backup.
    expect((await api('GET', '/api/health')).status).toBe(200);
    expect((await api('PATCH', `/api/v1/orgs/${orgId}`, { name: AFTER_BACKUP })).status).toBe(200);
  });

  it('refuses to overwrite an existing backup file', async () => {
    const before = fs.readFileSync(backupFile);
    const r = await runCli(['backup', backupFile], source.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('备份文件已存在');
    expect(fs.readFileSync(backupFile).equals(before)).toBe(true);
  });

  it('restores into an empty database: the change, the audit trail and the key come back, and people can log in', async () => {
    const r = await runCli(['restore', backupFile], target.env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('审计日志完整');

    const config = loadConfig(target.env);
    expect(config.databaseUrl).not.toBe(loadConfig(source.env).databaseUrl);
    expect(fs.readFileSync(config.keyFile, 'utf8')).toBe(fs.readFileSync(`${backupFile}.key`, 'utf8'));
    expect(fs.statSync(config.keyFile).mode & 0o777).toBe(0o600);

    const platform = await createPlatform({ ...config, seedDemo: false, logLevel: 'silent' });
    try {
      const db = platform.db;
      const org = await db.selectFrom('organisations').select('name').where('id', '=', orgId).executeTakeFirstOrThrow();
      expect(org.name).toBe(RENAMED);
      const updates = await db.selectFrom('audit_log').select(['username', 'before', 'after']).where('action', '=', 'org.update').where('entity_id', '=', orgId).execute();
      expect(updates.map((u) => [u.username, JSON.parse(u.before!).name, JSON.parse(u.after!).name])).toEqual([['dangwei', ORG, RENAMED]]);
      const actions = (await db.selectFrom('audit_log').select('action').execute()).map((a) => a.action);
      expect(actions).toEqual(expect.arrayContaining(['demo.seed', 'auth.login', 'org.update']));
      const verified = await platform.audit.verify();
      expect(verified).toMatchObject({ ok: true, problems: [] });
      expect(verified.checked).toBe(actions.length);

      const app = await buildApp(platform, { logger: false });
      try {
        const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'dangwei', password: DEMO_PASSWORD } });
        expect(login.statusCode).toBe(200);
      } finally {
        await app.close();
      }
    } finally {
      await platform.data.close();
    }
  });
});
