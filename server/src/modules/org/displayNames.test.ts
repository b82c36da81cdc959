// Every branch has a "第一党小组": outside the organisation tree a 党小组 is shown with its branch
// ("机关第一党支部/第一党小组"), so two of them never look alike; branches and the committee keep their names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/access/actor.js';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { orgNames, orgNamesOf } from './index.js';

let t: TestApp;
let tenantId: string;
let committee: { id: string; name: string };
let branches: { id: string; name: string }[];
let groups: { id: string; parentName: string }[];

beforeAll(async () => {
  t = await createTestApp();
  const db = t.platform.db;
  const all = await db.selectFrom('organisations').selectAll().where('deleted_at', 'is', null).orderBy('path').execute();
  const root = all.find((o) => o.kind === 'committee')!;
  committee = root;
  tenantId = root.tenant_id;
  branches = all.filter((o) => o.kind === 'branch');
  const firsts = all.filter((o) => o.kind === 'group' && o.name === '第一党小组');
  groups = firsts.map((g) => ({ id: g.id, parentName: all.find((o) => o.id === g.parent_id)!.name }));
});
afterAll(async () => t.close());

const reader = (): Actor => ({
  tenantId, tenantName: '', userId: 'test-reader', username: 'test-reader', displayName: '', sessionId: '', mustChangePassword: false, grants: [], permissions: new Set(),
});

describe(`organisation display names ${dialectLabel()}`, () => {
  it('names two 第一党小组 of different branches with their branch, and leaves branches and the committee as they are', async () => {
    expect(groups.length).toBeGreaterThanOrEqual(2);
    expect(new Set(groups.map((g) => g.parentName)).size).toBe(groups.length);
    const ids = [committee.id, ...branches.map((b) => b.id), ...groups.map((g) => g.id)];
    const k = (id: string) => `${tenantId}/${id}`;
    for (const names of [await orgNamesOf(t.platform.db, reader(), ids), await orgNames(t.platform.db, [tenantId], ids)]) {
      expect(names.get(k(committee.id))).toBe(committee.name);
      for (const b of branches) expect(names.get(k(b.id))).toBe(b.name);
      for (const g of groups) expect(names.get(k(g.id))).toBe(`${g.parentName}/第一党小组`);
      expect(new Set(groups.map((g) => names.get(k(g.id)))).size).toBe(groups.length);
    }
    expect(groups.map((g) => g.parentName)).toContain('机关第一党支部');
  });

  it('shows a deleted 党小组 on old records with its branch too', async () => {
    const g = groups[1]!;
    await t.platform.db.updateTable('organisations').set({ deleted_at: t.clock.now().toISOString() }).where('id', '=', g.id).execute();
    try {
      expect((await orgNamesOf(t.platform.db, reader(), [g.id])).get(`${tenantId}/${g.id}`)).toBe(`${g.parentName}/第一党小组`);
    } finally {
      await t.platform.db.updateTable('organisations').set({ deleted_at: null }).where('id', '=', g.id).execute();
    }
  });

  it('lists 管控信息 of two 第一党小组 under their branches in 信息库', async () => {
    const dw = await t.login('dangwei');
    const titles = groups.slice(0, 2).map((g, i) => ({ g, title: `党小组学习制度${i}` }));
    for (const { g, title } of titles) {
      const r = await t.call('POST', '/api/v1/info-entries', { cookie: dw, body: { orgId: g.id, category: 'rule', title, bodyHtml: '<p>每月学习一次。</p>' } });
      expect(r.statusCode, r.body).toBe(201);
    }
    const list = await t.call('GET', '/api/v1/info-entries?status=draft&limit=100', { cookie: dw });
    expect(list.statusCode, list.body).toBe(200);
    const items = (list.json() as { items: { title: string; orgName: string }[] }).items;
    for (const { g, title } of titles) expect(items.find((i) => i.title === title)?.orgName).toBe(`${g.parentName}/第一党小组`);
  });

  it('shows a member\'s 党小组 beside their 党支部 by its own name', async () => {
    const res = await t.call('GET', '/api/v1/members?pageSize=100', { cookie: await t.login('zb1') });
    expect(res.statusCode, res.body).toBe(200);
    const inGroup = (res.json() as { items: { branchName: string; groupName: string | null }[] }).items.filter((m) => m.groupName);
    expect(inGroup.length).toBeGreaterThan(0);
    for (const m of inGroup) expect(m).toMatchObject({ branchName: '机关第一党支部', groupName: expect.stringMatching(/^第.党小组$/) });
  });
});
