// A backup taken while another process writes without pause finishes in bounded time, holds every row committed
// before it began, checks clean, and is readable by its owner only; a failed backup leaves nothing behind.
// SQLite's online backup API restarted on every write and never finished under a steady writer.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../config.js';
import { openDatabase } from '../db/connect.js';
import { SYSTEM_TENANT_ID } from '../platform/tenants.js';
import { dialectLabel, freshDatabase } from '../test/harness.js';
import { spawnTs } from '../test/cli.js';
import { backup } from './backup.js';
import { createPlatform } from '../app.js';
import { seedDemo } from '../seed/demo.js';

const WRITER = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'test', 'crashWriter.ts');

let config: Config;
let drop: () => Promise<void>;
let writer: ChildProcess;
let acks = 0;
let dir: string;

beforeAll(async () => {
  const fresh = await freshDatabase();
  drop = fresh.drop;
  config = loadConfig({ ...fresh.env, DANGJIAN_DEMO_PASSWORD: 'Demo@2026pass' });
  // A database the size of a real committee's: a copy that restarts on every write never gets through it.
  const platform = await createPlatform(config);
  await seedDemo(platform);
  await platform.data.close();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-backup-writes-'));
  writer = spawnTs(WRITER, [], fresh.env);
  let pending = '';
  writer.stdout!.on('data', (d: Buffer) => {
    pending += d.toString();
    const lines = pending.split('\n');
    pending = lines.pop()!;
    acks += lines.filter((l) => l.startsWith('ack ')).length;
  });
  // Wait for the writer to be well into its stream before the backup starts.
  const started = Date.now();
  while (acks < 100) {
    if (Date.now() - started > 40_000 || writer.exitCode !== null) throw new Error(`the writer gave ${acks} acks`);
    await new Promise((r) => setTimeout(r, 50));
  }
}, 60_000);

afterAll(async () => {
  if (writer.exitCode === null && writer.signalCode === null) {
    writer.kill('SIGKILL');
    await new Promise((r) => writer.on('close', r));
  }
  await drop?.();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe(`backup under steady writes ${dialectLabel()}`, () => {
  it('finishes while the writer goes on, with every row acknowledged before it began, private, and nothing left half-done', async () => {
    const ackedBefore = acks;
    const target = path.join(dir, config.dialect === 'sqlite' ? 'b.sqlite' : 'b.pgdump');
    const began = Date.now();
    await backup(config, target);
    const tookMs = Date.now() - began;
    // The writer went on through the backup and after it: nothing waited for a pause.
    expect(writer.exitCode).toBeNull();
    const waitFrom = Date.now();
    while (acks < ackedBefore + 50 && Date.now() - waitFrom < 20_000) await new Promise((r) => setTimeout(r, 20));
    expect(acks).toBeGreaterThanOrEqual(ackedBefore + 50);
    expect(tookMs).toBeLessThan(30_000);
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);

    if (config.dialect === 'sqlite') {
      const copy = openDatabase('sqlite', target);
      const rows = await copy.db.selectFrom('settings').select('key').where('tenant_id', '=', SYSTEM_TENANT_ID).where('key', 'like', 'crash-%').execute();
      await copy.close();
      expect(rows.length).toBeGreaterThanOrEqual(ackedBefore);
    } else {
      expect(fs.statSync(target).size).toBeGreaterThan(0);
    }

    // A backup that cannot be written (the target exists) fails and leaves no partial file.
    await expect(backup(config, target)).rejects.toThrow(/备份文件已存在/);
    const broken = { ...config, databaseUrl: config.dialect === 'sqlite' ? path.join(dir, 'missing.sqlite') : `${config.databaseUrl}_missing` };
    await expect(backup(broken, path.join(dir, 'c.bak'))).rejects.toThrow();
    expect(fs.readdirSync(dir).sort()).toEqual([path.basename(target), ...(fs.existsSync(`${target}.key`) ? [`${path.basename(target)}.key`] : [])].sort());
  }, 60_000);
});
