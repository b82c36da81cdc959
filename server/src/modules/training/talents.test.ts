// 党务干部 register and 后备人才库 through the API: the register read from the organisations' posts (scope, export);
// nominating with its checks (bad input → Chinese error, nothing changed), accept / reject / evaluate / plan /
// milestones as 督办 tasks / remove with the history, a branch never deciding its own nomination, races, and scope
// refusals (404 out of sight, 403 without the permission).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { membersUnder } from '../members/index.js';
import { accountWithRole } from '../people/testing.js';
import { TALENT_RULES } from './talentSettings.js';
import { otherCommittee } from '../transfers/testing.js';

let t: TestApp;
let tenantId: string;
let zb1: string; // 书记, 机关第一党支部: training.write there
let zb2: string; // 书记, 机关第二党支部
let weiyuan: string; // 委员 of 机关第一党支部: training.read only
let dangwei: string; // 党委管理员: training.manage at the root
let dy1: string; // a plain member: no training.read
let branch1: string;
let branch2: string;
let members1: string[]; // active members of branch 1
let member2: string; // an active member of branch 2

const API = '/api/v1/training';
type Detail = {
  id: string; status: string; category: string; allowed: string[]; memberName: string; orgName: string; milestones: number; milestonesDone: number;
  latestGrade: string | null; events: { action: string; note: string | null }[]; evaluations: { year: number; grade: string; comment: string }[];
  milestoneItems: { title: string; taskId: string; taskStatus: string | null; taskStatusName: string; light: string | null }[];
  nominations: { id: string; status: string }[]; appraisals: unknown[]; assessments: unknown[]; posts: unknown[];
  hours: { year: number; totalTenths: number; requiredTenths: number }[]; exams: { title: string; score: number; passed: boolean }[];
};
const count = async (table: 'training_talents' | 'training_talent_events' | 'training_talent_evaluations' | 'training_talent_milestones' | 'tasks') =>
  Number((await t.platform.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const counts = async () => Promise.all((['training_talents', 'training_talent_events', 'training_talent_evaluations', 'training_talent_milestones', 'tasks'] as const).map(count));
let nextMember = 0;
/** A branch-1 member not yet nominated (the demo may hold some). */
async function freeMember(): Promise<string> {
  for (;;) {
    const id = members1[nextMember++]!;
    const open = await t.platform.db.selectFrom('training_talents').select('id').where('member_id', '=', id).where('status', 'in', ['nominated', 'active']).executeTakeFirst();
    if (!open) return id;
  }
}
const nominate = async (memberId: string, cookie = zb1, over: Record<string, unknown> = {}) => {
  const res = await t.call('POST', `${API}/talents`, { cookie, body: { memberId, category: '青年政工干部', reason: '政治素质好，熟悉党务工作，群众基础好。', ...over } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Detail;
};
const post = async (path: string, body: unknown, cookie = dangwei, status = 200) => {
  const res = await t.call(path.endsWith('/plan') ? 'PUT' : 'POST', `${API}${path}`, { cookie, body });
  expect(res.statusCode, res.body).toBe(status);
  const json = res.json() as Detail & { error?: unknown };
  // An error's message with its field messages, so a test matches whichever the user sees.
  return Object.assign(json, { message: json.error ? JSON.stringify(json.error) : '' });
};

beforeAll(async () => {
  t = await createTestApp();
  [zb1, zb2, weiyuan, dangwei, dy1] = (await Promise.all(['zb1', 'zb2', 'weiyuan', 'dangwei', 'dy1'].map((u) => t.login(u)))) as [string, string, string, string, string];
  branch1 = await t.orgId('机关第一党支部');
  branch2 = await t.orgId('机关第二党支部');
  const o = await t.platform.db.selectFrom('organisations').select(['tenant_id', 'path']).where('id', '=', branch1).executeTakeFirstOrThrow();
  tenantId = o.tenant_id;
  const path2 = (await t.platform.db.selectFrom('organisations').select('path').where('id', '=', branch2).executeTakeFirstOrThrow()).path;
  members1 = (await membersUnder(t.platform.db, tenantId, o.path, { status: 'active' })).map((m) => m.id);
  member2 = (await membersUnder(t.platform.db, tenantId, path2, { status: 'active' }))[0]!.id;
}, 60_000);
afterAll(async () => t.close());

describe(`党务干部名册 ${dialectLabel()}`, () => {
  it('lists the current committee posts of the organisations in sight, with since and term; exports Excel', async () => {
    const all = await t.call('GET', `${API}/cadres?pageSize=200`, { cookie: dangwei });
    expect(all.statusCode, all.body).toBe(200);
    const body = all.json() as { total: number; items: { orgId: string; orgName: string; postName: string; memberId: string; memberName: string; since: string | null; termEndsOn: string | null }[]; summary: { people: number; secretaries: number } };
    const openPosts = await t.platform.db.selectFrom('org_posts as p').innerJoin('organisations as o', (j) => j.onRef('o.tenant_id', '=', 'p.tenant_id').onRef('o.id', '=', 'p.org_id'))
      .select('p.id').where('p.tenant_id', '=', tenantId).where('p.ended_on', 'is', null).where('o.deleted_at', 'is', null).where('p.post', '<>', 'groupLeader').execute();
    // The posts in 组织, and the demo's 党群部专职 who is no member (an employee's Party-affairs post, staff module).
    expect(body.total).toBe(openPosts.length + 1);
    expect(body.total).toBeGreaterThan(10);
    expect(body.items.some((x) => x.orgName === '机关第一党支部' && x.postName === '书记')).toBe(true);
    expect(body.items.every((x) => x.memberName !== '' && x.postName !== '党小组长')).toBe(true);
    // The 党委's Party-affairs staff (党群部 干事) are cadres too, drawn from the same posts.
    expect(body.items.filter((x) => x.orgName === '社区党委' && x.postName === '党务工作者')).toHaveLength(2);
    expect(body.summary.secretaries).toBeGreaterThanOrEqual(7);

    // A secretary sees their own branch only; a branch of another is 404; a plain member has no training.read.
    const own = (await t.call('GET', `${API}/cadres?pageSize=200`, { cookie: zb1 })).json() as { items: { orgId: string }[] };
    expect(own.items.length).toBeGreaterThan(0);
    expect(own.items.every((x) => x.orgId === branch1)).toBe(true);
    expect((await t.call('GET', `${API}/cadres?orgId=${branch2}`, { cookie: zb1 })).statusCode).toBe(404);
    expect((await t.call('GET', `${API}/cadres`, { cookie: dy1 })).statusCode).toBe(403);
    const bad = await t.call('GET', `${API}/cadres?post=boss`, { cookie: dangwei });
    expect(bad.statusCode).toBe(400);

    // Drawn from the posts: a member appointed 委员 in 组织 appears at once, and is gone once relieved.
    const appointee = members1.find((id) => !body.items.some((x) => x.orgId === branch1 && x.memberId === id))!;
    const appointed = await t.call('POST', `/api/v1/orgs/${branch1}/posts`, { cookie: dangwei, body: { memberId: appointee, post: 'youth', startedOn: '2026-11-01' } });
    expect(appointed.statusCode, appointed.body).toBe(201);
    const mine = async () => ((await t.call('GET', `${API}/cadres?orgId=${branch1}&pageSize=200`, { cookie: zb1 })).json() as { items: { memberId: string; postName: string; since: string | null }[] }).items.filter((x) => x.memberId === appointee);
    expect(await mine()).toMatchObject([{ postName: '青年委员', since: '2026-11-01' }]);
    const relieved = await t.call('DELETE', `/api/v1/orgs/${branch1}/posts/${(appointed.json() as { id: string }).id}`, { cookie: dangwei });
    expect(relieved.statusCode, relieved.body).toBe(204);
    expect(await mine()).toEqual([]);

    // 学时 this year and exams beside each post: the same numbers as the 学时统计 ledger and the attempts behind them.
    const withFigures = (await t.call('GET', `${API}/cadres?orgId=${branch1}&pageSize=200`, { cookie: dangwei })).json() as {
      items: { memberId: string; hoursTenths: number; requiredTenths: number; exams: { taken: number; passed: number } }[];
    };
    const ledger = (await t.call('GET', `${API}/hours?orgId=${branch1}&year=2026&pageSize=200`, { cookie: dangwei })).json() as { items: { memberId: string; totalTenths: number; requiredTenths: number }[] };
    expect(ledger.items.length).toBeGreaterThan(0);
    for (const c of withFigures.items) {
      const line = ledger.items.find((l) => l.memberId === c.memberId)!;
      expect(c.hoursTenths).toBe(line.totalTenths);
      expect(c.requiredTenths).toBe(line.requiredTenths);
      const attempts = await t.platform.db.selectFrom('training_attempts').select(['exam_id', 'passed']).where('tenant_id', '=', tenantId).where('member_id', '=', c.memberId).where('status', '=', 'submitted').execute();
      expect(c.exams.taken).toBe(new Set(attempts.map((a) => a.exam_id)).size);
      expect(c.exams.passed).toBe(new Set(attempts.filter((a) => a.passed === 1).map((a) => a.exam_id)).size);
    }
    expect(withFigures.items.some((c) => c.hoursTenths > 0)).toBe(true);

    // Rows from 组织 carry a member; the figures compare above.
    expect(withFigures.items.every((c) => c.memberId !== null)).toBe(true);
    const xlsx = await t.call('GET', `${API}/cadres?format=xlsx`, { cookie: dangwei });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  type Row = { postId: string; source: string; memberId: string | null; staffId: string | null; memberName: string; orgName: string; unitName: string | null; postName: string; since: string | null; termEndsOn: string | null; hoursTenths: number | null; requiredTenths: number | null; exams: unknown };
  const cadres = async (cookie: string, query = '') => ((await t.call('GET', `${API}/cadres?pageSize=200${query}`, { cookie })).json() as { items: Row[]; summary: { people: number } });

  it('lists the Party-affairs posts held as employees (党务工作者, 党群部专职) under the committee, members with 学时, once each', async () => {
    // The demo's 党群部专职 is no member: listed under the 党委, with the unit and without 学时 or exams.
    const demo = (await cadres(dangwei)).items.filter((x) => x.source === 'staff');
    expect(demo).toMatchObject([{ orgName: '社区党委', unitName: '党群部', postName: '党群部专职', memberId: null, hoursTenths: null, requiredTenths: null, exams: null }]);

    // A member of branch 1 without any post, an employee of some unit, becomes a 党务工作者 where staff are edited.
    const listed = (await cadres(dangwei)).items;
    const memberId = members1.find((id) => !listed.some((x) => x.memberId === id))!;
    const staffId = (await t.platform.db.selectFrom('members').select('staff_id').where('id', '=', memberId).executeTakeFirstOrThrow()).staff_id;
    const ledgerLine = async () => ((await t.call('GET', `${API}/hours?orgId=${branch1}&year=2026&pageSize=200`, { cookie: dangwei })).json() as { items: { memberId: string; requiredTenths: number }[] }).items.find((l) => l.memberId === memberId)!;
    expect((await ledgerLine()).requiredTenths).toBe(320);
    const set = await t.call('PUT', `/api/v1/staff/${staffId}/party-work`, { cookie: dangwei, body: { post: 'affairsStaff', since: '2026-03-01', until: '2029-02-28' } });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ partyWork: { post: 'affairsStaff', postName: '党务工作者', since: '2026-03-01', until: '2029-02-28' } });
    expect(((await t.call('GET', `/api/v1/staff/${staffId}`, { cookie: dangwei })).json() as { partyWork: unknown }).partyWork).toMatchObject({ postName: '党务工作者' });
    const audit = await t.platform.db.selectFrom('audit_log').selectAll().where('action', '=', 'staff.partyWork').where('entity_id', '=', staffId).execute();
    expect(audit).toHaveLength(1);

    const mine = async (cookie = dangwei, query = '') => (await cadres(cookie, query)).items.filter((x) => x.memberId === memberId);
    const [row] = await mine();
    expect(await mine()).toHaveLength(1);
    expect(row).toMatchObject({ source: 'staff', staffId, orgName: '社区党委', postName: '党务工作者', since: '2026-03-01', termEndsOn: '2029-02-28', requiredTenths: 560 });
    expect(typeof row!.hoursTenths).toBe('number');
    // A cadre now: the 学时 ledger asks 56 of them too.
    expect((await ledgerLine()).requiredTenths).toBe(560);
    // The post filter and the name search find them.
    expect((await cadres(dangwei, `&post=affairsStaff&keyword=${encodeURIComponent(row!.memberName)}`)).items.map((x) => x.postId)).toEqual([`staff:${staffId}`]);

    // Scoped: the committee's posts are not the branch's — its secretary, or the 党委 reading the branch, never see it.
    expect(await mine(zb1)).toEqual([]);
    expect(await mine(dangwei, `&orgId=${branch1}`)).toEqual([]);
    // Another committee on the server sees neither the row nor the employee.
    const other = await otherCommittee(t, '兄弟社区党委', 'xiongdi_cadres');
    expect((await cadres(other.cookie)).items.some((x) => x.staffId === staffId || x.source === 'staff')).toBe(false);
    expect((await t.call('PUT', `/api/v1/staff/${staffId}/party-work`, { cookie: other.cookie, body: { post: null } })).statusCode).toBe(404);
    // Only the committee's staff writers set it.
    expect((await t.call('PUT', `/api/v1/staff/${staffId}/party-work`, { cookie: zb1, body: { post: null } })).statusCode).toBe(403);

    // Also the committee's 党务工作者 in 组织: one post, listed once (from 组织).
    const root = await t.orgId('社区党委');
    const appointed = await t.call('POST', `/api/v1/orgs/${root}/posts`, { cookie: dangwei, body: { memberId, post: 'affairsStaff', startedOn: '2026-03-01' } });
    expect(appointed.statusCode, appointed.body).toBe(201);
    expect((await mine()).map((x) => [x.source, x.postName])).toEqual([['orgPost', '党务工作者']]);
    expect((await t.call('DELETE', `/api/v1/orgs/${root}/posts/${(appointed.json() as { id: string }).id}`, { cookie: dangwei })).statusCode).toBe(204);
    expect((await mine()).map((x) => x.source)).toEqual(['staff']);

    // Ending it takes them off the register and back to the members' 32 学时.
    const ended = await t.call('PUT', `/api/v1/staff/${staffId}/party-work`, { cookie: dangwei, body: { post: null } });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(await mine()).toEqual([]);
    expect((await ledgerLine()).requiredTenths).toBe(320);
  });

  it('refuses a bad Party-affairs post in Chinese and changes nothing', async () => {
    const staff = await t.platform.db.selectFrom('staff').select(['id', 'party_work', 'party_work_since', 'party_work_until', 'updated_at']).where('tenant_id', '=', tenantId)
      .where('employment', '=', 'active').where('party_work', 'is', null).where('deleted_at', 'is', null).executeTakeFirstOrThrow();
    const put = (body: unknown) => t.call('PUT', `/api/v1/staff/${staff.id}/party-work`, { cookie: dangwei, body });
    const cases: [unknown, string][] = [
      [{ post: 'boss', since: '2026-01-01' }, '党务岗位应为党务工作者或党群部专职'],
      [{ post: 'affairsStaff' }, '请填写任职起始日期'],
      [{ post: 'affairsStaff', since: '2026-02-30' }, '任职起始日期无效'],
      [{ post: 'affairsStaff', since: '2026-1-1' }, '日期格式应为 YYYY-MM-DD'],
      [{ post: 'affairsStaff', since: '2099-01-01' }, '任职起始日期不能晚于今天'],
      [{ post: 'affairsFullTime', since: '2026-05-01', until: '2026-04-30' }, '任期届满日期不能早于任职起始日期'],
    ];
    for (const [body, message] of cases) {
      const res = await put(body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.body).toContain(message);
    }
    const retired = await t.platform.db.selectFrom('staff').select('id').where('tenant_id', '=', tenantId).where('employment', '=', 'retired').where('deleted_at', 'is', null).executeTakeFirstOrThrow();
    const res = await t.call('PUT', `/api/v1/staff/${retired.id}/party-work`, { cookie: dangwei, body: { post: 'affairsStaff', since: '2026-01-01' } });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('只有在岗员工可以担任党务岗位');
    expect((await t.call('PUT', '/api/v1/staff/no-such-staff/party-work', { cookie: dangwei, body: { post: null } })).statusCode).toBe(404);
    expect(await t.platform.db.selectFrom('staff').select(['id', 'party_work', 'party_work_since', 'party_work_until', 'updated_at']).where('id', '=', staff.id).executeTakeFirstOrThrow()).toEqual(staff);
    expect(await t.platform.db.selectFrom('audit_log').select('seq').where('action', '=', 'staff.partyWork').where('entity_id', 'in', [staff.id, retired.id]).execute()).toEqual([]);
  });
});

describe(`后备人才库 ${dialectLabel()}`, () => {
  it('the demo pool: about 15 people over the six branches, most in the pool with plans, milestones done and open, evaluations', async () => {
    const res = await t.call('GET', `${API}/talents?pageSize=200`, { cookie: dangwei });
    expect(res.statusCode, res.body).toBe(200);
    const items = (res.json() as { items: { id: string; status: string; orgName: string; milestones: number; milestonesDone: number; latestGrade: string | null }[] }).items;
    expect(items.length).toBeGreaterThanOrEqual(15);
    expect(new Set(items.map((x) => x.orgName)).size).toBe(6);
    const active = items.filter((x) => x.status === 'active');
    expect(active.length).toBeGreaterThanOrEqual(10);
    expect(active.every((x) => x.milestones >= 1)).toBe(true);
    expect(active.filter((x) => x.milestonesDone > 0).length).toBeGreaterThanOrEqual(8);
    expect(active.filter((x) => x.milestonesDone < x.milestones).length).toBeGreaterThanOrEqual(8);
    expect(active.filter((x) => x.latestGrade).length).toBeGreaterThanOrEqual(8);
    for (const st of ['nominated', 'rejected', 'removed']) expect(items.some((x) => x.status === st), st).toBe(true);
    // A person's page joins the plan's 督办 tasks (their real status) and the history.
    const one = (await t.call('GET', `${API}/talents/${active[0]!.id}`, { cookie: dangwei })).json() as Detail;
    expect(one.milestoneItems.length).toBeGreaterThanOrEqual(1);
    expect(one.milestoneItems.every((m) => m.taskStatus !== null)).toBe(true);
    expect(one.events[0]!.action).toBe('nominated');
    // …and the person's 学时 of this year and the two before, as the ledger counts them, and their exam results.
    expect(one.hours.map((h) => h.year)).toEqual([2026, 2025, 2024]);
    const talentMember = (await t.platform.db.selectFrom('training_talents').select('member_id').where('tenant_id', '=', tenantId).where('id', '=', one.id).executeTakeFirstOrThrow()).member_id;
    const ledger = (await t.call('GET', `${API}/hours?year=2026&pageSize=200&keyword=${encodeURIComponent(one.memberName)}`, { cookie: dangwei })).json() as { items: { memberId: string; totalTenths: number }[] };
    expect(one.hours[0]!.totalTenths).toBe(ledger.items.find((l) => l.memberId === talentMember)!.totalTenths);
    const submitted = await t.platform.db.selectFrom('training_attempts').select('exam_id').distinct().where('tenant_id', '=', tenantId).where('member_id', '=', talentMember).where('status', '=', 'submitted').execute();
    expect(one.exams.length).toBe(submitted.length);
  });

  it('bad nominations get a Chinese error and change nothing; out-of-scope members are 404, readers 403', async () => {
    const before = await counts();
    const m = await freeMember();
    const bad = async (body: Record<string, unknown>, cookie: string, status: number, message: RegExp) => {
      const res = await t.call('POST', `${API}/talents`, { cookie, body: { memberId: m, category: '专家型', reason: '业务精湛，善于钻研。', ...body } });
      expect(res.statusCode, res.body).toBe(status);
      expect(res.body).toMatch(message);
    };
    await bad({ reason: '' }, zb1, 400, /推荐理由/);
    await bad({ category: '万能型' }, zb1, 400, /类别“万能型”不在后备人才类别/);
    await bad({ memberId: member2 }, zb1, 404, /党员不存在或无权访问/);
    await bad({ memberId: 'no-such-member' }, zb1, 404, /党员不存在或无权访问/);
    await bad({}, weiyuan, 403, /权限/);
    await bad({}, dy1, 403, /权限/);
    expect(await counts()).toEqual(before);
  });

  it('a branch nominates; only the committee accepts; evaluation, plan and milestones (督办) follow; removal keeps the history', async () => {
    const memberId = await freeMember();
    const n = await nominate(memberId);
    expect(n).toMatchObject({ status: 'nominated', category: '青年政工干部', orgName: '机关第一党支部', allowed: [] });
    // Twice → 409; another branch's secretary does not see it (404); the branch's 委员 reads it without buttons.
    const dup = await t.call('POST', `${API}/talents`, { cookie: zb1, body: { memberId, category: '专家型', reason: '再次推荐同一个人。' } });
    expect(dup.statusCode, dup.body).toBe(409);
    expect(dup.body).toMatch(/不能重复推荐/);
    expect((await t.call('GET', `${API}/talents/${n.id}`, { cookie: zb2 })).statusCode).toBe(404);
    expect((await t.call('POST', `${API}/talents/${n.id}/accept`, { cookie: zb2, body: {} })).statusCode).toBe(403);
    const seen = await t.call('GET', `${API}/talents/${n.id}`, { cookie: weiyuan });
    expect(seen.statusCode).toBe(200);
    expect((seen.json() as Detail).allowed).toEqual([]);
    const list2 = (await t.call('GET', `${API}/talents?pageSize=200`, { cookie: zb2 })).json() as { items: { id: string }[] };
    expect(list2.items.some((x) => x.id === n.id)).toBe(false);
    // The secretary who nominated cannot decide (training.manage is the committee's); nor can a 党委管理员 role
    // granted at a 党总支 only: deciding is the committee's, at the root.
    const own = await t.call('POST', `${API}/talents/${n.id}/accept`, { cookie: zb1, body: {} });
    expect(own.statusCode).toBe(403);
    const below = await accountWithRole(t, 'tc_zongzhi', '总支管理员', 'committeeAdmin', '机关党总支');
    const belowAccept = await t.call('POST', `${API}/talents/${n.id}/accept`, { cookie: below, body: {} });
    expect(belowAccept.statusCode, belowAccept.body).toBe(403);
    expect(belowAccept.body).toMatch(/只有党委可以审核/);
    expect(((await t.call('GET', `${API}/talents/${n.id}`, { cookie: below })).json() as Detail).allowed).toEqual([]);
    // The committee sees it waiting in 待办.
    const todos = (await t.call('GET', '/api/v1/todos', { cookie: dangwei })).json() as { items: { kind: string; entityId: string }[] };
    expect(todos.items.some((i) => i.kind === 'training.talentReview' && i.entityId === n.id)).toBe(true);

    const accepted = await post(`/talents/${n.id}/accept`, { note: '同意纳入' });
    expect(accepted).toMatchObject({ status: 'active', allowed: ['evaluate', 'plan', 'milestone', 'remove'] });
    expect((await post(`/talents/${n.id}/accept`, {}, dangwei, 409)).message).toMatch(/当前为「在库」，不能审核通过/);

    // Evaluation: bad input refused with nothing changed; a second one in the same year replaces the first.
    const before = await counts();
    expect((await post(`/talents/${n.id}/evaluations`, { year: 2030, grade: 'good', comment: '表现良好' }, dangwei, 400)).message).toMatch(/尚未开始的年度/);
    expect((await post(`/talents/${n.id}/evaluations`, { year: 2026, grade: 'super', comment: '表现良好' }, dangwei, 400)).message).toMatch(/评价等次/);
    expect((await post(`/talents/${n.id}/evaluations`, { year: 2026, grade: 'good', comment: '' }, dangwei, 400)).message).toMatch(/评语/);
    expect((await post(`/talents/${n.id}/evaluations`, { year: 2026, grade: 'good', comment: '表现良好' }, zb1, 403)).message).toMatch(/权限/);
    expect(await counts()).toEqual(before);
    await post(`/talents/${n.id}/evaluations`, { year: 2026, grade: 'good', comment: '表现良好' });
    const evaluated = await post(`/talents/${n.id}/evaluations`, { year: 2026, grade: 'excellent', comment: '年度表现突出' });
    expect(evaluated.evaluations).toMatchObject([{ year: 2026, grade: 'excellent', comment: '年度表现突出' }]);
    expect(evaluated.latestGrade).toBe('excellent');

    // The plan and a milestone: the milestone is a 督办 task of the committee to the branch, its status shown.
    await post(`/talents/${n.id}/plan`, { goal: '两年内成长为支部委员，熟练掌握组织生活与发展党员工作。' });
    const tasksBefore = await count('tasks');
    expect((await post(`/talents/${n.id}/milestones`, { title: '参加党务培训', dueOn: '2026-01-01', doneStandard: '取得结业证书' }, dangwei, 400)).message).toMatch(/不能早于今天/);
    expect((await post(`/talents/${n.id}/milestones`, { title: '参加党务培训', dueOn: '2027-03-31', doneStandard: '' }, dangwei, 400)).message).toMatch(/完成标准/);
    expect(await count('tasks')).toBe(tasksBefore);
    const planned = await post(`/talents/${n.id}/milestones`, { title: '参加党务培训', dueOn: '2027-03-31', doneStandard: '取得结业证书' });
    expect(await count('tasks')).toBe(tasksBefore + 1);
    expect(planned.milestoneItems).toMatchObject([{ title: '参加党务培训', taskStatus: 'deployed', taskStatusName: '已部署', light: 'green' }]);
    const task = await t.platform.db.selectFrom('tasks').selectAll().where('id', '=', planned.milestoneItems[0]!.taskId).executeTakeFirstOrThrow();
    expect(task).toMatchObject({ owner_org_id: branch1, source_kind: 'talent', source_id: n.id, due_on: '2027-03-31', done_standard: '取得结业证书' });
    // 责任人: the talent's own account when linked, else the branch secretary (zb1).
    const ownAccount = (await t.platform.db.selectFrom('members').select('user_id').where('id', '=', memberId).executeTakeFirstOrThrow()).user_id;
    const zb1User = (await t.platform.db.selectFrom('users').select('id').where('username', '=', 'zb1').executeTakeFirstOrThrow()).id;
    expect(task.owner_id).toBe(ownAccount ?? zb1User);
    // The task closed in 督办 shows as done on the person's page.
    await t.platform.db.updateTable('tasks').set({ status: 'closed', closed_on: '2026-11-27' }).where('id', '=', task.id).execute();
    const done = (await t.call('GET', `${API}/talents/${n.id}`, { cookie: zb1 })).json() as Detail;
    expect(done).toMatchObject({ milestones: 1, milestonesDone: 1 });
    expect(done.milestoneItems[0]).toMatchObject({ taskStatus: 'closed', taskStatusName: '已销号', light: 'done' });

    // Removal needs a reason; afterwards nothing more can be done, and the history tells the whole story.
    expect((await post(`/talents/${n.id}/remove`, { reason: '' }, dangwei, 400)).message).toMatch(/原因/);
    const removed = await post(`/talents/${n.id}/remove`, { reason: '工作调动，离开本社区' });
    expect(removed).toMatchObject({ status: 'removed', allowed: [] });
    expect(removed.events.map((e) => e.action)).toEqual(['nominated', 'accepted', 'evaluated', 'evaluated', 'planned', 'milestone', 'removed']);
    expect((await post(`/talents/${n.id}/evaluations`, { year: 2026, grade: 'good', comment: '表现良好' }, dangwei, 409)).message).toMatch(/已移出/);
    // Once removed the member may be nominated again (later): a new record, the old one kept on the person's page.
    t.clock.advance(1000);
    const again = await nominate(memberId, zb1, { category: '专家型' });
    expect(again.nominations.map((x) => x.status)).toEqual(['nominated', 'removed']);
  });

  it('a rejection needs a reason; two racing decisions: one wins; two racing nominations: one record', async () => {
    const a = await nominate(await freeMember());
    expect((await post(`/talents/${a.id}/reject`, { reason: '' }, dangwei, 400)).message).toMatch(/原因/);
    const [r1, r2] = await Promise.all([
      t.call('POST', `${API}/talents/${a.id}/reject`, { cookie: dangwei, body: { reason: '尚需锻炼' } }),
      t.call('POST', `${API}/talents/${a.id}/accept`, { cookie: dangwei, body: {} }),
    ]);
    expect([r1.statusCode, r2.statusCode].sort()).toEqual([200, 409]);

    const m = await freeMember();
    const before = await count('training_talents');
    const race = await Promise.all([1, 2].map(() => t.call('POST', `${API}/talents`, { cookie: zb1, body: { memberId: m, category: '专家型', reason: '同时提交的两次推荐。' } })));
    expect(race.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await count('training_talents')).toBe(before + 1);
  });

  it('the categories are a 业务规则; the list filters by status, category and organisation; readers without scope are refused', async () => {
    await t.platform.settings.set(t.platform.db, tenantId, TALENT_RULES, { categories: [{ name: '专家型' }, { name: '社区治理型' }] });
    const list = (await t.call('GET', `${API}/talents?pageSize=200`, { cookie: zb1 })).json() as { categories: string[]; canNominate: boolean; items: { orgName: string; status: string; category: string }[] };
    expect(list.categories).toEqual(['专家型', '社区治理型']);
    expect(list.canNominate).toBe(true);
    expect(list.items.every((x) => x.orgName === '机关第一党支部')).toBe(true);
    await nominate(await freeMember(), zb1, { category: '社区治理型' });
    const filtered = (await t.call('GET', `${API}/talents?category=${encodeURIComponent('社区治理型')}&status=nominated`, { cookie: dangwei })).json() as { items: { category: string }[] };
    expect(filtered.items.length).toBeGreaterThanOrEqual(1);
    expect(filtered.items.every((x) => x.category === '社区治理型')).toBe(true);
    const weiyuanList = (await t.call('GET', `${API}/talents`, { cookie: weiyuan })).json() as { canNominate: boolean };
    expect(weiyuanList.canNominate).toBe(false);
    expect((await t.call('GET', `${API}/talents?orgId=${branch2}`, { cookie: zb1 })).statusCode).toBe(404);
    expect((await t.call('GET', `${API}/talents`, { cookie: dy1 })).statusCode).toBe(403);
    const xlsx = await t.call('GET', `${API}/talents?format=xlsx`, { cookie: dangwei });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    await t.platform.settings.set(t.platform.db, tenantId, TALENT_RULES, TALENT_RULES.defaults);
  });
});
