// Scheduled jobs on one instance: when a run is due in Asia/Shanghai, once per day, no back-fill, a
// failed run rolled back and retried, a dead claim taken over, and the 系统管理员's view of the runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_TENANT_ID } from '../tenants.js';
import { dueRunKey, JobRunner, MAX_ATTEMPTS, type JobContext, type JobDef } from './runner.js';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';

describe('due runs in Asia/Shanghai', () => {
  it('is due for a Shanghai date once its time has passed that day', () => {
    // 23:59 on 27 Nov in Shanghai is 15:59Z; 00:01 on 28 Nov is 16:01Z.
    expect(dueRunKey({ dailyAt: '08:00' }, new Date('2026-11-27T15:59:00Z'))).toBe('2026-11-27');
    expect(dueRunKey({ dailyAt: '23:59' }, new Date('2026-11-27T15:59:00Z'))).toBe('2026-11-27');
    expect(dueRunKey({ dailyAt: '00:00' }, new Date('2026-11-27T16:01:00Z'))).toBe('2026-11-28');
    // Just past midnight in Shanghai the new day's 08:00 run is not due yet (although it is still 27 Nov in UTC).
    expect(dueRunKey({ dailyAt: '08:00' }, new Date('2026-11-27T16:01:00Z'))).toBeNull();
    expect(dueRunKey({ dailyAt: '08:00' }, new Date('2026-11-27T23:59:59Z'))).toBeNull();
    expect(dueRunKey({ dailyAt: '08:00' }, new Date('2026-11-28T00:00:00Z'))).toBe('2026-11-28');
  });

  it('gives every-N-minute jobs one key per slot', () => {
    expect(dueRunKey({ everyMinutes: 15 }, new Date('2026-11-27T02:14:59Z'))).toBe('2026-11-27T02:00:00.000Z');
    expect(dueRunKey({ everyMinutes: 15 }, new Date('2026-11-27T02:15:00Z'))).toBe('2026-11-27T02:15:00.000Z');
  });

  it('refuses malformed registrations', () => {
    const jobs = new JobRunner(null as never, 'sqlite', { now: () => new Date() });
    const run = async () => {};
    expect(() => jobs.register({ name: 'Bad name', schedule: { dailyAt: '08:00' }, run })).toThrow(/<module>.<name>/);
    expect(() => jobs.register({ name: 'x.y', schedule: { dailyAt: '8:00' }, run })).toThrow(/HH:MM/);
    expect(() => jobs.register({ name: 'x.y', schedule: { dailyAt: '24:00' }, run })).toThrow(/HH:MM/);
    expect(() => jobs.register({ name: 'x.y', schedule: { everyMinutes: 0 }, run })).toThrow(/everyMinutes/);
    jobs.register({ name: 'x.y', schedule: { everyMinutes: 5 }, run });
    expect(() => jobs.register({ name: 'x.y', schedule: { everyMinutes: 5 }, run })).toThrow(/twice/);
  });
});

