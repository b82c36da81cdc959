// The organisation tree is cached per server process (treeCache.ts): a change made through another process
// on the same database, or written without the org module at all, shows on the next read of the tree.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp, createPlatform } from '../../app.js';
import type { Platform } from '../../platform/context.js';
import { createTestApp, dialectLabel, DEMO_PASSWORD, type TestApp } from '../../test/harness.js';

let t: TestApp;
let other: { platform: Platform; app: FastifyInstance };

beforeAll(async () => {
  t = await createTestApp();
  // A second server process on the same database: its own connection pool and its own cache.
  const platform = await createPlatform(t.config, { clock: t.clock });
  other = { platform, app: await buildApp(platform, { logger: false }) };
  await other.app.ready();
});
afterAll(async () => {
  await other.app.close();
  await other.platform.data.close();
  await t.close();
});

async function loginOther(username: string): Promise<string> {
  const res = await other.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
  return `dj_session=${res.cookies.find((c) => c.name === 'dj_session')!.value}`;
}
const names = async (cookie: string) => ((await t.call('GET', '/api/v1/orgs/tree', { cookie })).json() as { items: { name: string }[] }).items.map((o) => o.name);

describe(`organisation tree cache ${dialectLabel()}`, () => {
  it('shows a change made through another server process on the next read', async () => {
    const cookie = await t.login('dangwei');
    const before = await names(cookie);
    expect(before).toContain('机关第一党支部');
    expect(await names(cookie)).toEqual(before);

    const otherCookie = await loginOther('dangwei');
    const branch = await t.orgId('机关第一党支部');
    const renamed = await other.app.inject({ method: 'PATCH', url: `/api/v1/orgs/${branch}`, headers: { cookie: otherCookie }, payload: { name: '机关一支部' } });
    expect(renamed.statusCode).toBe(200);
    const created = await other.app.inject({ method: 'POST', url: '/api/v1/orgs', headers: { cookie: otherCookie }, payload: { parentId: branch, kind: 'group', name: '新建党小组' } });
    expect(created.statusCode).toBe(201);

    const after = await names(cookie);
    expect(after).toContain('机关一支部');
    expect(after).not.toContain('机关第一党支部');
    expect(after).toContain('新建党小组');
    expect(after).toHaveLength(before.length + 1);

    const removed = await other.app.inject({ method: 'DELETE', url: `/api/v1/orgs/${(created.json() as { id: string }).id}`, headers: { cookie: otherCookie } });
    expect(removed.statusCode).toBe(204);
    expect(await names(cookie)).not.toContain('新建党小组');
  });

  it('shows a row written directly in the database, without the org module', async () => {
    const cookie = await t.login('dangwei');
    const branch = await t.orgId('机关第二党支部');
    expect(await names(cookie)).toContain('机关第二党支部');
    await t.platform.db.updateTable('organisations').set({ name: '机关二支部' }).where('id', '=', branch).execute();
    const after = await names(cookie);
    expect(after).toContain('机关二支部');
    expect(after).not.toContain('机关第二党支部');
  });

  it('still cuts the tree to the user\'s scope', async () => {
    const zb1 = await t.login('zb1');
    const items = ((await t.call('GET', '/api/v1/orgs/tree', { cookie: zb1 })).json() as { items: { name: string; depth: number }[] }).items;
    expect(items[0]!.name).toBe('机关一支部');
    expect(items.every((o) => o.depth >= items[0]!.depth)).toBe(true);
    expect(items.map((o) => o.name)).not.toContain('机关二支部');
  });
});
