// Issue 16: a refused request leaves an audit entry, but a script hammering a forbidden route cannot flood the log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { REFUSAL_WINDOW_MS } from './refusals.js';

describe(`refused requests in the audit log ${dialectLabel()}`, () => {
  let t: TestApp;
  let zb1: string;
  let auditor: string;
  const refusals = (username: string) =>
    t.platform.db.selectFrom('audit_log').selectAll().where('action', '=', 'access.refused').where('username', '=', username).orderBy('seq').execute();
  // The entry is written after the answer has gone out (onResponse), so wait for it rather than race it.
  const refusalsOnceAtLeast = async (username: string, n: number) => {
    for (let i = 0; i < 150; i++) {
      const rows = await refusals(username);
      if (rows.length >= n) return rows;
      await new Promise((r) => setTimeout(r, 20));
    }
    return refusals(username);
  };

  beforeAll(async () => {
    t = await createTestApp();
    zb1 = await t.login('zb1');
    auditor = await t.login('auditor');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('writes one entry naming the account, method, route pattern and status when a branch secretary reads a committee-only list', async () => {
    const res = await t.call('GET', '/api/v1/staff?keyword=%E5%BC%A0&pageSize=5', { cookie: zb1 });
    expect(res.statusCode).toBe(403);
    const entries = await refusalsOnceAtLeast('zb1', 1);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ status: 403, request_id: res.headers['x-request-id'] });
    const after = JSON.parse(entries[0]!.after!);
    expect(after).toMatchObject({ method: 'GET', route: '/api/v1/staff', code: 'FORBIDDEN' });
    expect(after.route).not.toContain('?');
  });

  it('adds nothing for repeats within the minute, then one entry that counts them', async () => {
    for (let i = 0; i < 5; i++) expect((await t.call('GET', '/api/v1/staff', { cookie: zb1 })).statusCode).toBe(403);
    expect(await refusals('zb1')).toHaveLength(1);

    t.clock.advance(REFUSAL_WINDOW_MS + 1000);
    expect((await t.call('GET', '/api/v1/staff', { cookie: zb1 })).statusCode).toBe(403);
    const entries = await refusalsOnceAtLeast('zb1', 2);
    expect(entries).toHaveLength(2);
    expect(JSON.parse(entries[1]!.after!)).toMatchObject({ route: '/api/v1/staff', suppressedRepeats: 5 });
  });

  it('limits a forbidden write the same way instead of one generic entry per attempt', async () => {
    const before = await t.platform.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    for (let i = 0; i < 4; i++) {
      const res = await t.call('POST', i % 2 ? '/api/v1/units' : '/api/v1/units/', { cookie: zb1, body: { name: '越权单位', kind: 'office' } });
      expect(res.statusCode).toBe(403);
    }
    await refusalsOnceAtLeast('zb1', 3);
    const after = await t.platform.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(1);
    const newest = (await refusals('zb1')).at(-1)!;
    expect(JSON.parse(newest.after!)).toMatchObject({ method: 'POST', route: '/api/v1/units' });
    expect(await t.platform.db.selectFrom('units').select('id').where('name', '=', '越权单位').execute()).toHaveLength(0);
  });

  it('keeps the chain valid and shows the entries to the 安全审计员', async () => {
    expect(await t.platform.audit.verify()).toMatchObject({ ok: true, problems: [] });
    const list = await t.call('GET', '/api/v1/audit?action=access.refused&username=zb1', { cookie: auditor });
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(3);
    expect(list.json().items[0]).toMatchObject({ username: 'zb1', status: 403, action: 'access.refused' });
  });

  it('is the auditor only who reads them: the refused secretary cannot list the audit log', async () => {
    const res = await t.call('GET', '/api/v1/audit?action=access.refused', { cookie: zb1 });
    expect(res.statusCode).toBe(403);
  });
});
