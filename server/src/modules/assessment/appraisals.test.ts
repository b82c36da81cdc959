// 民主评议党员 through HTTP: opening (one per branch and year, 预备党员 listed but not graded), self and peer
// ratings by members through their own accounts, committee decisions, and publication refused while 优秀
// exceeds one third of the graded — every refusal with its Chinese message and nothing changed.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { memberOfUser } from '../members/index.js';

let t: TestApp;
let tenantId: string;
let branchId: string;
const member = new Map<string, string>();
const as = (u: string) => t.login(u);
const YEAR = 2027;

interface Detail {
  id: string; status: string; gradedCount: number; excellentCount: number; excellentMax: number;
  me: { memberId: string; selfGrade: string | null; ratings: Record<string, string> } | null;
  members: { memberId: string; name: string; type: string; graded: boolean; selfGrade: string | null; peer: Record<string, number>; peerCount: number; decision: string | null }[];
}

beforeAll(async () => {
  t = await createTestApp();
  branchId = await t.orgId('机关第一党支部');
  const users = await t.platform.db.selectFrom('users').select(['id', 'username', 'tenant_id']).where('username', 'in', ['zb1', 'zb2', 'dy1', 'xz1', 'weiyuan']).execute();
  for (const u of users) {
    tenantId = u.tenant_id;
    const m = await memberOfUser(t.platform.db, u.tenant_id, u.id);
    if (m) member.set(u.username, m.id);
  }
});
afterAll(async () => {
  await t.close();
});

async function auditCount(action: string) {
  const r = await t.platform.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('tenant_id', '=', tenantId).where('action', '=', action).executeTakeFirstOrThrow();
  return Number(r.n);
}

