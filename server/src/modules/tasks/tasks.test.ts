// 督办 through HTTP on the demo community: the closed loop as a table (every illegal step refused with a
// Chinese reason, nothing changed), who may verify, the light across Shanghai day boundaries, scope and
// filters, validation, 待办 and notifications, programmes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { TRANSITIONS, TASK_ACTIONS, type TaskAction } from './machine.js';
import type { TaskStatus } from './tables.js';
import { multipart, samplePdf, sampleExe } from '../../platform/files/testing.js';
import { TASK_RULES } from './lights.js';

let t: TestApp;
const cookies = new Map<string, string>();
const users = new Map<string, string>();
const as = async (u: string) => {
  if (!cookies.has(u)) cookies.set(u, await t.login(u));
  return cookies.get(u)!;
};
const json = <T = Record<string, unknown>>(r: { body: string }) => JSON.parse(r.body) as T;
interface Task { id: string; status: TaskStatus; light: string; daysLeft: number; percent: number; returnCount: number; closedOn: string | null; can: Record<string, boolean>; timeline: { kind: string; reason: string | null; byName: string | null }[] }

let committee: string;
let branch1: string;
let branch2: string;

beforeAll(async () => {
  t = await createTestApp();
  committee = await t.orgId('社区党委');
  branch1 = await t.orgId('机关第一党支部');
  branch2 = await t.orgId('机关第二党支部');
  const rows = await t.platform.db.selectFrom('users').select(['id', 'username']).execute();
  for (const r of rows) users.set(r.username, r.id);
});
afterAll(async () => {
  await t.close();
});

