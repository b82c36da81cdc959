// The numbers 督办 gives assessment, checked against counts worked out by hand on constructed tasks; the
// daily reminder job run by two app instances on one database (each reminder once per task per day);
// and createTask as another module uses it (source kind, id and link back).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, createPlatform } from '../../app.js';
import { FakeClock } from '../../platform/clock.js';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { newId } from '../../db/ids.js';
import { createTask } from './index.js';
import { sendReminders } from './todos.js';
import { addDays } from '../../platform/calendar.js';
import type { TaskTable } from './tables.js';

let t: TestApp;
let tenantId: string;
const ids = new Map<string, string>();
const org = (name: string) => ids.get(`org:${name}`)!;
const user = (name: string) => ids.get(`user:${name}`)!;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.platform.db;
  for (const o of await db.selectFrom('organisations').select(['id', 'name', 'tenant_id']).orderBy('path').execute()) {
    if (!ids.has(`org:${o.name}`)) ids.set(`org:${o.name}`, o.id);
    tenantId = o.tenant_id;
  }
  for (const u of await db.selectFrom('users').select(['id', 'username']).execute()) ids.set(`user:${u.username}`, u.id);
});
afterAll(async () => {
  await t.close();
});

/** A task row as another process would have left it (only the columns the metrics read matter). */
function row(ownerOrg: string, dueOn: string, closedOn: string | null, returns: number, deleted = false): TaskTable {
  const at = '2025-01-01T00:00:00.000Z';
  return {
    tenant_id: tenantId, id: newId(), title: `指标测试 ${dueOn}`, description: '', kind: 'temporary', status: closedOn ? 'closed' : 'inProgress', source_kind: 'manual',
    source_id: null, source_link: null, source_label: null, issuer_id: user('dangwei'), issuing_org_id: org('社区党委'), owner_org_id: org(ownerOrg), owner_id: user('zb1'),
    programme_id: null, start_on: '2024-12-01', due_on: dueOn, done_standard: '完成', percent: closedOn ? 100 : 50, return_count: returns, accepted_at: at,
    completion_reported_at: closedOn ? at : null, closed_at: closedOn ? `${closedOn}T08:00:00.000Z` : null, closed_on: closedOn, created_at: at, updated_at: at,
    deleted_at: deleted ? at : null,
  };
}

describe(`督办 metrics ${dialectLabel()}`, () => {
  it('on-time and first-pass rates equal hand counts over the owning subtree', async () => {
    // Demo tasks all start in 2026; the first quarter of 2025 holds only these.
    await t.platform.db.insertInto('tasks').values([
      row('机关第一党支部', '2025-02-10', '2025-02-10', 0), // 1 on time (the due day itself), first pass
      row('机关第一党支部', '2025-02-20', '2025-02-25', 1), // 2 late, returned once
      row('机关第一党支部', '2025-03-31', null, 0), //          3 open: not on time, not verified
      row('机关第一党支部', '2025-03-15', '2025-03-01', 0), // 4 early, first pass
      row('机关第一党支部', '2024-12-20', '2025-01-05', 0), // 5 due before the period; verified in it, first pass
      row('机关第一党支部', '2025-04-10', '2025-04-02', 0), // 6 outside both
      row('第一党小组', '2025-01-20', '2025-01-19', 2), //     7 (group of 机关第一) on time, returned twice
      row('机关第二党支部', '2025-03-01', '2025-03-02', 0), // 8 a day late, first pass
      row('机关第一党支部', '2025-02-01', '2025-02-01', 0, true), // deleted: never counted
    ]).execute();
    const targets = ['机关第一党支部', '机关第二党支部', '机关党总支', '社区党委', '物业第一党支部'].map(org);
    const ctx = { db: t.platform.db, dialect: t.dialect, tenantId, period: { from: '2025-01-01', to: '2025-03-31' }, targetIds: targets };
    const onTime = await t.platform.metrics.compute('task.onTimeRate', ctx);
    // 机关第一 subtree: due in period 1,2,3,4,7 → on time 1,4,7 = 3/5; 机关第二: 8 → 0/1; 总支 and 党委: 3/6.
    expect(Object.fromEntries([...onTime].map(([k, v]) => [k, v]))).toEqual({
      [org('机关第一党支部')]: 60, [org('机关第二党支部')]: 0, [org('机关党总支')]: 50, [org('社区党委')]: 50,
    });
    const firstPass = await t.platform.metrics.compute('task.firstPassRate', ctx);
    // Verified in period: 1,2,4,5,7 (机关第一) → never returned 1,4,5 = 3/5; 机关第二: 8 → 1/1; 总支: 4/6.
    expect(Object.fromEntries([...firstPass].map(([k, v]) => [k, v]))).toEqual({
      [org('机关第一党支部')]: 60, [org('机关第二党支部')]: 100, [org('机关党总支')]: 66.7, [org('社区党委')]: 66.7,
    });
    expect(t.platform.metrics.list().filter((m) => m.key.startsWith('task.')).map((m) => m.key)).toEqual(['task.firstPassRate', 'task.onTimeRate']);
  });
});

