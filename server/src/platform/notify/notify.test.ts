// Everyone's 待办 (merged from registered sources) and the in-app inbox (own notifications only).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { TodoRegistry, type TodoItem } from './todos.js';

describe('todo registry', () => {
  it('refuses a malformed or repeated kind', () => {
    const todos = new TodoRegistry();
    const list = async () => [];
    expect(() => todos.register({ kind: 'accept', name: '待接收', list })).toThrow(/<module>.<name>/);
    todos.register({ kind: 'task.accept', name: '待接收', list });
    expect(() => todos.register({ kind: 'task.accept', name: '待接收', list })).toThrow(/twice/);
    expect(todos.kinds()).toEqual([{ kind: 'task.accept', name: '待接收' }]);
  });
});

describe(`待办 and notifications ${dialectLabel()}`, () => {
  let t: TestApp;
  let tenantId: string;
  const ids: Record<string, string> = {};
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    for (const u of await t.platform.db.selectFrom('users').select(['id', 'username', 'tenant_id']).where('username', 'in', ['zb1', 'zb2', 'dy1']).execute()) {
      ids[u.username] = u.id;
      tenantId = u.tenant_id;
    }
    for (const u of ['zb1', 'zb2', 'dy1']) cookies[u] = await t.login(u);
    // The inboxes start empty: what the demo sent them (e.g. 督办 deployed for 后备人才 milestones) is not this test's.
    await t.platform.db.deleteFrom('notifications').where('tenant_id', '=', tenantId).where('user_id', 'in', Object.values(ids)).execute();

    // Sources as a module would write them: each lists the actor's own items only.
    const accept: Record<string, TodoItem[]> = {
      zb1: [
        { kind: 'todotest.accept', title: '接收：整改台账', link: '/tasks?id=a1', entityId: 'a1', due: '2026-12-05', orgName: '机关第一党支部' },
        { kind: 'todotest.accept', title: '接收：无期限事项', link: '/tasks?id=a2', entityId: 'a2' },
        { kind: 'todotest.accept', title: '接收：逾期两天', link: '/tasks?id=a3', entityId: 'a3', due: '2026-11-25' },
        { kind: 'todotest.accept', title: '接收：27日到期', link: '/tasks?id=a4', entityId: 'a4', due: '2026-11-27', since: '2026-11-26T01:00:00.000Z' },
      ],
      zb2: [{ kind: 'todotest.accept', title: '接收：二支部的事项', link: '/tasks?id=b1', entityId: 'b1', due: '2026-11-30' }],
    };
    t.platform.todos.register({ kind: 'todotest.accept', name: '待接收', list: async ({ actor }) => accept[actor.username] ?? [] });
    t.platform.todos.register({
      kind: 'todotest.verify', name: '待验收',
      list: async ({ actor, today }) => (actor.username === 'zb1'
        ? [
          { kind: 'todotest.verify', title: '验收：今天到期', link: '/tasks?id=v1', entityId: 'v1', due: today, since: '2026-11-20T01:00:00.000Z' },
          // A source may decide overdue itself (e.g. counting working days).
          { kind: 'todotest.verify', title: '验收：来源标为逾期', link: '/tasks?id=v2', entityId: 'v2', due: '2026-12-01', overdue: true },
        ]
        : []),
    });
    t.platform.todos.register({ kind: 'todotest.broken', name: '待评分', list: async () => { throw new Error('评分模块数据库出错'); } });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  type TodoView = TodoItem & { overdue: boolean };
  type TodoBody = { today: string; items: TodoView[]; kinds: { kind: string; name: string; count: number; available: boolean }[] };
  const own = <T extends { kind: string }>(items: T[]): T[] => items.filter((i) => i.kind.startsWith('todotest.'));
  const todos = async (user: string): Promise<TodoBody> => {
    const res = await t.call('GET', '/api/v1/todos', { cookie: cookies[user] });
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  describe('GET /api/v1/todos', () => {
    it('merges every source for the signed-in user, overdue first then by due date, with counts per kind', async () => {
      const body = await todos('zb1');
      expect(body.today).toBe('2026-11-27'); // 02:00Z is 10:00 in Shanghai
      expect(own(body.items).map((i) => [i.title, i.overdue])).toEqual([
        ['接收：逾期两天', true],
        ['验收：来源标为逾期', true],
        ['验收：今天到期', false], // due the same day as the next but waiting longer (since the 20th)
        ['接收：27日到期', false],
        ['接收：整改台账', false],
        ['接收：无期限事项', false],
      ]);
      expect(own(body.items)[2]).toEqual({ kind: 'todotest.verify', title: '验收：今天到期', link: '/tasks?id=v1', entityId: 'v1', due: '2026-11-27', overdue: false, since: '2026-11-20T01:00:00.000Z' });
      expect(own(body.kinds)).toEqual([
        { kind: 'todotest.accept', name: '待接收', count: 4, available: true },
        { kind: 'todotest.verify', name: '待验收', count: 2, available: true },
        { kind: 'todotest.broken', name: '待评分', count: 0, available: false },
      ]);
    });

    it('shows each user only their own items; a failing source does not hide the others', async () => {
      const zb2 = await todos('zb2');
      expect(own(zb2.items).map((i) => i.entityId)).toEqual(['b1']);
      expect(own(zb2.kinds).find((k) => k.kind === 'todotest.broken')).toMatchObject({ available: false });
      const dy1 = await todos('dy1');
      expect(own(dy1.items)).toEqual([]);
    });

    it('uses the Shanghai date for overdue: a task due on the 27th becomes overdue at 00:00 on the 28th in Shanghai', async () => {
      t.clock.advance(new Date('2026-11-27T15:59:00Z').getTime() - t.clock.now().getTime()); // 23:59 in Shanghai
      for (const u of ['zb1', 'zb2', 'dy1']) cookies[u] = await t.login(u); // the morning's sessions have expired
      const before = await todos('zb1');
      expect(before.today).toBe('2026-11-27');
      t.clock.advanceMinutes(2); // 00:01 on the 28th in Shanghai, still the 27th in UTC
      const after = await todos('zb1');
      expect(after.today).toBe('2026-11-28');
      expect(own(before.items).filter((i) => i.overdue).map((i) => i.entityId)).toEqual(['a3', 'v2']);
      // a4 (due the 27th) is now overdue; v1 is reported as due today by its source, so it is not.
      expect(own(after.items).filter((i) => i.overdue).map((i) => i.entityId)).toEqual(['a3', 'a4', 'v2']);
    });

    it('needs a signed-in user', async () => {
      expect((await t.call('GET', '/api/v1/todos')).statusCode).toBe(401);
    });
  });

  describe('notifications', () => {
    const inbox = async (user: string, query = '') => {
      const res = await t.call('GET', `/api/v1/notifications${query}`, { cookie: cookies[user] });
      expect(res.statusCode).toBe(200);
      return res.json() as { items: { id: string; title: string; body: string | null; link: string | null; kind: string; readAt: string | null }[]; total: number; unreadCount: number; page: number; pageSize: number };
    };

    it('sends to each user once per dedupe key, and every time without one', async () => {
      const p = t.platform;
      const first = await p.notify.send(p.db, tenantId, [ids.zb1!, ids.zb2!, ids.zb1!], {
        kind: 'tasks.assigned', title: '新的督办事项：整改台账', body: '请于 12 月 5 日前完成', link: '/tasks?id=a1', dedupeKey: 'task:a1:assigned',
      });
      expect(first).toBe(2);
      const again = await p.notify.send(p.db, tenantId, [ids.zb1!, ids.zb2!, ids.dy1!], { kind: 'tasks.assigned', title: '新的督办事项：整改台账', dedupeKey: 'task:a1:assigned' });
      expect(again).toBe(1); // only dy1 had not had it
      expect(await p.notify.send(p.db, tenantId, [ids.zb1!], { kind: 'tasks.reminder', title: '提醒：整改台账即将到期' })).toBe(1);
      expect(await p.notify.send(p.db, tenantId, [ids.zb1!], { kind: 'tasks.reminder', title: '提醒：整改台账即将到期' })).toBe(1);
      expect(await p.notify.send(p.db, tenantId, [], { kind: 'tasks.reminder', title: '无人' })).toBe(0);

      const zb1 = await inbox('zb1');
      expect(zb1.total).toBe(3);
      expect(zb1.unreadCount).toBe(3);
      expect(zb1.items.find((n) => n.kind === 'tasks.assigned')).toMatchObject({ title: '新的督办事项：整改台账', body: '请于 12 月 5 日前完成', link: '/tasks?id=a1', readAt: null });
      expect((await inbox('zb2')).total).toBe(1);
      expect((await inbox('dy1')).total).toBe(1);
    });

    it('is sent with the transaction of the change: a rolled-back change leaves no notification', async () => {
      await expect(t.platform.db.transaction().execute(async (trx) => {
        await t.platform.notify.send(trx, tenantId, [ids.zb2!], { kind: 'tasks.assigned', title: '不应出现' });
        throw new Error('change refused');
      })).rejects.toThrow('change refused');
      expect((await inbox('zb2')).items.map((n) => n.title)).not.toContain('不应出现');
    });

    it('lists newest first with paging, and only unread ones on request', async () => {
      t.clock.advanceMinutes(1);
      await t.platform.notify.send(t.platform.db, tenantId, [ids.zb1!], { kind: 'info.returned', title: '信息被退回：十一月简报' });
      const page1 = await inbox('zb1', '?pageSize=2');
      expect(page1).toMatchObject({ total: 4, page: 1, pageSize: 2, unreadCount: 4 });
      expect(page1.items[0]!.title).toBe('信息被退回：十一月简报');
      const page2 = await inbox('zb1', '?pageSize=2&page=2');
      expect(page2.items).toHaveLength(2);
      expect(new Set([...page1.items, ...page2.items].map((n) => n.id)).size).toBe(4);
    });

    it('marks one of the user\'s own notifications read; someone else\'s answers 404 and stays unread', async () => {
      const zb1 = await inbox('zb1');
      const target = zb1.items[0]!;
      const res = await t.call('POST', `/api/v1/notifications/${target.id}/read`, { cookie: cookies.zb1 });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ id: target.id, readAt: t.clock.now().toISOString(), unreadCount: 3 });
      const firstRead = res.json().readAt;

      // Reading again keeps the first time.
      t.clock.advanceMinutes(5);
      expect((await t.call('POST', `/api/v1/notifications/${target.id}/read`, { cookie: cookies.zb1 })).json()).toEqual({ id: target.id, readAt: firstRead, unreadCount: 3 });

      const other = (await inbox('zb2')).items[0]!;
      const refused = await t.call('POST', `/api/v1/notifications/${other.id}/read`, { cookie: cookies.zb1 });
      expect(refused.statusCode).toBe(404);
      expect(refused.json().error).toMatchObject({ code: 'NOT_FOUND', message: '通知不存在或无权访问' });
      expect((await inbox('zb2')).items[0]!.readAt).toBeNull();
      expect((await t.call('POST', '/api/v1/notifications/no-such-id/read', { cookie: cookies.zb1 })).statusCode).toBe(404);

      const unread = await inbox('zb1', '?unread=true');
      expect(unread.total).toBe(3);
      expect(unread.items.map((n) => n.id)).not.toContain(target.id);
      expect(unread.items.every((n) => n.readAt === null)).toBe(true);
    });

    it('marks all of the user\'s own notifications read, nobody else\'s', async () => {
      const res = await t.call('POST', '/api/v1/notifications/read-all', { cookie: cookies.zb1 });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ marked: 3, unreadCount: 0 });
      const zb1 = await inbox('zb1');
      expect(zb1.unreadCount).toBe(0);
      expect(zb1.items.every((n) => n.readAt !== null)).toBe(true);
      expect((await inbox('zb1', '?unread=true')).total).toBe(0);
      expect((await inbox('zb2')).unreadCount).toBe(1);
      expect((await t.call('POST', '/api/v1/notifications/read-all', { cookie: cookies.zb1 })).json()).toEqual({ marked: 0, unreadCount: 0 });
    });

    it('refuses a bad filter with the field named, and strangers', async () => {
      const bad = await t.call('GET', '/api/v1/notifications?unread=maybe', { cookie: cookies.zb1 });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toContain('只看未读');
      const badPage = await t.call('GET', '/api/v1/notifications?page=0', { cookie: cookies.zb1 });
      expect(badPage.statusCode).toBe(400);
      expect(badPage.json().error.message).toContain('页码');
      expect((await t.call('GET', '/api/v1/notifications')).statusCode).toBe(401);
      expect((await t.call('POST', '/api/v1/notifications/read-all')).statusCode).toBe(401);
    });
  });
});
