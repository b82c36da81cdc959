// 表彰 through the API: a branch nominates with a snapshot that stays as it was when the member's data changes,
// the refusals (another branch's organisation or member → 404, no permission → 403, bad input → a Chinese error,
// nothing written), the 党委's review within the quota, a 公示 of at least five working days with an objection
// recorded and handled, the decision writing the honours to the records, honours entered by hand, the 待办, and
// the exports. The demo's 2026 selection (nominating, a few nominations from other branches) is the one used.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { memberSnapshot } from './nominationSnapshot.js';

let t: TestApp;
let tenantId: string;
let dangwei: string;
let zb1: string;
let zb2: string;
let dy1: string;
let weiyuan: string;
let branch1: string;
let branch2: string;
let selectionId: string;
let nomineeId: string; // a member of branch 1 nominated by zb1
let nominationId: string;
let workerNominationId: string;
let orgNominationId: string;

type Snap = { items: { key: string; label: string; value: string | null; note?: string }[]; trainingHours?: number | null; notes: string[] };
type Nom = { id: string; category: string; nomineeId: string; nomineeName: string; status: string; snapshot: Snap; allowed: string[]; objections: { id: string; handling: string | null }[] };
type Detail = { id: string; status: string; nominations: Nom[]; counts: Record<string, { accepted: number }>; allowed: string[]; publicityTo: string | null };

