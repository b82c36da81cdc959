// 示范岗/责任区 through the API: the demo, proposing with its checks (bad input → Chinese error, nothing changed),
// the workflow 申报 → 退回 → 重新申报 → 审核通过 (public code) → 挂牌 → 摘牌 with its history, a branch never
// deciding its own plaque, races on a decision, scope refusals (404 out of sight, 403 without the permission),
// the QR link and plaque card, the 留言审核 and the 待办 of both sides.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../db/ids.js';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { unzip } from '../../test/unzip.js';
import type { Actor } from '../../platform/access/actor.js';
import { membersUnder } from '../members/index.js';
import { decidesPlaque } from './policy.js';

let t: TestApp;
let tenantId: string;
let zb1: string; // 书记, 机关第一党支部
let zb2: string; // 书记, 机关第二党支部
let weiyuan: string; // 委员 of 机关第一党支部: incentive.read only
let dangwei: string; // 党委管理员 at the committee
let dy1: string; // a plain member of 机关第一党支部 holding the demo's first 示范岗
let branch1: string;
let branch1Path: string;
let branch2: string;
let member1: string; // an active member of branch 1 (not dy1)
let member2: string; // an active member of branch 2

const API = '/api/v1/incentives';
const body = (over: Record<string, unknown> = {}) => ({
  kind: 'post', orgId: branch1, memberId: member1, title: '综合办公室测试党员示范岗', postName: '综合办公室', extent: '',
  commitment: '热情服务，一次告知，限时办结。', periodFrom: '2026-12-01', periodTo: '2027-12-31', ...over,
});
const plaqueCount = async () => Number((await t.platform.db.selectFrom('incentive_plaques').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const propose = async (over: Record<string, unknown> = {}, cookie = zb1) => {
  const res = await t.call('POST', `${API}/plaques`, { cookie, body: body(over) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; status: string; allowed: string[]; publicCode: string | null };
};

beforeAll(async () => {
  t = await createTestApp();
  [zb1, zb2, weiyuan, dangwei, dy1] = (await Promise.all(['zb1', 'zb2', 'weiyuan', 'dangwei', 'dy1'].map((u) => t.login(u)))) as [string, string, string, string, string];
  branch1 = await t.orgId('机关第一党支部');
  branch2 = await t.orgId('机关第二党支部');
  const o = await t.platform.db.selectFrom('organisations').select(['tenant_id', 'path']).where('id', '=', branch1).executeTakeFirstOrThrow();
  tenantId = o.tenant_id;
  branch1Path = o.path;
  const path2 = (await t.platform.db.selectFrom('organisations').select('path').where('id', '=', branch2).executeTakeFirstOrThrow()).path;
  const dy1User = await t.platform.db.selectFrom('users').select('id').where('username', '=', 'dy1').executeTakeFirstOrThrow();
  member1 = (await membersUnder(t.platform.db, tenantId, branch1Path, { status: 'active' })).find((m) => m.userId !== dy1User.id)!.id;
  member2 = (await membersUnder(t.platform.db, tenantId, path2, { status: 'active' }))[0]!.id;
}, 60_000);
afterAll(async () => t.close());

describe(`示范岗与责任区 ${dialectLabel()}`, () => {
  it('the demo has 30 示范岗 and 20 责任区 over the branches, most on the wall with a year of ratings; dy1 holds one', async () => {
    const res = await t.call('GET', `${API}/plaques?pageSize=200`, { cookie: dangwei });
    expect(res.statusCode, res.body).toBe(200);
    const items = (res.json() as { items: { kind: string; status: string; orgName: string; ratingCount: number; publicCode: string | null }[] }).items;
    expect(items.filter((x) => x.kind === 'post').length).toBeGreaterThanOrEqual(30);
    expect(items.filter((x) => x.kind === 'area').length).toBeGreaterThanOrEqual(20);
    const active = items.filter((x) => x.status === 'active');
    expect(active.length).toBeGreaterThanOrEqual(35);
    expect(new Set(active.map((x) => x.orgName)).size).toBe(6);
    for (const x of active) {
      expect(x.ratingCount, x.orgName).toBeGreaterThanOrEqual(5);
      expect(x.publicCode).toMatch(/^[0-9A-Za-z]{22}$/);
    }
    for (const s of ['proposed', 'rejected', 'withdrawn']) expect(items.some((x) => x.status === s), s).toBe(true);
    const pending = await t.platform.db.selectFrom('incentive_ratings').select('id').where('comment_status', '=', 'pending').execute();
    expect(pending.length).toBeGreaterThanOrEqual(5);
    // dy1 (self.read only) sees exactly their own plaque, on the wall.
    const mine = await t.call('GET', `${API}/plaques`, { cookie: dy1 });
    expect(mine.statusCode, mine.body).toBe(200);
    expect((mine.json() as { items: { status: string; allowed: string[] }[] }).items).toMatchObject([{ status: 'active', allowed: [] }]);
  });

  it('a branch proposes a 示范岗; bad input gets a Chinese error and changes nothing', async () => {
    const before = await plaqueCount();
    const bad = async (over: Record<string, unknown>, status: number, message: RegExp) => {
      const res = await t.call('POST', `${API}/plaques`, { cookie: zb1, body: body(over) });
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.message).toMatch(message);
    };
    await bad({ memberId: member2 }, 400, /不是本组织的在册党员/);
    await bad({ postName: '' }, 400, /示范岗请填写岗位/);
    await bad({ kind: 'area', postName: null }, 400, /区域类型/);
    await bad({ periodTo: '2026-01-01' }, 400, /期限止不能早于期限起/);
    await bad({ commitment: 'x'.repeat(501) }, 400, /承诺最多 500 个字/);
    await bad({ title: '' }, 400, /请填写名称/);
    await bad({ orgId: branch2 }, 404, /不存在或无权访问/);
    expect((await t.call('POST', `${API}/plaques`, { cookie: weiyuan, body: body() })).statusCode).toBe(403);
    expect(await plaqueCount()).toBe(before);
    const x = await propose();
    expect(x).toMatchObject({ status: 'proposed', publicCode: null });
    expect(x.allowed).toEqual(['edit', 'moderate']);
    expect(await plaqueCount()).toBe(before + 1);
    const area = await propose({ kind: 'area', postName: null, areaKind: 'building', areaName: '测试小区 1 号楼', extent: '2 个单元 40 户' });
    expect(area.status).toBe('proposed');
  });

  it('the workflow: 退回 with a reason, edit resubmits, 审核通过 makes the code, 挂牌, 摘牌 — each in the history', async () => {
    const x = await propose();
    // zb1 holds no incentive.manage: a branch never approves its own plaque (see also the grant-level test below).
    expect((await t.call('POST', `${API}/plaques/${x.id}/approve`, { cookie: zb1, body: {} })).statusCode).toBe(403);
    const noReason = await t.call('POST', `${API}/plaques/${x.id}/reject`, { cookie: dangwei, body: { reason: '' } });
    expect([noReason.statusCode, noReason.json().error.message]).toEqual([400, '原因：请填写原因']);
    const rejected = await t.call('POST', `${API}/plaques/${x.id}/reject`, { cookie: dangwei, body: { reason: '请写明服务时限' } });
    expect(rejected.json()).toMatchObject({ status: 'rejected', allowed: ['edit', 'moderate'] });
    const edited = await t.call('PUT', `${API}/plaques/${x.id}`, { cookie: zb1, body: body({ commitment: '接到诉求 24 小时内答复。' }) });
    expect(edited.json()).toMatchObject({ status: 'proposed', commitment: '接到诉求 24 小时内答复。' });
    const approved = await t.call('POST', `${API}/plaques/${x.id}/approve`, { cookie: dangwei, body: {} });
    expect(approved.statusCode, approved.body).toBe(200);
    const code = approved.json().publicCode as string;
    expect(code).toMatch(/^[0-9A-Za-z]{22}$/);
    expect(await t.platform.db.selectFrom('incentive_public_codes').select(['tenant_id', 'plaque_id']).where('code', '=', code).executeTakeFirst()).toEqual({ tenant_id: tenantId, plaque_id: x.id });
    // No edits once approved.
    const late = await t.call('PUT', `${API}/plaques/${x.id}`, { cookie: zb1, body: body() });
    expect([late.statusCode, late.json().error.message]).toEqual([409, '该示范岗/责任区当前为「审核通过」，不能修改']);
    const future = await t.call('POST', `${API}/plaques/${x.id}/issue`, { cookie: dangwei, body: { issuedOn: '2027-01-01' } });
    expect([future.statusCode, future.json().error.message]).toEqual([400, '挂牌日期不能晚于今天']);
    expect((await t.call('POST', `${API}/plaques/${x.id}/issue`, { cookie: dangwei, body: {} })).json()).toMatchObject({ status: 'active', issuedOn: '2026-11-27' });
    const withdrawn = await t.call('POST', `${API}/plaques/${x.id}/withdraw`, { cookie: dangwei, body: { reason: '岗位调整' } });
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', withdrawnOn: '2026-11-27', withdrawReason: '岗位调整', publicCode: code });
    const again = await t.call('POST', `${API}/plaques/${x.id}/withdraw`, { cookie: dangwei, body: { reason: '岗位调整' } });
    expect([again.statusCode, again.json().error.message]).toEqual([409, '该示范岗/责任区当前为「摘牌」，不能摘牌']);
    const detail = await t.call('GET', `${API}/plaques/${x.id}`, { cookie: zb1 });
    expect((detail.json() as { events: { action: string; note: string | null }[] }).events.map((e) => [e.action, e.note])).toEqual([
      ['proposed', null], ['rejected', '请写明服务时限'], ['proposed', '修改后重新申报'], ['approved', null], ['issued', null], ['withdrawn', '岗位调整'],
    ]);
    const audits = await t.platform.db.selectFrom('audit_log').select('action').where('entity_id', '=', x.id).orderBy('seq').execute();
    expect(audits.map((a) => a.action)).toEqual(['incentive.plaque.propose', 'incentive.plaque.reject', 'incentive.plaque.edit', 'incentive.plaque.approve', 'incentive.plaque.issue', 'incentive.plaque.withdraw']);
  });

  it('of two racing approvals one wins, the other gets a 409 and nothing is doubled', async () => {
    const x = await propose();
    const [a, b] = await Promise.all([1, 2].map(() => t.call('POST', `${API}/plaques/${x.id}/approve`, { cookie: dangwei, body: {} })));
    expect([a!.statusCode, b!.statusCode].sort()).toEqual([200, 409]);
    expect((await t.platform.db.selectFrom('incentive_public_codes').select('code').where('plaque_id', '=', x.id).execute()).length).toBe(1);
    expect((await t.platform.db.selectFrom('incentive_plaque_events').select('id').where('plaque_id', '=', x.id).where('action', '=', 'approved').execute()).length).toBe(1);
  });

  it('out of scope: another branch sees nothing (404), a member sees only their own, read-only cannot act (403)', async () => {
    const x = await propose();
    for (const path of [`/plaques/${x.id}`, `/plaques/${x.id}/rating-summary`]) expect((await t.call('GET', `${API}${path}`, { cookie: zb2 })).statusCode, path).toBe(404);
    expect((await t.call('PUT', `${API}/plaques/${x.id}`, { cookie: zb2, body: body({ orgId: branch2, memberId: member2 }) })).statusCode).toBe(404);
    expect((await t.call('GET', `${API}/plaques/${x.id}`, { cookie: dy1 })).statusCode).toBe(404);
    expect((await t.call('GET', `${API}/plaques/${x.id}`, { cookie: weiyuan })).statusCode).toBe(200);
    expect((await t.call('PUT', `${API}/plaques/${x.id}`, { cookie: weiyuan, body: body() })).statusCode).toBe(403);
    expect((await t.call('GET', `${API}/plaques?orgId=${branch1}`, { cookie: zb2 })).statusCode).toBe(404);
    const list = (await t.call('GET', `${API}/plaques?pageSize=200`, { cookie: zb2 })).json() as { items: { orgId: string }[] };
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((i) => i.orgId === branch2)).toBe(true);
    expect((await t.call('GET', `${API}/ratings`, { cookie: dy1 })).statusCode).toBe(403);
  });

  it('an approved plaque has its QR link and a Word plaque card; before approval neither', async () => {
    const x = await propose();
    const early = await t.call('GET', `${API}/plaques/${x.id}/link`, { cookie: zb1 });
    expect([early.statusCode, early.json().error.message]).toEqual([409, '审核通过后才生成二维码']);
    const code = (await t.call('POST', `${API}/plaques/${x.id}/approve`, { cookie: dangwei, body: {} })).json().publicCode as string;
    const link = await t.call('GET', `${API}/plaques/${x.id}/link`, { cookie: zb1, headers: { host: 'dj.example.org' } });
    expect(link.json().url).toBe(`http://dj.example.org/plaque/${code}`);
    expect(link.json().svg).toContain('<svg');
    const card = await t.call('GET', `${API}/plaques/${x.id}/card.docx`, { cookie: zb1 });
    expect(card.statusCode).toBe(200);
    expect(card.headers['content-type']).toContain('wordprocessingml');
    expect(card.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('综合办公室测试党员示范岗-挂牌卡.docx')}`);
    const files = unzip(card.rawPayload);
    const text = files.get('word/document.xml')!.toString('utf8').replace(/<[^>]+>/g, '');
    for (const part of ['党员示范岗', '综合办公室测试党员示范岗', '综合办公室', '热情服务，一次告知，限时办结。', '2026年12月1日至2027年12月31日', '社区党委']) expect(text, part).toContain(part);
    expect([...files.keys()].some((k) => k.startsWith('word/media/') && k.endsWith('.png')), 'the QR code image').toBe(true);
    // A5 portrait: 148 × 210 mm in twentieths of a point.
    expect(files.get('word/document.xml')!.toString('utf8')).toMatch(/<w:pgSz w:w="8391" w:h="11906"/);
    expect((await t.call('GET', `${API}/plaques/${x.id}/card.docx`, { cookie: zb2 })).statusCode).toBe(404);
  });

  it('留言审核: the branch approves or takes down a comment, another branch cannot, and the 待办 show the work', async () => {
    const plaque = await t.platform.db.selectFrom('incentive_plaques').select(['id', 'org_path']).where('org_id', '=', branch1).where('status', '=', 'active').executeTakeFirstOrThrow();
    const id = newId();
    await t.platform.db.insertInto('incentive_ratings').values({
      tenant_id: tenantId, id, plaque_id: plaque.id, org_path: plaque.org_path, score: 5, comment: '测试留言：服务很好', comment_status: 'pending',
      moderated_by: null, moderated_at: null, device_key: 'd'.repeat(64), address_key: 'a'.repeat(64), rated_on: '2026-11-27', created_at: new Date().toISOString(),
    }).execute();
    const todos = async (cookie: string) => ((await t.call('GET', '/api/v1/todos', { cookie })).json() as { items: { kind: string; entityId: string }[] }).items;
    expect((await todos(zb1)).some((i) => i.kind === 'incentive.commentModeration' && i.entityId === plaque.id)).toBe(true);
    expect((await todos(zb2)).some((i) => i.kind === 'incentive.commentModeration' && i.entityId === plaque.id)).toBe(false);
    const queue = (await t.call('GET', `${API}/ratings?commentStatus=pending&pageSize=200`, { cookie: zb1 })).json() as { items: { id: string; canModerate: boolean }[] };
    expect(queue.items.find((r) => r.id === id)).toMatchObject({ canModerate: true });
    expect((await t.call('POST', `${API}/ratings/${id}/moderate`, { cookie: zb2, body: { decision: 'approve' } })).statusCode).toBe(404);
    expect((await t.call('POST', `${API}/ratings/${id}/moderate`, { cookie: weiyuan, body: { decision: 'approve' } })).statusCode).toBe(403);
    const bad = await t.call('POST', `${API}/ratings/${id}/moderate`, { cookie: zb1, body: { decision: 'maybe' } });
    expect([bad.statusCode, bad.json().error.message]).toEqual([400, '公开/不公开：请选择公开或不公开']);
    expect((await t.call('POST', `${API}/ratings/${id}/moderate`, { cookie: zb1, body: { decision: 'approve' } })).json()).toEqual({ id, commentStatus: 'approved' });
    const twice = await t.call('POST', `${API}/ratings/${id}/moderate`, { cookie: zb1, body: { decision: 'approve' } });
    expect([twice.statusCode, twice.json().error.message]).toEqual([409, '该留言已公开']);
    expect((await t.call('POST', `${API}/ratings/${id}/moderate`, { cookie: zb1, body: { decision: 'reject' } })).json().commentStatus).toBe('rejected');
    // The 党委 sees proposals waiting; a branch does not see its own as something to approve.
    const x = await propose();
    expect((await todos(dangwei)).some((i) => i.kind === 'incentive.plaqueApproval' && i.entityId === x.id)).toBe(true);
    expect((await todos(zb1)).some((i) => i.kind === 'incentive.plaqueApproval')).toBe(false);
    const summary = await t.call('GET', `${API}/plaques/${plaque.id}/rating-summary?period=half`, { cookie: zb1 });
    const periods = (summary.json() as { items: { period: string; count: number; average: number | null }[] }).items;
    expect(periods[0]!.period).toBe('2026-H2');
    expect(periods.every((p) => p.count > 0 && p.average! >= 1 && p.average! <= 5)).toBe(true);
  });

  it('a secretary holding a plaque cannot moderate its comments (403, no button, no 待办); the 党委 can; a deleted plaque\'s are gone', async () => {
    const zb1User = await t.platform.db.selectFrom('users').select('id').where('username', '=', 'zb1').executeTakeFirstOrThrow();
    const self = (await membersUnder(t.platform.db, tenantId, branch1Path, { status: 'active' })).find((m) => m.userId === zb1User.id)!;
    const x = await propose({ memberId: self.id, title: '书记本人测试示范岗' });
    expect(x.allowed).toEqual(['edit']);
    const plaque = await t.platform.db.selectFrom('incentive_plaques').select(['id', 'org_path']).where('id', '=', x.id).executeTakeFirstOrThrow();
    const rate = async () => {
      const id = newId();
      await t.platform.db.insertInto('incentive_ratings').values({
        tenant_id: tenantId, id, plaque_id: plaque.id, org_path: plaque.org_path, score: 2, comment: '测试留言：不太满意', comment_status: 'pending',
        moderated_by: null, moderated_at: null, device_key: newId().padEnd(64, 'd'), address_key: 'a'.repeat(64), rated_on: '2026-11-28', created_at: new Date().toISOString(),
      }).execute();
      return id;
    };
    const id = await rate();
    const status = async () => (await t.platform.db.selectFrom('incentive_ratings').select('comment_status').where('id', '=', id).executeTakeFirstOrThrow()).comment_status;
    const own = await t.call('POST', `${API}/ratings/${id}/moderate`, { cookie: zb1, body: { decision: 'reject' } });
    expect([own.statusCode, own.json().error.message]).toEqual([403, '不能审核本人岗位的留言']);
    expect(await status()).toBe('pending');
    const queue = (await t.call('GET', `${API}/ratings?plaqueId=${x.id}`, { cookie: zb1 })).json() as { items: { id: string; canModerate: boolean }[] };
    expect(queue.items.find((r) => r.id === id)).toMatchObject({ canModerate: false });
    const todos = ((await t.call('GET', '/api/v1/todos', { cookie: zb1 })).json() as { items: { kind: string; entityId: string }[] }).items;
    expect(todos.some((i) => i.kind === 'incentive.commentModeration' && i.entityId === x.id)).toBe(false);
    expect((await t.call('POST', `${API}/ratings/${id}/moderate`, { cookie: dangwei, body: { decision: 'approve' } })).json()).toEqual({ id, commentStatus: 'approved' });
    // Another branch's secretary still may not (out of sight), and a deleted plaque's ratings are out of sight for all.
    expect((await t.call('POST', `${API}/ratings/${id}/moderate`, { cookie: zb2, body: { decision: 'reject' } })).statusCode).toBe(404);
    await t.platform.db.updateTable('incentive_plaques').set({ deleted_at: new Date().toISOString() }).where('id', '=', x.id).execute();
    expect((await t.call('POST', `${API}/ratings/${id}/moderate`, { cookie: dangwei, body: { decision: 'reject' } })).statusCode).toBe(404);
    expect(await status()).toBe('approved');
  });

  it('incentive.manage decides only strictly below its grant: a role holding it at the branch cannot decide the branch\'s plaque', () => {
    const at = (orgPath: string) => ({ tenantId, userId: 'u', grants: [{ tenantId, orgPath, permissions: new Set(['incentive.manage']) }] }) as unknown as Actor;
    const committee = branch1Path.split('/').filter(Boolean).slice(0, 1);
    expect(decidesPlaque(at(branch1Path), { org_path: branch1Path })).toBe(false);
    expect(decidesPlaque(at(`/${committee.join('/')}/`), { org_path: branch1Path })).toBe(true);
    expect(decidesPlaque({ ...at(`/${committee.join('/')}/`), tenantId: 'another' } as Actor, { org_path: branch1Path })).toBe(false);
  });
});
