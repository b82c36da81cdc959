// Scheduled jobs that run exactly once per tenant and period even when several server processes share
// one database: before running, a process claims the period with a row in job_runs (insert … on
// conflict do nothing). Only the process whose insert succeeded runs it. A claim whose holder died
// (still `running` after its lease) is taken over with an UPDATE guarded by the old holder and attempt
// (compare-and-set). The job's writes and the `done` mark commit in one transaction that first
// re-checks (and on PostgreSQL locks) the claim, so a run that lost its claim leaves nothing behind.
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import type { DbDialect } from '../../config.js';
import type { Db } from '../../db/types.js';
import { MINUTE, type Clock } from '../clock.js';
import { shanghaiWallClock } from '../calendar.js';
import { SYSTEM_TENANT_ID } from '../tenants.js';
import { bumpCounter } from '../../db/versions.js';

export type JobSchedule =
  /** Once a day, the first tick at or after HH:MM Asia/Shanghai; run key = the Shanghai date. */
  | { dailyAt: string }
  /** Once per N-minute slot (slots counted from the epoch); run key = the slot's start instant. */
  | { everyMinutes: number };

export interface JobContext {
  /** The run's transaction: do every read and write of the run through it (on SQLite p.db would wait for it). */
  db: Db;
  dialect: DbDialect;
  tenantId: string;
  runKey: string;
  /** The instant of the tick that started the run. */
  now: Date;
}

export interface JobDef {
  /** `<module>.<name>`, stable: stored in job_runs. */
  name: string;
  schedule: JobSchedule;
  run(ctx: JobContext): Promise<void>;
  /** How long a claim is trusted before another process may take it over; default 10 minutes. */
  leaseMinutes?: number;
}

export interface JobRunResult {
  job: string;
  tenantId: string;
  runKey: string;
  /**
   * `lost`: another process took the claim over while this one ran; this run's writes were rolled back.
   * `unclaimed`: the claim itself failed (e.g. SQLite busy); nothing ran, the next tick tries again.
   */
  status: 'done' | 'failed' | 'lost' | 'unclaimed';
  attempt: number;
  error?: unknown;
}

/** A failed run (its writes rolled back) is tried again on later ticks, up to this many attempts. */
export const MAX_ATTEMPTS = 3;
const DEFAULT_LEASE_MINUTES = 10;

/** The run key due at `now`, or null when the schedule has nothing due yet (a daily job before its time). */
export function dueRunKey(schedule: JobSchedule, now: Date): string | null {
  if ('dailyAt' in schedule) {
    const local = shanghaiWallClock(now);
    return local.slice(11, 16) >= schedule.dailyAt ? local.slice(0, 10) : null;
  }
  const slot = schedule.everyMinutes * MINUTE;
  return new Date(Math.floor(now.getTime() / slot) * slot).toISOString();
}

function checkDef(def: JobDef): void {
  if (!/^[a-z][A-Za-z]*\.[a-z][A-Za-z0-9]*$/.test(def.name)) throw new Error(`job name must be <module>.<name>: ${def.name}`);
  const s = def.schedule;
  if ('dailyAt' in s) {
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(s.dailyAt)) throw new Error(`job ${def.name}: dailyAt must be HH:MM, got ${s.dailyAt}`);
  } else if (!Number.isInteger(s.everyMinutes) || s.everyMinutes < 1 || s.everyMinutes > 1440) {
    throw new Error(`job ${def.name}: everyMinutes must be an integer 1..1440`);
  }
}

class LostClaim extends Error {}

