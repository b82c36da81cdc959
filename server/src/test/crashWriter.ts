// Child process of db/crash.test.ts: opens the database the environment names, exactly as the server
// does, then commits one settings row per transaction and prints "ack <n>" only after the commit has
// returned. The parent kills it with SIGKILL mid-stream and checks that every acknowledged row survived.
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { SYSTEM_TENANT_ID } from '../platform/tenants.js';

// A ceiling, so an orphaned writer (the parent died before killing it) stops by itself.
const MAX_WRITES = 20_000;
const MAX_MS = 60_000;

const config = loadConfig();
const data = openDatabase(config.dialect, config.databaseUrl);
await migrateToLatest(data.db, data.dialect);
process.stdout.write('ready\n');

const started = Date.now();
for (let n = 1; n <= MAX_WRITES && Date.now() - started < MAX_MS; n++) {
  await data.db.transaction().execute((trx) =>
    trx.insertInto('settings').values({ tenant_id: SYSTEM_TENANT_ID, key: `crash-${n}`, value: JSON.stringify({ n }), updated_at: new Date().toISOString() }).execute());
  // Writes to a pipe are synchronous on Linux: once this returns, the parent can read the line.
  process.stdout.write(`ack ${n}\n`);
}
await data.close();
