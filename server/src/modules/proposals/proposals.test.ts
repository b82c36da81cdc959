// 合理化建议 and 创效 through the API: filing, who sees what, adopt / not adopt (reason required), implement with
// the value typed in 元 and kept exactly in 分 ("0.1" + "0.2" is 30 分), audited corrections, statistics and
// metrics equal to sums computed here from what the test created, and the refusals with nothing changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { fenToYuan, yuanToFen } from './money.js';

let t: TestApp;
let dw: string; // 党委管理员: proposal.manage
let zb1: string; // 书记: proposal.read over 机关第一党支部, proposal.submit
let zb2: string;
let dy1: string; // 党员 of 机关第一党支部: proposal.submit only
let sh: string; // 宣传审核员: no proposal permission
let branch1: string;
let branch2: string;
const TODAY = '2026-11-27';

async function file(cookie: string, over: Record<string, unknown> = {}) {
  const r = await t.call('POST', '/api/v1/proposals', { cookie, body: { title: '楼道照明改声控灯', content: '将楼道常亮灯改为声控节能灯，降低电费。', expectedBenefit: '每年节约电费约两千元', category: '管理', ...over } });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; orgId: string; status: string; proposerName: string };
}
const act = (cookie: string, id: string, action: string, body: unknown = {}) => t.call('POST', `/api/v1/proposals/${id}/${action}`, { cookie, body });
const row = (id: string) => t.platform.db.selectFrom('proposals').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

beforeAll(async () => {
  t = await createTestApp();
  [dw, zb1, zb2, dy1, sh] = (await Promise.all(['dangwei', 'zb1', 'zb2', 'dy1', 'shenhe'].map((u) => t.login(u)))) as [string, string, string, string, string];
  branch1 = await t.orgId('机关第一党支部');
  branch2 = await t.orgId('机关第二党支部');
});
afterAll(async () => t.close());

describe(`元 to 分 ${dialectLabel()}`, () => {
  it('converts decimal strings exactly and refuses what is not an amount of 元 and 分', () => {
    expect(yuanToFen('12500.5')).toBe(1250050);
    expect(yuanToFen('12500.50')).toBe(1250050);
    expect(yuanToFen('0.1') + yuanToFen('0.2')).toBe(30);
    expect(yuanToFen('0.07')).toBe(7);
    expect(yuanToFen('1,000')).toBe(100000);
    expect(yuanToFen('0')).toBe(0);
    expect(fenToYuan(1250050)).toBe('12500.50');
    expect(() => yuanToFen('1.234')).toThrow('两位小数');
    expect(() => yuanToFen('-5')).toThrow('不能为负数');
    expect(() => yuanToFen('abc')).toThrow('应为金额');
    expect(() => yuanToFen('1e3')).toThrow('应为金额');
  });
});

