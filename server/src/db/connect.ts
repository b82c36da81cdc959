// Opens the database the configuration names: a SQLite file (embedded default) or PostgreSQL.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { DbDialect } from '../config.js';
import type { Database } from './types.js';
import { Lru } from '../platform/lru.js';

export interface DataLayer {
  db: Kysely<Database>;
  dialect: DbDialect;
  /** The raw SQLite handle (online backup, integrity check); null on PostgreSQL. */
  sqlite: SQLite.Database | null;
  close(): Promise<void>;
}

/**
 * How every SQLite handle of the product is opened. DANGJIAN_SQLITE_BINDING names a better-sqlite3 addon built for
 * another Node line than node_modules' copy (the test run's Node 24 suite builds its own so the checkout's copy is
 * never rebuilt under a running machine); unset, the package's own addon loads.
 */
export function sqliteHandle(file: string, options: SQLite.Options = {}): SQLite.Database {
  const nativeBinding = process.env.DANGJIAN_SQLITE_BINDING;
  return new SQLite(file, nativeBinding ? { ...options, nativeBinding } : options);
}

/**
 * SQLite settings: WAL so readers never block the writer; synchronous=FULL so a commit is on disk
 * before it is acknowledged (durable across a process crash and a power cut); foreign keys on,
 * because SQLite leaves them off by default.
 */
export function openSqlite(file: string): SQLite.Database {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const handle = sqliteHandle(file);
  handle.pragma('journal_mode = WAL');
  handle.pragma('synchronous = FULL');
  handle.pragma('foreign_keys = ON');
  handle.pragma('busy_timeout = 5000');
  return handle;
}

/** Prepared statements kept per SQLite handle; the least recently used is dropped beyond this. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * The handle as Kysely sees it, with its prepared statements cached by SQL text: Kysely prepares every
 * statement again on each execution, which was 11 % of a member-list request (docs/PERFORMANCE.md). A
 * statement still being iterated is busy and is not handed out twice; SQLite re-prepares a cached
 * statement by itself after a schema change.
 */
export function cachingStatements(sqlite: SQLite.Database): { close(): void; prepare(sql: string): SQLite.Statement } {
  const cache = new Lru<string, SQLite.Statement>(STATEMENT_CACHE_SIZE);
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SQLite.Statement {
      const hit = cache.get(sql);
      if (hit && !hit.busy) return hit;
      const stmt = sqlite.prepare(sql);
      if (!hit) cache.set(sql, stmt);
      return stmt;
    },
  };
}

/** Distinct statements given a name (per process); beyond it, statements run unnamed as before. */
const MAX_NAMED_STATEMENTS = 2_000;
/** Statements with more parameters than this are mostly one-off `in (…)` lists: not worth a plan each. */
const MAX_NAMED_PARAMETERS = 64;
const statementNames = new Map<string, string>();
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;

/**
 * Named (prepared) statements on PostgreSQL: pg sends an unnamed statement through parse, analysis and
 * planning on every execution; planning was more than half of the session and member-list statements at
 * city scale (docs/PERFORMANCE.md). A named statement is parsed once per connection, and PostgreSQL reuses
 * a generic plan once it costs no more than the custom ones. Only data statements with parameters are named
 * (DDL and transaction control are not), one name per SQL text.
 */
function preparingStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (config: unknown, values?: unknown, callback?: unknown) => {
    if (typeof config === 'string' && Array.isArray(values) && values.length > 0 && values.length <= MAX_NAMED_PARAMETERS && PREPARABLE.test(config)) {
      let name = statementNames.get(config);
      if (!name && statementNames.size < MAX_NAMED_STATEMENTS) {
        name = `dj_${statementNames.size.toString(36)}`;
        statementNames.set(config, name);
      }
      if (name) return query({ name, text: config, values }, callback);
    }
    return query(config, values, callback);
  };
}

export function openDatabase(dialect: DbDialect, url: string): DataLayer {
  if (dialect === 'sqlite') {
    const sqlite = openSqlite(url);
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(sqlite) }) });
    return { db, dialect, sqlite, close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // count(*) and bigint come back as strings by default; every number we store fits a double.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  pool.on('connect', (client) => preparingStatements(client));
  // An idle connection can be cut by the server (restart, failover, admin termination). pg reports it as
  // an 'error' event on the pool, which would crash the process if nobody listened; the pool already
  // discards that client and the next query opens a fresh one.
  pool.on('error', (err) => {
    process.emitWarning(`PostgreSQL idle connection lost: ${err.message}`);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect, sqlite: null, close: () => db.destroy() };
}
