// 党费 through the API, on the demo community: the worked examples of the brackets as bases, bills from the month
// of joining, payments (several months, in advance, the exact amount, stored once per Idempotency-Key even when sent
// twice at once), branch sums equal to members' payments to the fen, arrears and their 待办 and reminder (once),
// hand-overs and reconciliation, the 公示, the member's own view, scope (another branch's secretary: 404), income
// masked everywhere but the audited reveal, and bad input refused in Chinese with nothing changed.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { sendArrearsReminders } from './alerts.js';

let t: TestApp;
let zb1: string; // 书记 of the first branch: dues.write and dues.sensitive there
let zb2: string; // 书记 of the second branch
let weiyuan: string; // 委员 of the first branch: dues.read only
let dangwei: string; // 党委管理员: everyone
let dy1: string; // a plain member of the first branch
let branch1: string;
let branch2: string;
let memberId: string; // a member of the first branch whose 2026 dues this file sets up from nothing
let joinedOn: string;

const API = '/api/v1/dues';
type Err = { error: { code: string; message: string; fields?: Record<string, string> } };
let keySeq = 0;
const newKey = () => `test-key-${Date.now()}-${++keySeq}`;

const count = async (table: 'dues_bases' | 'dues_bills' | 'dues_payments' | 'dues_handovers') =>
  Number((await t.platform.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const counts = () => Promise.all((['dues_bases', 'dues_bills', 'dues_payments', 'dues_handovers'] as const).map(count));
const grantOrg = async (username: string) => (await t.platform.db.selectFrom('grants as g').innerJoin('users as u', 'u.id', 'g.user_id').select('g.org_id').where('u.username', '=', username).executeTakeFirstOrThrow()).org_id;

async function call(method: 'GET' | 'POST', url: string, cookie: string, body?: unknown, status = 200, headers?: Record<string, string>) {
  const res = await t.call(method, url, { cookie, body, headers });
  expect(res.statusCode, res.body).toBe(status);
  return res;
}
const setBase = (body: Record<string, unknown>, cookie = zb1, status = 200) => call('POST', `${API}/bases`, cookie, { memberId, year: 2026, ...body }, status);
const pay = (body: Record<string, unknown>, key = newKey(), cookie = zb1) => t.call('POST', `${API}/payments`, { cookie, body: { memberId, method: 'cash', paidOn: '2026-11-20', ...body }, headers: { 'idempotency-key': key } });

async function sheet(rows: string[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('党费基数');
  ws.addRow(['姓名', '党支部', '基数类别', '税后月收入或月养老金（元）', '自定月缴金额（元）', '调整原因']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}
function upload(cookie: string, file: Buffer, query: string) {
  const boundary = '----djtest' + Math.random().toString(16).slice(2);
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bases.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
    file, Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({ method: 'POST', url: `${API}/bases/import?${query}`, headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
}

beforeAll(async () => {
  t = await createTestApp();
  [zb1, zb2, weiyuan, dangwei, dy1] = (await Promise.all(['zb1', 'zb2', 'weiyuan', 'dangwei', 'dy1'].map((u) => t.login(u)))) as [string, string, string, string, string];
  [branch1, branch2] = await Promise.all([grantOrg('zb1'), grantOrg('zb2')]);
  const db = t.platform.db;
  // A member of the first branch with no account, a member before 2026: their demo dues are cleared so this file sets them.
  const m = await db.selectFrom('members').select(['id', 'joined_on']).where('branch_id', '=', branch1).where('status', '=', 'active').where('user_id', 'is', null)
    .where('deleted_at', 'is', null).where('joined_on', '<', '2025-01-01').orderBy('id', 'desc').executeTakeFirstOrThrow();
  memberId = m.id;
  joinedOn = m.joined_on;
  await db.deleteFrom('dues_bills').where('member_id', '=', memberId).execute();
  await db.deleteFrom('dues_payments').where('member_id', '=', memberId).execute();
  await db.deleteFrom('dues_bases').where('member_id', '=', memberId).execute();
});
afterAll(async () => t?.close());

describe(`党费 ${dialectLabel()}`, () => {
  it('computes the monthly amount of a base by the brackets: 3200 → 32.00, 5400 → 81.00, a pension, the fixed amount', async () => {
    expect((await setBase({ category: 'employed', income: '3200' })).json()).toMatchObject({ monthlyFen: 3200, computedFen: 3200, income: '****', bracket: '3000 < x ≤ 5000 元，1%' });
    expect((await setBase({ category: 'employed', income: '5400.00' })).json()).toMatchObject({ monthlyFen: 8100, bracket: '5000 < x ≤ 10000 元，1.5%' });
    expect((await setBase({ category: 'retired', income: '2800' })).json()).toMatchObject({ monthlyFen: 1400 });
    expect((await setBase({ category: 'retired', income: '6000' })).json()).toMatchObject({ monthlyFen: 6000 });
    expect((await setBase({ category: 'fixed' })).json()).toMatchObject({ monthlyFen: 20, income: null });
    // A manual amount needs its reason; with it, it is what is billed.
    const refused = (await setBase({ category: 'employed', income: '3200', overrideAmount: '50' }, zb1, 400)).json() as Err;
    expect(refused.error.fields?.overrideReason).toBe('自定月缴金额须填写调整原因（如自愿多缴）');
    expect((await setBase({ category: 'employed', income: '3200', overrideAmount: '50', overrideReason: '自愿多交' })).json()).toMatchObject({ computedFen: 3200, overrideFen: 5000, monthlyFen: 5000 });
    expect((await setBase({ category: 'employed', income: '5432.10' })).json()).toMatchObject({ monthlyFen: 8148, overrideFen: null });
  });

  it('bills the year from the month of joining; generating again adds nothing', async () => {
    const first = (await call('POST', `${API}/bills/generate`, zb1, { year: 2026, orgId: branch1 })).json() as { created: number; missingBases: unknown[] };
    expect(first.created).toBe(12);
    expect(first.missingBases).toEqual([]);
    expect(((await call('POST', `${API}/bills/generate`, zb1, { year: 2026, orgId: branch1 })).json() as { created: number }).created).toBe(0);
    const year = (await call('GET', `${API}/members/${memberId}?year=2026`, zb1)).json() as { bills: { amountFen: number }[]; dueMonths: string[]; advanceMonths: string[]; dueFen: number };
    expect(year.bills).toHaveLength(12);
    expect(year.bills.every((b) => b.amountFen === 8148)).toBe(true);
    // Today is 2026-11-27: January to November are due, December may be paid in advance.
    expect(year.dueMonths).toHaveLength(11);
    expect(year.dueFen).toBe(11 * 8148);
    expect(year.advanceMonths).toEqual(['2026-12']);
  });

  it('refuses bad input in Chinese and changes nothing', async () => {
    const before = await counts();
    const negative = (await pay({ months: ['2026-01'], amountFen: -8148 })).json() as Err;
    expect(negative.error.fields?.amountFen).toBe('缴纳金额：应大于 0');
    const wrong = await pay({ months: ['2026-01', '2026-02'], amountFen: 8148 });
    expect(wrong.statusCode).toBe(400);
    expect((wrong.json() as Err).error.message).toBe('缴纳金额应为 162.96 元（2 个月应缴合计），实填 81.48 元');
    const early = (await pay({ months: [`${Number(joinedOn.slice(0, 4)) - 1}-12`], amountFen: 8148 })).json() as Err;
    expect(early.error.message).toMatch(/早于该党员入党.*不需缴纳党费/);
    const future = (await pay({ months: ['2027-01'], amountFen: 8148 })).json() as Err;
    expect(future.error.message).toBe('2027-01 的党费账单尚未生成，请先登记 2027 年度基数并生成账单');
    const noKey = await t.call('POST', `${API}/payments`, { cookie: zb1, body: { memberId, months: ['2026-01'], amountFen: 8148, method: 'cash', paidOn: '2026-11-20' } });
    expect(noKey.statusCode).toBe(400);
    expect((noKey.json() as Err).error.message).toMatch(/请求编号/);
    const proxy = (await pay({ months: ['2026-01'], amountFen: 8148, method: 'proxy' })).json() as Err;
    expect(proxy.error.fields?.payerName).toBe('代缴须填写代缴人姓名');
    const badIncome = (await setBase({ category: 'employed', income: '-3000' }, zb1, 400)).json() as Err;
    expect(badIncome.error.fields?.income).toBe('税后月收入不能为负数');
    const badHandover = (await call('POST', `${API}/handovers`, zb1, { orgId: branch1, handedOn: '2026-11-20', amountFen: -100 }, 400)).json() as Err;
    expect(badHandover.error.fields?.amountFen).toBe('上缴金额：应大于 0');
    expect(await counts()).toEqual(before);
  });

  it('records several months at once and in advance; a retried payment is stored once; a second payment of a month is refused', async () => {
    const key = newKey();
    const body = { months: ['2026-03', '2026-01', '2026-02'], amountFen: 3 * 8148, method: 'payroll' };
    const first = await pay(body, key);
    expect(first.statusCode, first.body).toBe(201);
    const again = await pay(body, key);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(first.json()).toMatchObject({ months: ['2026-01', '2026-02', '2026-03'], amountFen: 24444, methodName: '工资代扣' });
    // The same key for another payment is not silently answered with the first one.
    expect((await pay({ ...body, amountFen: 1 }, key)).statusCode).toBe(409);
    const twice = await pay({ months: ['2026-03'], amountFen: 8148 });
    expect(twice.statusCode).toBe(409);
    expect((twice.json() as Err).error.message).toBe('2026-03 的党费已缴纳，不能重复登记');
    // December in advance, by someone else for the member.
    const ahead = await pay({ months: ['2026-12'], amountFen: 8148, method: 'proxy', payerName: '家属' });
    expect(ahead.statusCode, ahead.body).toBe(201);
    const payments = await t.platform.db.selectFrom('dues_payments').select('id').where('member_id', '=', memberId).execute();
    expect(payments).toHaveLength(2);
  });

  it('stores a payment sent twice at the same moment once', async () => {
    const key = newKey();
    const body = { months: ['2026-04', '2026-05'], amountFen: 2 * 8148 };
    const [a, b] = await Promise.all([pay(body, key), pay(body, key)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(a.json().id).toBe(b.json().id);
    // Two different payments of the same month at once: one wins, the other is refused.
    const [c, d] = await Promise.all([pay({ months: ['2026-06'], amountFen: 8148 }), pay({ months: ['2026-06'], amountFen: 8148 })]);
    expect([c.statusCode, d.statusCode].sort()).toEqual([201, 409]);
    const rows = await t.platform.db.selectFrom('dues_payments').select(['months']).where('member_id', '=', memberId).execute();
    expect(rows.filter((r) => r.months.includes('2026-04'))).toHaveLength(1);
    expect(rows.filter((r) => r.months.includes('2026-06'))).toHaveLength(1);
  });

  it('records a batch whole or not at all', async () => {
    const before = await counts();
    const bad = await t.call('POST', `${API}/payments/batch`, { cookie: zb1, headers: { 'idempotency-key': newKey() }, body: { items: [
      { memberId, months: ['2026-07'], amountFen: 8148, method: 'payroll', paidOn: '2026-11-20' },
      { memberId, months: ['2026-08'], amountFen: 1, method: 'payroll', paidOn: '2026-11-20' },
    ] } });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as Err).error.message).toBe('第 2 笔：缴纳金额应为 81.48 元（1 个月应缴合计），实填 0.01 元（整批未登记）');
    expect(await counts()).toEqual(before);
    const key = newKey();
    const items = [{ memberId, months: ['2026-07'], amountFen: 8148, method: 'payroll', paidOn: '2026-11-20' }, { memberId, months: ['2026-08'], amountFen: 8148, method: 'payroll', paidOn: '2026-11-20' }];
    expect((await call('POST', `${API}/payments/batch`, zb1, { items }, 200, { 'idempotency-key': key })).json()).toEqual({ created: 2, replayed: 0 });
    expect((await call('POST', `${API}/payments/batch`, zb1, { items }, 200, { 'idempotency-key': key })).json()).toEqual({ created: 0, replayed: 2 });
  });

  it("sums each branch's collection to the fen of its members' payments", async () => {
    const coll = (await call('GET', `${API}/collection?year=2026`, dangwei)).json() as { branches: { orgId: string; receivedFen: number; paidFen: number; dueFen: number }[]; totals: { receivedFen: number; dueFen: number } };
    expect(coll.branches.length).toBeGreaterThanOrEqual(4);
    const rows = await t.platform.db.selectFrom('dues_payments').select(['branch_id', 'amount_fen', 'paid_on']).execute();
    for (const b of coll.branches) {
      const sum = rows.filter((r) => r.branch_id === b.orgId && r.paid_on.startsWith('2026')).reduce((s, r) => s + r.amount_fen, 0);
      expect(b.receivedFen).toBe(sum);
      const listed = (await call('GET', `${API}/payments?year=2026&orgId=${b.orgId}&pageSize=1`, dangwei)).json() as { totalFen: number };
      expect(listed.totalFen).toBe(sum);
      // Every demo payment covers months of 2026, so what the bills say was paid is what was received.
      expect(b.paidFen).toBe(sum);
    }
    expect(coll.totals.receivedFen).toBe(coll.branches.reduce((s, b) => s + b.receivedFen, 0));
    // A secretary sees their own branch only.
    const own = (await call('GET', `${API}/collection?year=2026`, zb2)).json() as { branches: { orgId: string }[] };
    expect(own.branches.map((b) => b.orgId)).toEqual([branch2]);
  });

  it('lists arrears, warns the secretary at 3 months and seriously at 6, and sends the reminder once', async () => {
    const list = (await call('GET', `${API}/arrears?minMonths=3`, zb2)).json() as { items: { memberId: string; monthCount: number; level: string; orgId: string }[] };
    expect(list.items.length).toBeGreaterThanOrEqual(1);
    expect(list.items.every((i) => i.orgId === branch2)).toBe(true);
    const serious = list.items.find((i) => i.level === 'serious')!;
    expect(serious.monthCount).toBeGreaterThanOrEqual(6);
    const todos = (await call('GET', '/api/v1/todos', zb2)).json() as { items: { kind: string; entityId: string; title: string }[] };
    expect(todos.items.find((i) => i.kind === 'dues.arrearsSerious' && i.entityId === serious.memberId)?.title).toMatch(/^连续 7 个月未交党费/);
    const warn = (await call('GET', '/api/v1/todos', zb1)).json() as { items: { kind: string; title: string }[] };
    expect(warn.items.some((i) => i.kind === 'dues.arrears' && /^欠交党费 4 个月/.test(i.title))).toBe(true);
    // The committee's staff read the list; the 待办 is the secretaries'.
    expect(((await call('GET', '/api/v1/todos', dangwei)).json() as { items: { kind: string }[] }).items.some((i) => i.kind.startsWith('dues.'))).toBe(false);
    const tenantId = (await t.platform.db.selectFrom('organisations').select('tenant_id').where('id', '=', branch1).executeTakeFirstOrThrow()).tenant_id;
    const sent = await sendArrearsReminders(t.platform, t.platform.db, tenantId, t.clock.now());
    expect(sent).toBeGreaterThanOrEqual(2);
    expect(await sendArrearsReminders(t.platform, t.platform.db, tenantId, t.clock.now())).toBe(0);
    const inbox = (await call('GET', '/api/v1/notifications', zb2)).json() as { items: { kind: string; title: string }[] };
    expect(inbox.items.filter((i) => i.kind === 'dues.arrearsSerious')).toHaveLength(1);
  });

  it('records hand-overs and flags a difference in the reconciliation', async () => {
    const before = (await call('GET', `${API}/reconciliation?year=2026`, zb1)).json() as { branches: { orgId: string; receivedFen: number; handedFen: number; differenceFen: number; flagged: boolean }[] };
    const mine = before.branches.find((b) => b.orgId === branch1)!;
    expect(mine.differenceFen).toBe(mine.receivedFen - mine.handedFen);
    expect(mine.flagged).toBe(mine.differenceFen !== 0);
    await call('POST', `${API}/handovers`, zb1, { orgId: branch1, handedOn: '2026-11-25', amountFen: mine.differenceFen, note: '第四季度（部分）' }, 201);
    const after = (await call('GET', `${API}/reconciliation?year=2026`, zb1)).json() as typeof before;
    expect(after.branches.find((b) => b.orgId === branch1)).toMatchObject({ differenceFen: 0, flagged: false });
    // Another branch's secretary cannot hand over for it, nor see it.
    expect((await t.call('POST', `${API}/handovers`, { cookie: zb2, body: { orgId: branch1, handedOn: '2026-11-25', amountFen: 100 } })).statusCode).toBe(404);
    expect((await t.call('POST', `${API}/handovers`, { cookie: weiyuan, body: { orgId: branch1, handedOn: '2026-11-25', amountFen: 100 } })).statusCode).toBe(403);
  });

  it("keeps another branch's secretary out (404) and lets a reader without dues.write only read (403)", async () => {
    const base = (await t.platform.db.selectFrom('dues_bases').select('id').where('member_id', '=', memberId).executeTakeFirstOrThrow()).id;
    const payment = (await t.platform.db.selectFrom('dues_payments').select('id').where('member_id', '=', memberId).executeTakeFirstOrThrow()).id;
    // Replaying someone else's request key answers nothing of their payment.
    const key = newKey();
    expect((await pay({ months: ['2026-09'], amountFen: 8148 }, key)).statusCode).toBe(201);
    const replay = await pay({ months: ['2026-09'], amountFen: 8148 }, key, zb2);
    expect(replay.statusCode).toBe(409);
    expect(replay.body).not.toContain(memberId);
    const before = await counts();
    expect((await t.call('POST', `${API}/bases/${base}/reveal`, { cookie: zb2 })).statusCode).toBe(404);
    expect((await t.call('GET', `${API}/members/${memberId}?year=2026`, { cookie: zb2 })).statusCode).toBe(404);
    expect((await t.call('GET', `${API}/payments/${payment}`, { cookie: zb2 })).statusCode).toBe(404);
    expect((await setBase({ category: 'fixed' }, zb2, 404)).json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect((await pay({ months: ['2026-10'], amountFen: 8148 }, newKey(), zb2)).statusCode).toBe(404);
    expect((await t.call('GET', `${API}/bases?year=2026&orgId=${branch1}`, { cookie: zb2 })).statusCode).toBe(404);
    const list = (await call('GET', `${API}/bases?year=2026&pageSize=200`, zb2)).json() as { items: { memberId: string; orgId: string }[] };
    expect(list.items.every((i) => i.orgId === branch2)).toBe(true);
    // The 委员 reads the branch's dues but neither keeps them nor reads income.
    expect((await t.call('GET', `${API}/members/${memberId}?year=2026`, { cookie: weiyuan })).statusCode).toBe(200);
    expect((await pay({ months: ['2026-10'], amountFen: 8148 }, newKey(), weiyuan)).statusCode).toBe(403);
    expect((await t.call('POST', `${API}/bases/${base}/reveal`, { cookie: weiyuan })).statusCode).toBe(403);
    // A plain member has no module access.
    expect((await t.call('GET', `${API}/bases?year=2026`, { cookie: dy1 })).statusCode).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('never shows income in a list, an export or the 公示; the clear value is an audited POST', async () => {
    const texts: string[] = [];
    texts.push((await call('GET', `${API}/bases?year=2026&pageSize=200&orgId=${branch1}`, zb1)).body);
    const x = await call('GET', `${API}/bases?year=2026&format=xlsx&orgId=${branch1}`, zb1);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    book.worksheets[0]!.eachRow((row) => texts.push(JSON.stringify(row.values)));
    const pub = await call('GET', `${API}/publicity?year=2026&orgId=${branch1}`, zb1);
    const pubBook = new ExcelJS.Workbook();
    await pubBook.xlsx.load(pub.rawPayload as unknown as ArrayBuffer);
    pubBook.worksheets[0]!.eachRow((row) => texts.push(JSON.stringify(row.values)));
    const all = texts.join('\n');
    expect(all).toContain('****');
    expect(all).not.toContain('5432.10');
    expect(all).not.toContain('543210');
    const docx = await call('GET', `${API}/publicity?year=2026&orgId=${branch1}&format=docx`, zb1);
    expect(docx.headers['content-type']).toMatch(/wordprocessingml/);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');

    const base = (await t.platform.db.selectFrom('dues_bases').select('id').where('member_id', '=', memberId).executeTakeFirstOrThrow()).id;
    const auditBefore = await t.platform.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'sensitive.view').where('entity', '=', 'duesBase').executeTakeFirstOrThrow();
    expect((await call('POST', `${API}/bases/${base}/reveal`, zb1)).json()).toEqual({ id: base, income: '5432.10' });
    const auditAfter = await t.platform.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'sensitive.view').where('entity', '=', 'duesBase').executeTakeFirstOrThrow();
    expect(Number(auditAfter.n)).toBe(Number(auditBefore.n) + 1);
    // Nor does the audit log keep it (the auditor reads the log).
    const logged = await t.platform.db.selectFrom('audit_log').select(['before', 'after']).where('entity', '=', 'duesBase').execute();
    expect(JSON.stringify(logged)).not.toContain('543210');
  });

  it('imports bases from payroll all or nothing, reports rows in Chinese, and changes nothing the second time', async () => {
    const names = await t.platform.db.selectFrom('members as m').innerJoin('staff as s', (j) => j.onRef('s.tenant_id', '=', 'm.tenant_id').onRef('s.id', '=', 'm.staff_id'))
      .select(['m.id', 's.name']).where('m.branch_id', '=', branch1).where('m.status', '=', 'active').where('m.deleted_at', 'is', null).where('m.joined_on', '<', '2026-01-01').orderBy('m.id').limit(40).execute();
    const unique = names.filter((n) => names.filter((x) => x.name === n.name).length === 1).slice(0, 2);
    const before = await counts();
    const bad = (await upload(zb1, await sheet([[unique[0]!.name, '', '在职', '6000'], ['查无此人', '', '在职', '5000'], [unique[1]!.name, '', '离退休', '12.345']]), 'year=2027&dryRun=false')).json() as { committed: boolean; problems: { row: number; column: string; message: string }[] };
    expect(bad.committed).toBe(false);
    expect(bad.problems).toEqual([
      { row: 3, column: '姓名', message: '没有名为“查无此人”的党员，或不在您的管理范围内' },
      { row: 4, column: '税后月收入或月养老金（元）', message: '月养老金最多保留两位小数（精确到分）' },
    ]);
    expect(await counts()).toEqual(before);
    const file = await sheet([[unique[0]!.name, '', '在职', '6000'], [unique[1]!.name, '', '离退休', '3000.50']]);
    expect((await upload(zb1, file, 'year=2027&dryRun=false')).json()).toMatchObject({ committed: true, created: 2, updated: 0, problems: [] });
    expect((await upload(zb1, file, 'year=2027&dryRun=false')).json()).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: 2 });
    const stored = await t.platform.db.selectFrom('dues_bases').select(['member_id', 'monthly_fen']).where('year', '=', 2027).execute();
    expect(stored.find((b) => b.member_id === unique[0]!.id)?.monthly_fen).toBe(9000);
    expect(stored.find((b) => b.member_id === unique[1]!.id)?.monthly_fen).toBe(1500);
    // Another branch's secretary cannot import them: the names are outside their scope.
    const other = (await upload(zb2, file, 'year=2027&dryRun=true')).json() as { problems: { message: string }[] };
    expect(other.problems[0]?.message).toMatch(/不在您的管理范围内/);
  });

  it("shows a member their own dues on their phone's view", async () => {
    const me = (await call('GET', `${API}/me`, dy1)).json() as { linked: boolean; year: number; monthlyFen: number; paidMonths: number; dueMonths: string[]; bills: unknown[] };
    expect(me.linked).toBe(true);
    expect(me.year).toBe(2026);
    expect(me.monthlyFen).toBeGreaterThan(0);
    expect(me.paidMonths + me.dueMonths.length).toBeLessThanOrEqual(me.bills.length);
    // An account that is no member has no dues of its own.
    expect((await call('GET', `${API}/me`, dangwei)).json()).toMatchObject({ linked: false, bills: [], dueFen: 0 });
  });

  it('exposes the collection rate and the members in arrears as metrics', async () => {
    const tenantId = (await t.platform.db.selectFrom('organisations').select('tenant_id').where('id', '=', branch2).executeTakeFirstOrThrow()).tenant_id;
    const ctx = { db: t.platform.db, dialect: t.platform.data.dialect, tenantId, period: { from: '2026-01-01', to: '2026-11-30' }, targetIds: [branch2] };
    const rate = (await t.platform.metrics.compute('dues.collectionRate', ctx)).get(branch2)!;
    expect(rate).toBeGreaterThan(80);
    expect(rate).toBeLessThan(100);
    expect((await t.platform.metrics.compute('dues.membersInArrears', ctx)).get(branch2)).toBeGreaterThanOrEqual(1);
  });
});
