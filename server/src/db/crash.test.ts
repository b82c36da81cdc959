// "Nothing is lost": a write the server has acknowledged survives the process being killed at any
// moment. A child process (test/crashWriter.ts) commits rows through openDatabase and says "ack <n>"
// after each commit; it is killed with SIGKILL mid-stream and the database is reopened.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../config.js';
import { openDatabase, openSqlite } from './connect.js';
import { SYSTEM_TENANT_ID } from '../platform/tenants.js';
import { dialectLabel, freshDatabase, testDialect } from '../test/harness.js';
import { spawnTs } from '../test/cli.js';

const WRITER = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'test', 'crashWriter.ts');
const ACKS_BEFORE_KILL = 200;

let config: Config;
let drop: () => Promise<void>;
const acked: number[] = [];
let exit: { code: number | null; signal: NodeJS.Signals | null };

beforeAll(async () => {
  const fresh = await freshDatabase();
  drop = fresh.drop;
  config = loadConfig(fresh.env);
  const child = spawnTs(WRITER, [], fresh.env);
  let stderr = '';
  let pending = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout!.on('data', (d: Buffer) => {
    pending += d.toString();
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      const m = /^ack (\d+)$/.exec(line);
      if (m) acked.push(Number(m[1]));
    }
    if (acked.length >= ACKS_BEFORE_KILL && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  exit = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`writer gave ${acked.length} acks in 40 s:\n${stderr}`));
    }, 40_000);
    // 'close' comes after stdout has been read to the end, so every ack the child wrote is counted.
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });
  if (exit.signal !== 'SIGKILL') throw new Error(`writer ended by itself (code ${exit.code}) after ${acked.length} acks:\n${stderr}`);
});
afterAll(async () => {
  await drop?.();
});

describe(`acknowledged writes survive SIGKILL ${dialectLabel()}`, () => {
  it('finds every acknowledged row after the writer was killed mid-stream, and nothing half-written', async () => {
    expect(exit.signal).toBe('SIGKILL');
    expect(acked.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
    expect(acked).toEqual(acked.map((_, i) => i + 1));
    const last = acked.at(-1)!;

    const data = openDatabase(config.dialect, config.databaseUrl);
    try {
      const rows = await data.db.selectFrom('settings').select(['key', 'value']).where('tenant_id', '=', SYSTEM_TENANT_ID).where('key', 'like', 'crash-%').execute();
      const found = rows.map((r) => Number(r.key.slice('crash-'.length))).sort((a, b) => a - b);
      const missing = acked.filter((n) => !found.includes(n));
      expect(missing, 'acknowledged but lost').toEqual([]);
      // Commits are sequential: what is there is 1..m, where m is the last ack or the one commit whose
      // ack the kill cut off.
      expect(found).toEqual(found.map((_, i) => i + 1));
      expect(found.length === last || found.length === last + 1).toBe(true);
      for (const r of rows) expect(JSON.parse(r.value)).toEqual({ n: Number(r.key.slice('crash-'.length)) });
    } finally {
      await data.close();
    }
  });
});

// The file-level guarantees exist only for the embedded database; PostgreSQL's own server keeps its files.
if (testDialect() === 'sqlite') {
  describe(`SQLite file after the crash [SQLite only] ${dialectLabel()}`, () => {
    it('passes the integrity check and reopens with WAL, synchronous=FULL and foreign keys on', () => {
      const handle = openSqlite(config.databaseUrl);
      try {
        expect(handle.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(handle.pragma('journal_mode', { simple: true })).toBe('wal');
        expect(handle.pragma('synchronous', { simple: true })).toBe(2);
        expect(handle.pragma('foreign_keys', { simple: true })).toBe(1);
        expect(handle.pragma('foreign_key_check')).toEqual([]);
      } finally {
        handle.close();
      }
    });
  });
}
