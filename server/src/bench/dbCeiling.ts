// The database's ceiling for an endpoint: the reads the endpoint ran (captured by server.ts while one request
// was served) replayed directly on the database, one request's statements in order per iteration, for the
// same time as the HTTP load. SQLite: one connection in this process (the server has one too, and
// better-sqlite3 is synchronous). PostgreSQL: as many connections as the load, at most the server's pool
// size (it can never have more queries in flight). Writes (session touch, login's session and audit rows)
// are not replayed: they would collide on keys; the ceiling of such an endpoint is for its reads. Statements
// are prepared once per connection on both, as the server's are.
import { sqliteHandle } from '../db/connect.js';
import pg from 'pg';
import type { CapturedQuery } from './server.js';

/** PostgreSQL pool size of the server (db/connect.ts). */
export const SERVER_POOL_SIZE = 10;

export interface DbCeiling {
  p50: number;
  p99: number;
  rps: number;
  statements: number;
  skippedWrites: number;
}

export const isRead = (q: CapturedQuery) => /^\s*(select|with)\b/i.test(q.sql) && !/\bfor\s+(no\s+key\s+)?update\b/i.test(q.sql);

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export async function measureDbCeiling(
  target: { dialect: 'sqlite' | 'postgres'; url: string },
  perSample: CapturedQuery[][],
  opts: { connections: number; seconds: number },
): Promise<DbCeiling> {
  const reads = perSample.map((qs) => qs.filter(isRead));
  const skippedWrites = perSample[0] ? perSample[0].length - reads[0]!.length : 0;
  const statements = reads[0]?.length ?? 0;
  const latencies: number[] = [];
  const deadline = performance.now() + opts.seconds * 1000;
  if (target.dialect === 'sqlite') {
    const db = sqliteHandle(target.url, { readonly: true });
    try {
      const prepared = reads.map((qs) => qs.map((q) => ({ stmt: db.prepare(q.sql), params: q.parameters })));
      let i = 0;
      while (performance.now() < deadline) {
        const list = prepared[i++ % prepared.length]!;
        const t = performance.now();
        for (const { stmt, params } of list) {
          if (stmt.reader) stmt.all(...params);
          else stmt.run(...params);
        }
        latencies.push(performance.now() - t);
      }
    } finally {
      db.close();
    }
  } else {
    const workers = Math.max(1, Math.min(opts.connections, SERVER_POOL_SIZE));
    const names = new Map<string, string>();
    const nameOf = (text: string) => {
      let n = names.get(text);
      if (!n) names.set(text, (n = `bench_${names.size}`));
      return n;
    };
    let next = 0;
    await Promise.all(Array.from({ length: workers }, async () => {
      const client = new pg.Client({ connectionString: target.url });
      await client.connect();
      try {
        while (performance.now() < deadline) {
          const list = reads[next++ % reads.length]!;
          const t = performance.now();
          // Named like the server's (db/connect.ts): parsed once per connection, plans reused.
          for (const q of list) await client.query(q.parameters.length ? { name: nameOf(q.sql), text: q.sql, values: q.parameters } : { text: q.sql });
          latencies.push(performance.now() - t);
        }
      } finally {
        await client.end();
      }
    }));
  }
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), rps: latencies.length / opts.seconds, statements, skippedWrites };
}