describe(`合理化建议 ${dialectLabel()}`, () => {
  const made: { id: string; by: 'dy1' | 'zb1' | 'zb2' }[] = [];

  it('members file proposals for their own branch; each sees their own, a secretary their branch', async () => {
    const a = await file(dy1);
    expect(a).toMatchObject({ orgId: branch1, status: 'submitted' });
    expect((await row(a.id)).proposer_member_id).toBeTruthy();
    const b = await file(zb1, { title: '设立党员先锋岗', content: '在物业服务窗口设立先锋岗。', category: '服务' });
    const c = await file(zb2, { title: '电动车集中充电', content: '建设光伏充电车棚，消除楼道充电隐患。', category: '安全' });
    expect(c.orgId).toBe(branch2);
    made.push({ id: a.id, by: 'dy1' }, { id: b.id, by: 'zb1' }, { id: c.id, by: 'zb2' });
    const dy1Id = (await t.platform.db.selectFrom('users').select('id').where('username', '=', 'dy1').executeTakeFirstOrThrow()).id;
    const mine = (await t.call('GET', '/api/v1/proposals?mine=1&pageSize=200', { cookie: dy1 })).json() as { items: { id: string; proposerUserId: string }[]; total: number };
    expect(mine.items[0]!.id).toBe(a.id); // newest first
    expect(mine.items.every((i) => i.proposerUserId === dy1Id)).toBe(true);
    // A 党员 holds no proposal.read: the whole list is their own proposals, exactly those in the table.
    const own = (await t.call('GET', '/api/v1/proposals?pageSize=200', { cookie: dy1 })).json() as { items: { id: string }[] };
    const theirs = await t.platform.db.selectFrom('proposals').select('id').where('proposer_user_id', '=', dy1Id).execute();
    expect(own.items.map((i) => i.id).sort()).toEqual(theirs.map((r) => r.id).sort());
    const branch = (await t.call('GET', '/api/v1/proposals?pageSize=200', { cookie: zb1 })).json() as { items: { id: string; orgId: string }[] };
    expect(branch.items.map((i) => i.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(branch.items.every((i) => i.orgId === branch1 || i.orgId.length === 0)).toBe(true);
    expect((await t.call('GET', `/api/v1/proposals/${c.id}`, { cookie: zb1 })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/proposals/${a.id}`, { cookie: zb2 })).statusCode).toBe(404);
    expect((await t.call('GET', '/api/v1/proposals', { cookie: sh })).statusCode).toBe(403);
    // Search through the index (kind 'proposal').
    const found = (await t.call('GET', `/api/v1/proposals?q=${encodeURIComponent('光伏充电车棚')}`, { cookie: dw })).json() as { items: { id: string }[] };
    expect(found.items.map((i) => i.id)).toEqual([c.id]);
    // The committee is told.
    const dwUser = await t.platform.db.selectFrom('users').select('id').where('username', '=', 'dangwei').executeTakeFirstOrThrow();
    const n = await t.platform.db.selectFrom('notifications').select('link').where('user_id', '=', dwUser.id).where('kind', '=', 'proposal.submitted').execute();
    expect(n.map((x) => x.link)).toEqual(expect.arrayContaining([`/proposals?id=${a.id}`]));
  });

  it('refuses deciding without permission (403), not adopting without a reason (400), wrong states (409) — nothing changed', async () => {
    const before = Number((await t.platform.db.selectFrom('proposals').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const noTitle = await t.call('POST', '/api/v1/proposals', { cookie: dy1, body: { title: ' ', content: '内容', category: '管理' } });
    expect(noTitle.statusCode).toBe(400);
    expect(noTitle.json().error.fields.title).toBe('建议标题：请填写建议标题');
    const badCategory = await t.call('POST', '/api/v1/proposals', { cookie: dy1, body: { title: '标题', content: '内容', category: '财务' } });
    expect(badCategory.statusCode).toBe(400);
    expect(badCategory.json().error.message).toContain('类别');
    const otherOrg = await t.call('POST', '/api/v1/proposals', { cookie: dy1, body: { title: '标题', content: '内容', category: '管理', orgId: branch2 } });
    expect(otherOrg.statusCode).toBe(400);
    expect(otherOrg.json().error.fields.orgId).toBe('所属组织不存在或不在您的范围内');
    expect((await t.call('POST', '/api/v1/proposals', { cookie: sh, body: { title: '标题', content: '内容', category: '管理' } })).statusCode).toBe(403);
    expect(Number((await t.platform.db.selectFrom('proposals').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(before);
    const [a] = made;
    expect((await act(dy1, a!.id, 'adopt')).statusCode).toBe(403);
    expect((await act(zb1, a!.id, 'adopt')).statusCode).toBe(403);
    const noReason = await act(dw, a!.id, 'reject', { note: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields.note).toBe('请填写不采纳理由');
    const early = await act(dw, a!.id, 'implement', { implementedOn: TODAY, valueYuan: '100' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe('只有已采纳的建议可以登记实施');
    expect((await row(a!.id)).status).toBe('submitted');
    expect(await t.platform.db.selectFrom('audit_log').select('seq').where('entity_id', '=', a!.id).where('action', 'like', 'proposal.%').execute()).toHaveLength(1);
  });

  it('adopts, implements with exact 分, corrects the value with an audited note, and rejects with a reason', async () => {
    const [a, b, c] = made;
    expect((await act(dw, a!.id, 'adopt', { note: '可行' })).json()).toMatchObject({ status: 'adopted', decisionNote: '可行', decidedByName: '党委管理员' });
    expect((await act(dw, b!.id, 'adopt')).statusCode).toBe(200);
    // Bad amounts: named in Chinese, nothing changed.
    for (const [v, msg] of [['1.234', '两位小数'], ['-5', '不能为负数'], ['一百', '应为金额']] as const) {
      const bad = await act(dw, a!.id, 'implement', { implementedOn: TODAY, valueYuan: v });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields.valueYuan).toContain(msg);
    }
    const future = await act(dw, a!.id, 'implement', { implementedOn: '2026-12-01', valueYuan: '1' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields.implementedOn).toContain('实施日期');
    expect((await row(a!.id)).status).toBe('adopted');
    const ia = await act(dw, a!.id, 'implement', { implementedOn: TODAY, valueYuan: '0.1', valueNote: '电费节约' });
    expect(ia.json()).toMatchObject({ status: 'implemented', valueFen: 10, implementedOn: TODAY });
    expect((await act(dw, b!.id, 'implement', { implementedOn: TODAY, valueYuan: '0.2' })).json().valueFen).toBe(20);
    expect(Number((await row(a!.id)).value_fen) + Number((await row(b!.id)).value_fen)).toBe(30);
    // Correction: note required; audited before/after.
    expect((await act(dw, b!.id, 'value', { valueYuan: '12500.5' })).statusCode).toBe(400);
    const fixed = await act(dw, b!.id, 'value', { valueYuan: '12500.5', note: '按财务部核定金额更正' });
    expect(fixed.json().valueFen).toBe(1250050);
    const audit = await t.platform.db.selectFrom('audit_log').selectAll().where('entity_id', '=', b!.id).where('action', '=', 'proposal.value').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before!)).toMatchObject({ valueFen: 20 });
    expect(JSON.parse(audit.after!)).toMatchObject({ valueFen: 1250050, correctionNote: '按财务部核定金额更正' });
    expect((await act(dw, c!.id, 'reject', { note: '已有同类项目在建' })).json()).toMatchObject({ status: 'notAdopted', decisionNote: '已有同类项目在建' });
    expect((await act(dw, c!.id, 'adopt')).statusCode).toBe(409);
    const proposer = (await t.call('GET', `/api/v1/proposals/${a!.id}`, { cookie: dy1 })).json();
    expect(proposer).toMatchObject({ status: 'implemented', valueFen: 10, allowed: [] });
  });

  it('statistics per organisation and per member, and the metrics, equal sums computed from the rows', async () => {
    // A few more, so sums have more than one term: two by dy1 (one implemented), one by zb2 implemented.
    const d = await file(dy1, { title: '废纸回收', content: '办公废纸集中回收。' });
    await act(dw, d.id, 'adopt');
    await act(dw, d.id, 'implement', { implementedOn: TODAY, valueYuan: '0.2' });
    const e = await file(zb2, { title: '共享工具箱', content: '楼栋共享工具箱。' });
    await act(dw, e.id, 'adopt');
    await act(dw, e.id, 'implement', { implementedOn: TODAY, valueYuan: '3000.05' });
    await file(dy1, { title: '增设休息座椅', content: '小区增设座椅。' });

    // Independent sums over every proposal with something on today (the demo's rows all lie before today).
    const rows = await t.platform.db.selectFrom('proposals').selectAll().where('deleted_at', 'is', null).execute();
    const lo = '2026-11-26T16:00:00.000Z';
    const hi = '2026-11-27T16:00:00.000Z';
    const expectFor = (pick: (r: (typeof rows)[number]) => boolean) => {
      const mine = rows.filter(pick);
      const impl = mine.filter((r) => r.status === 'implemented' && r.implemented_on === TODAY);
      return {
        submitted: mine.filter((r) => r.created_at >= lo && r.created_at < hi).length,
        adopted: mine.filter((r) => (r.status === 'adopted' || r.status === 'implemented') && r.decided_at !== null && r.decided_at >= lo && r.decided_at < hi).length,
        implemented: impl.length,
        valueFen: impl.reduce((s, r) => s + Number(r.value_fen), 0),
      };
    };
    const s = (await t.call('GET', `/api/v1/proposals/stats?from=${TODAY}&to=${TODAY}`, { cookie: dw })).json() as {
      byOrg: { orgId: string; submitted: number; adopted: number; implemented: number; valueFen: number }[];
      byMember: { userId: string; submitted: number; adopted: number; implemented: number; valueFen: number }[];
      total: { valueFen: number };
    };
    const b1 = expectFor((r) => r.org_id === branch1);
    expect(s.byOrg.find((o) => o.orgId === branch1)).toMatchObject(b1);
    expect(s.byOrg.find((o) => o.orgId === branch2)).toMatchObject(expectFor((r) => r.org_id === branch2));
    // dy1: 0.1 + 0.2 元 = 30 分 exactly; three filed today, two adopted, two implemented.
    const dy1Id = (await t.platform.db.selectFrom('users').select('id').where('username', '=', 'dy1').executeTakeFirstOrThrow()).id;
    expect(s.byMember.find((m) => m.userId === dy1Id)).toEqual(expect.objectContaining({ submitted: 3, adopted: 2, implemented: 2, valueFen: 30 }));
    expect(s.byMember.find((m) => m.userId === dy1Id)).toMatchObject(expectFor((r) => r.proposer_user_id === dy1Id));
    const zb2Id = (await t.platform.db.selectFrom('users').select('id').where('username', '=', 'zb2').executeTakeFirstOrThrow()).id;
    expect(s.byMember.find((m) => m.userId === zb2Id)).toMatchObject({ ...expectFor((r) => r.proposer_user_id === zb2Id), valueFen: 300005 });
    expect(s.total.valueFen).toBe(expectFor(() => true).valueFen);
    expect(s.total.valueFen).toBe(30 + 1250050 + 300005);
    // A secretary's statistics cover their branch only.
    const own = (await t.call('GET', `/api/v1/proposals/stats?from=${TODAY}&to=${TODAY}`, { cookie: zb1 })).json() as typeof s;
    expect(own.byOrg.map((o) => o.orgId)).toEqual([branch1]);
    expect((await t.call('GET', '/api/v1/proposals/stats', { cookie: dy1 })).statusCode).toBe(403);
    // Metrics over the day: the committee's subtree and one branch.
    const tenantId = (await t.platform.db.selectFrom('organisations').select('tenant_id').where('id', '=', branch1).executeTakeFirstOrThrow()).tenant_id;
    const committee = await t.orgId('社区党委');
    const ctx = { db: t.platform.db, dialect: t.platform.data.dialect, tenantId, period: { from: TODAY, to: TODAY }, targetIds: [committee, branch1] };
    const value = await t.platform.metrics.compute('proposal.valueFen', ctx);
    expect(value.get(branch1)).toBe(b1.valueFen);
    expect(value.get(committee)).toBe(30 + 1250050 + 300005);
    const adopted = await t.platform.metrics.compute('proposal.adopted', ctx);
    expect(adopted.get(branch1)).toBe(b1.adopted);
    expect(adopted.get(committee)).toBe(expectFor(() => true).adopted);
  });
});