export class JobRunner {
  private readonly defs = new Map<string, JobDef>();
  /** Identifies this runner in job_runs.holder: host, process and a random part (two runners in one process differ). */
  readonly holder = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly dialect: DbDialect,
    private readonly clock: Clock,
  ) {}

  register(def: JobDef): void {
    checkDef(def);
    if (this.defs.has(def.name)) throw new Error(`job registered twice: ${def.name}`);
    this.defs.set(def.name, def);
  }

  list(): { name: string; schedule: JobSchedule }[] {
    return [...this.defs.values()].map(({ name, schedule }) => ({ name, schedule }));
  }

  /**
   * Claims and runs every job due at `now` for every tenant, one after another. Returns what this process
   * ran (periods already claimed by anyone are skipped silently). Never throws for a job's failure. `only` limits
   * the run to the named jobs (a test of one job, which on SQLite must not race the others of a second platform in
   * the same thread: one connection's busy wait blocks the other's transaction until the busy timeout).
   */
  async runDue(now: Date = this.clock.now(), only?: readonly string[]): Promise<JobRunResult[]> {
    if (this.defs.size === 0) return [];
    const tenants = await this.db.selectFrom('tenants').select('id').where('id', '!=', SYSTEM_TENANT_ID).orderBy('created_at').execute();
    const results: JobRunResult[] = [];
    for (const def of this.defs.values()) {
      if (only && !only.includes(def.name)) continue;
      const runKey = dueRunKey(def.schedule, now);
      if (runKey === null) continue;
      for (const { id: tenantId } of tenants) {
        let attempt: number | null;
        try {
          attempt = await this.claim(def, tenantId, runKey, now);
        } catch (error) {
          results.push({ job: def.name, tenantId, runKey, status: 'unclaimed', attempt: 0, error });
          continue;
        }
        if (attempt !== null) results.push(await this.execute(def, tenantId, runKey, attempt, now));
      }
    }
    return results;
  }

  /** The attempt number this process now holds, or null when someone else holds or finished the period. */
  private async claim(def: JobDef, tenantId: string, runKey: string, now: Date): Promise<number | null> {
    const at = now.toISOString();
    const leaseUntil = new Date(now.getTime() + (def.leaseMinutes ?? DEFAULT_LEASE_MINUTES) * MINUTE).toISOString();
    const inserted = await this.db.insertInto('job_runs')
      .values({ tenant_id: tenantId, job: def.name, run_key: runKey, status: 'running', holder: this.holder, lease_until: leaseUntil, attempts: 1, started_at: at, finished_at: null, error: null })
      .onConflict((oc) => oc.columns(['tenant_id', 'job', 'run_key']).doNothing())
      .returning('run_key')
      .execute();
    if (inserted.length === 1) return 1;

    const row = await this.db.selectFrom('job_runs').selectAll()
      .where('tenant_id', '=', tenantId).where('job', '=', def.name).where('run_key', '=', runKey).executeTakeFirst();
    if (!row) return null;
    const dead = row.status === 'running' && row.lease_until < at;
    const retry = row.status === 'failed' && row.attempts < MAX_ATTEMPTS;
    if (!dead && !retry) return null;
    // Compare-and-set on what we read: of several processes seeing the same dead claim, one wins.
    const taken = await this.db.updateTable('job_runs')
      .set({ status: 'running', holder: this.holder, lease_until: leaseUntil, attempts: row.attempts + 1, started_at: at, finished_at: null, error: null })
      .where('tenant_id', '=', tenantId).where('job', '=', def.name).where('run_key', '=', runKey)
      .where('status', '=', row.status).where('holder', '=', row.holder).where('attempts', '=', row.attempts).where('lease_until', '=', row.lease_until)
      .executeTakeFirst();
    return Number(taken.numUpdatedRows) === 1 ? row.attempts + 1 : null;
  }

  private async execute(def: JobDef, tenantId: string, runKey: string, attempt: number, now: Date): Promise<JobRunResult> {
    const base = { job: def.name, tenantId, runKey, attempt };
    try {
      await this.db.transaction().execute(async (trx) => {
        // First statement is a write: on PostgreSQL it locks the claim row until commit (a takeover
        // waits and then sees `done`); on SQLite it takes the write lock before any read snapshot.
        const held = await trx.updateTable('job_runs').set({ holder: this.holder })
          .where('tenant_id', '=', tenantId).where('job', '=', def.name).where('run_key', '=', runKey)
          .where('status', '=', 'running').where('holder', '=', this.holder).where('attempts', '=', attempt)
          .executeTakeFirst();
        if (Number(held.numUpdatedRows) !== 1) throw new LostClaim();
        await def.run({ db: trx, dialect: this.dialect, tenantId, runKey, now });
        await trx.updateTable('job_runs').set({ status: 'done', finished_at: this.clock.now().toISOString() })
          .where('tenant_id', '=', tenantId).where('job', '=', def.name).where('run_key', '=', runKey)
          .execute();
      });
      // After commit, like a write request (platform/http/writeCounter.ts): what is kept behind the counter is read again.
      await bumpCounter(this.db, 'write_versions', tenantId).catch(() => undefined);
      return { ...base, status: 'done' };
    } catch (error) {
      if (error instanceof LostClaim) return { ...base, status: 'lost' };
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
      try {
        await this.db.updateTable('job_runs').set({ status: 'failed', finished_at: this.clock.now().toISOString(), error: message })
          .where('tenant_id', '=', tenantId).where('job', '=', def.name).where('run_key', '=', runKey)
          .where('status', '=', 'running').where('holder', '=', this.holder).where('attempts', '=', attempt)
          .execute();
      } catch {
        // The claim stays `running` and is taken over once its lease expires.
      }
      return { ...base, status: 'failed', error };
    }
  }

  /**
   * Calls runDue every `intervalMs` (and once right away) until stop(); ticks never overlap and the timer
   * does not keep the process alive. `report` receives each tick's results or its error (e.g. to log).
   */
  start(report: (results: JobRunResult[] | null, error?: unknown) => void = () => {}, intervalMs = MINUTE): void {
    if (this.timer) return;
    const tick = () => {
      if (this.inFlight || !this.timer) return;
      this.inFlight = this.runDue().then((r) => report(r), (e: unknown) => report(null, e)).finally(() => { this.inFlight = null; });
    };
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
    setImmediate(tick);
  }

  /** Stops the timer and waits for a tick in progress (call before closing the database). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.inFlight;
  }
}