const uid = (u: string) => users.get(u)!;
async function deploy(opts: { by?: string; title?: string; issuingOrgId?: string; ownerOrgId?: string; owner?: string; dueOn?: string; startOn?: string; coOwners?: string[] } = {}): Promise<Task> {
  const res = await t.call('POST', '/api/v1/tasks', {
    cookie: await as(opts.by ?? 'dangwei'),
    body: {
      title: opts.title ?? '报送党员信息采集表', kind: 'temporary', issuingOrgId: opts.issuingOrgId ?? committee, ownerOrgId: opts.ownerOrgId ?? branch1,
      ownerId: uid(opts.owner ?? 'zb1'), dueOn: opts.dueOn ?? '2026-12-20', doneStandard: '信息齐全率 100%', ...(opts.startOn ? { startOn: opts.startOn } : {}),
      ...(opts.coOwners ? { coOwnerIds: opts.coOwners.map(uid) } : {}),
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return json<Task>(res);
}
const BODIES: Record<TaskAction, object> = {
  accept: {}, report: { percent: 40, notes: '已完成摸底' }, complete: { evidence: '已全部报送，附台账' }, verify: { notes: '合格' }, return: { reason: '佐证材料不全' },
};
const ACTOR: Record<TaskAction, string> = { accept: 'zb1', report: 'zb1', complete: 'zb1', verify: 'dangwei', return: 'dangwei' };
async function step(id: string, action: TaskAction, who = ACTOR[action], body: object = BODIES[action]) {
  return t.call('POST', `/api/v1/tasks/${id}/${action}`, { cookie: await as(who), body });
}
/** The shortest way from deployed to each status. */
const ROUTE: Record<TaskStatus, TaskAction[]> = {
  deployed: [], accepted: ['accept'], inProgress: ['accept', 'report'], completionReported: ['accept', 'complete'],
  returned: ['accept', 'complete', 'return'], closed: ['accept', 'complete', 'verify'],
};
async function taskIn(status: TaskStatus): Promise<Task> {
  const task = await deploy();
  for (const a of ROUTE[status]) expect((await step(task.id, a)).statusCode).toBe(200);
  return task;
}
const get = async (id: string, who = 'dangwei') => t.call('GET', `/api/v1/tasks/${id}`, { cookie: await as(who) });

describe(`督办 loop ${dialectLabel()}`, () => {
  const STATUSES: TaskStatus[] = ['deployed', 'accepted', 'inProgress', 'completionReported', 'returned', 'closed'];

  it('refuses every illegal transition with 409 and a Chinese reason, changing nothing', async () => {
    let refused = 0;
    for (const status of STATUSES) {
      const task = await taskIn(status);
      const before = json<Task>(await get(task.id));
      expect(before.status).toBe(status);
      for (const action of TASK_ACTIONS) {
        if (TRANSITIONS[action].from.includes(status)) continue;
        const res = await step(task.id, action);
        expect(res.statusCode, `${status} × ${action}`).toBe(409);
        const err = json<{ error: { code: string; message: string } }>(res).error;
        expect(err.code).toBe('TASK_STATE');
        expect(err.message).toMatch(/[\u4e00-\u9fa5]/);
        refused++;
      }
      const after = json<Task>(await get(task.id));
      expect(after.status).toBe(status);
      expect(after.timeline.length).toBe(before.timeline.length);
    }
    // 6 statuses × 5 actions minus the 9 legal pairs.
    expect(refused).toBe(21);
  });

  it('names the reason of typical refusals', async () => {
    const fresh = await deploy();
    expect(json<{ error: { message: string } }>(await step(fresh.id, 'report')).error.message).toBe('任务尚未接收，不能汇报进度');
    expect(json<{ error: { message: string } }>(await step(fresh.id, 'verify')).error.message).toBe('任务尚未提交完成报告，不能验收');
    const closed = await taskIn('closed');
    expect(json<{ error: { message: string } }>(await step(closed.id, 'report')).error.message).toBe('任务已销号，不能再办理');
  });

  it('allows every legal transition to its target status', async () => {
    for (const status of STATUSES) {
      for (const action of TASK_ACTIONS) {
        if (!TRANSITIONS[action].from.includes(status)) continue;
        const task = await taskIn(status);
        const res = await step(task.id, action);
        expect(res.statusCode, `${status} × ${action}: ${res.body}`).toBe(200);
        expect(json<Task>(res).status).toBe(TRANSITIONS[action].to);
      }
    }
  });

  it('a returned task cannot be closed without a new completion report', async () => {
    const task = await taskIn('returned');
    const refused = await step(task.id, 'verify');
    expect(refused.statusCode).toBe(409);
    expect(json<{ error: { message: string } }>(refused).error.message).toBe('任务已退回，须重新提交完成报告后才能验收');
    expect((await step(task.id, 'report', 'zb1', { percent: 90, notes: '已补充签到表' })).statusCode).toBe(200);
    expect((await step(task.id, 'verify')).statusCode).toBe(409);
    expect((await step(task.id, 'complete', 'zb1', { evidence: '已补齐签到表和照片' })).statusCode).toBe(200);
    const closed = json<Task>(await step(task.id, 'verify'));
    expect(closed.status).toBe('closed');
    expect(closed.light).toBe('done');
    expect(closed.returnCount).toBe(1);
    expect(closed.closedOn).toBe('2026-11-27');
    expect(closed.timeline.map((e) => e.kind)).toEqual(['deployed', 'accepted', 'completionReported', 'returned', 'reported', 'completionReported', 'verified']);
    expect(closed.timeline.find((e) => e.kind === 'returned')!.reason).toBe('佐证材料不全');
    expect(closed.timeline.at(-1)!.byName).toBe('党委管理员');
    // Every transition is audited.
    const audited = await t.platform.db.selectFrom('audit_log').select('action').where('entity_id', '=', task.id).orderBy('seq').execute();
    expect(audited.map((a) => a.action)).toEqual(['task.deploy', 'task.accept', 'task.complete', 'task.return', 'task.report', 'task.complete', 'task.verify']);
  });

  it('only the issuer side verifies: not the owner, not a committee member without task.verify; another branch sees nothing', async () => {
    // zb1 deploys from the branch to its group leader; dangwei (task.verify over the committee) may also verify.
    const task = await deploy({ by: 'zb1', issuingOrgId: branch1, owner: 'xz1', ownerOrgId: await t.orgId('第一党小组') });
    for (const a of ['accept', 'complete'] as const) expect((await step(task.id, a, 'xz1')).statusCode).toBe(200);
    // On the issuer's 待验收; not on the committee's (it may verify, but branch-internal work is not its 待办).
    const verifyTodos = async (who: string) => json<{ items: { kind: string; entityId: string }[] }>(await t.call('GET', '/api/v1/todos', { cookie: await as(who) }))
      .items.filter((i) => i.kind === 'task.verify').map((i) => i.entityId);
    expect(await verifyTodos('zb1')).toContain(task.id);
    expect(await verifyTodos('dangwei')).not.toContain(task.id);
    expect(await verifyTodos('xz1')).not.toContain(task.id);
    const own = await step(task.id, 'verify', 'xz1');
    expect(own.statusCode).toBe(403);
    expect(json<{ error: { message: string } }>(own).error.message).toBe('不能验收本人负责的任务');
    expect((await step(task.id, 'verify', 'weiyuan')).statusCode).toBe(403);
    expect((await step(task.id, 'verify', 'zb2')).statusCode).toBe(404);
    expect((await get(task.id, 'zb2')).statusCode).toBe(404);
    expect((await get(task.id, 'dy1')).statusCode).toBe(404);
    expect(json<Task>(await get(task.id, 'zb1')).can.verify).toBe(true);
    expect(json<Task>(await get(task.id, 'xz1')).can.verify).toBe(false);
    // The owner of a task issued to themselves still cannot close it.
    const self = await deploy({ by: 'zb1', issuingOrgId: branch1, owner: 'zb1' });
    for (const a of ['accept', 'complete'] as const) expect((await step(self.id, a, 'zb1')).statusCode).toBe(200);
    expect((await step(self.id, 'verify', 'zb1')).statusCode).toBe(403);
    expect((await step(self.id, 'verify', 'dangwei')).statusCode).toBe(200);
    // The issuer cannot do the owner's part.
    const other = await deploy();
    const res = await step(other.id, 'accept', 'dangwei');
    expect(res.statusCode).toBe(403);
    expect(json<{ error: { message: string } }>(res).error.message).toBe('只有责任人或协办人可以接收任务');
    expect((await step(task.id, 'verify', 'zb1')).statusCode).toBe(200);
  });

  it('co-owners act like the owner', async () => {
    const task = await deploy({ coOwners: ['weiyuan'] });
    expect((await step(task.id, 'accept', 'weiyuan')).statusCode).toBe(200);
    const reported = json<Task>(await step(task.id, 'report', 'weiyuan', { percent: 55, notes: '协办推进' }));
    expect(reported.percent).toBe(55);
    expect((await get(task.id, 'weiyuan')).statusCode).toBe(200);
  });

  it('shows the 责任人 and 协办人 as the people they are, not as their posts', async () => {
    const task = await deploy({ title: '显示姓名', owner: 'weiyuan', coOwners: ['zb1'] }) as Task & { ownerName: string; coOwners: { name: string }[] };
    expect(task.ownerName).toBe('李春庆');
    expect(task.coOwners.map((c) => c.name)).toEqual(['曾博彬']);
  });

  it('a co-owner without any task permission still sees and works on their task, and nothing else', async () => {
    const task = await deploy({ title: '协办党员任务', coOwners: ['dy1'] });
    expect((await get(task.id, 'dy1')).statusCode).toBe(200);
    const list = json<{ items: { id: string }[] }>(await t.call('GET', '/api/v1/tasks?pageSize=200', { cookie: await as('dy1') }));
    expect(list.items.map((i) => i.id)).toEqual([task.id]);
    expect((await step(task.id, 'accept', 'dy1')).statusCode).toBe(200);
    expect((await step(task.id, 'verify', 'dy1')).statusCode).toBe(403);
  });
});

describe(`督办 validation and editing ${dialectLabel()}`, () => {
  const count = async () => Number((await t.platform.db.selectFrom('tasks').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('refuses bad input in Chinese, naming the field, saving nothing', async () => {
    const n = await count();
    const cookie = await as('dangwei');
    const base = { title: '任务', kind: 'temporary', issuingOrgId: committee, ownerOrgId: branch1, ownerId: uid('zb1'), dueOn: '2026-12-01', doneStandard: '完成' };
    const early = await t.call('POST', '/api/v1/tasks', { cookie, body: { ...base, startOn: '2026-12-05' } });
    expect(early.statusCode).toBe(400);
    expect(json<{ error: { fields: Record<string, string> } }>(early).error.fields.dueOn).toBe('截止日期不能早于开始日期（2026-12-05）');
    const { title: _t, ...untitled } = base;
    const noTitle = await t.call('POST', '/api/v1/tasks', { cookie, body: untitled });
    expect(noTitle.statusCode).toBe(400);
    expect(json<{ error: { message: string; fields: Record<string, string> } }>(noTitle).error.fields.title).toBe('请填写任务标题');
    const blank = await t.call('POST', '/api/v1/tasks', { cookie, body: { ...base, title: '  ' } });
    expect(json<{ error: { fields: Record<string, string> } }>(blank).error.fields.title).toBe('任务标题：不能为空');
    const noOwner = await t.call('POST', '/api/v1/tasks', { cookie, body: { ...base, ownerId: 'nobody' } });
    expect(json<{ error: { fields: Record<string, string> } }>(noOwner).error.fields.ownerId).toBe('责任人不存在或已停用');
    // Another branch's secretary answers for nothing in 机关第一党支部: refused, like a 党员 without 督办 duties.
    for (const outside of ['zb2', 'dy1']) {
      const r = await t.call('POST', '/api/v1/tasks', { cookie, body: { ...base, ownerId: uid(outside) } });
      expect(r.statusCode, outside).toBe(400);
      expect(json<{ error: { fields: Record<string, string> } }>(r).error.fields.ownerId).toBe('责任人须是对责任组织负有督办职责的人员');
    }
    const coSelf = await t.call('POST', '/api/v1/tasks', { cookie, body: { ...base, coOwnerIds: [uid('zb1')] } });
    expect(json<{ error: { fields: Record<string, string> } }>(coSelf).error.fields.coOwnerIds).toBe('协办人不能包含责任人');
    // A branch secretary cannot deploy in the committee's name.
    const outOfScope = await t.call('POST', '/api/v1/tasks', { cookie: await as('zb1'), body: base });
    expect(outOfScope.statusCode).toBe(400);
    expect(json<{ error: { fields: Record<string, string> } }>(outOfScope).error.fields.issuingOrgId).toBe('部署组织不存在或不在您的管理范围内');
    // A member without task.write cannot deploy at all.
    expect((await t.call('POST', '/api/v1/tasks', { cookie: await as('dy1'), body: base })).statusCode).toBe(403);
    const badReport = await t.call('POST', `/api/v1/tasks/${(await taskIn('accepted')).id}/report`, { cookie: await as('zb1'), body: { percent: 120, notes: 'x' } });
    expect(badReport.statusCode).toBe(400);
    expect(json<{ error: { message: string } }>(badReport).error.message).toMatch(/^完成进度：/);
    const noReason = await t.call('POST', `/api/v1/tasks/${(await taskIn('completionReported')).id}/return`, { cookie: await as('dangwei'), body: {} });
    expect(json<{ error: { message: string } }>(noReason).error.message).toBe('请填写退回原因');
    // Only the three tasks made by taskIn above were saved.
    expect(await count()).toBe(n + 2);
  });

  it('the issuer side edits before 销号 and the timeline shows the change; the owner cannot', async () => {
    const task = await deploy();
    const edited = await t.call('PATCH', `/api/v1/tasks/${task.id}`, { cookie: await as('dangwei'), body: { dueOn: '2026-12-31', title: '报送党员信息采集表（补充）' } });
    expect(edited.statusCode).toBe(200);
    const v = json<Omit<Task, 'timeline'> & { dueOn: string; timeline: { kind: string; changes: Record<string, { before: unknown; after: unknown }> | null }[] }>(edited);
    expect(v.dueOn).toBe('2026-12-31');
    expect(v.timeline.at(-1)!.changes!.dueOn).toEqual({ before: '2026-12-20', after: '2026-12-31' });
    // The search index follows the edit (q finds title, content and standard of done).
    const found = json<{ items: { id: string }[] }>(await t.call('GET', '/api/v1/tasks?q=补充&pageSize=200', { cookie: await as('dangwei') }));
    expect(found.items.map((i) => i.id)).toContain(task.id);
    const byStandard = json<{ items: { id: string }[] }>(await t.call('GET', '/api/v1/tasks?q=齐全率&pageSize=200', { cookie: await as('dangwei') }));
    expect(byStandard.items.map((i) => i.id)).toContain(task.id);
    expect((await t.call('PATCH', `/api/v1/tasks/${task.id}`, { cookie: await as('zb1'), body: { dueOn: '2027-01-31' } })).statusCode).toBe(403);
    const bad = await t.call('PATCH', `/api/v1/tasks/${task.id}`, { cookie: await as('dangwei'), body: { dueOn: '2026-11-01' } });
    expect(bad.statusCode).toBe(400);
    expect(json<{ dueOn: string }>(await get(task.id)).dueOn).toBe('2026-12-31');
    const closed = await taskIn('closed');
    expect((await t.call('PATCH', `/api/v1/tasks/${closed.id}`, { cookie: await as('dangwei'), body: { title: '改' } })).statusCode).toBe(409);
  });
});

describe(`督办 lights on Shanghai days ${dialectLabel()}`, () => {
  it('turns yellow N days before due and red the day after, at Shanghai midnight', async () => {
    const task = await deploy({ title: '灯号测试任务', dueOn: '2026-11-30', startOn: '2026-11-20' });
    const lightAt = async (iso: string) => {
      t.clock.advance(Date.parse(iso) - t.clock.now().getTime());
      cookies.clear();
      const v = json<Task>(await get(task.id));
      const red = json<{ items: { id: string }[]; total: number; summary: { red: number } }>(await t.call('GET', '/api/v1/tasks?light=red&q=灯号测试', { cookie: await as('dangwei') }));
      // The total of a light-filtered list counts exactly the rows it lists (it is taken from the light counts).
      expect(red.total).toBe(red.items.length);
      expect(red.total).toBe(red.summary.red);
      return { light: v.light, daysLeft: v.daysLeft, inRed: red.items.some((i) => i.id === task.id) };
    };
    try {
      expect(await lightAt('2026-11-26T15:59:00Z')).toEqual({ light: 'green', daysLeft: 4, inRed: false });
      expect(await lightAt('2026-11-26T16:01:00Z')).toEqual({ light: 'yellow', daysLeft: 3, inRed: false });
      expect(await lightAt('2026-11-30T15:59:00Z')).toEqual({ light: 'yellow', daysLeft: 0, inRed: false });
      expect(await lightAt('2026-11-30T16:01:00Z')).toEqual({ light: 'red', daysLeft: -1, inRed: true });
      const yellow = json<{ items: { id: string }[]; total: number }>(await t.call('GET', '/api/v1/tasks?light=yellow,green&q=灯号测试', { cookie: await as('dangwei') }));
      expect(yellow.items).toHaveLength(0);
      expect(yellow.total).toBe(0);
      for (const a of ['accept', 'complete', 'verify'] as const) expect((await step(task.id, a)).statusCode).toBe(200);
      expect(await lightAt('2026-12-01T02:00:00Z')).toEqual({ light: 'done', daysLeft: -1, inRed: false });
      expect(json<Task>(await get(task.id)).closedOn).toBe('2026-12-01');
    } finally {
      t.clock.advance(Date.parse('2026-11-27T02:00:00Z') - t.clock.now().getTime());
      cookies.clear();
    }
  });
});

describe(`督办 light setting ${dialectLabel()}`, () => {
  it('yellow starts as many days before due as the setting says', async () => {
    const task = await deploy({ title: '灯号设置测试', dueOn: '2026-12-05' });
    expect(json<Task>(await get(task.id)).light).toBe('green');
    const tenantId = (await t.platform.db.selectFrom('users').select('tenant_id').where('username', '=', 'dangwei').executeTakeFirstOrThrow()).tenant_id;
    const set = (yellowDays: number) => t.platform.db.transaction().execute((trx) => t.platform.settings.set(trx, tenantId, TASK_RULES, { yellowDays, reminderDays: 3 }));
    await set(8);
    try {
      expect(json<Task>(await get(task.id)).light).toBe('yellow');
      const yellow = json<{ items: { id: string }[] }>(await t.call('GET', '/api/v1/tasks?light=yellow&q=灯号设置测试', { cookie: await as('dangwei') }));
      expect(yellow.items.map((i) => i.id)).toEqual([task.id]);
    } finally {
      await set(3);
    }
  });
});

describe(`督办 scope, filters, demo and programmes ${dialectLabel()}`, () => {
  it('the demo has tasks in every state, some overdue, and a 星级文明小区创建 programme', async () => {
    const all = json<{ items: Task[]; total: number; summary: { total: number; green: number; yellow: number; red: number; done: number } }>(await t.call('GET', '/api/v1/tasks?pageSize=200', { cookie: await as('dangwei') }));
    expect(all.total).toBeGreaterThanOrEqual(39);
    expect(new Set(all.items.map((i) => i.status))).toEqual(new Set(['deployed', 'accepted', 'inProgress', 'completionReported', 'returned', 'closed']));
    expect(all.summary.red).toBeGreaterThan(0);
    expect(all.summary.yellow).toBeGreaterThan(0);
    expect(all.summary.green + all.summary.yellow + all.summary.red + all.summary.done).toBe(all.summary.total);
    const progs = json<{ items: { id: string; name: string }[] }>(await t.call('GET', '/api/v1/programmes', { cookie: await as('dangwei') }));
    const star = progs.items.find((p) => p.name === '星级文明小区创建')!;
    const detail = json<{ milestones: (Task & { ownerOrgName: string; dueOn: string })[]; summary: Record<string, number> }>(await t.call('GET', `/api/v1/programmes/${star.id}`, { cookie: await as('dangwei') }));
    expect(detail.milestones.length).toBe(9);
    expect(new Set(detail.milestones.map((m) => m.ownerOrgName)).size).toBe(6);
    expect(detail.summary.total).toBe(9);
    expect(detail.summary.done).toBe(2);
    expect(detail.summary.percentDone).toBe(22);
    expect(detail.summary.red).toBeGreaterThan(0);
    // A branch secretary sees the programme with their own branch's milestones only.
    const zb3 = json<{ milestones: { ownerOrgName: string }[]; summary: { total: number } }>(await t.call('GET', `/api/v1/programmes/${star.id}`, { cookie: await as('zb3') }));
    expect(zb3.milestones.every((m) => m.ownerOrgName === '物业第一党支部')).toBe(true);
    expect(zb3.summary.total).toBe(2);
    expect((await t.call('GET', `/api/v1/programmes/${star.id}`, { cookie: await as('dy1') })).statusCode).toBe(404);
  });

  it('lists only what the user may see, with filters', async () => {
    const mine = await deploy({ title: '范围测试：第二支部任务', owner: 'zb2', ownerOrgId: branch2 });
    const zb1List = json<{ items: { id: string; ownerOrgName: string; issuingOrgName: string }[] }>(await t.call('GET', '/api/v1/tasks?pageSize=200', { cookie: await as('zb1') }));
    expect(zb1List.items.some((i) => i.id === mine.id)).toBe(false);
    expect(zb1List.items.every((i) => i.ownerOrgName.startsWith('机关第一党支部') || i.ownerOrgName === '第一党小组' || i.issuingOrgName === '机关第一党支部')).toBe(true);
    expect((await get(mine.id, 'zb1')).statusCode).toBe(404);
    const zb2 = json<{ items: { id: string }[] }>(await t.call('GET', '/api/v1/tasks?q=范围测试', { cookie: await as('zb2') }));
    expect(zb2.items.map((i) => i.id)).toEqual([mine.id]);
    const byOrg = json<{ items: { ownerOrgId: string }[] }>(await t.call('GET', `/api/v1/tasks?orgId=${branch2}&pageSize=200`, { cookie: await as('dangwei') }));
    expect(byOrg.items.length).toBeGreaterThan(0);
    expect(byOrg.items.every((i) => i.ownerOrgId === branch2)).toBe(true);
    const deployed = json<{ items: { status: string }[] }>(await t.call('GET', '/api/v1/tasks?status=deployed,returned&pageSize=200', { cookie: await as('dangwei') }));
    expect(deployed.items.every((i) => i.status === 'deployed' || i.status === 'returned')).toBe(true);
    const ownerMine = json<{ items: { ownerId: string; coOwners: { id: string }[] }[] }>(await t.call('GET', '/api/v1/tasks?mine=owner&pageSize=200', { cookie: await as('weiyuan') }));
    expect(ownerMine.items.length).toBeGreaterThan(0);
    expect(ownerMine.items.every((i) => i.ownerId === uid('weiyuan') || i.coOwners.some((c) => c.id === uid('weiyuan')))).toBe(true);
    // 待我验收: what the user may verify — issued by them or under their task.verify — never their own tasks.
    const issuedByZb1 = await deploy({ by: 'zb1', issuingOrgId: branch1, ownerOrgId: branch1, owner: 'weiyuan', title: '验收范围测试：支部自部署' });
    const toVerify = async (u: string) => json<{ items: { id: string; issuerId: string; ownerId: string }[] }>(await t.call('GET', '/api/v1/tasks?mine=verifier&pageSize=200', { cookie: await as(u) })).items;
    const zb1Verifies = await toVerify('zb1');
    expect(zb1Verifies.some((i) => i.id === issuedByZb1.id)).toBe(true);
    expect(zb1Verifies.every((i) => i.ownerId !== uid('zb1'))).toBe(true);
    expect(zb1Verifies.some((i) => i.id === mine.id)).toBe(false); // issued by the committee to branch 2
    expect((await toVerify('dangwei')).some((i) => i.id === issuedByZb1.id)).toBe(true); // task.verify over the committee
    expect((await toVerify('weiyuan')).some((i) => i.id === issuedByZb1.id)).toBe(false); // the owner, without task.verify
    // The owner picker offers accounts with a task permission at, above or inside the organisation.
    const assignees = await t.call('GET', `/api/v1/tasks/assignees?orgId=${branch1}`, { cookie: await as('dangwei') });
    expect(assignees.statusCode).toBe(200);
    const names = (assignees.json().items as { username: string }[]).map((u) => u.username);
    expect(names).toEqual(expect.arrayContaining(['dangwei', 'zb1', 'weiyuan', 'xz1']));
    expect(names).not.toContain('zb2');
    expect(names).not.toContain('admin');
    expect((await t.call('GET', `/api/v1/tasks/assignees?orgId=${branch1}`, { cookie: await as('dy1') })).statusCode).toBe(403);
    // A member with no task permission sees only what concerns them (the one task they co-own).
    expect(json<{ items: { title: string }[] }>(await t.call('GET', '/api/v1/tasks', { cookie: await as('dy1') })).items.map((i) => i.title)).toEqual(['协办党员任务']);
    const bad = await t.call('GET', '/api/v1/tasks?light=purple', { cookie: await as('dangwei') });
    expect(bad.statusCode).toBe(400);
    expect(json<{ error: { message: string } }>(bad).error.message).toMatch(/^灯号/);
    const xlsx = await t.call('GET', '/api/v1/tasks?format=xlsx', { cookie: await as('dangwei') });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('creates a programme with milestones; a bad milestone names itself and saves nothing', async () => {
    const cookie = await as('dangwei');
    const body = {
      name: '党员责任区创建', issuingOrgId: committee, startOn: '2026-12-01', endOn: '2027-06-30',
      milestones: [
        { title: '划分责任区', ownerOrgId: branch1, ownerId: uid('zb1'), dueOn: '2026-12-31', doneStandard: '公示' },
        { title: '责任区挂牌', ownerOrgId: branch2, ownerId: uid('zb2'), dueOn: '2027-01-31', doneStandard: '挂牌' },
      ],
    };
    const bad = await t.call('POST', '/api/v1/programmes', { cookie, body: { ...body, milestones: [body.milestones[0], { ...body.milestones[1], dueOn: '2026-11-01', startOn: '2026-11-20' }] } });
    expect(bad.statusCode).toBe(400);
    expect(json<{ error: { message: string; fields: Record<string, string> } }>(bad).error.fields['milestones.1.dueOn']).toMatch(/^第 2 个节点：截止日期不能早于开始日期/);
    expect((await t.platform.db.selectFrom('programmes').select('id').where('name', '=', '党员责任区创建').execute())).toHaveLength(0);
    const ok = await t.call('POST', '/api/v1/programmes', { cookie, body });
    expect(ok.statusCode, ok.body).toBe(201);
    const prog = json<{ id: string; milestones: { kind: string; programmeName: string }[]; summary: { total: number; green: number } }>(ok);
    expect(prog.milestones.map((m) => m.kind)).toEqual(['phased', 'phased']);
    expect(prog.milestones[0]!.programmeName).toBe('党员责任区创建');
    expect(prog.summary).toMatchObject({ total: 2, green: 2 });
    const filtered = json<{ total: number }>(await t.call('GET', `/api/v1/tasks?programmeId=${prog.id}`, { cookie }));
    expect(filtered.total).toBe(2);
    expect((await t.call('POST', '/api/v1/programmes', { cookie: await as('zb1'), body })).statusCode).toBe(400);
  });
});

describe(`督办 待办 and notifications ${dialectLabel()}`, () => {
  const todoIds = async (who: string, kind: string) =>
    json<{ items: { kind: string; entityId: string }[] }>(await t.call('GET', '/api/v1/todos', { cookie: await as(who) })).items.filter((i) => i.kind === kind).map((i) => i.entityId);
  const notes = async (who: string) =>
    json<{ items: { kind: string; title: string; link: string }[] }>(await t.call('GET', '/api/v1/notifications?pageSize=200', { cookie: await as(who) })).items;

  it('puts each step on the right person’s 待办 and notifies them', async () => {
    const task = await deploy({ title: '待办测试任务', owner: 'zb2', ownerOrgId: branch2 });
    expect(await todoIds('zb2', 'task.accept')).toContain(task.id);
    expect((await notes('zb2')).some((n) => n.kind === 'tasks.deployed' && n.link === `/tasks?id=${task.id}`)).toBe(true);
    expect((await step(task.id, 'accept', 'zb2')).statusCode).toBe(200);
    expect(await todoIds('zb2', 'task.accept')).not.toContain(task.id);
    expect(await todoIds('zb2', 'task.handle')).toContain(task.id);
    expect((await step(task.id, 'complete', 'zb2')).statusCode).toBe(200);
    expect(await todoIds('zb2', 'task.handle')).not.toContain(task.id);
    expect(await todoIds('dangwei', 'task.verify')).toContain(task.id);
    expect((await notes('dangwei')).some((n) => n.kind === 'tasks.completionReported' && n.link === `/tasks?id=${task.id}`)).toBe(true);
    expect((await step(task.id, 'return')).statusCode).toBe(200);
    expect((await notes('zb2')).some((n) => n.kind === 'tasks.returned' && n.title.includes('待办测试任务'))).toBe(true);
    expect(await todoIds('zb2', 'task.handle')).toContain(task.id);
    expect(await todoIds('dangwei', 'task.verify')).not.toContain(task.id);
    expect((await step(task.id, 'complete', 'zb2')).statusCode).toBe(200);
    expect((await step(task.id, 'verify')).statusCode).toBe(200);
    expect((await notes('zb2')).some((n) => n.kind === 'tasks.verified' && n.link === `/tasks?id=${task.id}`)).toBe(true);
    expect(await todoIds('dangwei', 'task.verify')).not.toContain(task.id);
  });

  it('dates each step’s 待办 from when it began waiting (deployed, accepted, reported complete), for its age', async () => {
    const since = async (who: string, kind: string, id: string) => {
      const res = await t.call('GET', '/api/v1/todos', { cookie: await as(who) });
      expect(res.statusCode, res.body).toBe(200);
      return json<{ items: { kind: string; entityId: string; since?: string }[] }>(res).items.find((i) => i.kind === kind && i.entityId === id)?.since;
    };
    const deployedAt = t.clock.now().toISOString();
    const task = await deploy({ title: '待办时间测试任务', owner: 'zb2', ownerOrgId: branch2 });
    t.clock.advanceMinutes(5); // within the sessions' idle limit
    expect(await since('zb2', 'task.accept', task.id)).toBe(deployedAt);
    const acceptedAt = t.clock.now().toISOString();
    expect((await step(task.id, 'accept', 'zb2')).statusCode).toBe(200);
    t.clock.advanceMinutes(5);
    expect(await since('zb2', 'task.handle', task.id)).toBe(acceptedAt);
    const reportedAt = t.clock.now().toISOString();
    expect((await step(task.id, 'complete', 'zb2')).statusCode).toBe(200);
    expect(await since('dangwei', 'task.verify', task.id)).toBe(reportedAt);
  });
});

describe(`督办 attachments ${dialectLabel()}`, () => {
  const upload = async (id: string, who: string, file: { name: string; data: Buffer }) => {
    const { payload, contentType } = multipart(file);
    return t.app.inject({ method: 'POST', url: `/api/v1/tasks/${id}/attachments`, headers: { cookie: await as(who), 'content-type': contentType }, payload });
  };

  it('the owner attaches evidence, everyone who sees the task downloads it, nobody outside; closed tasks keep theirs', async () => {
    const task = await deploy({ title: '附件测试任务' });
    expect((await step(task.id, 'accept')).statusCode).toBe(200);
    const up = await upload(task.id, 'zb1', { name: '佐证材料.pdf', data: samplePdf() });
    expect(up.statusCode, up.body).toBe(201);
    const meta = json<{ id: string; name: string; createdByName: string }>(up);
    expect(meta).toMatchObject({ name: '佐证材料.pdf', createdByName: '曾博彬' });
    const exe = await upload(task.id, 'zb1', { name: '病毒.pdf', data: sampleExe() });
    expect(exe.statusCode).toBe(400);
    expect((await upload(task.id, 'zb2', { name: 'a.pdf', data: samplePdf() })).statusCode).toBe(404);
    expect((await upload(task.id, 'weiyuan', { name: 'a.pdf', data: samplePdf() })).statusCode).toBe(403);
    const detail = json<{ attachments: { id: string }[] }>(await get(task.id));
    expect(detail.attachments.map((a) => a.id)).toEqual([meta.id]);
    const dl = await t.call('GET', `/api/v1/tasks/${task.id}/attachments/${meta.id}`, { cookie: await as('dangwei') });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect((await t.call('GET', `/api/v1/tasks/${task.id}/attachments/${meta.id}`, { cookie: await as('zb2') })).statusCode).toBe(404);
    for (const a of ['complete', 'verify'] as const) expect((await step(task.id, a)).statusCode).toBe(200);
    expect((await t.call('DELETE', `/api/v1/tasks/${task.id}/attachments/${meta.id}`, { cookie: await as('zb1') })).statusCode).toBe(409);
    expect((await upload(task.id, 'zb1', { name: 'b.pdf', data: samplePdf() })).statusCode).toBe(409);
    expect(json<{ attachments: unknown[] }>(await get(task.id)).attachments).toHaveLength(1);
  });
});
