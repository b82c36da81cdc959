// Runs the real command line (server/src/main.ts) and test scripts as child processes, through
// `node --import tsx` so the child is one process whose pid is the one we signal (the tsx and npx
// wrappers would put a second process in between that SIGKILL cannot reach).
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn, type ChildProcess } from 'node:child_process';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const MAIN_TS = path.join(REPO_ROOT, 'server', 'src', 'main.ts');

/** The parent's environment without anything that would point a child at another database or port. */
export function childEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    // The test dialect and the SQLite addon for this Node line describe the run, not the configuration under test.
    if (/^(DANGJIAN_|DATABASE_URL$|PORT$|HOST$|LOG_LEVEL$)/.test(k) && k !== 'DANGJIAN_TEST_DB' && k !== 'DANGJIAN_SQLITE_BINDING') continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

/** Starts a TypeScript script of this repository as one node process. */
export function spawnTs(script: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: REPO_ROOT, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `main.ts <args>` to completion (or kills it after timeoutMs) and returns its exit code and output. */
export function runCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawnTs(MAIN_TS, args, env);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  baseUrl: string;
  /** Everything the server wrote so far, for failure messages. */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited within a few seconds. Safe to call twice. */
  stop(): Promise<void>;
}

/** `main.ts start` on a free port of 127.0.0.1; resolves once GET /api/health answers. */
export async function startServer(env: NodeJS.ProcessEnv, timeoutMs = 45_000): Promise<RunningServer> {
  const port = await freePort();
  const child = spawnTs(MAIN_TS, ['start'], { HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => (gone = true));
  const server: RunningServer = {
    baseUrl: `http://127.0.0.1:${port}`,
    output: () => out,
    async stop() {
      if (gone) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (gone) throw new Error(`server exited before it was ready:\n${out}`);
    try {
      const res = await fetch(`${server.baseUrl}/api/health`);
      if (res.ok) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`server not ready after ${timeoutMs} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