describe(`scheduled jobs ${dialectLabel()}`, () => {
  let t: TestApp;
  let tenantId: string;
  let adminId: string;
  const calls: { job: string; runKey: string }[] = [];
  let failuresLeft = 0;

  const record = (job: string) => async ({ runKey }: JobContext) => {
    calls.push({ job, runKey });
  };
  const runsOf = (job: string) => calls.filter((c) => c.job === job).map((c) => c.runKey);
  const row = (job: string, runKey: string) => t.platform.db.selectFrom('job_runs').selectAll()
    .where('tenant_id', '=', tenantId).where('job', '=', job).where('run_key', '=', runKey).executeTakeFirst();

  beforeAll(async () => {
    t = await createTestApp();
    tenantId = (await t.platform.db.selectFrom('tenants').select('id').where('id', '!=', SYSTEM_TENANT_ID).executeTakeFirstOrThrow()).id;
    adminId = (await t.platform.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id;
    const jobs: JobDef[] = [
      { name: 'jobtest.daily', schedule: { dailyAt: '08:00' }, run: record('jobtest.daily') },
      { name: 'jobtest.midnight', schedule: { dailyAt: '00:00' }, run: record('jobtest.midnight') },
      { name: 'jobtest.quarter', schedule: { everyMinutes: 15 }, run: record('jobtest.quarter') },
      {
        name: 'jobtest.flaky', schedule: { dailyAt: '09:00' },
        async run({ db, tenantId: tenant, runKey }) {
          // Writes first, then fails: the failed attempt must leave nothing behind.
          await t.platform.notify.send(db, tenant, [adminId], { kind: 'jobtest.flaky', title: `尝试 ${runKey}` });
          calls.push({ job: 'jobtest.flaky', runKey });
          if (failuresLeft > 0) {
            failuresLeft--;
            throw new Error('数据源暂时不可用');
          }
        },
      },
    ];
    for (const j of jobs) t.platform.jobs.register(j);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('runs a daily job once per Shanghai day, across the midnight boundary, without back-filling missed days', async () => {
    const jobs = t.platform.jobs;
    await jobs.runDue(new Date('2026-11-27T02:00:00Z')); // 10:00 Shanghai
    await jobs.runDue(new Date('2026-11-27T02:01:00Z'));
    await jobs.runDue(new Date('2026-11-27T15:59:00Z')); // 23:59
    expect(runsOf('jobtest.daily')).toEqual(['2026-11-27']);
    expect(runsOf('jobtest.midnight')).toEqual(['2026-11-27']);

    await jobs.runDue(new Date('2026-11-27T16:01:00Z')); // 00:01 on the 28th in Shanghai
    expect(runsOf('jobtest.midnight')).toEqual(['2026-11-27', '2026-11-28']);
    expect(runsOf('jobtest.daily')).toEqual(['2026-11-27']); // 08:00 has not come yet
    await jobs.runDue(new Date('2026-11-28T00:00:00Z')); // 08:00
    expect(runsOf('jobtest.daily')).toEqual(['2026-11-27', '2026-11-28']);

    // The server was down for days: only today's run happens.
    await jobs.runDue(new Date('2026-12-03T01:00:00Z'));
    expect(runsOf('jobtest.daily')).toEqual(['2026-11-27', '2026-11-28', '2026-12-03']);
    expect(await row('jobtest.daily', '2026-12-03')).toMatchObject({ status: 'done', attempts: 1, holder: jobs.holder, finished_at: expect.any(String) });
  });

  it('runs an every-15-minutes job once per slot', async () => {
    const before = runsOf('jobtest.quarter').length;
    for (const at of ['2026-12-04T02:00:00Z', '2026-12-04T02:07:00Z', '2026-12-04T02:14:00Z', '2026-12-04T02:15:00Z', '2026-12-04T02:29:00Z']) {
      await t.platform.jobs.runDue(new Date(at));
    }
    expect(runsOf('jobtest.quarter').slice(before)).toEqual(['2026-12-04T02:00:00.000Z', '2026-12-04T02:15:00.000Z']);
  });

  it('rolls a failed run back, records the error, and retries it on the next tick up to the limit', async () => {
    const day = '2026-12-10';
    const sent = () => t.platform.db.selectFrom('notifications').select('id').where('tenant_id', '=', tenantId).where('kind', '=', 'jobtest.flaky').where('title', '=', `尝试 ${day}`).execute();
    failuresLeft = 1;
    const first = await t.platform.jobs.runDue(new Date(`${day}T01:00:00Z`));
    expect(first.find((r) => r.job === 'jobtest.flaky')).toMatchObject({ status: 'failed', attempt: 1 });
    expect(await row('jobtest.flaky', day)).toMatchObject({ status: 'failed', attempts: 1, error: '数据源暂时不可用' });
    expect(await sent()).toHaveLength(0);

    const second = await t.platform.jobs.runDue(new Date(`${day}T01:01:00Z`));
    expect(second.find((r) => r.job === 'jobtest.flaky')).toMatchObject({ status: 'done', attempt: 2 });
    expect(await row('jobtest.flaky', day)).toMatchObject({ status: 'done', attempts: 2, error: null });
    expect(await sent()).toHaveLength(1);

    // A run that keeps failing stops after MAX_ATTEMPTS and stays visible as failed.
    const bad = '2026-12-11';
    failuresLeft = 100;
    for (let m = 0; m < MAX_ATTEMPTS + 2; m++) await t.platform.jobs.runDue(new Date(`${bad}T01:0${m}:00Z`));
    expect(runsOf('jobtest.flaky').filter((k) => k === bad)).toHaveLength(MAX_ATTEMPTS);
    expect(await row('jobtest.flaky', bad)).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    failuresLeft = 0;
  });

  it('takes over a claim only after its lease expired, and never a finished one', async () => {
    const day = '2026-12-15';
    const start = new Date(`${day}T00:00:00.000Z`);
    await t.platform.db.insertInto('job_runs').values({
      tenant_id: tenantId, job: 'jobtest.daily', run_key: day, status: 'running', holder: 'dead-host:1:gone',
      lease_until: new Date(start.getTime() + 10 * 60_000).toISOString(), attempts: 1, started_at: start.toISOString(), finished_at: null, error: null,
    }).execute();
    await t.platform.jobs.runDue(new Date(`${day}T00:09:00Z`));
    expect(runsOf('jobtest.daily')).not.toContain(day);
    expect(await row('jobtest.daily', day)).toMatchObject({ status: 'running', holder: 'dead-host:1:gone' });

    await t.platform.jobs.runDue(new Date(`${day}T00:11:00Z`));
    expect(runsOf('jobtest.daily').filter((k) => k === day)).toHaveLength(1);
    expect(await row('jobtest.daily', day)).toMatchObject({ status: 'done', attempts: 2, holder: t.platform.jobs.holder });

    await t.platform.jobs.runDue(new Date(`${day}T09:00:00Z`));
    expect(runsOf('jobtest.daily').filter((k) => k === day)).toHaveLength(1);
  });

  it('shows the jobs and their recent runs to the 系统管理员 only', async () => {
    const admin = await t.login('admin');
    const res = await t.call('GET', '/api/v1/admin/jobs?job=jobtest.flaky', { cookie: admin });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.jobs).toEqual(expect.arrayContaining([{ name: 'jobtest.daily', schedule: { dailyAt: '08:00' } }, { name: 'jobtest.quarter', schedule: { everyMinutes: 15 } }]));
    type Run = { runKey: string; status: string; attempts: number; error: string | null };
    const byKey = new Map((body.items as Run[]).map((r) => [r.runKey, r]));
    expect(byKey.get('2026-12-11')).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, error: '数据源暂时不可用' });
    expect(byKey.get('2026-12-10')).toMatchObject({ status: 'done', attempts: 2, error: null });
    expect((body.items as Run[]).map((r) => r.runKey)).toEqual([...byKey.keys()].sort().reverse()); // newest first
    expect(body.items.every((r: { job: string }) => r.job === 'jobtest.flaky')).toBe(true);

    const secretary = await t.login('zb1');
    expect((await t.call('GET', '/api/v1/admin/jobs', { cookie: secretary })).statusCode).toBe(403);
    expect((await t.call('GET', '/api/v1/admin/jobs')).statusCode).toBe(401);
  });

  it('ticks on a timer that stops cleanly', async () => {
    const runner = new JobRunner(t.platform.db, t.platform.data.dialect, t.clock);
    let ran = 0;
    runner.register({ name: 'jobtest.timer', schedule: { everyMinutes: 1 }, run: async () => { ran++; } });
    const reported = new Promise<unknown>((resolve) => runner.start((results, error) => resolve(error ?? results)));
    const results = await reported;
    await runner.stop();
    expect(results).toEqual([expect.objectContaining({ job: 'jobtest.timer', status: 'done' })]);
    expect(ran).toBe(1);
  });
});