describe(`民主评议 ${dialectLabel()}`, () => {
  let id: string;
  let detail: Detail;

  it('opens one per branch and year with the branch’s active members; 预备党员 listed but not graded', async () => {
    const zb1 = await as('zb1');
    const res = await t.call('POST', '/api/v1/appraisals', { cookie: zb1, body: { branchId, year: YEAR } });
    expect(res.statusCode).toBe(201);
    detail = res.json();
    id = detail.id;
    const expected = await t.platform.db.selectFrom('members').select(['id', 'type']).where('tenant_id', '=', tenantId).where('branch_id', '=', branchId).where('status', '=', 'active').where('deleted_at', 'is', null).execute();
    expect(detail.members.map((m) => m.memberId).sort()).toEqual(expected.map((m) => m.id).sort());
    for (const m of detail.members) expect(m.graded).toBe(m.type === 'full');
    expect(detail.gradedCount).toBe(expected.filter((m) => m.type === 'full').length);
    expect(detail.excellentMax).toBe(Math.floor(detail.gradedCount / 3));
    expect(detail.status).toBe('open');

    const again = await t.call('POST', '/api/v1/appraisals', { cookie: zb1, body: { branchId, year: YEAR } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe(`机关第一党支部 ${YEAR} 年的民主评议已存在`);
  });

  it('refuses opening for a branch out of scope (400), without the permission (403), without a year (400)', async () => {
    const other = await t.call('POST', '/api/v1/appraisals', { cookie: await as('zb2'), body: { branchId, year: YEAR + 1 } });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.fields.branchId).toBe('支部不存在或无权组织民主评议');
    expect((await t.call('POST', '/api/v1/appraisals', { cookie: await as('dy1'), body: { branchId, year: YEAR + 1 } })).statusCode).toBe(403);
    const noYear = await t.call('POST', '/api/v1/appraisals', { cookie: await as('zb1'), body: { branchId } });
    expect(noYear.statusCode).toBe(400);
    expect(noYear.json().error.message).toContain('年度');
    const rows = await t.platform.db.withTables<{ appraisals: { tenant_id: string; branch_id: string; year: number } }>().selectFrom('appraisals').select('year').where('tenant_id', '=', tenantId).where('branch_id', '=', branchId).where('year', '>=', YEAR).execute();
    expect(rows.map((r) => r.year)).toEqual([YEAR]);
    expect(await auditCount('appraisal.open')).toBe(1);
    expect((await t.call('GET', `/api/v1/appraisals?year=${YEAR + 1}`, { cookie: await as('zb1') })).json().items).toEqual([]);
  });

  it('shows the appraisal to its members and managers only', async () => {
    expect((await t.call('GET', `/api/v1/appraisals/${id}`, { cookie: await as('zb2') })).statusCode).toBe(404);
    const mine = await t.call('GET', `/api/v1/appraisals/${id}`, { cookie: await as('dy1') });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().me.memberId).toBe(member.get('dy1'));
    const list = await t.call('GET', `/api/v1/appraisals?year=${YEAR}`, { cookie: await as('dy1') });
    expect(list.json().items.map((a: { id: string }) => a.id)).toEqual([id]);
  });

  it('lists for a year every branch the user manages, the ones not started too; never another branch’s', async () => {
    type ListBody = { items: { id: string; branchId: string; selfRatedCount: number | null }[]; notStarted: { branchId: string; branchName: string; year: number }[] };
    const list = async (user: string, query = `?year=${YEAR}`): Promise<ListBody> => {
      const res = await t.call('GET', `/api/v1/appraisals${query}`, { cookie: await as(user) });
      expect(res.statusCode).toBe(200);
      return res.json();
    };
    const branch2 = await t.orgId('机关第二党支部');
    const branches = await t.platform.db.selectFrom('organisations').select(['id', 'name']).where('tenant_id', '=', tenantId)
      .where('kind', 'in', ['branch', 'jointBranch']).where('deleted_at', 'is', null).execute();
    // The 党委 sees the started one and every other branch as not started.
    const dw = await list('dangwei');
    expect(dw.items.map((a) => a.id)).toEqual([id]);
    expect(dw.notStarted.map((b) => b.branchId).sort()).toEqual(branches.filter((b) => b.id !== branchId).map((b) => b.id).sort());
    expect(dw.notStarted.find((b) => b.branchId === branch2)).toEqual({ branchId: branch2, branchName: '机关第二党支部', year: YEAR });
    expect(dw.items[0]!.selfRatedCount).toBe(0);
    // Another branch's secretary sees only their own branch, not started; nothing of 机关第一党支部.
    const zb2 = await list('zb2');
    expect(zb2.items).toEqual([]);
    expect(zb2.notStarted.map((b) => b.branchId)).toEqual([branch2]);
    // The secretary whose branch started sees nothing left to start; a plain member sees no branch to start
    // and not the committee's progress count.
    expect((await list('zb1')).notStarted).toEqual([]);
    const dy1 = await list('dy1');
    expect(dy1.notStarted).toEqual([]);
    expect(dy1.items.map((a) => [a.id, a.selfRatedCount])).toEqual([[id, null]]);
    // Without a year there is no "not started"; a branch filter narrows it.
    expect((await list('dangwei', '')).notStarted).toEqual([]);
    expect((await list('dangwei', `?year=${YEAR}&branchId=${branch2}`)).notStarted.map((b) => b.branchId)).toEqual([branch2]);
  });

  it('lets a member rate themselves through their own account, and nobody else', async () => {
    const res = await t.call('PUT', `/api/v1/appraisals/${id}/self`, { cookie: await as('dy1'), body: { grade: 'qualified', comment: '认真学习' } });
    expect(res.statusCode).toBe(200);
    // The secretary manages the appraisal and is also a member of the branch: their own self rating is allowed.
    const outsider = await t.call('PUT', `/api/v1/appraisals/${id}/self`, { cookie: await as('zb2'), body: { grade: 'excellent' } });
    expect(outsider.statusCode).toBe(404);
    const bad = await t.call('PUT', `/api/v1/appraisals/${id}/self`, { cookie: await as('dy1'), body: { grade: 'best' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('自评等次');
    const d: Detail = (await t.call('GET', `/api/v1/appraisals/${id}`, { cookie: await as('zb1') })).json();
    expect(d.members.find((m) => m.memberId === member.get('dy1'))!.selfGrade).toBe('qualified');
  });

  it('peer ratings: others of the branch, never oneself nor a 预备党员; managers see the counts per grade', async () => {
    const dy1 = await as('dy1');
    const self = await t.call('PUT', `/api/v1/appraisals/${id}/peer`, { cookie: dy1, body: { ratings: [{ memberId: member.get('dy1'), grade: 'excellent' }] } });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.message).toBe('不能给自己评议');
    const prob = detail.members.find((m) => !m.graded);
    if (prob) {
      const r = await t.call('PUT', `/api/v1/appraisals/${id}/peer`, { cookie: dy1, body: { ratings: [{ memberId: prob.memberId, grade: 'qualified' }] } });
      expect(r.statusCode).toBe(400);
      expect(r.json().error.message).toBe(`${prob.name}为预备党员，不评定等次`);
    }
    const stranger = await t.call('PUT', `/api/v1/appraisals/${id}/peer`, { cookie: dy1, body: { ratings: [{ memberId: 'no-such-member', grade: 'qualified' }] } });
    expect(stranger.statusCode).toBe(400);
    expect(await auditCount('appraisal.peer')).toBe(0);

    const xz1 = member.get('xz1')!;
    const zb1m = member.get('zb1')!;
    expect((await t.call('PUT', `/api/v1/appraisals/${id}/peer`, { cookie: dy1, body: { ratings: [{ memberId: xz1, grade: 'excellent' }, { memberId: zb1m, grade: 'qualified' }] } })).statusCode).toBe(200);
    expect((await t.call('PUT', `/api/v1/appraisals/${id}/peer`, { cookie: await as('weiyuan'), body: { ratings: [{ memberId: xz1, grade: 'excellent' }] } })).statusCode).toBe(200);
    // A rater changing their mind replaces their rating.
    expect((await t.call('PUT', `/api/v1/appraisals/${id}/peer`, { cookie: dy1, body: { ratings: [{ memberId: xz1, grade: 'basic' }] } })).statusCode).toBe(200);

    const d: Detail = (await t.call('GET', `/api/v1/appraisals/${id}`, { cookie: await as('zb1') })).json();
    const x = d.members.find((m) => m.memberId === xz1)!;
    expect(x.peer).toEqual({ excellent: 1, qualified: 0, basic: 1, unqualified: 0 });
    expect(x.peerCount).toBe(2);
    // A member sees only their own ratings, never the counts about others.
    const mine: Detail = (await t.call('GET', `/api/v1/appraisals/${id}`, { cookie: dy1 })).json();
    expect(mine.me!.ratings).toEqual({ [xz1]: 'basic', [zb1m]: 'qualified' });
    expect(mine.members.find((m) => m.memberId === xz1)!.peerCount).toBe(0);
  });

  it('puts the appraisal in 待办: members who still have to rate, the branch committee the pending decisions', async () => {
    type Todo = { kind: string; title: string; link: string };
    const todos = async (u: string): Promise<Todo[]> => (await t.call('GET', '/api/v1/todos', { cookie: await as(u) })).json().items;
    const others = detail.members.filter((m) => m.graded && m.memberId !== member.get('dy1')).length;
    // dy1 rated itself and two colleagues.
    expect((await todos('dy1')).filter((x) => x.kind === 'appraisal.rate' && x.link === `/appraisals?id=${id}`)).toEqual([
      { kind: 'appraisal.rate', title: `机关第一党支部 ${YEAR} 年民主评议：请完成互评（还有 ${others - 2} 人）`, link: `/appraisals?id=${id}`, entityId: id, orgName: '机关第一党支部', overdue: false, since: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string },
    ]);
    expect((await todos('zb1')).filter((x) => x.kind === 'appraisal.decide' && x.link === `/appraisals?id=${id}`).map((x) => x.title)).toEqual([`机关第一党支部 ${YEAR} 年民主评议：${detail.gradedCount} 名党员待确定等次`]);
    expect((await todos('zb2')).filter((x) => x.kind.startsWith('appraisal.') && x.link === `/appraisals?id=${id}`)).toEqual([]);
  });

  it('refuses publishing while 优秀 exceeds one third of the graded, then publishes within the quota', async () => {
    const zb1 = await as('zb1');
    const graded = detail.members.filter((m) => m.graded);
    expect((await t.call('PUT', `/api/v1/appraisals/${id}/decisions`, { cookie: await as('dy1'), body: { decisions: [{ memberId: graded[0]!.memberId, grade: 'excellent' }] } })).statusCode).toBe(403);

    // Missing decisions first.
    const early = await t.call('POST', `/api/v1/appraisals/${id}/publish`, { cookie: zb1 });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe(`还有 ${graded.length} 名党员未确定等次`);

    const max = Math.floor(graded.length / 3);
    const tooMany = max + 1;
    const decisions = graded.map((m, i) => ({ memberId: m.memberId, grade: i < tooMany ? 'excellent' : 'qualified' }));
    expect((await t.call('PUT', `/api/v1/appraisals/${id}/decisions`, { cookie: zb1, body: { decisions } })).statusCode).toBe(200);
    const refused = await t.call('POST', `/api/v1/appraisals/${id}/publish`, { cookie: zb1 });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe(`优秀 ${tooMany} 人，超过参评 ${graded.length} 人的三分之一（最多 ${max} 人）`);
    expect((await t.call('GET', `/api/v1/appraisals/${id}`, { cookie: zb1 })).json().status).toBe('open');
    expect(await auditCount('appraisal.publish')).toBe(0);

    // A 预备党员 cannot be given a grade.
    const prob = detail.members.find((m) => !m.graded);
    if (prob) {
      const r = await t.call('PUT', `/api/v1/appraisals/${id}/decisions`, { cookie: zb1, body: { decisions: [{ memberId: prob.memberId, grade: 'qualified' }] } });
      expect(r.statusCode).toBe(400);
    }

    const fix = await t.call('PUT', `/api/v1/appraisals/${id}/decisions`, { cookie: zb1, body: { decisions: [{ memberId: graded[0]!.memberId, grade: 'qualified', note: '名额所限' }] } });
    expect(fix.json().excellentCount).toBe(max);
    // Until publication the decisions are the committee's: a member learns neither who nor how many (as in the list).
    const early2: Detail = (await t.call('GET', `/api/v1/appraisals/${id}`, { cookie: await as('dy1') })).json();
    expect(early2.excellentCount).toBe(0);
    expect(early2.members.every((m) => m.decision === null)).toBe(true);
    const pub = await t.call('POST', `/api/v1/appraisals/${id}/publish`, { cookie: zb1 });
    expect(pub.statusCode).toBe(200);
    expect(pub.json().status).toBe('published');
    expect(await auditCount('appraisal.publish')).toBe(1);

    // Published: members now see the decisions; nothing can change any more.
    const seen: Detail = (await t.call('GET', `/api/v1/appraisals/${id}`, { cookie: await as('dy1') })).json();
    expect(seen.members.find((m) => m.memberId === graded[0]!.memberId)!.decision).toBe('qualified');
    expect(seen.excellentCount).toBe(max);
    expect(seen.members.filter((m) => m.decision === 'excellent').length).toBe(max);
    const late = await t.call('PUT', `/api/v1/appraisals/${id}/self`, { cookie: await as('dy1'), body: { grade: 'excellent' } });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toBe('民主评议已公布，不能再修改');
  });
});

describe(`民主评议 opening while the branch moves ${dialectLabel()}`, () => {
  it('lists the members at the branch’s place when a move commits between the check and the transaction', async () => {
    const dw = await as('dangwei');
    const branch2 = await t.orgId('机关第二党支部');
    const home = await t.orgId('机关党总支');
    const elsewhere = await t.orgId('物业党总支');
    const active = () => t.platform.db.selectFrom('members').select('id').where('tenant_id', '=', tenantId).where('branch_id', '=', branch2)
      .where('status', '=', 'active').where('deleted_at', 'is', null).execute();
    const expected = (await active()).map((m) => m.id).sort();
    expect(expected.length).toBeGreaterThan(0);
    // The move (with its rewrite of the members' paths) commits after openAppraisal read the branch from the tree.
    const tx = t.platform.audit.tx.bind(t.platform.audit);
    let moved = false;
    const spy = vi.spyOn(t.platform.audit, 'tx').mockImplementation(async (ctx, fn) => {
      if (!moved) {
        moved = true;
        expect((await t.call('PATCH', `/api/v1/orgs/${branch2}`, { cookie: dw, body: { parentId: elsewhere } })).statusCode).toBe(200);
      }
      return tx(ctx, fn);
    });
    try {
      const res = await t.call('POST', '/api/v1/appraisals', { cookie: dw, body: { branchId: branch2, year: YEAR + 4 } });
      expect(moved).toBe(true);
      expect(res.statusCode, res.body).toBe(201);
      expect((res.json() as Detail).members.map((m) => m.memberId).sort()).toEqual(expected);
    } finally {
      spy.mockRestore();
      expect((await t.call('PATCH', `/api/v1/orgs/${branch2}`, { cookie: dw, body: { parentId: home } })).statusCode).toBe(200);
    }
  });
});

describe(`民主评议 demo ${dialectLabel()}`, () => {
  it('has last year’s published appraisal for every branch within the quota, and this year’s open one for 机关第一党支部', async () => {
    const zb1 = await as('dangwei');
    const year = Number(t.clock.now().toISOString().slice(0, 4));
    const branches = await t.platform.db.selectFrom('organisations').select('id').where('tenant_id', '=', tenantId).where('kind', 'in', ['branch', 'jointBranch']).where('deleted_at', 'is', null).execute();
    const last: { id: string; branchId: string; status: string; gradedCount: number; excellentCount: number }[] = (await t.call('GET', `/api/v1/appraisals?year=${year - 1}`, { cookie: zb1 })).json().items;
    expect(last.map((a) => a.branchId).sort()).toEqual(branches.map((b) => b.id).sort());
    for (const a of last) {
      expect(a.status).toBe('published');
      expect(a.excellentCount).toBeLessThanOrEqual(Math.floor(a.gradedCount / 3));
    }
    const now: { id: string; branchId: string; status: string }[] = (await t.call('GET', `/api/v1/appraisals?year=${year}`, { cookie: zb1 })).json().items;
    expect(now.map((a) => [a.branchId, a.status])).toEqual([[branchId, 'open']]);
    const todos: { kind: string; link: string }[] = (await t.call('GET', '/api/v1/todos', { cookie: await as('dy1') })).json().items;
    expect(todos.filter((x) => x.kind === 'appraisal.rate').map((x) => x.link)).toContain(`/appraisals?id=${now[0]!.id}`);
  });
});
