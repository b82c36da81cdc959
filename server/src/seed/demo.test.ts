import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform } from '../app.js';
import { loadConfig } from '../config.js';
import type { Database } from '../db/types.js';
import { FakeClock } from '../platform/clock.js';
import type { Platform } from '../platform/context.js';
import { verifyPassword } from '../platform/crypto/password.js';
import { parseIdNumber } from '../modules/people/idNumber.js';
import { freshDatabase, dialectLabel } from '../test/harness.js';
import { addDays, addYears, yearsBetween } from './random.js';
import { DEMO_ACCOUNTS, DEMO_TODAY, seedDemo, type SeedResult } from './demo.js';

interface Started { p: Platform; dataDir: string; drop: () => Promise<void> }
let a: Started;
let b: Started;
let first: SeedResult;

async function start(env: NodeJS.ProcessEnv, clock: FakeClock): Promise<Started> {
  const db = await freshDatabase();
  const p = await createPlatform(loadConfig({ ...db.env, ...env, LOG_LEVEL: 'silent' }), { clock });
  return { p, dataDir: db.dataDir, drop: db.drop };
}

beforeAll(async () => {
  // Two independent fresh starts on different days, with different keys and passwords.
  a = await start({}, new FakeClock('2026-11-27T02:00:00.000Z')); // no DANGJIAN_DEMO_PASSWORD: generated
  b = await start({ DANGJIAN_DEMO_PASSWORD: 'Other@2026pass' }, new FakeClock('2027-03-05T09:30:00.000Z'));
  first = await seedDemo(a.p);
  await seedDemo(b.p);
  // Two whole demo communities from scratch (no template): on PostgreSQL with the machine busy this passed 60 s.
}, 240_000);
afterAll(async () => {
  for (const s of [a, b]) {
    await s.p.data.close();
    await s.drop();
  }
});

const SEEDED: (keyof Database)[] = ['tenants', 'organisations', 'units', 'staff', 'members', 'member_events', 'org_posts', 'roles', 'users', 'usernames', 'grants'];
/** Every seeded row, with the encrypted columns decrypted and what legitimately differs (instants, salts, keyed hashes) dropped. */
async function dump(p: Platform): Promise<Record<string, Record<string, unknown>[]>> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const table of SEEDED) {
    const rows = (await p.db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
    out[table] = rows
      .map((r) => {
        const { created_at: _c, updated_at: _u, recorded_at: _r, password_hash: _p, id_number_hash: _h, id_number_enc, phone_enc, address_enc, ...rest } = r;
        if (typeof id_number_enc === 'string') rest.id_number = p.fieldCrypto.decrypt(id_number_enc);
        if (typeof address_enc === 'string') rest.address = p.fieldCrypto.decrypt(address_enc);
        if (typeof phone_enc === 'string') rest.phone = p.fieldCrypto.decrypt(phone_enc);
        // A history event written through the members module's own functions (发展党员's demo extends a 预备期) gets a
        // fresh UUIDv7 like any event a user causes: events compare by what they say.
        if (table === 'member_events') delete rest.id;
        return rest;
      })
      .sort((x, y) => String(x.id ?? x.username ?? JSON.stringify(x)).localeCompare(String(y.id ?? y.username ?? JSON.stringify(y))));
  }
  return out;
}

async function roster(p: Platform) {
  const orgs = await p.db.selectFrom('organisations').selectAll().orderBy('path').execute();
  const units = await p.db.selectFrom('units').selectAll().execute();
  const staff = await p.db.selectFrom('staff').selectAll().execute();
  const members = await p.db.selectFrom('members').selectAll().execute();
  const staffById = new Map(staff.map((s) => [s.id, s]));
  const onPost = members.filter((m) => staffById.get(m.staff_id)!.employment === 'active');
  return { orgs, units, staff, members, staffById, onPost };
}

