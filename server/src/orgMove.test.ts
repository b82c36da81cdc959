// An organisation move, seen by every role through every module's lists and details (issue 15). 机关第一党支部 (with its
// groups, members and the records of every module) moves from 机关党总支 to a new, empty 党总支 and back. Three fresh
// 书记 accounts make the expectation exact: one over the old parent, one over the new parent, one over the branch.
// The new parent's secretary sees nothing before and exactly what the branch's secretary sees after; the old
// parent's loses every record that belongs only to the branch; everyone else sees the same before and after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from './test/harness.js';
import { accountWithRole } from './modules/people/testing.js';

type Json = Record<string, unknown>;
interface Item { key: string; orgIds: string[] | null; detail: string | null; body: string }
type View = Map<string, Item>;

interface Lens {
  name: string;
  /** Rows that total a subtree (statistics): a move changes the totals of the organisations above the branch. */
  aggregates?: boolean;
  /** Duties some of which go to the holder of a grant AT an organisation, not above it (待办: 民主评议 等次 is the branch's own). */
  duties?: boolean;
  /** Reads the lens for one user: every item with the organisations it belongs to (null: several or unknown). */
  read(cookie: string): Promise<Item[]>;
}

describe(`moving an organisation, as every role sees it ${dialectLabel()}`, () => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  let branchId = '';
  let oldParentId = '';
  let newParentId = '';
  /** Ids of the moved branch and its groups. */
  let moved = new Set<string>();
  /** Member id → the organisation (group or branch) the member belongs to, for member targets of assessment. */
  const memberOrg = new Map<string, string>();

  /** A role without the lens's permission gets 403 on the whole list: recorded as such, and it must stay so. */
  class Refused extends Error {}
  const get = async (cookie: string, url: string): Promise<Json> => {
    const res = await t.call('GET', url, { cookie });
    if (res.statusCode === 403) throw new Refused(url);
    expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
    return res.json() as Json;
  };
  const all = async (cookie: string, url: string): Promise<Json[]> => {
    const out: Json[] = [];
    for (let page = 1; ; page++) {
      const body = await get(cookie, `${url}${url.includes('?') ? '&' : '?'}page=${page}&pageSize=200`);
      const items = body.items as Json[];
      out.push(...items);
      if (items.length === 0 || out.length >= (body.total as number)) return out;
    }
  };
  /** The row as text without where its organisation sits in the tree (parent, depth, path), which a move changes by design. */
  const placeless = (row: unknown) => JSON.stringify(row, (k, v: unknown) => (k === 'parentId' || k === 'depth' || k === 'path' ? undefined : v));
  const item = (key: string, row: unknown, orgIds: (string | null | undefined)[] | null, detail: string | null = null): Item =>
    ({ key, orgIds: orgIds ? orgIds.filter((o): o is string => !!o) : null, detail, body: placeless(row) });

  const LENSES: Lens[] = [
    { name: '党员', read: async (c) => (await all(c, '/api/v1/members')).map((m) => item(m.id as string, m, [(m.groupId ?? m.branchId) as string], `/api/v1/members/${m.id as string}`)) },
    {
      name: '信息库', read: async (c) => (await all(c, '/api/v1/info-entries')).map((e) =>
        item(e.id as string, e, [e.orgId as string], e.source ? null : `/api/v1/info-entries/${e.id as string}`)),
    },
    { name: '信息统计', aggregates: true, read: async (c) => ((await get(c, '/api/v1/info-entries/stats')).rows as Json[]).map((r) => item(r.orgId as string, r, [r.orgId as string])) },
    {
      name: '三会一课', read: async (c) => (await all(c, '/api/v1/org-life/activities')).map((a) =>
        item(a.id as string, a, [a.orgId as string], `/api/v1/org-life/activities/${a.id as string}`)),
    },
    { name: '问题清单', read: async (c) => ((await get(c, '/api/v1/org-life/compliance')).orgs as Json[]).map((o) => item(o.orgId as string, o, [o.orgId as string])) },
    {
      name: '督办', read: async (c) => (await all(c, '/api/v1/tasks')).map((x) =>
        item(x.id as string, x, [x.issuingOrgId as string, x.ownerOrgId as string], `/api/v1/tasks/${x.id as string}`)),
    },
    { name: '工作方案', read: async (c) => (await all(c, '/api/v1/programmes')).map((x) => item(x.id as string, x, null, `/api/v1/programmes/${x.id as string}`)) },
    { name: '责任清单', read: async (c) => (await all(c, '/api/v1/responsibilities')).map((x) => item(x.id as string, x, [x.orgId as string])) },
    { name: '考核批次', read: async (c) => ((await get(c, '/api/v1/assessment/rounds')).items as Json[]).map((r) => item(r.id as string, r, null, `/api/v1/assessment/rounds/${r.id as string}`)) },
    {
      name: '考核结果', read: async (c) => {
        const out: Item[] = [];
        for (const r of (await get(c, '/api/v1/assessment/rounds')).items as Json[]) {
          const res = await t.call('GET', `/api/v1/assessment/rounds/${r.id as string}/results`, { cookie: c });
          if (res.statusCode === 409 || res.statusCode === 403) continue; // no results to show yet, or not to this role
          expect(res.statusCode, res.body).toBe(200);
          for (const x of (res.json() as Json).items as Json[]) {
            const target = x.targetId as string;
            out.push(item(`${r.id as string}|${target}`, x, [r.targetType === 'member' ? memberOrg.get(target) : target]));
          }
        }
        return out;
      },
    },
    { name: '评分表', read: async (c) => ((await get(c, '/api/v1/assessment/sheets')).items as Json[]).map((s) => item(s.id as string, s, null)) },
    { name: '民主评议', read: async (c) => ((await get(c, '/api/v1/appraisals')).items as Json[]).map((a) => item(a.id as string, a, [a.branchId as string], `/api/v1/appraisals/${a.id as string}`)) },
    {
      name: '稿件', read: async (c) => (await all(c, '/api/v1/publicity/manuscripts')).map((m) =>
        item(m.id as string, m, [m.orgId as string], `/api/v1/publicity/manuscripts/${m.id as string}`)),
    },
    { name: '通讯员', read: async (c) => ((await get(c, '/api/v1/publicity/correspondents')).items as Json[]).map((x) => item(x.id as string, x, [x.orgId as string])) },
    { name: '宣传统计', aggregates: true, read: async (c) => ((await get(c, '/api/v1/publicity/stats')).orgs as Json[]).map((o) => item(o.orgId as string, o, [o.orgId as string])) },
    { name: '主题实践', read: async (c) => ((await get(c, '/api/v1/campaigns')).items as Json[]).map((x) => item(x.id as string, x, null, `/api/v1/campaigns/${x.id as string}`)) },
    { name: '合理化建议', read: async (c) => (await all(c, '/api/v1/proposals')).map((x) => item(x.id as string, x, [x.orgId as string], `/api/v1/proposals/${x.id as string}`)) },
    { name: '创效统计', aggregates: true, read: async (c) => ((await get(c, '/api/v1/proposals/stats')).byOrg as Json[]).map((x) => item(x.orgId as string, x, [x.orgId as string])) },
    { name: '服务对象', read: async (c) => (await all(c, '/api/v1/volunteer/residents?status=all')).map((x) => item(x.id as string, x, [x.orgId as string], `/api/v1/volunteer/residents/${x.id as string}`)) },
    { name: '走访记录', read: async (c) => (await all(c, '/api/v1/volunteer/visits')).map((x) => item(x.id as string, x, [x.orgId as string], `/api/v1/volunteer/visits/${x.id as string}`)) },
    { name: '志愿活动', read: async (c) => (await all(c, '/api/v1/volunteer/activities')).map((x) => item(x.id as string, x, [x.orgId as string], `/api/v1/volunteer/activities/${x.id as string}`)) },
    {
      name: '服务时长', aggregates: true, read: async (c) => ((await get(c, '/api/v1/volunteer/hours?year=2026')).volunteers as Json[]).map((x) =>
        item(`${x.kind as string}|${x.id as string}`, x, [x.kind === 'member' ? memberOrg.get(x.id as string) : null])),
    },
    { name: '示范岗', read: async (c) => (await all(c, '/api/v1/incentives/plaques')).map((x) => item(x.id as string, x, [x.orgId as string], `/api/v1/incentives/plaques/${x.id as string}`)) },
    {
      // Every round's evaluations (the demo has a closed and an open round).
      name: '示范岗考评', read: async (c) => {
        const rounds = (await get(c, '/api/v1/incentives/evaluation-rounds')).items as Json[];
        const lists = await Promise.all(rounds.map((r) => all(c, `/api/v1/incentives/evaluation-rounds/${r.id as string}/evaluations`)));
        return lists.flat().map((x) => item(x.id as string, x, [x.orgId as string]));
      },
    },
    { name: '党务干部', read: async (c) => (await all(c, '/api/v1/training/cadres')).map((x) => item(x.postId as string, x, [x.orgId as string])) },
    {
      name: '后备人才', read: async (c) => (await all(c, '/api/v1/training/talents')).map((x) =>
        item(x.id as string, x, [x.orgId as string], `/api/v1/training/talents/${x.id as string}`)),
    },
    {
      name: '组织关系转出', read: async (c) => (await all(c, '/api/v1/transfers?direction=out')).map((x) =>
        item(x.id as string, x, [x.fromOrgId as string, x.toOrgId as string | null], `/api/v1/transfers/${x.id as string}`)),
    },
    {
      name: '组织关系转入', read: async (c) => (await all(c, '/api/v1/transfers?direction=in')).map((x) =>
        item(x.id as string, x, [x.fromOrgId as string | null, x.toOrgId as string], `/api/v1/transfers/${x.id as string}`)),
    },
    {
      name: '发展党员', read: async (c) => (await all(c, '/api/v1/recruitment/people')).map((x) =>
        item(x.id as string, x, [x.orgId as string], `/api/v1/recruitment/people/${x.id as string}`)),
    },
    { name: '党费基数', read: async (c) => (await all(c, '/api/v1/dues/bases?year=2026')).map((x) => item(x.id as string, x, [x.orgId as string])) },
    { name: '党费交纳', read: async (c) => (await all(c, '/api/v1/dues/payments?year=2026')).map((x) => item(x.id as string, x, [x.orgId as string], `/api/v1/dues/payments/${x.id as string}`)) },
    {
      name: '欠交党费', read: async (c) => (await all(c, '/api/v1/dues/arrears')).map((x) =>
        item(x.memberId as string, x, [x.orgId as string], `/api/v1/dues/members/${x.memberId as string}?year=2026`)),
    },
    { name: '党费收缴', aggregates: true, read: async (c) => ((await get(c, '/api/v1/dues/collection?year=2026')).branches as Json[]).map((x) => item(x.orgId as string, x, [x.orgId as string])) },
    {
      // 学时未达标 is one item per organisation a keeper keeps (`<orgId>:<year>`), counting its whole subtree: it belongs to
      // that organisation, so a new parent's own item (now counting the branch too) is not one of the branch's.
      name: '待办', duties: true, read: async (c) => ((await get(c, '/api/v1/todos')).items as Json[]).map((x) =>
        item(`${x.kind as string}|${x.entityId as string}`, x, x.kind === 'training.hoursBehind' ? [String(x.entityId).split(':')[0]] : null)),
    },
  ];

  /** Every user's view of every lens. */
  const snapshot = async (): Promise<Record<string, Record<string, View>>> => {
    const out: Record<string, Record<string, View>> = {};
    for (const [user, cookie] of Object.entries(cookies)) {
      out[user] = {};
      for (const lens of LENSES) {
        try {
          out[user][lens.name] = new Map((await lens.read(cookie)).map((i) => [i.key, i]));
        } catch (e) {
          if (!(e instanceof Refused)) throw e;
          out[user][lens.name] = new Map([['#refused', { key: '#refused', orgIds: null, detail: null, body: '403' }]]);
        }
      }
    }
    return out;
  };
  const keys = (v: View) => [...v.keys()].sort();
  /** Keys without the row a statistics page shows for the reader's own organisation (the new parent's, with zeros). */
  const keysBelow = (v: View, own: string) => [...v.values()].filter((i) => !(i.orgIds?.length === 1 && i.orgIds[0] === own)).map((i) => i.key).sort();
  const exclusivelyMoved = (i: Item) => i.orgIds !== null && i.orgIds.length > 0 && i.orgIds.every((o) => moved.has(o));
  const move = async (parentId: string) => {
    const res = await t.call('PATCH', `/api/v1/orgs/${branchId}`, { cookie: cookies.dangwei!, body: { parentId } });
    expect(res.statusCode, res.body).toBe(200);
  };
  const status = async (user: string, url: string) => (await t.call('GET', url, { cookie: cookies[user]! })).statusCode;

  beforeAll(async () => {
    t = await createTestApp();
    for (const u of ['dangwei', 'zb1', 'zb3', 'dy1', 'tongxun', 'xz1', 'kaohe', 'shenhe']) cookies[u] = await t.login(u);
    branchId = await t.orgId('机关第一党支部');
    oldParentId = await t.orgId('机关党总支');
    const created = await t.call('POST', '/api/v1/orgs', { cookie: cookies.dangwei!, body: { parentId: await t.orgId('社区党委'), kind: 'generalBranch', name: '新建党总支' } });
    expect(created.statusCode, created.body).toBe(201);
    newParentId = (created.json() as { id: string }).id;
    cookies.oldParent = await accountWithRole(t, 'mv_old', '原总支书记', 'secretary', '机关党总支');
    cookies.newParent = await accountWithRole(t, 'mv_new', '新总支书记', 'secretary', '新建党总支');
    cookies.branch = await accountWithRole(t, 'mv_branch', '支部书记', 'secretary', '机关第一党支部');
    const tree = (await get(cookies.dangwei!, '/api/v1/orgs/tree')).items as Json[];
    moved = new Set(tree.filter((o) => o.id === branchId || o.parentId === branchId).map((o) => o.id as string));
    for (const m of await all(cookies.dangwei!, '/api/v1/members')) memberOrg.set(m.id as string, (m.groupId ?? m.branchId) as string);
    // 志愿服务 has no demo records in this branch: a resident cared for by it, paired with dy1, one visit, one activity.
    const post = async (cookie: string, url: string, body: Json) => {
      const res = await t.call('POST', url, { cookie, body });
      expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(201);
      return res.json() as Json;
    };
    const dy1 = (await get(cookies.dy1!, '/api/v1/volunteer/mine')).volunteer as { kind: string; id: string };
    const resident = await post(cookies.dangwei!, '/api/v1/volunteer/residents', {
      orgId: branchId, name: '钱玉珍', gender: 'female', birthDate: '1944-05-06', community: '机关家属院', address: '2号楼1单元302', risk: 'medium', registeredOn: '2026-10-01',
    });
    await post(cookies.dangwei!, '/api/v1/volunteer/pairings', { residentId: resident.id, volunteerKind: dy1.kind, volunteerId: dy1.id, startedOn: '2026-10-01' });
    await post(cookies.dy1!, '/api/v1/volunteer/visits', { residentId: resident.id, visitedOn: '2026-10-08', kind: 'shopping', minutes: 60, condition: 'normal' });
    await post(cookies.dangwei!, '/api/v1/volunteer/activities', { orgId: branchId, title: '机关家属院卫生整治', heldOn: '2026-10-17', participants: [{ kind: dy1.kind, id: dy1.id, minutes: 120 }] });
  }, 120_000);
  afterAll(async () => { await t?.close(); });

  let before: Record<string, Record<string, View>>;

  it('before the move: the branch has records in every module, its old parent sees them, the new parent none', async () => {
    before = await snapshot();
    // The branch has records in every module, so each lens below can fail.
    for (const lens of ['党员', '信息库', '信息统计', '三会一课', '问题清单', '督办', '责任清单', '考核批次', '考核结果', '民主评议', '稿件', '通讯员', '宣传统计', '主题实践', '合理化建议', '创效统计', '服务对象', '走访记录', '志愿活动', '服务时长', '示范岗', '示范岗考评', '党务干部', '后备人才']) {
      expect(before.branch![lens]!.has('#refused'), `the branch's secretary may open ${lens}`).toBe(false);
      expect(before.branch![lens]!.size, `the branch's secretary sees ${lens}`).toBeGreaterThan(0);
      // Rounds and campaigns of the whole committee are the branch's too without being only the branch's.
      expect([...before.oldParent![lens]!.keys()].some((k) => before.branch![lens]!.has(k)), `old parent sees the branch's ${lens}`).toBe(true);
    }
    for (const lens of LENSES) expect(keysBelow(before.newParent![lens.name]!, newParentId), `new, empty parent before: ${lens.name}`).toEqual([]);
  }, 120_000);

  it('after the move: each role sees the same records, the new parent exactly the branch, the old parent none of it', async () => {
    await move(newParentId);
    const after = await snapshot();
    for (const user of ['dangwei', 'zb1', 'zb3', 'dy1', 'tongxun', 'xz1', 'kaohe', 'shenhe', 'branch']) {
      for (const lens of LENSES) {
        expect(keys(after[user]![lens.name]!), `${user} · ${lens.name}: the same records`).toEqual(keys(before[user]![lens.name]!));
        for (const [k, v] of after[user]![lens.name]!) {
          if (lens.aggregates && !exclusivelyMoved(v)) continue;
          expect(v.body, `${user} · ${lens.name} · ${k}: the same content`).toBe(before[user]![lens.name]!.get(k)!.body);
        }
      }
    }
    for (const lens of LENSES) {
      const newRows = keysBelow(after.newParent![lens.name]!, newParentId);
      if (lens.aggregates || lens.duties) {
        // Statistics list the reader's organisation and the level below; duties may stay with the branch's own officers.
        expect(newRows.length, `new parent after: ${lens.name} shows the branch`).toBeGreaterThan(0);
        for (const k of newRows) expect(after.branch![lens.name]!.has(k), `new parent after: ${lens.name} ${k} is the branch's`).toBe(true);
      } else {
        expect(newRows, `new parent after: ${lens.name} is exactly the branch's`).toEqual(keys(after.branch![lens.name]!));
      }
      const oldAfter = after.oldParent![lens.name]!;
      for (const k of oldAfter.keys()) expect(before.oldParent![lens.name]!.has(k), `old parent gains nothing: ${lens.name} ${k}`).toBe(true);
      expect([...oldAfter.values()].filter(exclusivelyMoved).map((i) => i.key), `old parent keeps none of the branch's ${lens.name}`).toEqual([]);
    }

    // Details: a record of the branch opens for the new parent and no longer for the old one.
    for (const lens of LENSES) {
      const sample = [...before.branch![lens.name]!.values()].filter((i) => i.detail).slice(0, 3);
      for (const i of sample) {
        expect(await status('newParent', i.detail!), `new parent opens ${i.detail}`).toBe(200);
        expect(await status('branch', i.detail!), `branch opens ${i.detail}`).toBe(200);
        if (exclusivelyMoved(i)) expect(await status('oldParent', i.detail!), `old parent can no longer open ${i.detail}`).toBe(404);
      }
    }
  }, 120_000);

  it('moved back: every view is as before the move', async () => {
    await move(oldParentId);
    const back = await snapshot();
    for (const user of Object.keys(cookies)) {
      for (const lens of LENSES) {
        expect(keys(back[user]![lens.name]!), `${user} · ${lens.name}: as before the move`).toEqual(keys(before[user]![lens.name]!));
        for (const [k, v] of back[user]![lens.name]!) expect(v.body, `${user} · ${lens.name} · ${k}`).toBe(before[user]![lens.name]!.get(k)!.body);
      }
    }
    for (const lens of LENSES) {
      for (const i of [...before.branch![lens.name]!.values()].filter((x) => x.detail && exclusivelyMoved(x)).slice(0, 3)) {
        expect(await status('oldParent', i.detail!), `old parent opens ${i.detail} again`).toBe(200);
        expect(await status('newParent', i.detail!), `new parent no longer opens ${i.detail}`).toBe(404);
      }
    }
  }, 120_000);
});