const DAY = 24 * 3600 * 1000;
const api = '/api/v1/incentives';
const count = async (table: 'incentive_nominations' | 'incentive_honours' | 'incentive_objections') =>
  Number((await t.platform.db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
const detail = async (cookie: string) => {
  const res = await t.call('GET', `${api}/selections/${selectionId}`, { cookie });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Detail;
};
const nominate = (cookie: string, body: Record<string, unknown>) => t.call('POST', `${api}/selections/${selectionId}/nominations`, { cookie, body });
const deeds = '长期坚持结对走访空巢老人，带头参加志愿服务，群众评价好。';
const todos = async (cookie: string, kind: string) => ((await t.call('GET', '/api/v1/todos', { cookie })).json() as { items: { kind: string; title: string }[] }).items.filter((i) => i.kind === kind);

beforeAll(async () => {
  t = await createTestApp();
  [dangwei, zb1, zb2, dy1, weiyuan] = (await Promise.all(['dangwei', 'zb1', 'zb2', 'dy1', 'weiyuan'].map((u) => t.login(u)))) as [string, string, string, string, string];
  branch1 = await t.orgId('机关第一党支部');
  branch2 = await t.orgId('机关第二党支部');
  tenantId = (await t.platform.db.selectFrom('organisations').select('tenant_id').where('id', '=', branch1).executeTakeFirstOrThrow()).tenant_id;
  selectionId = (await t.platform.db.selectFrom('incentive_selections').select('id').where('year', '=', 2026).executeTakeFirstOrThrow()).id;
});
afterAll(async () => t.close());

describe(`表彰评选 ${dialectLabel()}`, () => {
  it('lists the selections to every reader; only the 党委 creates one, once a year', async () => {
    const list = (await t.call('GET', `${api}/selections`, { cookie: zb1 })).json() as { items: { year: number; status: string; allowed: string[] }[] };
    expect(list.items.map((s) => [s.year, s.status])).toEqual([[2026, 'nominating'], [2025, 'decided']]);
    expect(list.items[0]!.allowed).toEqual(['nominate']);
    expect((await t.call('POST', `${api}/selections`, { cookie: zb1, body: { year: 2027, nominateBy: '2027-11-30' } })).statusCode).toBe(403);
    const dup = await t.call('POST', `${api}/selections`, { cookie: dangwei, body: { year: 2026, nominateBy: '2026-12-30' } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toBe('2026年度已有表彰评选');
    const past = await t.call('POST', `${api}/selections`, { cookie: dangwei, body: { year: 2027, nominateBy: '2026-01-01' } });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.message).toBe('推荐截止日期不能早于今天');
    expect((await t.call('GET', `${api}/selections`, { cookie: dy1 })).statusCode).toBe(403);
  });

  it('a branch nominates a member of its own branch with a snapshot of their data', async () => {
    const candidates = (await t.call('GET', `${api}/nominees?orgId=${branch1}&category=outstandingMember`, { cookie: zb1 })).json() as { items: { id: string; name: string }[] };
    const taken = new Set((await detail(dangwei)).nominations.map((n) => n.nomineeId));
    nomineeId = candidates.items.find((c) => !taken.has(c.id))!.id;
    const res = await nominate(zb1, { category: 'outstandingMember', orgId: branch1, nomineeId, deeds });
    expect(res.statusCode, res.body).toBe(201);
    const n = res.json() as Nom;
    nominationId = n.id;
    expect(n.status).toBe('nominated');
    expect(n.allowed).toEqual(['withdraw']);
    expect(n.snapshot.items.map((i) => i.label)).toEqual(['三会一课出勤率', '量化考核', '民主评议等次', '志愿服务时长', '示范岗/责任区', '星级评定', '学习培训学时']);
    expect(n.snapshot.items.find((i) => i.key === 'plaques')!.value).toBe('无');
    expect(n.snapshot.trainingHours).toBeNull();
    expect(n.snapshot.notes[0]).toContain('教育培训模块未启用');
  });

  it('keeps the snapshot as it was when the member\'s data changes later', async () => {
    const member = await t.platform.db.selectFrom('members').select(['org_path', 'branch_id']).where('id', '=', nomineeId).executeTakeFirstOrThrow();
    const at = t.clock.now().toISOString();
    await t.platform.db.insertInto('incentive_plaques').values({
      tenant_id: tenantId, id: '01900000-0000-7000-8000-0000000c0001', kind: 'post', org_id: member.branch_id, org_path: member.org_path, member_id: nomineeId,
      title: '测试窗口党员示范岗', unit_id: null, post_name: '收费窗口', area_kind: null, area_name: null, extent: '', commitment: '热情服务', period_from: '2026-01-01',
      period_to: '2026-12-31', status: 'active', public_code: null, issued_on: '2026-11-27', withdrawn_on: null, withdraw_reason: null, flagged: 0,
      created_by: null, created_at: at, updated_at: at, deleted_at: null,
    }).execute();
    // The data now says otherwise …
    const fresh = await memberSnapshot(t.platform.db, tenantId, nomineeId, 2026, '2026-11-27', at);
    expect(fresh.items.find((i) => i.key === 'plaques')!.value).toBe('测试窗口党员示范岗');
    // … the nomination still shows what the branch saw.
    const n = (await t.call('GET', `${api}/nominations/${nominationId}`, { cookie: dangwei })).json() as Nom;
    expect(n.snapshot.items.find((i) => i.key === 'plaques')!.value).toBe('无');
  });

  it('refuses out-of-scope and bad nominations with nothing written', async () => {
    const before = await count('incentive_nominations');
    const other = (await t.platform.db.selectFrom('members').select('id').where('branch_id', '=', branch2).where('status', '=', 'active').executeTakeFirstOrThrow()).id;
    // Another branch as the nominating organisation, or its member under one's own: 404.
    const asOther = await nominate(zb1, { category: 'outstandingMember', orgId: branch2, nomineeId: other, deeds });
    expect(asOther.statusCode).toBe(404);
    expect(asOther.json().error.message).toBe('推荐组织不存在或无权访问');
    const crafted = await nominate(zb1, { category: 'outstandingMember', orgId: branch1, nomineeId: other, deeds });
    expect(crafted.statusCode).toBe(404);
    expect(crafted.json().error.message).toBe('党员不存在或无权访问');
    expect((await nominate(zb1, { category: 'advancedOrg', orgId: branch1, nomineeId: branch2, deeds })).statusCode).toBe(404);
    // Without incentive.write: 403.
    expect((await nominate(dy1, { category: 'outstandingMember', orgId: branch1, nomineeId, deeds })).statusCode).toBe(403);
    expect((await nominate(weiyuan, { category: 'outstandingMember', orgId: branch1, nomineeId, deeds })).statusCode).toBe(403);
    // Bad input: a clear Chinese message.
    const short = await nominate(zb1, { category: 'outstandingMember', orgId: branch1, nomineeId, deeds: '表现好' });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('主要事迹至少 10 个字');
    const dup = await nominate(zb1, { category: 'outstandingMember', orgId: branch1, nomineeId, deeds });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toMatch(/已被推荐为优秀共产党员$/);
    // 优秀党务工作者 only for someone holding a post.
    const posts = await t.platform.db.selectFrom('org_posts').select('member_id').where('ended_on', 'is', null).execute();
    const plain = (await t.platform.db.selectFrom('members').select('id').where('branch_id', '=', branch1).where('status', '=', 'active').where('party_posts', '=', '[]')
      .where('id', 'not in', posts.map((p) => p.member_id)).executeTakeFirstOrThrow()).id;
    const worker = await nominate(zb1, { category: 'outstandingWorker', orgId: branch1, nomineeId: plain, deeds });
    expect(worker.statusCode).toBe(400);
    expect(worker.json().error.message).toBe('优秀党务工作者应为在推荐组织担任党内职务（书记、委员等）的党员');
    expect(await count('incentive_nominations')).toBe(before);
    // Another branch's secretary does not see this nomination.
    expect((await t.call('GET', `${api}/nominations/${nominationId}`, { cookie: zb2 })).statusCode).toBe(404);
    expect((await detail(zb2)).nominations.some((n) => n.id === nominationId)).toBe(false);
  });

  it('nominates a post holder and the branch itself; the branch sees its 待办 before the deadline', async () => {
    const workers = (await t.call('GET', `${api}/nominees?orgId=${branch1}&category=outstandingWorker`, { cookie: zb1 })).json() as { items: { id: string; posts: string[] }[] };
    expect(workers.items.length).toBeGreaterThan(0);
    expect(workers.items.every((w) => w.posts.length > 0)).toBe(true);
    const w = await nominate(zb1, { category: 'outstandingWorker', orgId: branch1, nomineeId: workers.items[0]!.id, deeds });
    expect(w.statusCode, w.body).toBe(201);
    workerNominationId = (w.json() as Nom).id;
    const o = await nominate(zb1, { category: 'advancedOrg', orgId: branch1, nomineeId: branch1, deeds });
    expect(o.statusCode, o.body).toBe(201);
    orgNominationId = (o.json() as Nom).id;
    expect((o.json() as Nom).snapshot.items.map((i) => i.label)).toEqual(['组织生活按规定召开率', '组织生活出勤率', '量化考核', '党员人数', '星级评定']);
    expect((await todos(zb1, 'incentive.nominationDue')).map((i) => i.title)).toEqual(['推荐表彰对象：2026年度“两优一先”评选表彰（2026-12-10 截止）']);
    expect(await todos(dy1, 'incentive.nominationDue')).toEqual([]);
  });

  it('the 党委 reviews within the quota; a branch cannot review', async () => {
    const quotas = { outstandingMember: 2, outstandingWorker: 3, advancedOrg: 2 };
    expect((await t.call('PATCH', `${api}/selections/${selectionId}`, { cookie: dangwei, body: { quotas } })).statusCode).toBe(200);
    expect((await t.call('POST', `${api}/selections/${selectionId}/review`, { cookie: zb1 })).statusCode).toBe(403);
    expect((await t.call('POST', `${api}/selections/${selectionId}/review`, { cookie: dangwei })).json().status).toBe('reviewing');
    expect((await t.call('POST', `${api}/selections/${selectionId}/review`, { cookie: dangwei })).statusCode).toBe(409);
    // Nominations are closed now.
    expect((await nominate(zb1, { category: 'outstandingMember', orgId: branch1, nomineeId: branch1, deeds })).statusCode).toBe(409);
    expect((await todos(dangwei, 'incentive.honourReview'))[0]!.title).toMatch(/^审核表彰推荐：2026年度“两优一先”评选表彰（\d+ 条待审核）$/);
    expect((await t.call('POST', `${api}/nominations/${nominationId}/review`, { cookie: zb1, body: { decision: 'accept' } })).statusCode).toBe(403);

    const review = (id: string, decision: 'accept' | 'reject', note?: string) => t.call('POST', `${api}/nominations/${id}/review`, { cookie: dangwei, body: { decision, ...(note ? { note } : {}) } });
    for (const id of [nominationId, workerNominationId, orgNominationId]) expect((await review(id, 'accept')).statusCode).toBe(200);
    const others = (await detail(dangwei)).nominations.filter((n) => n.status === 'nominated');
    const members = others.filter((n) => n.category === 'outstandingMember');
    // One place left and two accepts at once: exactly one lands.
    const both = await Promise.all([review(members[0]!.id, 'accept'), review(members[1]!.id, 'accept')]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const over = both.find((r) => r.statusCode === 409)!;
    expect(over.json().error.message).toBe('优秀共产党员名额为 2 名，已满，不能再通过');
    expect((await detail(dangwei)).counts.outstandingMember!.accepted).toBe(2);
    const noReason = await review(members[1]!.id, 'reject');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toBe('请填写退回或取消的理由');

    const early = await t.call('POST', `${api}/selections/${selectionId}/publicity`, { cookie: dangwei, body: { from: '2026-11-27', to: '2026-12-03' } });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toMatch(/^尚有 \d+ 条推荐未审核$/);
    for (const n of (await detail(dangwei)).nominations.filter((x) => x.status === 'nominated')) {
      expect((await review(n.id, 'reject', '名额有限，本年度未通过')).statusCode).toBe(200);
    }
  });

  it('a 公示 lasts at least five working days; objections are recorded and handled before the decision', async () => {
    const before = await detail(dangwei);
    // 2026-11-27 is a Friday: five working days end on Thursday 3 December.
    const short = await t.call('POST', `${api}/selections/${selectionId}/publicity`, { cookie: dangwei, body: { from: '2026-11-27', to: '2026-12-02' } });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.message).toBe('公示期不少于 5 个工作日（2026-11-27 至 2026-12-02 仅 4 个），结束日期最早为 2026-12-03');
    expect((await detail(dangwei)).status).toBe(before.status);
    const ok = await t.call('POST', `${api}/selections/${selectionId}/publicity`, { cookie: dangwei, body: { from: '2026-11-27', to: '2026-12-03' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().status).toBe('publicising');

    expect((await t.call('POST', `${api}/nominations/${nominationId}/objections`, { cookie: zb1, body: { receivedOn: '2026-11-27', content: '反映该同志事迹有夸大' } })).statusCode).toBe(403);
    const obj = await t.call('POST', `${api}/nominations/${nominationId}/objections`, { cookie: dangwei, body: { receivedOn: '2026-11-27', content: '反映该同志事迹有夸大' } });
    expect(obj.statusCode, obj.body).toBe(201);
    const objectionId = (obj.json() as Nom).objections[0]!.id;
    expect((await todos(dangwei, 'incentive.honourReview')).some((i) => i.title.startsWith('处理公示异议：'))).toBe(true);

    const running = await t.call('POST', `${api}/selections/${selectionId}/decide`, { cookie: dangwei, body: { decisionNo: '党委〔2026〕20号' } });
    expect(running.statusCode).toBe(409);
    expect(running.json().error.message).toBe('公示期至 2026-12-03 结束，期满后才能作出决定');
    t.clock.advance(7 * DAY); // 2026-12-04; the sessions have expired meanwhile
    [dangwei, zb1, zb2, dy1, weiyuan] = (await Promise.all(['dangwei', 'zb1', 'zb2', 'dy1', 'weiyuan'].map((u) => t.login(u)))) as [string, string, string, string, string];
    const open = await t.call('POST', `${api}/selections/${selectionId}/decide`, { cookie: dangwei, body: { decisionNo: '党委〔2026〕20号' } });
    expect(open.statusCode).toBe(409);
    expect(open.json().error.message).toBe('尚有 1 条异议未处理');
    expect((await t.call('POST', `${api}/objections/${objectionId}/handle`, { cookie: zb2, body: { handling: '经核实，反映情况不属实' } })).statusCode).toBe(403);
    const handled = await t.call('POST', `${api}/objections/${objectionId}/handle`, { cookie: dangwei, body: { handling: '经核实，反映情况不属实' } });
    expect(handled.statusCode, handled.body).toBe(200);
    expect((await t.call('POST', `${api}/objections/${objectionId}/handle`, { cookie: dangwei, body: { handling: '经核实，反映情况不属实' } })).statusCode).toBe(409);
  });

  it('the decision writes the honours to the records; each reader sees those in their scope', async () => {
    const honoursBefore = await count('incentive_honours');
    const objectionsBefore = await count('incentive_objections');
    // An objection and the decision at the same moment: one of them wins, never a decision with an objection left open.
    const [race, late] = await Promise.all([
      t.call('POST', `${api}/selections/${selectionId}/decide`, { cookie: dangwei, body: { decisionNo: '党委〔2026〕20号' } }),
      t.call('POST', `${api}/nominations/${nominationId}/objections`, { cookie: dangwei, body: { receivedOn: '2026-12-04', content: '公示期满当天收到的来信' } }),
    ]);
    let res = race;
    if (late.statusCode === 201) {
      expect(race.statusCode).toBe(409);
      const id = (late.json() as Nom).objections.find((o) => o.handling === null)!.id;
      expect((await t.call('POST', `${api}/objections/${id}/handle`, { cookie: dangwei, body: { handling: '经核实，与推荐对象无关' } })).statusCode).toBe(200);
      res = await t.call('POST', `${api}/selections/${selectionId}/decide`, { cookie: dangwei, body: { decisionNo: '党委〔2026〕20号' } });
    } else {
      expect(late.statusCode).toBe(409);
      expect(late.json().error.message).toMatch(/^(只能对公示中的推荐对象登记异议|公示已结束，不能再登记异议)$/);
      expect(await count('incentive_objections')).toBe(objectionsBefore);
    }
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'decided', decidedOn: '2026-12-04', decisionNo: '党委〔2026〕20号' });
    const d = await detail(dangwei);
    const honoured = d.nominations.filter((n) => n.status === 'honoured');
    expect(honoured.length).toBe(d.nominations.filter((n) => n.status !== 'rejected').length);
    expect(await count('incentive_honours')).toBe(honoursBefore + honoured.length);

    const mine = (await t.call('GET', `${api}/honours?subjectKind=member&subjectId=${nomineeId}`, { cookie: zb1 })).json() as { items: { title: string; year: number; fromSelection: boolean; canDelete: boolean }[] };
    expect(mine.items).toContainEqual(expect.objectContaining({ title: '优秀共产党员', year: 2026, fromSelection: true, canDelete: false }));
    expect(((await t.call('GET', `${api}/honours?subjectKind=member&subjectId=${nomineeId}`, { cookie: zb2 })).json() as { total: number }).total).toBe(0);
    const org = (await t.call('GET', `${api}/honours?subjectKind=org&subjectId=${branch1}`, { cookie: weiyuan })).json() as { items: { title: string }[] };
    expect(org.items.map((h) => h.title)).toContain('先进基层党组织');
  });

  it('exports the list as Excel and the decision and 公示 as Word', async () => {
    const xlsx = await t.call('GET', `${api}/selections/${selectionId}/nominations.xlsx`, { cookie: dangwei });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(xlsx.headers['content-disposition']))).toContain('2026年度表彰推荐名单.xlsx');
    for (const [path, name] of [['decision.docx', '表彰决定-2026'], ['publicity.docx', '表彰公示-2026']] as const) {
      const doc = await t.call('GET', `${api}/selections/${selectionId}/${path}`, { cookie: dangwei });
      expect(doc.statusCode).toBe(200);
      expect(doc.headers['content-type']).toContain('wordprocessingml');
      expect(decodeURIComponent(String(doc.headers['content-disposition']))).toContain(`${name}.docx`);
      expect(doc.rawPayload.subarray(0, 2).toString()).toBe('PK');
    }
  });

  it('honours entered by hand: within the branch only, removable, never one from a decision', async () => {
    const before = await count('incentive_honours');
    const other = (await t.platform.db.selectFrom('members').select('id').where('branch_id', '=', branch2).where('status', '=', 'active').executeTakeFirstOrThrow()).id;
    const body = { subjectKind: 'member', subjectId: nomineeId, title: '优秀志愿者', year: 2026, awardedBy: '街道党工委', awardedOn: '2026-10-01' };
    expect((await t.call('POST', `${api}/honours`, { cookie: zb1, body: { ...body, subjectId: other } })).statusCode).toBe(404);
    expect((await t.call('POST', `${api}/honours`, { cookie: dy1, body })).statusCode).toBe(403);
    const bad = await t.call('POST', `${api}/honours`, { cookie: zb1, body: { ...body, awardedOn: '2025-10-01' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('授予日期应在所填年度内');
    expect(await count('incentive_honours')).toBe(before);
    const res = await t.call('POST', `${api}/honours`, { cookie: zb1, body });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ subjectKind: 'member', title: '优秀志愿者', fromSelection: false, canDelete: true });
    const list = (await t.call('GET', `${api}/honours?subjectKind=member&subjectId=${nomineeId}`, { cookie: zb1 })).json() as { items: { id: string; fromSelection: boolean }[] };
    const fromDecision = list.items.find((h) => h.fromSelection)!;
    expect((await t.call('DELETE', `${api}/honours/${fromDecision.id}`, { cookie: dangwei })).statusCode).toBe(403);
    expect((await t.call('DELETE', `${api}/honours/${res.json().id}`, { cookie: zb2 })).statusCode).toBe(404);
    expect((await t.call('DELETE', `${api}/honours/${res.json().id}`, { cookie: zb1 })).statusCode).toBe(204);
    expect((await t.call('GET', `${api}/honours?subjectKind=member&subjectId=${nomineeId}`, { cookie: zb1 })).json().total).toBe(list.items.length - 1);
  });

  it('offers 登记荣誉 for a subject only where the server would accept it', async () => {
    const other = (await t.platform.db.selectFrom('members').select('id').where('branch_id', '=', branch2).where('status', '=', 'active').executeTakeFirstOrThrow()).id;
    const canAdd = async (cookie: string, id: string) => (await t.call('GET', `${api}/honours?subjectKind=member&subjectId=${id}`, { cookie })).json().canAdd as boolean;
    expect(await canAdd(zb1, nomineeId)).toBe(true);
    expect(await canAdd(zb1, other)).toBe(false);
    expect(await canAdd(zb2, other)).toBe(true);
    expect(await canAdd(dy1, nomineeId)).toBe(false);
    expect((await t.call('GET', `${api}/honours`, { cookie: zb1 })).json().canAdd).toBe(false);
  });

  it('a member sees their own honours only', async () => {
    const me = await t.platform.db.selectFrom('members as m').innerJoin('users as u', 'u.id', 'm.user_id').select('m.id').where('u.username', '=', 'dy1').executeTakeFirstOrThrow();
    await t.call('POST', `${api}/honours`, { cookie: zb1, body: { subjectKind: 'member', subjectId: me.id, title: '优秀志愿者', year: 2026, awardedBy: '街道党工委' } });
    const res = await t.call('GET', `${api}/honours`, { cookie: dy1 });
    expect(res.statusCode).toBe(200);
    const items = (res.json() as { items: { subjectId: string }[] }).items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((h) => h.subjectId === me.id)).toBe(true);
  });
});
