// npm run bench -- --scale community|district|city --db sqlite|postgres [--json] [--connections N]
//   [--duration S] [--only key,key] [--samples N] [--keep] [--reuse] [--data-dir DIR] [--show-sql]
//   [--cpu-prof DIR]
// Progress goes to stderr; stdout gets the table, or with --json only the machine-readable result.
import { parseArgs } from 'node:util';
import { runBench } from './run.js';
import { formatReport } from './report.js';
import { TENANTS, type Scale } from './generate.js';

// Ctrl-C or a kill still runs the exit handlers (they stop a throwaway PostgreSQL cluster).
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'community' },
      db: { type: 'string', default: 'sqlite' },
      json: { type: 'boolean', default: false },
      connections: { type: 'string' },
      duration: { type: 'string', default: '10' },
      only: { type: 'string' },
      samples: { type: 'string' },
      keep: { type: 'boolean', default: false },
      reuse: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      'show-sql': { type: 'boolean', default: false },
      'cpu-prof': { type: 'string' },
    },
  });
  if (!Object.hasOwn(TENANTS, values.scale!)) throw new Error('--scale: community, district or city');
  if (values.db !== 'sqlite' && values.db !== 'postgres') throw new Error('--db: sqlite or postgres');
  const dialect = values.db;
  const connections = Number(values.connections ?? (dialect === 'sqlite' ? 4 : 32));
  const duration = Number(values.duration);
  if (!(connections >= 1) || !(duration > 0)) throw new Error('--connections and --duration must be positive numbers');
  const result = await runBench({
    scale: values.scale as Scale, dialect, connections, duration, keep: values.keep, reuse: values.reuse, showSql: values['show-sql'],
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
    ...(values['cpu-prof'] ? { cpuProfDir: values['cpu-prof'] } : {}),
    ...(values.only ? { only: values.only.split(',') } : {}),
    ...(values.samples ? { samples: Number(values.samples) } : {}),
    log: (line) => process.stderr.write(`[bench] ${line}\n`),
  });
  process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatReport(result)}\n`);
  return result.problems.length ? 1 : 0;
}

main().then((code) => process.exit(code), (err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
