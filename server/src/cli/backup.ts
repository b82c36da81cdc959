// Consistent backups while the server runs, and restore: SQLite's online backup API, pg_dump/pg_restore
// for PostgreSQL. The field-encryption key is copied beside the backup: without it encrypted fields are lost.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Config } from '../config.js';
import { openSqlite, sqliteHandle } from '../db/connect.js';

function stamp(d = new Date()): string {
  return d.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

export function defaultBackupPath(config: Config): string {
  return path.join(config.dataDir, 'backups', `dangjian-${stamp()}.${config.dialect === 'sqlite' ? 'sqlite' : 'pgdump'}`);
}

/** An empty file only the owner can read, made before anything is written into it (never world-readable). */
function privateFile(file: string): void {
  fs.closeSync(fs.openSync(file, 'wx', 0o600));
}

function copyKey(config: Config, target: string): void {
  if (config.keyFromEnv || !fs.existsSync(config.keyFile)) return;
  privateFile(`${target}.key`);
  fs.writeFileSync(`${target}.key`, fs.readFileSync(config.keyFile));
}

/**
 * A consistent copy, written to `<target>.partial-<pid>` (mode 0600 from the start) and renamed into place only
 * when complete and checked: a failed or interrupted backup leaves nothing that looks like a backup.
 * SQLite: `VACUUM INTO` copies one read snapshot, so writers go on and the copy ends in bounded time (the online
 * backup API restarted on every write and, under steady writes, never finished). PostgreSQL: pg_dump's snapshot.
 */
export async function backup(config: Config, target: string): Promise<string> {
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  if (fs.existsSync(target)) throw new Error(`备份文件已存在：${target}`);
  // Checked before anything is written: finding it only when copying the key would leave a backup without its key.
  if (fs.existsSync(`${target}.key`)) throw new Error(`备份密钥文件已存在：${target}.key`);
  const partial = `${target}.partial-${process.pid}`;
  privateFile(partial);
  try {
    if (config.dialect === 'sqlite') {
      if (!fs.existsSync(config.databaseUrl)) throw new Error(`数据库文件不存在：${config.databaseUrl}`);
      const source = sqliteHandle(config.databaseUrl, { fileMustExist: true });
      try {
        source.pragma('busy_timeout = 5000');
        source.prepare('VACUUM INTO ?').run(partial);
      } finally {
        source.close();
      }
      const check = sqliteHandle(partial, { readonly: true });
      const ok = check.pragma('integrity_check', { simple: true });
      check.close();
      if (ok !== 'ok') throw new Error(`备份文件完整性检查失败：${String(ok)}`);
    } else {
      const r = spawnSync('pg_dump', ['--format=custom', '--no-owner', `--file=${partial}`, config.databaseUrl], { stdio: ['ignore', 'inherit', 'inherit'] });
      if (r.error) throw new Error(`无法运行 pg_dump（请安装 postgresql-client）：${r.error.message}`);
      if (r.status !== 0) throw new Error(`pg_dump 失败，退出码 ${r.status}`);
    }
    fs.renameSync(partial, target);
  } catch (e) {
    fs.rmSync(partial, { force: true });
    throw e;
  }
  copyKey(config, target);
  return target;
}

/** Restore replaces the current database; run it with the server stopped. */
export async function restore(config: Config, source: string): Promise<void> {
  if (!fs.existsSync(source)) throw new Error(`备份文件不存在：${source}`);
  if (config.dialect === 'sqlite') {
    const from = sqliteHandle(source, { readonly: true, fileMustExist: true });
    try {
      const ok = from.pragma('integrity_check', { simple: true });
      if (ok !== 'ok') throw new Error(`备份文件已损坏：${String(ok)}`);
      // Write through a fresh connection so the WAL of the old file cannot be replayed over it.
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${config.databaseUrl}${suffix}`, { force: true });
      await from.backup(config.databaseUrl);
    } finally {
      from.close();
    }
    openSqlite(config.databaseUrl).close();
  } else {
    const r = spawnSync('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', `--dbname=${config.databaseUrl}`, source], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.error) throw new Error(`无法运行 pg_restore（请安装 postgresql-client）：${r.error.message}`);
    if (r.status !== 0) throw new Error(`pg_restore 失败，退出码 ${r.status}`);
  }
  const key = `${source}.key`;
  if (fs.existsSync(key) && !config.keyFromEnv) {
    if (fs.existsSync(config.keyFile) && fs.readFileSync(config.keyFile, 'utf8') !== fs.readFileSync(key, 'utf8')) {
      fs.copyFileSync(config.keyFile, `${config.keyFile}.before-restore-${stamp()}`);
    }
    fs.mkdirSync(path.dirname(config.keyFile), { recursive: true });
    fs.copyFileSync(key, config.keyFile);
    fs.chmodSync(config.keyFile, 0o600);
  }
}
