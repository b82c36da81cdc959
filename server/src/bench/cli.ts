// npm run bench -- --scale community|district|city --db sqlite|postgres [--json] [--connections N]
//   [--duration S] [--only key,key] [--samples N] [--keep] [--reuse] [--data-dir DIR] [--show-sql]
//   [--cpu-prof DIR]
// npm run bench -- --soak 10m|180s|180 [--scale …] [--db …] [--json] [--connections N] [--writers N]
//   [--sample-every S] [--samples N] [--out FILE.json] [--keep] [--reuse] [--data-dir DIR]
// Progress goes to stderr; stdout gets the table, or with --json only the machine-readable result.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { runBench } from './run.js';
import { formatReport, formatSoakReport } from './report.js';
import { runSoak } from './soak.js';
import { TENANTS, type Scale } from './generate.js';

// Ctrl-C or a kill still runs the exit handlers (they stop a throwaway PostgreSQL cluster).
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

/** `10m`, `90s`, `1h` or plain seconds. */
function durationSeconds(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|h)?$/.exec(text.trim());
  if (!m) throw new Error(`--soak: a duration such as 10m, 180s or 180, not "${text}"`);
  return Number(m[1]) * (m[2] === 'h' ? 3600 : m[2] === 'm' ? 60 : 1);
}

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
      soak: { type: 'string' },
      writers: { type: 'string', default: '2' },
      'sample-every': { type: 'string', default: '2' },
      out: { type: 'string' },
    },
  });
  if (!Object.hasOwn(TENANTS, values.scale!)) throw new Error('--scale: community, district or city');
  if (values.db !== 'sqlite' && values.db !== 'postgres') throw new Error('--db: sqlite or postgres');
  const dialect = values.db;
  const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
  if (values.soak !== undefined) {
    // A sustained mix, not a saturation test: the same 4 reading connections on both dialects.
    const connections = Number(values.connections ?? 4);
    const writers = Number(values.writers);
    const sampleEvery = Number(values['sample-every']);
    const seconds = durationSeconds(values.soak);
    if (!(connections >= 1) || !(writers >= 1) || !(sampleEvery > 0)) throw new Error('--connections, --writers and --sample-every must be positive numbers');
    const result = await runSoak({
      scale: values.scale as Scale, dialect, seconds, connections, writers, sampleEvery, keep: values.keep, reuse: values.reuse, log,
      ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
      ...(values.samples ? { samples: Number(values.samples) } : {}),
    });
    // --out keeps the JSON artifact beside the printed report (a soak is too long to run twice for both).
    if (values.out) fs.writeFileSync(values.out, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatSoakReport(result)}\n`);
    return result.passed ? 0 : 1;
  }
  const connections = Number(values.connections ?? (dialect === 'sqlite' ? 4 : 32));
  const duration = Number(values.duration);
  if (!(connections >= 1) || !(duration > 0)) throw new Error('--connections and --duration must be positive numbers');
  const result = await runBench({
    scale: values.scale as Scale, dialect, connections, duration, keep: values.keep, reuse: values.reuse, showSql: values['show-sql'],
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
    ...(values['cpu-prof'] ? { cpuProfDir: values['cpu-prof'] } : {}),
    ...(values.only ? { only: values.only.split(',') } : {}),
    ...(values.samples ? { samples: Number(values.samples) } : {}),
    log,
  });
  process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatReport(result)}\n`);
  return result.problems.length ? 1 : 0;
}

main().then((code) => process.exit(code), (err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
