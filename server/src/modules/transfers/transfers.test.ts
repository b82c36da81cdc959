// 组织关系转接 through the API: between branches (the receiving branch confirms, the member moves, history shows each
// step), to another committee on the same server (its 待办 and 转入 list; the record created there, the sender's leaves;
// neither committee sees the other's row), out with an introduction letter (number, validity, Word, the overdue
// warning, the receipt) and in from outside; withdrawing one that waits (转接中 cleared, the other committee's row too);
// bad input refused in Chinese with nothing changed, scope refusals and racing confirmations and withdrawals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { membersUnder } from '../members/index.js';
import { checkDigit } from '../people/idNumber.js';
import { otherCommittee, type OtherCommittee } from './testing.js';
import { TRANSFER_RULES } from './settings.js';
import { unzip } from '../../test/unzip.js';

let t: TestApp;
let tenantId: string;
let zb1: string; // 书记, 机关第一党支部
let zb2: string; // 书记, 机关第二党支部
let zb3: string; // 书记, 物业第一党支部
let dangwei: string; // 党委管理员
let dy1: string; // a plain member: no transfer.write
let branch1: string;
let branch2: string;
let members1: string[];
let other: OtherCommittee;

const API = '/api/v1/transfers';
type View = { id: string; status: string; scope: string; direction: string; memberId: string | null; memberName: string; letterNo: string | null; validUntil: string | null; expired: boolean; actions: string[]; toOrgName: string | null; counterpart: string };
type Body = Record<string, unknown>;
const call = async (method: 'GET' | 'POST', path: string, cookie: string, body?: Body) => t.call(method, `${API}${path}`, { cookie, ...(body ? { body } : {}) });
const ok = async (method: 'GET' | 'POST', path: string, cookie: string, body?: Body, status = 200) => {
  const res = await call(method, path, cookie, body);
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as View;
};
const refused = async (method: 'GET' | 'POST', path: string, cookie: string, body: Body | undefined, status: number, text?: string) => {
  const res = await call(method, path, cookie, body);
  expect(res.statusCode, res.body).toBe(status);
  if (text) expect(res.body).toContain(text);
};
const rows = async () => Number((await t.platform.db.selectFrom('transfers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const events = async () => Number((await t.platform.db.selectFrom('member_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const member = async (id: string) => t.platform.db.selectFrom('members').select(['branch_id', 'status', 'tenant_id']).where('id', '=', id).executeTakeFirstOrThrow();
/** What the member page shows: 转接中 since when (null when no transfer waits). */
const transferSince = async (id: string, cookie = dangwei) => ((await t.call('GET', `/api/v1/members/${id}`, { cookie })).json() as { transferSince: string | null }).transferSince;
const history = async (id: string, cookie = dangwei) => ((await t.call('GET', `/api/v1/members/${id}/history`, { cookie })).json() as { items: { kind: string; after: Record<string, unknown> | null }[] }).items;
const todos = async (cookie: string) => ((await t.call('GET', '/api/v1/todos', { cookie })).json() as { items: { kind: string; entityId: string; title: string }[] }).items;
const docText = (buf: Buffer) => unzip(buf).get('word/document.xml')!.toString('utf8').replace(/<[^>]+>/g, '');
let next = 0;
const freeMember = () => members1[next++]!;

beforeAll(async () => {
  t = await createTestApp();
  [zb1, zb2, zb3, dangwei, dy1] = (await Promise.all(['zb1', 'zb2', 'zb3', 'dangwei', 'dy1'].map((u) => t.login(u)))) as [string, string, string, string, string];
  branch1 = await t.orgId('机关第一党支部');
  branch2 = await t.orgId('机关第二党支部');
  const org = await t.platform.db.selectFrom('organisations').select(['tenant_id', 'path']).where('id', '=', branch1).executeTakeFirstOrThrow();
  tenantId = org.tenant_id;
  // Members of branch 1 not already in a transfer (the demo has some).
  const busy = new Set((await t.platform.db.selectFrom('transfers').select('member_id').where('status', '=', 'pending').execute()).map((r) => r.member_id));
  members1 = (await membersUnder(t.platform.db, tenantId, org.path, { status: 'active' })).map((m) => m.id).filter((id) => !busy.has(id));
  other = await otherCommittee(t, '兄弟社区党委', 'xiongdi');
});
afterAll(async () => t?.close());

describe(`组织关系转接: between branches of the committee ${dialectLabel()}`, () => {
  it('the sending branch starts it, the member stays until the receiving branch confirms, then moves; history shows each step', async () => {
    const id = freeMember();
    const v = await ok('POST', '', zb1, { memberId: id, scope: 'internal', toBranchId: branch2, reason: '工作调动到第二党支部' }, 201);
    expect(v).toMatchObject({ status: 'pending', scope: 'internal', toOrgName: '机关第二党支部', actions: ['withdraw'] });
    expect((await member(id)).branch_id).toBe(branch1); // 转接中: still the sending branch's
    expect(await transferSince(id, zb1)).toBe('2026-11-27');
    expect((await ok('GET', `?direction=out`, zb1) as unknown as { items: View[] }).items.map((x) => x.id)).toContain(v.id);
    // The name filter matches part of a name; % and _ are letters, not wildcards (nobody's name holds them).
    const named = async (keyword: string) => (await ok('GET', `?direction=out&keyword=${encodeURIComponent(keyword)}`, zb1) as unknown as { items: View[] }).items.map((x) => x.id);
    expect(await named(v.memberName.slice(1))).toContain(v.id);
    expect(await named('%')).toEqual([]);
    expect(await named('_')).toEqual([]);
    const incoming = (await ok('GET', `?direction=in`, zb2) as unknown as { items: View[] }).items.find((x) => x.id === v.id);
    expect(incoming?.actions).toEqual(['confirm']);
    expect((await todos(zb2)).some((x) => x.kind === 'transfer.confirm' && x.entityId === v.id)).toBe(true);

    await refused('POST', `/${v.id}/confirm`, zb1, {}, 403, '接收党支部');
    await refused('GET', `/${v.id}`, zb3, undefined, 404);
    await refused('POST', `/${v.id}/confirm`, zb3, {}, 404);
    await refused('GET', `/${v.id}`, dy1, undefined, 403);

    const done = await ok('POST', `/${v.id}/confirm`, zb2, { receivedOn: '2026-11-27' });
    expect(done.status).toBe('received');
    expect((await member(id)).branch_id).toBe(branch2);
    expect(await transferSince(id, zb2)).toBeNull();
    const kinds = (await history(id)).map((e) => e.kind);
    expect(kinds.slice(0, 2)).toEqual(['transferIn', 'transfer']);

    const before = [await rows(), await events()];
    await refused('POST', `/${v.id}/confirm`, zb2, {}, 409, '不能重复办理');
    expect([await rows(), await events()]).toEqual(before);
  });

  it('bad input is refused in Chinese and changes nothing', async () => {
    const id = freeMember();
    const before = [await rows(), await events()];
    await refused('POST', '', zb1, { memberId: 'no-such-member', scope: 'internal', toBranchId: branch2, reason: '调动' }, 404, '党员不存在');
    await refused('POST', '', zb1, { memberId: id, scope: 'internal', toBranchId: branch1, reason: '调动' }, 400, '不能是该党员现在的党支部');
    await refused('POST', '', zb1, { memberId: id, scope: 'internal', reason: '调动' }, 400, '请选择接收党支部');
    await refused('POST', '', zb1, { memberId: id, scope: 'external', destination: '某市某区委组织部', duesPaidTo: '2026-11', validityMonths: 4, reason: '随迁' }, 400, '介绍信有效期应为 3 个月（跨省 6 个月）');
    await refused('POST', '', zb1, { memberId: id, scope: 'external', destination: '某市某区委组织部', duesPaidTo: '2026-13', validityMonths: 3, reason: '随迁' }, 400, 'YYYY-MM');
    await refused('POST', '', zb1, { memberId: id, scope: 'server', toTenantId: tenantId, reason: '随迁' }, 400, '其他党委');
    await refused('POST', '', zb3, { memberId: id, scope: 'internal', toBranchId: branch2, reason: '调动' }, 404); // not zb3's member
    expect([await rows(), await events()]).toEqual(before);

    await ok('POST', '', zb1, { memberId: id, scope: 'internal', toBranchId: branch2, reason: '调动' }, 201);
    const mid = [await rows(), await events()];
    await refused('POST', '', dangwei, { memberId: id, scope: 'external', destination: '某市某区委组织部', duesPaidTo: '2026-11', validityMonths: 3, reason: '随迁' }, 409, '已有未完成的组织关系转接');
    expect([await rows(), await events()]).toEqual(mid);
  });

  it('two confirmations at once: one wins, the other gets a clear 409', async () => {
    const id = freeMember();
    const v = await ok('POST', '', zb1, { memberId: id, scope: 'internal', toBranchId: branch2, reason: '调动' }, 201);
    const res = await Promise.all([call('POST', `/${v.id}/confirm`, zb2, {}), call('POST', `/${v.id}/confirm`, dangwei, {})]);
    expect(res.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(res.find((r) => r.statusCode === 409)!.body).toContain('不能重复办理');
    expect((await history(id)).filter((e) => e.kind === 'transferIn')).toHaveLength(1);
  });
});

describe(`组织关系转接: out with an introduction letter, in from outside ${dialectLabel()}`, () => {
  it('numbers the letter per year, prints it, warns when it expires unreceived, and the receipt ends the membership here', async () => {
    const [a, b] = [freeMember(), freeMember()];
    const first = await ok('POST', '', zb1, { memberId: a, scope: 'external', destination: '中共某省某市某区委组织部', duesPaidTo: '2026-11', validityMonths: 6, reason: '随配偶迁居外省' }, 201);
    // Started in August with three months' validity: by today (2026-11-27) it has expired unreceived.
    const second = await ok('POST', '', dangwei, { memberId: b, scope: 'external', destination: '中共某市某街道工委', duesPaidTo: '2026-07', validityMonths: 3, startedOn: '2026-08-03', reason: '工作调动' }, 201);
    expect(first.letterNo).toMatch(/^2026-\d{3}$/);
    expect(Number(second.letterNo!.slice(5))).toBe(Number(first.letterNo!.slice(5)) + 1);
    expect(second.validUntil).toBe('2026-11-03');
    expect(first.validUntil).toBe('2027-05-27');
    expect(first.expired).toBe(false);
    expect(second.actions).toEqual(['receipt', 'letter', 'withdraw']);

    const letter = await t.call('GET', `${API}/${second.id}/letter`, { cookie: zb1 });
    expect(letter.statusCode).toBe(200);
    expect(letter.headers['content-type']).toContain('wordprocessingml');
    const text = docText(letter.rawPayload);
    expect(text).toContain(`编号：${second.letterNo}`);
    expect(text).toContain('中共某市某街道工委：');
    expect(text).toContain(`${second.memberName}同志`);
    expect(text).toContain('由机关第一党支部转去你处');
    expect(text).toContain('党费已交到2026年7月');
    expect(text).toContain('有效期 3 个月（至2026年11月3日）');
    expect(text).toContain('回    执');
    // The 身份证号 in clear for a secretary holding member.sensitive (audited); masked for a custom role without it.
    const idNumber = await t.platform.db.selectFrom('members as m').innerJoin('staff as s', (j) => j.onRef('s.tenant_id', '=', 'm.tenant_id').onRef('s.id', '=', 'm.staff_id'))
      .select('s.id_number_enc').where('m.id', '=', b).executeTakeFirstOrThrow();
    const clear = t.platform.fieldCrypto.decrypt(idNumber.id_number_enc);
    expect(text).toContain(clear);
    const views = await t.platform.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'sensitive.view').where('entity_id', '=', b).execute();
    expect(views.length).toBeGreaterThan(0);
    await refused('GET', `/${second.id}/letter`, zb3, undefined, 404);

    // Past the validity without a receipt: a warning in the sender's 待办, the list says so.
    const warn = (await todos(zb1)).filter((x) => x.kind === 'transfer.letterExpired');
    expect(warn.map((x) => x.entityId)).toEqual([second.id]);
    expect((await ok('GET', `/${second.id}`, zb1)).expired).toBe(true);

    await refused('POST', `/${second.id}/receipt`, zb1, { receiptOn: '2026-08-01' }, 400, '不能早于转出日期');
    await refused('POST', `/${second.id}/receipt`, zb3, { receiptOn: '2026-11-20' }, 404);
    const done = await ok('POST', `/${second.id}/receipt`, zb1, { receiptOn: '2026-11-20' });
    expect(done).toMatchObject({ status: 'received', expired: false });
    expect((await member(b)).status).toBe('transferredOut');
    expect((await history(b)).map((e) => e.kind).slice(0, 2)).toEqual(['transferOut', 'transfer']);
    await refused('POST', `/${second.id}/receipt`, zb1, { receiptOn: '2026-11-20' }, 409);
  });

  it('the letter validity follows the 业务规则 setting', async () => {
    await t.platform.settings.set(t.platform.db, tenantId, TRANSFER_RULES, { validityMonths: 2, crossProvinceValidityMonths: 4 });
    const id = freeMember();
    await refused('POST', '', zb1, { memberId: id, scope: 'external', destination: '某区委组织部', duesPaidTo: '2026-11', validityMonths: 3, reason: '随迁' }, 400, '应为 2 个月（跨省 4 个月）');
    await t.platform.settings.set(t.platform.db, tenantId, TRANSFER_RULES, TRANSFER_RULES.defaults);
  });

  it('a member arriving from outside with a letter is recorded and created in the branch, with history', async () => {
    const unit = await t.platform.db.selectFrom('units').select('id').where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
    const body = {
      name: '林晓岚', gender: 'female', birthDate: '1990-03-07', idNumber: `11010519900307002${checkDigit('11010519900307002')}`, employment: 'active', unitId: unit.id,
      type: 'full', joinedOn: '2015-06-30', confirmedOn: '2016-06-30', branchId: branch1, origin: '中共某县某镇委员会', letterNo: '某组字〔2026〕18号',
      duesPaidTo: '2026-10', receivedOn: '2026-11-20',
    };
    const before = [await rows(), await events()];
    await refused('POST', '/incoming', zb3, body, 400, '不在您的管理范围内');
    await refused('POST', '/incoming', zb1, { ...body, idNumber: `11010519900307002${checkDigit('11010519900307002') === '1' ? '2' : '1'}` }, 400);
    expect([await rows(), await events()]).toEqual(before);
    const v = await ok('POST', '/incoming', zb1, body, 201);
    expect(v).toMatchObject({ direction: 'in', scope: 'external', status: 'received', counterpart: '中共某县某镇委员会' });
    expect(await member(v.memberId!)).toMatchObject({ branch_id: branch1, status: 'active' });
    expect((await history(v.memberId!)).map((e) => e.kind)).toEqual(['transferIn']);
    await refused('POST', '/incoming', zb1, body, 409, '已在本委名册中');
  });
});

describe(`组织关系转接: to another committee on the same server ${dialectLabel()}`, () => {
  it('the receiving committee sees it in its 待办 and 转入 list, confirms it, and each side sees only its own row', async () => {
    const id = freeMember();
    const committees = (await ok('GET', '/committees', zb1)) as unknown as { items: { id: string; name: string }[] };
    expect(committees.items).toEqual([{ id: other.tenantId, name: '兄弟社区党委' }]);
    const out = await ok('POST', '', zb1, { memberId: id, scope: 'server', toTenantId: other.tenantId, reason: '随子女迁居' }, 201);
    expect(out).toMatchObject({ status: 'pending', counterpart: '兄弟社区党委', actions: ['withdraw'] });
    await refused('POST', `/${out.id}/confirm`, zb1, {}, 403, '对方党委');

    const theirs = ((await ok('GET', '?direction=in', other.cookie)) as unknown as { items: View[] }).items;
    expect(theirs).toHaveLength(1);
    const incoming = theirs[0]!;
    expect(incoming).toMatchObject({ memberName: out.memberName, status: 'pending', actions: ['confirm'] });
    expect((await todos(other.cookie)).map((x) => x.entityId)).toContain(incoming.id);
    // Neither committee reaches the other's row.
    await refused('GET', `/${out.id}`, other.cookie, undefined, 404);
    await refused('GET', `/${incoming.id}`, dangwei, undefined, 404);
    expect(((await ok('GET', '?direction=in', dangwei)) as unknown as { items: View[] }).items.map((x) => x.id)).not.toContain(incoming.id);

    // The sending committee's roster lists the member (转接中) until the other committee receives them.
    const rosterStatus = async () => ((await t.call('GET', `/api/v1/members?keyword=${encodeURIComponent(out.memberName)}&pageSize=100`, { cookie: dangwei })).json() as { items: { id: string; status: string }[] }).items.find((m) => m.id === id)?.status;
    expect(await rosterStatus()).toBe('active');
    const before = [await rows(), await events()];
    await refused('POST', `/${incoming.id}/confirm`, other.cookie, { branchId: other.branchId }, 400, '请选择所在单位');
    expect([await rows(), await events()]).toEqual(before);
    const done = await ok('POST', `/${incoming.id}/confirm`, other.cookie, { branchId: other.branchId, unitId: other.unitId, receivedOn: '2026-11-27' });
    expect(done).toMatchObject({ status: 'received', toOrgName: '第一党支部' });
    expect(await member(done.memberId!)).toMatchObject({ tenant_id: other.tenantId, branch_id: other.branchId, status: 'active' });
    expect((await member(id)).status).toBe('transferredOut');
    // Written by the other committee's account, yet the sending roster's kept page is read again: the member has left.
    expect(await rosterStatus()).toBe('transferredOut');
    expect((await ok('GET', `/${out.id}`, zb1)).status).toBe('received');
    expect((await history(id)).map((e) => e.kind).slice(0, 2)).toEqual(['transferOut', 'transfer']);
    expect((await history(done.memberId!, other.cookie)).map((e) => e.kind)).toEqual(['transferIn']);
    await refused('POST', `/${incoming.id}/confirm`, other.cookie, { branchId: other.branchId, unitId: other.unitId }, 409);
    // Each committee's audit chain holds its own side.
    const chain = await t.platform.audit.verify();
    expect(chain.ok).toBe(true);
  });
});

describe(`组织关系转接: withdrawn by the sending side while it waits ${dialectLabel()}`, () => {
  it('an internal transfer: the member stays and is no longer 转接中, the receiving branch can no longer confirm, the history says so', async () => {
    const id = freeMember();
    const v = await ok('POST', '', zb1, { memberId: id, scope: 'internal', toBranchId: branch2, reason: '工作调动' }, 201);
    expect(await transferSince(id)).toBe('2026-11-27');
    // Only the sending side withdraws: the receiving branch is refused (403), another branch does not see it (404).
    await refused('POST', `/${v.id}/withdraw`, zb2, { reason: '不再调动' }, 403, '转出党支部或党委');
    await refused('POST', `/${v.id}/withdraw`, zb3, { reason: '不再调动' }, 404);
    await refused('POST', `/${v.id}/withdraw`, dy1, { reason: '不再调动' }, 403);
    const before = [await rows(), await events()];
    await refused('POST', `/${v.id}/withdraw`, zb1, { reason: '' }, 400, '请填写撤回原因');
    await refused('POST', `/${v.id}/withdraw`, zb1, { reason: '不再调动', withdrawnOn: '2026-11-26' }, 400, '不能早于转出日期');
    await refused('POST', `/${v.id}/withdraw`, zb1, { reason: '不再调动', withdrawnOn: '2026-11-28' }, 400, '不能晚于今天');
    expect([await rows(), await events()]).toEqual(before);
    expect((await ok('GET', `/${v.id}`, zb1)).status).toBe('pending');

    const done = await ok('POST', `/${v.id}/withdraw`, zb1, { reason: '调动取消，留在原党支部' });
    expect(done).toMatchObject({ status: 'withdrawn', withdrawnOn: '2026-11-27', withdrawReason: '调动取消，留在原党支部', actions: [] });
    expect(await member(id)).toMatchObject({ branch_id: branch1, status: 'active' });
    expect(await transferSince(id)).toBeNull();
    const last = (await history(id))[0]!;
    expect(last.kind).toBe('transfer');
    expect(last.after).toMatchObject({ step: '转出方撤回转接', counterpart: '机关第二党支部' });
    expect((await todos(zb2)).some((x) => x.entityId === v.id)).toBe(false);
    await refused('POST', `/${v.id}/confirm`, zb2, {}, 409, '已被转出方撤回');
    await refused('POST', `/${v.id}/withdraw`, zb1, { reason: '再撤一次' }, 409, '已被转出方撤回');
    // The member may be transferred again afterwards (the open-transfer rule counts only transfers that wait).
    await ok('POST', '', zb1, { memberId: id, scope: 'internal', toBranchId: branch2, reason: '重新办理调动' }, 201);
  });

  it('a letter withdrawn is void: no receipt, no download, and its number is not given again', async () => {
    const id = freeMember();
    const v = await ok('POST', '', zb1, { memberId: id, scope: 'external', destination: '中共某市某区委组织部', duesPaidTo: '2026-11', validityMonths: 3, reason: '随迁' }, 201);
    await ok('POST', `/${v.id}/withdraw`, dangwei, { reason: '本人决定暂不迁居' });
    await refused('POST', `/${v.id}/receipt`, zb1, { receiptOn: '2026-11-27' }, 409, '已被转出方撤回');
    await refused('GET', `/${v.id}/letter`, zb1, undefined, 403);
    const nextOne = await ok('POST', '', zb1, { memberId: freeMember(), scope: 'external', destination: '中共某县委组织部', duesPaidTo: '2026-11', validityMonths: 3, reason: '工作调动' }, 201);
    expect(Number(nextOne.letterNo!.slice(5))).toBe(Number(v.letterNo!.slice(5)) + 1);
  });

  it('a transfer to another committee: withdrawn on both sides, gone from their 待办, and their confirmation refused', async () => {
    const id = freeMember();
    const out = await ok('POST', '', zb1, { memberId: id, scope: 'server', toTenantId: other.tenantId, reason: '随子女迁居' }, 201);
    const incoming = ((await ok('GET', '?direction=in&status=pending', other.cookie)) as unknown as { items: View[] }).items.find((x) => x.memberName === out.memberName)!;
    expect(incoming.actions).toEqual(['confirm']);
    await refused('POST', `/${incoming.id}/withdraw`, other.cookie, { reason: '不接收' }, 403);
    await ok('POST', `/${out.id}/withdraw`, zb1, { reason: '子女工作变动，暂不迁居' });
    expect((await ok('GET', `/${incoming.id}`, other.cookie)).status).toBe('withdrawn');
    expect((await todos(other.cookie)).some((x) => x.entityId === incoming.id)).toBe(false);
    const before = [await rows(), await events()];
    await refused('POST', `/${incoming.id}/confirm`, other.cookie, { branchId: other.branchId, unitId: other.unitId }, 409, '已被转出方撤回');
    expect([await rows(), await events()]).toEqual(before);
    expect(await member(id)).toMatchObject({ status: 'active', branch_id: branch1 });
    const chain = await t.platform.audit.verify();
    expect(chain.ok).toBe(true);
  });

  it('a withdrawal and a confirmation at once: exactly one happens, the other gets a clear 409', async () => {
    for (const scope of ['internal', 'server'] as const) {
      const id = freeMember();
      const out = await ok('POST', '', zb1, { memberId: id, scope, ...(scope === 'internal' ? { toBranchId: branch2 } : { toTenantId: other.tenantId }), reason: '调动' }, 201);
      const confirmId = scope === 'internal' ? out.id
        : ((await ok('GET', '?direction=in&status=pending', other.cookie)) as unknown as { items: View[] }).items.find((x) => x.memberName === out.memberName)!.id;
      const confirmBody = scope === 'internal' ? {} : { branchId: other.branchId, unitId: other.unitId };
      const res = await Promise.all([
        call('POST', `/${out.id}/withdraw`, zb1, { reason: '调动取消' }),
        call('POST', `/${confirmId}/confirm`, scope === 'internal' ? zb2 : other.cookie, confirmBody),
      ]);
      expect(res.map((r) => r.statusCode).sort(), res.map((r) => r.body).join('\n')).toEqual([200, 409]);
      const after = await ok('GET', `/${out.id}`, zb1);
      const m = await member(id);
      if (res[0]!.statusCode === 200) {
        expect(after.status).toBe('withdrawn');
        expect(m).toMatchObject({ branch_id: branch1, status: 'active' });
      } else {
        expect(after.status).toBe('received');
        expect(scope === 'internal' ? m.branch_id : m.status).toBe(scope === 'internal' ? branch2 : 'transferredOut');
      }
    }
  });
});
