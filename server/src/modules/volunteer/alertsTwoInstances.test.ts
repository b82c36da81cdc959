// Issue 18, Must show: "the overdue alert is sent once per day per resident even with two server processes on one
// PostgreSQL". Two instances (own connections and job runners) tick concurrently around 08:30 on several days; each
// day's run happens once and each recipient gets exactly one reminder per overdue resident per day. The volunteer is
// xz1 (机关第一党支部, not paired by the demo, whose pairings take two of dy1's three places); the demo's overdue
// residents of the 物业 branches are reminded too, to their own volunteers and secretaries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../db/ids.js';
import { SYSTEM_TENANT_ID } from '../../platform/tenants.js';
import type { JobRunResult } from '../../platform/jobs/runner.js';
import { openTwoInstances, type TwoInstances } from '../../test/twoInstances.js';
import { dialectLabel } from '../../test/harness.js';
import { insertResident } from './testing.js';
import { volunteerOfUser } from './volunteers.js';

const JOB = 'volunteer.overdueReminders';

describe(`overdue reminders on two instances sharing one database ${dialectLabel()}`, () => {
  let two: TwoInstances;
  let tenantId: string;
  const residents: string[] = [];
  let xz1: string;
  let zb1: string;

  beforeAll(async () => {
    two = await openTwoInstances();
    const p = two.a.platform;
    tenantId = (await p.db.selectFrom('tenants').select('id').where('id', '!=', SYSTEM_TENANT_ID).executeTakeFirstOrThrow()).id;
    const users = new Map((await p.db.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.username, u.id]));
    xz1 = users.get('xz1')!;
    zb1 = users.get('zb1')!;
    const branch1 = (await p.db.selectFrom('organisations').select('id').where('name', '=', '机关第一党支部').executeTakeFirstOrThrow()).id;
    const member = (await volunteerOfUser(p.db, tenantId, xz1))!;
    expect(await p.db.selectFrom('volunteer_pairings').select('id').where('volunteer_id', '=', member.id).where('ended_on', 'is', null).execute()).toEqual([]);
    // Three high-risk residents last visited long ago (overdue every day of the test), paired with xz1.
    for (let i = 0; i < 3; i++) {
      const r = await insertResident(p, tenantId, { orgId: branch1, risk: 'high', registeredOn: '2026-09-01', lastVisitOn: '2026-11-01' });
      residents.push(r.id);
      await p.db.insertInto('volunteer_pairings').values({
        tenant_id: tenantId, id: newId(), resident_id: r.id, volunteer_kind: 'member', volunteer_id: member.id, slot: i + 1, started_on: '2026-10-01',
        ended_on: null, end_reason: null, created_by: null, created_at: '2026-10-01T00:00:00.000Z', ended_by: null, ended_at: null,
      }).execute();
    }
  }, 120_000);
  afterAll(async () => {
    await two?.close();
  });

  it('sends each overdue resident\'s reminder once per day to the volunteer and the secretary', async () => {
    const days = ['2026-11-28', '2026-11-29', '2026-11-30'];
    const all: JobRunResult[] = [];
    for (const day of days) {
      // 08:30, 08:31, 08:32 Shanghai = 00:30Z…: every tick after the time is a candidate.
      for (let minute = 30; minute < 33; minute++) {
        const now = new Date(`${day}T00:${minute}:00.000Z`);
        const rounds = await Promise.all([
          two.a.platform.jobs.runDue(now, [JOB]), two.b.platform.jobs.runDue(now, [JOB]), two.a.platform.jobs.runDue(now, [JOB]), two.b.platform.jobs.runDue(now, [JOB]),
        ]);
        all.push(...rounds.flat().filter((r) => r.job === JOB));
      }
    }
    expect(all.filter((r) => r.status === 'done').map((r) => r.runKey).sort()).toEqual(days);
    expect(all.filter((r) => r.status === 'failed' || r.status === 'lost')).toEqual([]);

    const sent = await two.a.platform.db.selectFrom('notifications').select(['user_id', 'dedupe_key'])
      .where('tenant_id', '=', tenantId).where('kind', '=', 'volunteer.overdue').execute();
    const expected = days.flatMap((d) => residents.flatMap((r) => [xz1, zb1].map((u) => `${u} volunteer.overdue:${r}:${d}`)));
    const ours = sent.filter((n) => residents.some((r) => (n.dedupe_key ?? '').startsWith(`volunteer.overdue:${r}:`)));
    expect(ours.map((n) => `${n.user_id} ${n.dedupe_key}`).sort()).toEqual(expected.sort());
    // The demo's overdue residents (物业 branches) are reminded on each day as well.
    for (const d of days) expect(sent.filter((n) => (n.dedupe_key ?? '').endsWith(`:${d}`)).length).toBeGreaterThan(residents.length * 2);

    const runs = await two.a.platform.db.selectFrom('job_runs').selectAll().where('tenant_id', '=', tenantId).where('job', '=', JOB).orderBy('run_key').execute();
    expect(runs.map((r) => [r.run_key, r.status, r.attempts])).toEqual(days.map((d) => [d, 'done', 1]));
  }, 120_000);
});