describe(`督办 createTask for other modules ${dialectLabel()}`, () => {
  it('opens a task with its source and link back, audited and on the owner’s 待办', async () => {
    const ctx = { tenantId, userId: user('dangwei'), username: 'dangwei', ip: null, requestId: null };
    const id = await t.platform.audit.tx(ctx, (trx) => createTask(trx, t.platform, ctx, {
      title: '整改考核扣分项：三会一课记录不全', kind: 'temporary', issuingOrgId: org('社区党委'), ownerOrgId: org('机关第二党支部'), ownerId: user('zb2'),
      dueOn: '2026-12-15', doneStandard: '补齐记录并报党委', sourceKind: 'assessment', sourceId: 'round-2026-10', sourceLink: '/assessment/rounds/round-2026-10',
    }));
    const other = await t.platform.audit.tx(ctx, (trx) => createTask(trx, t.platform, ctx, {
      title: '处理合规预警', kind: 'temporary', issuingOrgId: org('社区党委'), ownerOrgId: org('机关第二党支部'), ownerId: user('zb2'),
      dueOn: '2026-12-15', doneStandard: '处理完毕', sourceKind: 'futureThing', sourceId: 'w1', sourceLabel: '将来的模块',
    }));
    const cookie = await t.login('zb2');
    const v = JSON.parse((await t.call('GET', `/api/v1/tasks/${id}`, { cookie })).body) as { sourceKind: string; sourceName: string; sourceLink: string; issuerName: string };
    expect(v).toMatchObject({ sourceKind: 'assessment', sourceName: '考核扣分', sourceLink: '/assessment/rounds/round-2026-10', issuerName: '党委管理员' });
    const o = JSON.parse((await t.call('GET', `/api/v1/tasks/${other}`, { cookie })).body) as { sourceName: string };
    expect(o.sourceName).toBe('将来的模块');
    const bySource = JSON.parse((await t.call('GET', '/api/v1/tasks?sourceKind=assessment&sourceId=round-2026-10', { cookie })).body) as { items: { id: string }[] };
    expect(bySource.items.map((i) => i.id)).toEqual([id]);
    const todos = JSON.parse((await t.call('GET', '/api/v1/todos', { cookie })).body) as { items: { kind: string; entityId: string }[] };
    expect(todos.items.some((i) => i.kind === 'task.accept' && i.entityId === id)).toBe(true);
    const audit = await t.platform.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).execute();
    expect(audit.map((a) => a.action)).toEqual(['task.deploy']);
    // Bad input from a module is refused with the same Chinese field messages.
    await expect(t.platform.audit.tx(ctx, (trx) => createTask(trx, t.platform, ctx, {
      title: '坏任务', kind: 'temporary', issuingOrgId: org('社区党委'), ownerOrgId: 'nowhere', ownerId: user('zb2'), dueOn: '2026-12-15', doneStandard: '无',
    }))).rejects.toMatchObject({ status: 400, fields: { ownerOrgId: '责任组织不存在' } });
  });
});

describe(`督办 reminders ${dialectLabel()}`, () => {
  /** (task, user) pairs that should get a reminder on `today`: open, not yet reported complete, due within 3 days or overdue. */
  async function expectedPairs(today: string): Promise<number> {
    const db = t.platform.db;
    const open = await db.selectFrom('tasks').select(['id', 'owner_id']).where('deleted_at', 'is', null)
      .where('status', 'in', ['deployed', 'accepted', 'inProgress', 'returned']).where('due_on', '<=', addDays(today, 3)).execute();
    const co = await db.selectFrom('task_co_owners').select(['task_id', 'user_id']).execute();
    let n = 0;
    for (const task of open) n += new Set([task.owner_id, ...co.filter((c) => c.task_id === task.id).map((c) => c.user_id)]).size;
    return n;
  }
  // The job under test only: the other modules' jobs are not this test's (and would race it on SQLite, see runDue).
  const ONLY = ['tasks.reminders'];
  const reminders = async () => Number((await t.platform.db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '=', 'tasks.reminder').executeTakeFirstOrThrow()).n);

  it('two app instances on one database send each reminder once per task per day', async () => {
    const clock2 = new FakeClock(t.clock.now());
    const p2 = await createPlatform(t.config, { clock: clock2 });
    const app2 = await buildApp(p2, { logger: false });
    await app2.ready();
    try {
      const expected = await expectedPairs('2026-11-27');
      expect(expected).toBeGreaterThan(5);
      const now = new Date('2026-11-27T00:05:00.000Z'); // 08:05 in Shanghai
      const [a, b] = await Promise.all([t.platform.jobs.runDue(now, ONLY), p2.jobs.runDue(now, ONLY)]);
      const runs = [...a, ...b].filter((r) => r.job === 'tasks.reminders' && r.tenantId === tenantId);
      expect(runs.filter((r) => r.status === 'done')).toHaveLength(1);
      expect(await reminders()).toBe(expected);
      // Ticks later the same day, and a direct re-run, send nothing new.
      await Promise.all([t.platform.jobs.runDue(new Date('2026-11-27T03:00:00.000Z'), ONLY), p2.jobs.runDue(new Date('2026-11-27T03:00:00.000Z'), ONLY)]);
      expect(await t.platform.db.transaction().execute((trx) => sendReminders(t.platform, trx, tenantId, now))).toBe(0);
      expect(await reminders()).toBe(expected);
      // The next day, once again.
      const next = await expectedPairs('2026-11-28');
      await Promise.all([t.platform.jobs.runDue(new Date('2026-11-28T00:01:00.000Z'), ONLY), p2.jobs.runDue(new Date('2026-11-28T00:01:00.000Z'), ONLY)]);
      expect(await reminders()).toBe(expected + next);
      // What the owner reads.
      const cookie = await t.login('zb3');
      const inbox = JSON.parse((await t.call('GET', '/api/v1/notifications?pageSize=200', { cookie })).body) as { items: { kind: string; title: string }[] };
      expect(inbox.items.some((n) => n.kind === 'tasks.reminder' && n.title.startsWith('任务已逾期：'))).toBe(true);
    } finally {
      await app2.close();
      await p2.data.close();
    }
  });
});
