// The server under benchmark, in its own process: the real platform and app (createPlatform + buildApp,
// configured from the environment exactly like `main.ts start`), plus three routes outside /api that only
// this entry adds:
//   GET  /bench/bare?bytes=N   a JSON body of about N bytes from memory: the framework's ceiling
//   POST /bench/capture        start recording the SQL the app runs; GET /bench/capture stops and returns it
//   GET  /bench/stats[?gc=1]   the process's memory (RSS, peak RSS, V8 heap; after a full GC) and CPU time so far
// Capture is meant for one request at a time (the driver sends it alone), so the statements recorded between
// start and stop are that request's own SQL, replayed by dbCeiling.ts directly on the database.
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, UnknownRow, RootOperationNode } from 'kysely';
import { loadConfig } from '../config.js';
import { buildApp, createPlatform } from '../app.js';
import { openDatabase } from '../db/connect.js';

export interface CapturedQuery {
  sql: string;
  parameters: unknown[];
}

async function main(): Promise<void> {
  const config = loadConfig();
  const base = openDatabase(config.dialect, config.databaseUrl);
  let captured: CapturedQuery[] | null = null;
  // Compiled in transformQuery, kept when the result comes back: a query only compiled (e.g. embedded into
  // another as raw SQL) never reaches transformResult and is not the endpoint's own statement.
  // Builders derived from one another share a queryId (a list's rows and count): a queue per id.
  const compiled = new WeakMap<object, CapturedQuery[]>();
  const capture: KyselyPlugin = {
    transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
      if (captured) {
        const c = base.db.getExecutor().compileQuery(args.node, args.queryId);
        const queue = compiled.get(args.queryId) ?? [];
        queue.push({ sql: c.sql, parameters: [...c.parameters] });
        compiled.set(args.queryId, queue);
      }
      return args.node;
    },
    transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      const q = compiled.get(args.queryId)?.shift();
      if (q && captured) captured.push(q);
      return Promise.resolve(args.result);
    },
  };
  const platform = await createPlatform(config, { data: { ...base, db: base.db.withPlugin(capture) } });
  // Errors only (LOG_LEVEL=error from the driver), as JSON lines on stdout: the driver reports them.
  const app = await buildApp(platform);

  const bodies = new Map<number, string>();
  const bareBody = (bytes: number): string => {
    let body = bodies.get(bytes);
    if (!body) {
      // Rows of Chinese text like the real lists, serialised once: the route itself does no work.
      const row = { id: '019b76da-a800-7000-8476-97933303d002', name: '机关第一党支部', note: '示例数据' };
      const items: (typeof row)[] = [];
      while (JSON.stringify({ items }).length < bytes) items.push(row);
      body = JSON.stringify({ items, total: items.length });
      bodies.set(bytes, body);
    }
    return body;
  };
  app.get('/bench/bare', async (request, reply) => {
    const bytes = Math.min(Math.max(Number((request.query as { bytes?: string }).bytes) || 100, 2), 5_000_000);
    return reply.type('application/json; charset=utf-8').send(bareBody(bytes));
  });
  app.post('/bench/capture', async () => {
    captured = [];
    return { capturing: true };
  });
  app.get('/bench/capture', async () => {
    const queries = captured ?? [];
    captured = null;
    return { queries };
  });
  app.get('/bench/stats', async (request) => {
    // ?gc=1: a full collection first (the driver starts this process with --expose-gc), so that the heap read
    // is what is retained, not garbage waiting for the next major GC: the soak's leak signal.
    const gc = (globalThis as { gc?: () => void }).gc;
    if ((request.query as { gc?: string }).gc === '1' && gc) gc();
    const cpu = process.cpuUsage();
    // The whole memory breakdown: the soak (soak.ts) samples it to tell V8 heap growth from native growth.
    const mem = process.memoryUsage();
    return {
      maxRssBytes: process.resourceUsage().maxRSS * 1024, rssBytes: mem.rss, heapUsedBytes: mem.heapUsed, heapTotalBytes: mem.heapTotal,
      externalBytes: mem.external, arrayBuffersBytes: mem.arrayBuffers, cpuMicros: cpu.user + cpu.system,
    };
  });

  const stop = async () => {
    await app.close();
    await platform.data.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  await app.listen({ port: config.port, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  // The driver reads this line to learn the port.
  process.stdout.write(`${JSON.stringify({ benchServer: { port, pid: process.pid, dialect: config.dialect } })}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
