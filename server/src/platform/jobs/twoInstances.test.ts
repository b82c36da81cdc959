// Issue 6, Must show: "a job test with two app instances on one PostgreSQL database: each reminder is sent
// once". Two instances (own connections, own job runners) tick concurrently and often; every day's run
// happens exactly once and every user gets exactly one notification from it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_TENANT_ID } from '../tenants.js';
import type { Platform } from '../context.js';
import type { JobDef, JobRunResult } from './runner.js';
import { openTwoInstances, type TwoInstances } from '../../test/twoInstances.js';
import { dialectLabel } from '../../test/harness.js';

const KIND = 'jobtest.reminder';

/** Like a reminder job: one notification per user of the tenant, deliberately without a dedupe key. */
function reminderJob(platform: Platform): JobDef {
  return {
    name: 'jobtest.reminders',
    schedule: { dailyAt: '08:00' },
    async run({ db, tenantId, runKey }) {
      const users = await db.selectFrom('users').select('id').where('tenant_id', '=', tenantId).execute();
      // A pause inside the run, so the other instance's ticks arrive while this one holds the claim.
      await new Promise((r) => setTimeout(r, 5));
      await platform.notify.send(db, tenantId, users.map((u) => u.id), { kind: KIND, title: `提醒 ${runKey}` });
    },
  };
}

describe(`scheduled jobs on two instances sharing one database ${dialectLabel()}`, () => {
  let two: TwoInstances;
  let tenantId: string;
  let userCount: number;

  beforeAll(async () => {
    two = await openTwoInstances();
    for (const { platform } of [two.a, two.b]) platform.jobs.register(reminderJob(platform));
    tenantId = (await two.a.platform.db.selectFrom('tenants').select('id').where('id', '!=', SYSTEM_TENANT_ID).executeTakeFirstOrThrow()).id;
    userCount = (await two.a.platform.db.selectFrom('users').select('id').where('tenant_id', '=', tenantId).execute()).length;
    expect(userCount).toBeGreaterThan(5);
  }, 120_000);
  afterAll(async () => {
    await two?.close();
  });

  it('sends each day\'s reminder once per user although both instances tick concurrently many times', async () => {
    const days = ['2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01'];
    const all: JobRunResult[] = [];
    for (const day of days) {
      // 08:00, 08:01, … Shanghai = 00:00Z, 00:01Z, …: every tick after the time is a candidate.
      for (let minute = 0; minute < 4; minute++) {
        const now = new Date(`${day}T00:0${minute}:00.000Z`);
        const rounds = await Promise.all([
          two.a.platform.jobs.runDue(now), two.b.platform.jobs.runDue(now),
          two.a.platform.jobs.runDue(now), two.b.platform.jobs.runDue(now),
          two.b.platform.jobs.runDue(now), two.a.platform.jobs.runDue(now),
        ]);
        all.push(...rounds.flat().filter((r) => r.job === 'jobtest.reminders'));
      }
    }
    const done = all.filter((r) => r.status === 'done');
    expect(done.map((r) => r.runKey).sort()).toEqual(days);
    expect(all.filter((r) => r.status === 'failed' || r.status === 'lost')).toEqual([]);

    const sent = await two.a.platform.db.selectFrom('notifications').select(['user_id', 'title'])
      .where('tenant_id', '=', tenantId).where('kind', '=', KIND).execute();
    expect(sent).toHaveLength(days.length * userCount);
    const perUserAndDay = new Map<string, number>();
    for (const n of sent) perUserAndDay.set(`${n.user_id} ${n.title}`, (perUserAndDay.get(`${n.user_id} ${n.title}`) ?? 0) + 1);
    expect(perUserAndDay.size).toBe(days.length * userCount);
    expect([...perUserAndDay.values()].every((c) => c === 1)).toBe(true);

    const runs = await two.a.platform.db.selectFrom('job_runs').selectAll().where('job', '=', 'jobtest.reminders').orderBy('run_key').execute();
    expect(runs.map((r) => [r.run_key, r.status, r.attempts])).toEqual(days.map((d) => [d, 'done', 1]));
  }, 120_000);

  it('lets exactly one instance take over a run whose holder died', async () => {
    const day = '2026-12-05';
    const started = new Date(`${day}T00:00:00.000Z`);
    await two.a.platform.db.insertInto('job_runs').values({
      tenant_id: tenantId, job: 'jobtest.reminders', run_key: day, status: 'running', holder: 'dead-host:1:gone',
      lease_until: new Date(started.getTime() + 10 * 60_000).toISOString(), attempts: 1, started_at: started.toISOString(), finished_at: null, error: null,
    }).execute();

    // Within the lease nobody touches it.
    const early = new Date(`${day}T00:05:00.000Z`);
    const before = (await Promise.all([two.a.platform.jobs.runDue(early), two.b.platform.jobs.runDue(early)])).flat();
    // (On SQLite a claim attempt may meet another job's write and report 'unclaimed': it did not run either.)
    expect(before.filter((r) => r.job === 'jobtest.reminders' && r.status !== 'unclaimed')).toEqual([]);
    expect(await two.a.platform.db.selectFrom('job_runs').select(['holder', 'attempts', 'status']).where('tenant_id', '=', tenantId).where('job', '=', 'jobtest.reminders').where('run_key', '=', day).executeTakeFirstOrThrow())
      .toEqual({ holder: 'dead-host:1:gone', attempts: 1, status: 'running' });

    const late = new Date(`${day}T00:11:00.000Z`);
    const results = (await Promise.all([
      two.a.platform.jobs.runDue(late), two.b.platform.jobs.runDue(late), two.a.platform.jobs.runDue(late), two.b.platform.jobs.runDue(late),
    ])).flat().filter((r) => r.job === 'jobtest.reminders');
    expect(results.filter((r) => r.status === 'done')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'failed' || r.status === 'lost')).toEqual([]);

    const row = await two.a.platform.db.selectFrom('job_runs').selectAll().where('tenant_id', '=', tenantId).where('job', '=', 'jobtest.reminders').where('run_key', '=', day).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'done', attempts: 2 });
    expect([two.a.platform.jobs.holder, two.b.platform.jobs.holder]).toContain(row.holder);
    const sent = await two.a.platform.db.selectFrom('notifications').select('user_id')
      .where('tenant_id', '=', tenantId).where('kind', '=', KIND).where('title', '=', `提醒 ${day}`).execute();
    expect(sent).toHaveLength(userCount);
  }, 60_000);
});