describe(`demo community: the reference community of docs/DOMAIN.md ${dialectLabel()}`, () => {
  it('has exactly 1 党委, 3 总支, 6 支部, 24 小组, 6 grassroots units and 11 offices, 497 staff and 200 members on post', async () => {
    const { orgs, units, staff, members, onPost } = await roster(a.p);
    const count = (k: string) => orgs.filter((o) => o.kind === k).length;
    expect([count('committee'), count('generalBranch'), count('branch'), count('group')]).toEqual([1, 3, 6, 24]);
    expect(units.filter((u) => u.kind === 'grassroots').map((u) => u.name)).toEqual(['物业一科', '物业二科', '物业三科', '离退一科', '离退二科', '离退三科']);
    expect(units.filter((u) => u.kind === 'office').map((u) => u.name)).toEqual(['人力部', '党群部', '监察部', '安技部', '经管部', '财务部', '物业管理部', '综合办', '计生办', '爱卫办', '调度站']);
    expect(staff.filter((s) => s.employment === 'active')).toHaveLength(497);
    expect(onPost).toHaveLength(200);
    // Retirees and retired members come on top, all in the 离退 units.
    const retired = staff.filter((s) => s.employment === 'retired');
    expect(retired.length).toBeGreaterThan(100);
    const retiredUnits = new Set(units.filter((u) => u.name.startsWith('离退')).map((u) => u.id));
    expect(retired.every((s) => retiredUnits.has(s.unit_id))).toBe(true);
    expect(members.length - onPost.length).toBeGreaterThan(30);
  });

  it('puts every member in a group of their branch, branches fed by the matching units, sizes within the rules but one', async () => {
    const { orgs, units, members, staffById } = await roster(a.p);
    const byId = new Map(orgs.map((o) => [o.id, o]));
    const unitName = new Map(units.map((u) => [u.id, u.name]));
    for (const m of members) {
      const group = byId.get(m.group_id!)!;
      expect(group.kind).toBe('group');
      expect(group.parent_id).toBe(m.branch_id);
      expect(m.org_path).toBe(group.path);
      expect(m.status).toBe('active');
      const unit = unitName.get(staffById.get(m.staff_id)!.unit_id)!;
      const branch = byId.get(m.branch_id)!.name;
      if (branch.startsWith('物业')) expect(unit).toMatch(/^物业.科$/);
      else if (branch.startsWith('离退休')) expect(unit).toMatch(/^离退.科$/);
      else expect(units.find((u) => u.name === unit)!.kind).toBe('office');
    }
    const sizes = orgs.filter((o) => o.kind === 'branch').map((br) => members.filter((m) => m.branch_id === br.id).length);
    expect(sizes.every((n) => n >= 7)).toBe(true);
    expect(sizes.filter((n) => n > 50)).toHaveLength(1); // one realistic 超过 50 人 warning
    expect(orgs.filter((o) => o.kind === 'group').every((g) => members.some((m) => m.group_id === g.id))).toBe(true);
  });

  it('gives every person a valid identity: check digit, birth date and gender agree, keyed hash, phone, ages', async () => {
    const { staff, members, staffById, onPost } = await roster(a.p);
    const names = new Set<string>();
    for (const s of staff) {
      const idNumber = a.p.fieldCrypto.decrypt(s.id_number_enc);
      const parsed = parseIdNumber(idNumber, DEMO_TODAY);
      expect(parsed, idNumber).not.toHaveProperty('error');
      if ('error' in parsed) continue;
      expect(parsed.normalised).toBe(idNumber);
      expect(parsed.birthDate).toBe(s.birth_date);
      expect(parsed.gender).toBe(s.gender);
      expect(s.id_number_hash).toBe(a.p.fieldCrypto.lookupHash(idNumber));
      expect(a.p.fieldCrypto.decrypt(s.phone_enc!)).toMatch(/^1[3-9]\d{9}$/);
      expect(s.native_place).toMatch(/^(河南|山东|安徽|江苏|河北)省/);
      const age = yearsBetween(s.birth_date, DEMO_TODAY);
      if (s.employment === 'active') expect(age).toBeGreaterThanOrEqual(22);
      if (s.employment === 'active') expect(age).toBeLessThanOrEqual(60);
      expect(s.work_started_on! >= addYears(s.birth_date, 18)).toBe(true);
      expect(s.work_started_on! < DEMO_TODAY).toBe(true); // an edit form would refuse a future date
      names.add(s.name);
    }
    expect(names.size).toBe(staff.length);
    expect(new Set(staff.map((s) => s.id_number_hash)).size).toBe(staff.length);
    expect(staff.filter((s) => s.ethnicity === '汉族').length / staff.length).toBeGreaterThan(0.85);
    expect(new Set(staff.map((s) => s.education)).size).toBe(6);
    expect(new Set(staff.map((s) => s.gender)).size).toBe(2);

    for (const m of members) {
      const birth = staffById.get(m.staff_id)!.birth_date;
      expect(m.joined_on >= addYears(birth, 18), `${m.id} joined before 18`).toBe(true);
      expect(m.joined_on <= DEMO_TODAY).toBe(true);
      if (m.type === 'full') {
        expect(m.confirmed_on! >= addYears(m.joined_on, 1)).toBe(true);
        expect(m.confirmed_on! <= DEMO_TODAY).toBe(true);
      } else {
        expect(m.confirmed_on).toBeNull();
        expect(m.joined_on > addYears(DEMO_TODAY, -1)).toBe(true);
      }
    }
    const probationary = onPost.filter((m) => m.type === 'probationary').length;
    expect(probationary).toBeGreaterThanOrEqual(15);
    expect(probationary).toBeLessThanOrEqual(25);
  });

  it('records each member’s admission, and the 转正 of full members (and the one 预备期 发展党员 extended)', async () => {
    const { members } = await roster(a.p);
    const events = await a.p.db.selectFrom('member_events').selectAll().orderBy('recorded_at').orderBy('id').execute();
    const extended = members.filter((m) => m.probation_extended_months > 0);
    expect(extended.map((m) => [m.type, m.probation_extended_months])).toEqual([['probationary', 6]]);
    for (const m of members) {
      // Steps of transfers still under way (the transfers demo) are not part of the roster's own record.
      const mine = events.filter((e) => e.member_id === m.id && e.kind !== 'transfer');
      expect(mine.map((e) => [e.kind, e.occurred_on])).toEqual(
        m.type === 'full' ? [['admitted', m.joined_on], ['confirmed', m.confirmed_on]]
          : m.probation_extended_months > 0 ? [['admitted', m.joined_on], ['probationExtended', '2026-11-21']] : [['admitted', m.joined_on]],
      );
    }
  });

  it('fills committee posts, consistent with the members’ Party posts, and dates every organisation and term', async () => {
    const { orgs, members } = await roster(a.p);
    const posts = await a.p.db.selectFrom('org_posts').selectAll().execute();
    const postsOf = (id: string) => posts.filter((x) => x.org_id === id).map((x) => x.post);
    for (const o of orgs) {
      if (o.kind === 'group') expect(postsOf(o.id)).toEqual(['groupLeader']);
      else if (o.kind === 'branch') expect(postsOf(o.id)).toEqual(expect.arrayContaining(['secretary', 'organisation']));
      else expect(postsOf(o.id)).toEqual(expect.arrayContaining(['secretary', 'deputySecretary']));
      expect(o.founded_on! >= '2008-01-01').toBe(true);
      if (o.kind === 'group') continue;
      expect(o.term_ends_on).toBe(addYears(o.term_started_on!, o.kind === 'committee' ? 5 : 3));
      expect(o.term_started_on! <= DEMO_TODAY && o.term_ends_on! > DEMO_TODAY).toBe(true);
    }
    expect(orgs[0]!.founded_on!.slice(0, 7)).toBe('2008-01');
    const soon = orgs.filter((o) => o.term_ends_on && o.term_ends_on <= addDays(DEMO_TODAY, 90));
    expect(soon.length).toBeGreaterThanOrEqual(1);
    expect(soon.length).toBeLessThanOrEqual(2);
    expect(posts.filter((x) => x.post === 'discipline').length).toBeGreaterThanOrEqual(3);

    const byMember = new Map(members.map((m) => [m.id, m]));
    for (const x of posts) expect(byMember.get(x.member_id)!.type).toBe('full');
    for (const m of members) {
      const held = posts.filter((x) => x.member_id === m.id);
      const partyPosts = JSON.parse(m.party_posts) as string[];
      expect(partyPosts).toHaveLength(held.length);
      if (held.some((x) => x.post === 'groupLeader')) expect(partyPosts).toContain('党小组长');
      if (held.some((x) => x.post === 'secretary' && x.org_id === m.branch_id)) expect(partyPosts).toContain('支部书记');
    }
  });

  it('creates the demo accounts with the demo password, generated and written 0600 on the first start', async () => {
    expect(first.created).toBe(true);
    expect(first.generated).toBe(true);
    const file = path.join(a.dataDir, 'demo-accounts.txt');
    expect(first.accountsFile).toBe(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toContain(first.password!);
    for (const u of ['zb1', 'zb6', 'xz1', 'dy1']) expect(text).toContain(u);

    const users = await a.p.db.selectFrom('users').selectAll().execute();
    expect(users.map((u) => u.username).sort()).toEqual(DEMO_ACCOUNTS.map((x) => x.username).sort());
    for (const gone of ['shuji', 'zuzhang', 'dangyuan']) expect(users.some((u) => u.username === gone)).toBe(false);
    expect(users.every((u) => u.must_change_password === 0 && u.is_demo === 1)).toBe(true);
    expect(await verifyPassword(first.password!, users[0]!.password_hash)).toBe(true);

    const grants = await a.p.db.selectFrom('grants').innerJoin('users', (j) => j.onRef('users.id', '=', 'grants.user_id'))
      .innerJoin('roles', (j) => j.onRef('roles.id', '=', 'grants.role_id')).innerJoin('organisations', (j) => j.onRef('organisations.id', '=', 'grants.org_id'))
      .select(['users.username', 'roles.code', 'organisations.name', 'organisations.path']).execute();
    const of = (u: string) => grants.filter((g) => g.username === u);
    const branches = (await a.p.db.selectFrom('organisations').select(['name', 'path']).where('kind', '=', 'branch').orderBy('path').execute());
    const treeOrder = ['机关第一党支部', '机关第二党支部', '物业第一党支部', '物业第二党支部', '离退休第一党支部', '离退休第二党支部'];
    expect(treeOrder.every((n) => branches.some((br) => br.name === n))).toBe(true);
    treeOrder.forEach((name, i) => expect(of(`zb${i + 1}`).map((g) => [g.code, g.name])).toEqual([['secretary', name]]));
    expect(of('xz1').map((g) => [g.code, g.name])).toEqual([['groupLeader', '第一党小组']]);
    expect(of('xz1')[0]!.path.startsWith(branches.find((br) => br.name === '机关第一党支部')!.path)).toBe(true);
    expect(of('dy1').map((g) => [g.code, g.name])).toEqual([['member', '机关第一党支部']]);
    expect(of('dangwei').map((g) => [g.code, g.name])).toEqual([['committeeAdmin', '社区党委']]);
  });

  it('links the demo accounts that are Party members to their member records: secretaries, the 委员, the group leader and the 党员', async () => {
    const { memberOfUser } = await import('../modules/members/index.js');
    const rows = await a.p.db.selectFrom('users').select(['id', 'username', 'tenant_id']).execute();
    const posts = await a.p.db.selectFrom('org_posts').innerJoin('organisations as o', (j) => j.onRef('o.id', '=', 'org_posts.org_id'))
      .select(['org_posts.member_id', 'org_posts.post', 'o.name']).where('org_posts.ended_on', 'is', null).execute();
    const linked = new Map<string, string>();
    for (const u of rows) {
      const m = await memberOfUser(a.p.db, u.tenant_id, u.id);
      if (m) linked.set(u.username, m.id);
    }
    expect([...linked.keys()].sort()).toEqual(['dy1', 'weiyuan', 'xz1', 'zb1', 'zb2', 'zb3', 'zb4', 'zb5', 'zb6']);
    expect(new Set(linked.values()).size).toBe(linked.size);
    const holds = (username: string, post: string, org: string) => posts.some((p) => p.member_id === linked.get(username) && p.post === post && p.name === org);
    expect(holds('zb1', 'secretary', '机关第一党支部') && holds('zb6', 'secretary', '离退休第二党支部') && holds('weiyuan', 'organisation', '机关第一党支部')).toBe(true);
    const grantPath = async (username: string) => (await a.p.db.selectFrom('grants').innerJoin('users', (j) => j.onRef('users.id', '=', 'grants.user_id'))
      .innerJoin('organisations as o', (j) => j.onRef('o.id', '=', 'grants.org_id')).select('o.path').where('users.username', '=', username).executeTakeFirstOrThrow()).path;
    for (const u of ['xz1', 'dy1']) {
      const m = await memberOfUser(a.p.db, rows[0]!.tenant_id, rows.find((r) => r.username === u)!.id);
      expect(m!.orgPath.startsWith(await grantPath(u))).toBe(true);
    }
  });

  it('names each linked account after its member or employee, and the other accounts after their post', async () => {
    const { memberOfUser } = await import('../modules/members/index.js');
    const rows = await a.p.db.selectFrom('users').select(['id', 'username', 'display_name', 'tenant_id']).execute();
    const shown = new Map(rows.map((u) => [u.username, u.display_name]));
    for (const u of rows) {
      const m = await memberOfUser(a.p.db, u.tenant_id, u.id);
      if (m) expect(u.display_name, u.username).toBe(m.name);
    }
    expect(shown.get('zb1')).not.toContain('书记');
    // The 通讯员, 宣传审核员 and 考核员 are employees who are not members, each linked to their own staff record.
    const employees = await a.p.db.selectFrom('staff as s').innerJoin('users as u', (j) => j.onRef('u.id', '=', 's.user_id'))
      .leftJoin('members as m', (j) => j.onRef('m.staff_id', '=', 's.id'))
      .select(['u.username', 'u.display_name', 's.name', 's.employment', 'm.id as member_id']).orderBy('u.username').execute();
    expect(employees.map((e) => e.username)).toEqual(['kaohe', 'shenhe', 'tongxun']);
    for (const e of employees) expect([e.display_name, e.employment, e.member_id], e.username).toEqual([e.name, 'active', null]);
    expect(new Set(employees.map((e) => e.name)).size).toBe(3);
    expect(['admin', 'secadmin', 'auditor', 'dangwei'].map((u) => shown.get(u))).toEqual(['系统管理员', '安全保密员', '安全审计员', '党委管理员']);
  });

  it('is identical on two fresh starts: same people, dates and ids, whatever the day and the key', async () => {
    const [x, y] = [await dump(a.p), await dump(b.p)];
    expect(x.staff).toHaveLength(617);
    for (const table of SEEDED) expect(y[table], table).toEqual(x[table]);
    // The passwords differ (generated vs given), as they should.
    const userB = await b.p.db.selectFrom('users').select('password_hash').executeTakeFirstOrThrow();
    expect(await verifyPassword('Other@2026pass', userB.password_hash)).toBe(true);
  });

  it('seeds the same 志愿服务 rows on two fresh starts (sensitive fields decrypted, keyed hashes aside)', async () => {
    const tables = ['volunteer_residents', 'volunteer_pairings', 'volunteer_visits', 'volunteer_activities', 'volunteer_activity_hours'] as const;
    const volunteerDump = async (p: Platform) => {
      const out: Record<string, unknown[]> = {};
      for (const table of tables) {
        const rows = (await p.db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
        out[table] = rows.map(({ person_key: _k, ...r }) => Object.fromEntries(Object.entries(r).map(([k, v]) =>
          [k, k.endsWith('_enc') && typeof v === 'string' ? p.fieldCrypto.decrypt(v) : v]))).map((r) => JSON.stringify(r)).sort();
      }
      return out;
    };
    const x = await volunteerDump(a.p);
    expect(x.volunteer_residents).toHaveLength(50);
    expect(await volunteerDump(b.p)).toEqual(x);
  });

  it('creates nothing again on a later start', async () => {
    const before = await dump(a.p);
    const again = await seedDemo(a.p);
    expect(again.created).toBe(false);
    expect(await dump(a.p)).toEqual(before);
    expect(await a.p.db.selectFrom('tenants').select('id').execute()).toHaveLength(2); // platform + demo
  });
});
