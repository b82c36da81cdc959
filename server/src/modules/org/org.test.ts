import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_PASSWORD, dialectLabel, type TestApp } from '../../test/harness.js';
import { newId } from '../../db/ids.js';
import { hashPassword } from '../../platform/crypto/password.js';
import { insertUser } from '../../platform/accounts/service.js';
import { insertGrant } from '../../platform/access/grants.js';
import { makeIdNumber } from '../people/idNumber.js';
import { addYears } from '../../platform/calendar.js';
import { sql } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { orgScopeFilter } from './policy.js';
import { liveOrgFilter, orgPathOf } from './queries.js';

let t: TestApp;
let dangwei: string;
let tenantId: string;
let passwordHash: string;
let seq = 0;

const db = () => t.platform.db;
const org = (id: string) => db().selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const orgCount = async () => Number((await db().selectFrom('organisations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const post = (cookie: string, body: Record<string, unknown>) => t.call('POST', '/api/v1/orgs', { cookie, body });
const patch = (cookie: string, id: string, body: Record<string, unknown>) => t.call('PATCH', `/api/v1/orgs/${id}`, { cookie, body });

/** A user holding `role` on the organisation `orgId`; returns their cookie. */
async function userOn(username: string, role: string, orgId: string): Promise<string> {
  const now = t.clock.now();
  await db().transaction().execute(async (trx) => {
    const userId = await insertUser(trx, { tenantId, username, displayName: username, passwordHash, mustChangePassword: false, now });
    const r = await trx.selectFrom('roles').select('id').where('tenant_id', '=', tenantId).where('code', '=', role).executeTakeFirstOrThrow();
    await insertGrant(trx, { tenantId, userId, roleId: r.id, orgId, createdBy: null, now });
  });
  return t.login(username);
}

/** A staff + member row written directly (the members API is another module's), placed in a group or branch. */
async function insertMember(name: string, branchId: string, groupId: string | null, status: 'active' | 'transferredOut' = 'active'): Promise<string> {
  const fc = t.platform.fieldCrypto;
  const now = t.clock.now().toISOString();
  const unitId = newId();
  await db().insertInto('units').values({ tenant_id: tenantId, id: unitId, parent_id: null, kind: 'office', name: `测试科室${++seq}`, code: null, path: `/${unitId}/`, depth: 0, sort_order: 0, created_at: now, updated_at: now, deleted_at: null }).execute();
  const idNumber = makeIdNumber('659001', '1980-05-17', 700 + ++seq);
  const staffId = newId();
  await db().insertInto('staff').values({
    tenant_id: tenantId, id: staffId, unit_id: unitId, name, gender: 'male', ethnicity: '汉族', birth_date: '1980-05-17',
    id_number_enc: fc.encrypt(idNumber), id_number_hash: fc.lookupHash(idNumber), phone_enc: null, education: null, native_place: null,
    address_enc: null, post: null, employment: 'active', work_started_on: null, created_at: now, updated_at: now, deleted_at: null,
  }).execute();
  const place = await org(groupId ?? branchId);
  const id = newId();
  await db().insertInto('members').values({
    tenant_id: tenantId, id, staff_id: staffId, branch_id: branchId, group_id: groupId, org_path: place.path, type: 'full',
    joined_on: '2005-07-01', confirmed_on: '2006-07-01', probation_extended_months: 0, status, party_posts: '[]', created_at: now, updated_at: now, deleted_at: null,
  }).execute();
  return id;
}

const childrenOf = (parentId: string) => db().selectFrom('organisations').selectAll().where('parent_id', '=', parentId).where('deleted_at', 'is', null).orderBy('path').execute();

/** The test's own tree under the demo committee, so the tests do not depend on the demo data. */
const ids: Record<string, string> = {};
const id = (name: string) => {
  const v = ids[name];
  if (!v) throw new Error(`no test organisation ${name}`);
  return v;
};
const TREE: [string, string, string][] = [
  ['甲总支', 'generalBranch', '社区党委'],
  ['甲一支部', 'branch', '甲总支'],
  ['甲一第一小组', 'group', '甲一支部'], ['甲一第二小组', 'group', '甲一支部'], ['甲一第三小组', 'group', '甲一支部'], ['甲一第四小组', 'group', '甲一支部'],
  ['甲二支部', 'branch', '甲总支'],
  ['甲二第一小组', 'group', '甲二支部'], ['甲二第二小组', 'group', '甲二支部'],
  ['乙总支', 'generalBranch', '社区党委'],
  ['乙一支部', 'branch', '乙总支'],
  ['乙一第一小组', 'group', '乙一支部'],
  ['乙二支部', 'branch', '乙总支'],
  ['丙总支', 'generalBranch', '社区党委'],
];

beforeAll(async () => {
  t = await createTestApp();
  dangwei = await t.login('dangwei');
  const root = await db().selectFrom('organisations').selectAll().where('parent_id', 'is', null).where('kind', '=', 'committee').orderBy('created_at').executeTakeFirstOrThrow();
  tenantId = root.tenant_id;
  ids['社区党委'] = root.id;
  passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const [name, kind, parent] of TREE) {
    const res = await post(dangwei, { parentId: id(parent), kind, name });
    if (res.statusCode !== 201) throw new Error(`${name}: ${res.body}`);
    ids[name] = res.json().id;
  }
});
afterAll(async () => {
  await t.close();
});

describe(`organisation SQL helpers ${dialectLabel()}`, () => {
  it('work inside a caller whose own table is aliased o', async () => {
    const branch = await org(await t.orgId('机关第一党支部'));
    const read = new Set(['org.read']);
    const actor: Actor = {
      tenantId, tenantName: '', userId: 'u', username: 'u', displayName: 'u', sessionId: 's', mustChangePassword: false, permissions: read,
      grants: [{ grantId: 'g', tenantId, roleId: 'r', roleCode: 'secretary', roleName: '书记', separation: null, permissions: read, orgId: branch.id, orgName: branch.name, orgKind: branch.kind, orgPath: branch.path }],
    };
    const cols = { tenant: sql.ref<string>('o.tenant_id'), orgId: sql.ref<string>('o.org_id') };
    const rows = await db().selectFrom('org_posts as o').select(['o.org_id', orgPathOf(cols).as('path')])
      .where(orgScopeFilter(actor, 'org.read', cols)).where(liveOrgFilter(cols)).execute();
    const inBranch = await db().selectFrom('org_posts as p').innerJoin('organisations as g', (j) => j.onRef('g.tenant_id', '=', 'p.tenant_id').onRef('g.id', '=', 'p.org_id'))
      .select('p.id').where('g.path', 'like', `${branch.path}%`).where('g.deleted_at', 'is', null).execute();
    expect(inBranch.length).toBeGreaterThan(0);
    expect(rows).toHaveLength(inBranch.length);
    expect(rows.every((r) => r.path.startsWith(branch.path))).toBe(true);
  });
});

describe(`党组织：层级规则与换届日期 ${dialectLabel()}`, () => {
  it('refuses every kind under the wrong parent with a Chinese message naming the rule, changing nothing', async () => {
    const before = await orgCount();
    const cases = [
      { parent: '甲总支', kind: 'group', rule: '党小组只能设在党支部或联合支部下，不能设在党总支下' },
      { parent: '社区党委', kind: 'group', rule: '党小组只能设在党支部或联合支部下' },
      { parent: '甲一支部', kind: 'branch', rule: '党支部只能设在党委或党总支下' },
      { parent: '甲一支部', kind: 'jointBranch', rule: '联合支部只能设在党委或党总支下' },
      { parent: '甲总支', kind: 'generalBranch', rule: '党总支只能设在党委下' },
      { parent: '甲总支', kind: 'committee', rule: '党委是最高一级组织' },
    ];
    for (const c of cases) {
      const res = await post(dangwei, { parentId: id(c.parent), kind: c.kind, name: '不应建立的组织' });
      expect(res.statusCode, `${c.kind} under ${c.parent}`).toBe(400);
      expect(res.json().error.message).toContain(c.rule);
      expect(res.json().error.fields.parentId).toContain(c.rule);
    }
    const group = (await childrenOf(id('甲一支部')))[0]!;
    const res = await patch(dangwei, id('甲二支部'), { parentId: group.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('党支部只能设在党委或党总支下');
    expect(await orgCount()).toBe(before);
    expect((await org(id('甲二支部'))).parent_id).toBe(id('甲总支'));
  });

  it('creates every allowed kind, and fills the term end from the configured term length', async () => {
    const committee = id('社区党委');
    const gb = await post(dangwei, { parentId: committee, kind: 'generalBranch', name: '测试党总支', code: 'ZZ9', foundedOn: '2020-06-01', termStartedOn: '2024-02-29' });
    expect(gb.statusCode).toBe(201);
    expect(gb.json()).toMatchObject({ kind: 'generalBranch', name: '测试党总支', code: 'ZZ9', foundedOn: '2020-06-01', termStartedOn: '2024-02-29', termEndsOn: '2027-02-28', depth: 1 });
    const joint = await post(dangwei, { parentId: gb.json().id, kind: 'jointBranch', name: '测试联合支部', termStartedOn: '2025-01-10' });
    expect(joint.json().termEndsOn).toBe('2028-01-10');
    const direct = await post(dangwei, { parentId: committee, kind: 'branch', name: '党委直属支部', termStartedOn: '2025-01-10', termEndsOn: '2027-12-31' });
    expect(direct.json().termEndsOn).toBe('2027-12-31');
    const group = await post(dangwei, { parentId: joint.json().id, kind: 'group', name: '测试党小组' });
    expect(group.statusCode).toBe(201);
    expect(group.json()).toMatchObject({ termStartedOn: null, termEndsOn: null, depth: 3, path: `${joint.json().path}${group.json().id}/` });

    expect(addYears('2023-05-04', 5)).toBe('2028-05-04');
    const audit = await db().selectFrom('audit_log').select(['action', 'after']).where('entity_id', '=', gb.json().id).execute();
    expect(audit.map((a) => a.action)).toEqual(['org.create']);
  });

  it('validates dates: real dates, none in the future, the end after the start, and no term for a 党小组', async () => {
    const parentId = id('甲总支');
    const bad: [Record<string, unknown>, string, string][] = [
      [{ foundedOn: '2026-02-30' }, 'foundedOn', '不是有效的日期'],
      [{ foundedOn: '2026-11-28' }, 'foundedOn', '成立日期不能晚于今天'],
      [{ termStartedOn: '2027-01-01' }, 'termStartedOn', '不能晚于今天'],
      [{ termStartedOn: '2025-01-01', termEndsOn: '2024-12-31' }, 'termEndsOn', '应晚于开始日期'],
      [{ foundedOn: '2025-06-01', termStartedOn: '2025-01-01' }, 'termStartedOn', '不能早于成立日期'],
    ];
    const before = await orgCount();
    for (const [dates, field, text] of bad) {
      const res = await post(dangwei, { parentId, kind: 'branch', name: '日期有误的支部', ...dates });
      expect(res.statusCode, JSON.stringify(dates)).toBe(400);
      expect(res.json().error.fields[field]).toContain(text);
    }
    const g = await post(dangwei, { parentId: id('甲一支部'), kind: 'group', name: '小组', termStartedOn: '2025-01-01' });
    expect(g.json().error.message).toContain('党小组不设任期');
    expect(await orgCount()).toBe(before);
    // Today itself is allowed (2026-11-27 in Asia/Shanghai under the test clock).
    expect((await post(dangwei, { parentId, kind: 'branch', name: '今天成立的支部', foundedOn: '2026-11-27', termStartedOn: '2026-11-27' })).json().termEndsOn).toBe('2029-11-27');
  });

  it('uses the term length of the settings, and recomputes the end when a new term starts', async () => {
    const { ORG_RULES } = await import('./settings.js');
    await t.platform.settings.set(db(), tenantId, ORG_RULES, { ...ORG_RULES.defaults, termYears: { ...ORG_RULES.defaults.termYears, branch: 4 } });
    const created = await post(dangwei, { parentId: id('甲总支'), kind: 'branch', name: '四年任期支部', termStartedOn: '2024-03-01' });
    expect(created.json().termEndsOn).toBe('2028-03-01');
    const renewed = await patch(dangwei, created.json().id, { termStartedOn: '2026-03-01' });
    expect(renewed.json()).toMatchObject({ termStartedOn: '2026-03-01', termEndsOn: '2030-03-01' });
    await t.platform.settings.set(db(), tenantId, ORG_RULES, ORG_RULES.defaults);
  });
});

describe(`党组织：换届提醒、列表、详情 ${dialectLabel()}`, () => {
  it('lists terms ending within N days (or already ended) in the user\'s scope, with days left', async () => {
    const gb = (await post(dangwei, { parentId: id('社区党委'), kind: 'generalBranch', name: '换届测试总支', termStartedOn: '2021-12-01', termEndsOn: '2024-12-01' })).json();
    const soon = (await post(dangwei, { parentId: gb.id, kind: 'branch', name: '即将换届支部', termStartedOn: '2023-12-27', termEndsOn: '2026-12-27' })).json();
    const later = (await post(dangwei, { parentId: gb.id, kind: 'branch', name: '明年换届支部', termStartedOn: '2024-06-15', termEndsOn: '2027-06-15' })).json();
    type Item = { id: string; name: string; daysLeft: number };
    const mine = (items: Item[]) => items.filter((i) => [gb.id, soon.id, later.id].includes(i.id));

    const res = await t.call('GET', '/api/v1/orgs/terms/expiring?days=90', { cookie: dangwei });
    expect(res.statusCode).toBe(200);
    expect(mine(res.json().items).map((i) => [i.name, i.daysLeft])).toEqual([['换届测试总支', -726], ['即将换届支部', 30]]);
    const byDefault = await t.call('GET', '/api/v1/orgs/terms/expiring', { cookie: dangwei });
    expect(mine(byDefault.json().items)).toHaveLength(2);
    const year = await t.call('GET', '/api/v1/orgs/terms/expiring?days=365', { cookie: dangwei });
    expect(mine(year.json().items).map((i) => i.daysLeft)).toEqual([-726, 30, 200]);

    const branchAdmin = await userOn('jq_branch', 'committeeAdmin', soon.id);
    const scoped = (await t.call('GET', '/api/v1/orgs/terms/expiring?days=365', { cookie: branchAdmin })).json().items;
    expect(scoped.map((i: { id: string }) => i.id)).toEqual([soon.id]);

    const detail = (await t.call('GET', `/api/v1/orgs/${soon.id}`, { cookie: dangwei })).json();
    expect(detail.warnings).toContain('本届任期将于 2026-12-27 届满（还有 30 天），请做好换届准备');
    expect((await t.call('GET', `/api/v1/orgs/${gb.id}`, { cookie: dangwei })).json().warnings).toContain('本届任期已于 2024-12-01 届满，应及时换届');
    expect((await t.call('GET', '/api/v1/orgs/terms/expiring?days=-1', { cookie: dangwei })).statusCode).toBe(400);
  });

  it('lists organisations with filters, paging and an xlsx export', async () => {
    const groups = await t.call('GET', `/api/v1/orgs?kind=group&parentId=${id('甲一支部')}&pageSize=2`, { cookie: dangwei });
    expect(groups.statusCode).toBe(200);
    expect(groups.json()).toMatchObject({ total: 4, page: 1, pageSize: 2 });
    expect(groups.json().items[0]).toMatchObject({ kind: 'group', parentName: '甲一支部' });
    const kw = (await t.call('GET', `/api/v1/orgs?keyword=${encodeURIComponent('乙')}&sort=name&order=desc`, { cookie: dangwei })).json();
    expect(kw.items.every((o: { name: string }) => o.name.includes('乙'))).toBe(true);
    expect(kw.total).toBeGreaterThanOrEqual(3);
    expect((await t.call('GET', `/api/v1/orgs?keyword=${encodeURIComponent('%')}`, { cookie: dangwei })).json().total).toBe(0);
    const xlsx = await t.call('GET', '/api/v1/orgs?format=xlsx', { cookie: dangwei });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const shuji = await userOn('jy_secretary', 'secretary', id('甲一支部'));
    const scoped = (await t.call('GET', '/api/v1/orgs?pageSize=200', { cookie: shuji })).json();
    expect(scoped.items.map((o: { name: string }) => o.name).sort()).toEqual(['甲一支部', '甲一第一小组', '甲一第二小组', '甲一第三小组', '甲一第四小组'].sort());
  });

  it('shows the parent, current committee posts with names, and ends a post keeping its history', async () => {
    const branch = id('乙一支部');
    const group = (await childrenOf(branch))[0]!;
    const m1 = await insertMember('王建国', branch, group.id);
    const m2 = await insertMember('李红梅', branch, null);
    const outsider = await insertMember('赵外人', id('乙二支部'), null);

    const sec = await t.call('POST', `/api/v1/orgs/${branch}/posts`, { cookie: dangwei, body: { memberId: m1, post: 'secretary', startedOn: '2024-01-05' } });
    expect(sec.statusCode).toBe(201);
    expect(sec.json()).toMatchObject({ memberId: m1, name: '王建国', post: 'secretary', postName: '书记', startedOn: '2024-01-05', endedOn: null });
    expect((await t.call('POST', `/api/v1/orgs/${branch}/posts`, { cookie: dangwei, body: { memberId: m2, post: 'organisation' } })).json()).toMatchObject({ postName: '组织委员', startedOn: '2026-11-27' });

    const second = await t.call('POST', `/api/v1/orgs/${branch}/posts`, { cookie: dangwei, body: { memberId: m2, post: 'secretary' } });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toContain('已有在任书记');
    const foreign = await t.call('POST', `/api/v1/orgs/${branch}/posts`, { cookie: dangwei, body: { memberId: outsider, post: 'member' } });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.fields.memberId).toContain('不是本组织的党员');
    const leaderOfBranch = await t.call('POST', `/api/v1/orgs/${branch}/posts`, { cookie: dangwei, body: { memberId: m2, post: 'groupLeader' } });
    expect(leaderOfBranch.json().error.fields.post).toContain('不设党小组长');
    expect((await t.call('POST', `/api/v1/orgs/${group.id}/posts`, { cookie: dangwei, body: { memberId: m1, post: 'groupLeader' } })).statusCode).toBe(201);
    expect((await t.call('POST', `/api/v1/orgs/${group.id}/posts`, { cookie: dangwei, body: { memberId: m2, post: 'groupLeader' } })).statusCode).toBe(400);

    const detail = (await t.call('GET', `/api/v1/orgs/${branch}`, { cookie: dangwei })).json();
    expect(detail.parentName).toBe('乙总支');
    expect(detail.posts.map((p: { name: string; postName: string }) => `${p.name}:${p.postName}`)).toEqual(['王建国:书记', '李红梅:组织委员']);
    expect(detail.warnings).not.toContain('未配备书记');

    const end = await t.call('DELETE', `/api/v1/orgs/${branch}/posts/${sec.json().id}`, { cookie: dangwei });
    expect(end.statusCode).toBe(204);
    expect((await t.call('DELETE', `/api/v1/orgs/${branch}/posts/${sec.json().id}`, { cookie: dangwei })).statusCode).toBe(404);
    const after = (await t.call('GET', `/api/v1/orgs/${branch}`, { cookie: dangwei })).json();
    expect(after.posts.map((p: { name: string }) => p.name)).toEqual(['李红梅']);
    expect(after.warnings).toContain('未配备书记');
    const kept = await db().selectFrom('org_posts').selectAll().where('id', '=', sec.json().id).executeTakeFirstOrThrow();
    expect(kept).toMatchObject({ member_id: m1, started_on: '2024-01-05', ended_on: '2026-11-27' });
  });

  it('appoints any number of 党务工作者 outside the committee, and none in a 党小组', async () => {
    const { orgWarnings } = await import('./warnings.js');
    const { ORG_RULES } = await import('./settings.js');
    const branch = id('乙一支部');
    const group = (await childrenOf(branch))[0]!;
    const [s1, s2] = [await insertMember('冯党务', branch, null), await insertMember('陈干事', branch, null)];
    for (const memberId of [s1, s2]) {
      const r = await t.call('POST', `/api/v1/orgs/${branch}/posts`, { cookie: dangwei, body: { memberId, post: 'affairsStaff', startedOn: '2025-03-01' } });
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json()).toMatchObject({ postName: '党务工作者' });
    }
    const inGroup = await t.call('POST', `/api/v1/orgs/${group.id}/posts`, { cookie: dangwei, body: { memberId: await insertMember('褚组员', branch, group.id), post: 'affairsStaff' } });
    expect(inGroup.statusCode).toBe(400);
    expect(inGroup.json().error.fields.post).toContain('党小组只设党小组长');
    // Staff are not the committee: a branch of ten full members with a 书记 and two 党务工作者 still lacks a 支委会.
    const row = await org(branch);
    const posts = [{ member_id: 'a', post: 'secretary' }, { member_id: s1, post: 'affairsStaff' }, { member_id: s2, post: 'affairsStaff' }];
    const warned = orgWarnings(row, { today: '2026-11-27', rules: ORG_RULES.defaults, posts, counts: { total: 10, full: 10 } });
    expect(warned.some((w) => w.includes('应设支委会'))).toBe(true);
    const staffed = orgWarnings(row, { today: '2026-11-27', rules: ORG_RULES.defaults, posts: [...posts, { member_id: 'b', post: 'organisation' }, { member_id: 'c', post: 'publicity' }], counts: { total: 10, full: 10 } });
    expect(staffed.some((w) => w.includes('应设支委会'))).toBe(false);
    for (const memberId of [s1, s2]) {
      const held = await db().selectFrom('org_posts').select('id').where('org_id', '=', branch).where('member_id', '=', memberId).where('ended_on', 'is', null).executeTakeFirstOrThrow();
      expect((await t.call('DELETE', `/api/v1/orgs/${branch}/posts/${held.id}`, { cookie: dangwei })).statusCode).toBe(204);
    }
  });

  it('appoints no one who has left the roster, and one 书记 only when two appointments come at once', async () => {
    // 乙一支部: the test above left it without a 书记 (乙二支部 must stay small for the size rules below).
    const branch = id('乙一支部');
    const left = await insertMember('钱已转', branch, null, 'transferredOut');
    const removed = await insertMember('孙已删', branch, null);
    await db().updateTable('members').set({ deleted_at: t.clock.now().toISOString() }).where('id', '=', removed).execute();
    for (const memberId of [left, removed]) {
      const r = await t.call('POST', `/api/v1/orgs/${branch}/posts`, { cookie: dangwei, body: { memberId, post: 'member' } });
      expect(r.statusCode).toBe(400);
      expect(r.json().error.fields.memberId).toContain('已不在党员名册中');
    }
    const [a, b] = [await insertMember('周甲', branch, null), await insertMember('吴乙', branch, null)];
    const both = await Promise.all([a, b].map((memberId) => t.call('POST', `/api/v1/orgs/${branch}/posts`, { cookie: dangwei, body: { memberId, post: 'secretary' } })));
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const open = await db().selectFrom('org_posts').select('member_id').where('org_id', '=', branch).where('post', '=', 'secretary').where('ended_on', 'is', null).execute();
    expect(open).toHaveLength(1);
  });
});

describe(`党组织：规模提醒 ${dialectLabel()}`, () => {
  it('warns, without blocking, about the size rules of DOMAIN.md from the members really there', async () => {
    const detail = async (orgId: string) => (await t.call('GET', `/api/v1/orgs/${orgId}`, { cookie: dangwei })).json();
    // The demo's 物业第二党支部 has more than 50 members.
    const big = await t.orgId('物业第二党支部');
    const counts = await db().selectFrom('members').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', tenantId)
      .where('org_path', 'like', `${(await org(big)).path}%`).where('deleted_at', 'is', null).executeTakeFirstOrThrow();
    expect(Number(counts.n)).toBeGreaterThan(50);
    expect((await detail(big)).warnings).toContain('党支部党员超过 50 人，应考虑分设党支部或成立党总支');
    // A branch with no members at all needs a 联合支部; a normal demo branch gets neither warning.
    expect((await detail(id('乙二支部'))).warnings).toContain('党支部正式党员少于 3 人，应成立联合支部');
    const normal = (await detail(await t.orgId('机关第二党支部'))).warnings as string[];
    expect(normal.filter((w) => /超过 50 人|少于 3 人/.test(w))).toEqual([]);
    // A 总支 with fewer than 50 members is told a 支部 would do.
    expect((await detail(id('丙总支'))).warnings).toContain('党总支党员少于 50 人，一般设党支部即可');
  });
});

describe(`党组织：调整上级组织 ${dialectLabel()}`, () => {
  it('moves a 支部 to another 总支 with its 小组 and members, and changes who can see it', async () => {
    const branch = id('甲二支部');
    const oldGb = id('甲总支');
    const newGb = id('丙总支');
    const before = await org(branch);
    const groupsBefore = await childrenOf(branch);
    expect(groupsBefore).toHaveLength(2);
    const inGroup = await insertMember('孙小组', branch, groupsBefore[1]!.id);
    const inBranch = await insertMember('周支部', branch, null);

    const oldSide = await userOn('old_gb', 'committeeAdmin', oldGb);
    const newSide = await userOn('new_gb', 'committeeAdmin', newGb);
    expect((await t.call('GET', `/api/v1/orgs/${branch}`, { cookie: oldSide })).statusCode).toBe(200);
    expect((await t.call('GET', `/api/v1/orgs/${branch}`, { cookie: newSide })).statusCode).toBe(404);

    // org.write over the node but not over the new parent: refused as if the parent did not exist.
    const refused = await patch(oldSide, branch, { parentId: newGb });
    expect(refused.statusCode).toBe(404);
    expect((await org(branch)).path).toBe(before.path);

    const res = await patch(dangwei, branch, { parentId: newGb, name: '丙一支部' });
    expect(res.statusCode).toBe(200);
    const newGbRow = await org(newGb);
    expect(res.json()).toMatchObject({ parentId: newGb, name: '丙一支部', path: `${newGbRow.path}${branch}/`, depth: 2 });
    const groupsAfter = await childrenOf(branch);
    expect(groupsAfter.map((g) => g.id)).toEqual(groupsBefore.map((g) => g.id));
    for (const g of groupsAfter) {
      expect(g.path).toBe(`${newGbRow.path}${branch}/${g.id}/`);
      expect(g.depth).toBe(3);
    }
    const paths = await db().selectFrom('members').select(['id', 'org_path']).where('id', 'in', [inGroup, inBranch]).execute();
    expect(Object.fromEntries(paths.map((m) => [m.id, m.org_path]))).toEqual({ [inGroup]: groupsAfter[1]!.path, [inBranch]: `${newGbRow.path}${branch}/` });

    expect((await t.call('GET', `/api/v1/orgs/${branch}`, { cookie: oldSide })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/orgs/${groupsAfter[0]!.id}`, { cookie: oldSide })).statusCode).toBe(404);
    const oldTree = (await t.call('GET', '/api/v1/orgs/tree', { cookie: oldSide })).json().items.map((o: { id: string }) => o.id);
    expect(oldTree).not.toContain(branch);
    expect(oldTree).not.toContain(groupsAfter[0]!.id);
    const seen = await t.call('GET', `/api/v1/orgs/${branch}`, { cookie: newSide });
    expect(seen.statusCode).toBe(200);
    expect(seen.json().parentName).toBe('丙总支');
    const newTree = (await t.call('GET', '/api/v1/orgs/tree', { cookie: newSide })).json().items.map((o: { id: string }) => o.id);
    expect(newTree).toEqual(expect.arrayContaining([branch, ...groupsAfter.map((g) => g.id)]));

    const audit = await db().selectFrom('audit_log').select(['action', 'before', 'after']).where('entity_id', '=', branch).where('action', '=', 'org.move').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before!)).toMatchObject({ parentId: oldGb, path: before.path, name: '甲二支部' });
    expect(JSON.parse(audit.after!)).toMatchObject({ parentId: newGb, name: '丙一支部', moved: { organisations: 3, members: 2 } });
  });

  it('keeps every path consistent when moves run at the same time', async () => {
    const mk = async (parentId: string, kind: string, name: string) => (await post(dangwei, { parentId, kind, name })).json().id as string;
    const gb1 = await mk(id('社区党委'), 'generalBranch', '并发一总支');
    const gb2 = await mk(id('社区党委'), 'generalBranch', '并发二总支');
    const b1 = await mk(gb1, 'branch', '并发一支部');
    const b2 = await mk(gb1, 'branch', '并发二支部');
    const groups = await Promise.all([1, 2, 3].map((i) => mk(b1, 'group', `并发小组${i}`)));
    const results = await Promise.all([
      patch(dangwei, b2, { parentId: gb2 }),
      ...groups.map((g) => patch(dangwei, g, { parentId: b2 })),
      patch(dangwei, b1, { parentId: gb2 }),
    ]);
    for (const r of results) expect([200, 409], r.body).toContain(r.statusCode);
    const rows = await db().selectFrom('organisations').selectAll().where('tenant_id', '=', tenantId).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const r of rows) {
      const parent = r.parent_id ? byId.get(r.parent_id) : undefined;
      expect(r.path, r.name).toBe(`${parent?.path ?? '/'}${r.id}/`);
      expect(r.depth, r.name).toBe(parent ? parent.depth + 1 : 0);
    }
  });

  it('refuses a move under the organisation itself or one of its descendants, and of the 党委', async () => {
    const gb = id('乙总支');
    const branch = id('乙一支部');
    const self = await patch(dangwei, branch, { parentId: branch });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.fields.parentId).toContain('不能把组织调整到它自己或它的下级组织之下');
    const underChild = await patch(dangwei, gb, { parentId: branch });
    expect(underChild.json().error.fields.parentId).toContain('不能把组织调整到它自己或它的下级组织之下');
    const root = await patch(dangwei, id('社区党委'), { parentId: gb });
    expect(root.statusCode).toBe(400);
    expect((await org(gb)).parent_id).toBe(id('社区党委'));
  });
});

describe(`党组织：删除与数据范围 ${dialectLabel()}`, () => {
  it('refuses to delete while live children or members remain; deletes softly otherwise', async () => {
    const gb = id('乙总支');
    const res = await t.call('DELETE', `/api/v1/orgs/${gb}`, { cookie: dangwei });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'ORG_HAS_CHILDREN' });
    expect(res.json().error.message).toMatch(/^该组织下还有 \d+ 个下级组织/);
    expect((await org(gb)).deleted_at).toBeNull();

    const branch = (await post(dangwei, { parentId: gb, kind: 'branch', name: '待撤销支部' })).json();
    const member = await insertMember('钱待转', branch.id, null);
    const secretary = (await t.call('POST', `/api/v1/orgs/${branch.id}/posts`, { cookie: dangwei, body: { memberId: member, post: 'secretary' } })).json();
    const blocked = await t.call('DELETE', `/api/v1/orgs/${branch.id}`, { cookie: dangwei });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error).toMatchObject({ code: 'ORG_HAS_MEMBERS', message: '该组织还有 1 名党员，请先将党员调整到其他组织后再删除' });
    await db().updateTable('members').set({ status: 'transferredOut' }).where('id', '=', member).execute();
    expect((await t.call('DELETE', `/api/v1/orgs/${branch.id}`, { cookie: dangwei })).statusCode).toBe(204);
    expect((await org(branch.id)).deleted_at).not.toBeNull();
    const ended = await db().selectFrom('org_posts').select('ended_on').where('id', '=', secretary.id).executeTakeFirstOrThrow();
    expect(ended.ended_on).toBe('2026-11-27');
    const audit = await db().selectFrom('audit_log').select(['action', 'before']).where('entity_id', '=', branch.id).where('action', '=', 'org.delete').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before!)).toMatchObject({ name: '待撤销支部', kind: 'branch' });
    expect((await t.call('GET', `/api/v1/orgs/${branch.id}`, { cookie: dangwei })).statusCode).toBe(404);
    expect((await t.call('GET', '/api/v1/orgs/tree', { cookie: dangwei })).json().items.map((o: { id: string }) => o.id)).not.toContain(branch.id);
    expect((await t.call('DELETE', `/api/v1/orgs/${id('社区党委')}`, { cookie: dangwei })).json().error.code).toBe('ORG_IS_ROOT');
  });

  it('answers 404 on every route for an organisation outside the scope, and 403 without the permission', async () => {
    const writer = await userOn('jg1_admin', 'committeeAdmin', id('甲一支部'));
    const other = id('乙一支部');
    const otherGroup = (await childrenOf(other))[0]!;
    const m = await insertMember('吴外部', other, null);
    const p = await t.call('POST', `/api/v1/orgs/${other}/posts`, { cookie: dangwei, body: { memberId: m, post: 'member' } });
    expect(p.statusCode).toBe(201);
    const calls: [Parameters<TestApp['call']>[0], string, unknown?][] = [
      ['GET', `/api/v1/orgs/${other}`],
      ['PATCH', `/api/v1/orgs/${other}`, { name: '改名' }],
      ['DELETE', `/api/v1/orgs/${otherGroup.id}`],
      ['POST', '/api/v1/orgs', { parentId: other, kind: 'group', name: '越权小组' }],
      ['POST', `/api/v1/orgs/${other}/posts`, { memberId: m, post: 'deputySecretary' }],
      ['DELETE', `/api/v1/orgs/${other}/posts/${p.json().id}`],
      ['PATCH', `/api/v1/orgs/${id('甲一支部')}`, { parentId: id('乙总支') }],
    ];
    for (const [method, url, body] of calls) {
      const res = await t.call(method, url, { cookie: writer, body });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
    // A member outside the writer's scope is refused like a missing one, even for their own organisation.
    const mine = id('甲一支部');
    expect((await t.call('POST', `/api/v1/orgs/${mine}/posts`, { cookie: writer, body: { memberId: m, post: 'member' } })).statusCode).toBe(404);
    expect((await org(other)).name).toBe('乙一支部');
    expect((await org(otherGroup.id)).deleted_at).toBeNull();

    // A 书记 reads the branch but holds no org.write anywhere.
    const shuji = await userOn('jy_secretary2', 'secretary', mine);
    expect((await patch(shuji, mine, { name: '改名' })).statusCode).toBe(403);
    expect((await t.call('GET', `/api/v1/orgs/${mine}`, { cookie: shuji })).statusCode).toBe(200);
  });
});
