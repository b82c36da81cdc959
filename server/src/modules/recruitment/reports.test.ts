// 发展党员's yearly side and outputs through the API: the 发展计划 (set by the committee, read by the branch, progress
// against it), the year's statistics (JSON and Excel), the 工作台账 (Excel), a person's checklist of materials
// (Word), the audited reveal of a candidate's 身份证号 and phone, and the metrics. Out of scope: 404; bad input:
// a Chinese message and nothing changed.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../platform/calendar.js';
import { multipart, samplePdf } from '../../platform/files/testing.js';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { unzip } from '../../test/unzip.js';
import { makeIdNumber } from '../staff/index.js';
import { checklistItems } from './checklist.js';

let t: TestApp;
let zb1: string;
let zb2: string;
let weiyuan: string;
let dangwei: string;
let dy1: string;
let branch1: string;
let branch2: string;
let tenant: string;
let unitId: string;

const API = '/api/v1/recruitment';
type Plan = { year: number; items: { orgId: string; orgName: string; quota: number | null; note: string; admitted: number; completion: number | null; stages: Record<string, number>; mayEdit: boolean }[]; total: { quota: number; admitted: number; completion: number | null } };
type Figures = { applied: number; activists: number; candidates: number; admitted: number; confirmed: number; extended: number };
type Stats = { year: number; items: ({ orgId: string; orgName: string } & Figures)[]; total: Figures };
type Err = { error: { code: string; message: string; fields?: Record<string, string> } };

let seq = 500;
async function register(appliedOn: string, branchId = branch1, cookie = zb1) {
  const birthDate = '1996-03-03';
  const res = await t.call('POST', `${API}/people`, { cookie, body: { branchId, name: `报表申请人${seq}`, gender: 'female', birthDate, idNumber: makeIdNumber('410102', birthDate, (seq += 2)), phone: '13712345678', unitId, appliedOn } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; name: string; idNumber: string; phone: string; mayReveal: boolean };
}
const plansRows = async () => Number((await t.platform.db.selectFrom('recruit_plans').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
async function sheetRows(buf: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
  return rows;
}

beforeAll(async () => {
  t = await createTestApp();
  [zb1, zb2, weiyuan, dangwei, dy1] = (await Promise.all(['zb1', 'zb2', 'weiyuan', 'dangwei', 'dy1'].map((u) => t.login(u)))) as [string, string, string, string, string];
  branch1 = await t.orgId('机关第一党支部');
  branch2 = await t.orgId('机关第二党支部');
  tenant = (await t.platform.db.selectFrom('organisations').select('tenant_id').where('id', '=', branch1).executeTakeFirstOrThrow()).tenant_id;
  unitId = (await t.platform.db.selectFrom('units').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
}, 60_000);
afterAll(async () => t.close());

describe(`发展党员 plans and outputs ${dialectLabel()}`, () => {
  it('the committee sets a branch\'s yearly quota; the branch reads its progress and may not set it; other branches see nothing', async () => {
    const put = (body: Record<string, unknown>, cookie = dangwei) => t.call('PUT', `${API}/plans`, { cookie, body });
    const set = await put({ orgId: branch1, year: 2026, quota: 4, note: '党委审定' });
    expect(set.statusCode, set.body).toBe(200);
    const mine = (await t.call('GET', `${API}/plans?year=2026`, { cookie: zb1 })).json() as Plan;
    expect(mine.items.map((x) => x.orgId)).toEqual([branch1]);
    const row = mine.items[0]!;
    expect(row).toMatchObject({ quota: 4, note: '党委审定', mayEdit: false });
    // Admitted this year: the branch's 支部大会 votes dated 2026.
    const votes = await t.platform.db.selectFrom('recruit_steps as s').innerJoin('recruit_people as r', 'r.id', 's.person_id')
      .select((eb) => eb.fn.countAll<number>().as('n')).where('r.org_id', '=', branch1).where('s.step', '=', 15).where('s.done_on', '>=', '2026-01-01').where('s.done_on', '<=', '2026-12-31').executeTakeFirstOrThrow();
    expect(row.admitted).toBe(Number(votes.n));
    expect(row.completion).toBe(Math.round((1000 * row.admitted) / 4) / 10);
    expect(Object.values(row.stages).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    // The committee sees every branch and may edit each; totals add up.
    const all = (await t.call('GET', `${API}/plans?year=2026`, { cookie: dangwei })).json() as Plan;
    expect(all.items.length).toBeGreaterThanOrEqual(4);
    expect(all.items.every((x) => x.mayEdit)).toBe(true);
    expect(all.total.quota).toBe(all.items.reduce((a, x) => a + (x.quota ?? 0), 0));
    expect(all.items.filter((x) => x.quota !== null).length).toBeGreaterThanOrEqual(4); // the demo's plans
    expect(all.total.admitted).toBe(all.items.reduce((a, x) => a + x.admitted, 0));
    // Set again: replaced, not doubled.
    expect((await put({ orgId: branch1, year: 2026, quota: 5 })).statusCode).toBe(200);
    expect(((await t.call('GET', `${API}/plans?year=2026&orgId=${branch1}`, { cookie: dangwei })).json() as Plan).items[0]).toMatchObject({ quota: 5, note: '' });

    const before = await plansRows();
    // The branch secretary: 403, the reason in Chinese.
    const own = await put({ orgId: branch1, year: 2026, quota: 9 }, zb1);
    expect(own.statusCode).toBe(403);
    expect((own.json() as Err).error.message).toBe('发展计划由上级党组织审定，党支部只能查看');
    // Another branch's secretary: 404 on the plan and on the read.
    expect((await put({ orgId: branch1, year: 2026, quota: 9 }, zb2)).statusCode).toBe(404);
    expect((await t.call('GET', `${API}/plans?orgId=${branch1}`, { cookie: zb2 })).statusCode).toBe(404);
    const theirs = (await t.call('GET', `${API}/plans?year=2026`, { cookie: zb2 })).json() as Plan;
    expect(theirs.items.some((x) => x.orgId === branch1)).toBe(false);
    // Bad input: Chinese, on the field, nothing written.
    const negative = (await put({ orgId: branch1, year: 2026, quota: -1 })).json() as Err;
    expect(negative.error.fields?.quota).toContain('发展名额不能为负数');
    const far = await put({ orgId: branch1, year: 2030, quota: 3 });
    expect(far.statusCode).toBe(400);
    expect((far.json() as Err).error.fields?.year).toBe('只能制定 2025 至 2027 年度的发展计划');
    const committee = (await t.platform.db.selectFrom('organisations').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow()).id;
    expect(((await put({ orgId: committee, year: 2026, quota: 3 })).json() as Err).error.fields?.orgId).toBe('发展计划按党支部制定，请选择党支部或联合支部');
    expect((await t.call('GET', `${API}/plans`, { cookie: dy1 })).statusCode).toBe(403);
    expect(await plansRows()).toBe(before);
    // Every change is in the audit log.
    const audit = await t.platform.db.selectFrom('audit_log').select('action').where('action', '=', 'recruit.plan').execute();
    expect(audit).toHaveLength(2);
  });

  it('the year\'s statistics per branch with the totals, as JSON and as Excel; another branch\'s: 404', async () => {
    const before = (await t.call('GET', `${API}/stats?year=2026&orgId=${branch1}`, { cookie: zb1 })).json() as Stats;
    await register('2026-11-20');
    const after = (await t.call('GET', `${API}/stats?year=2026&orgId=${branch1}`, { cookie: zb1 })).json() as Stats;
    expect(after.items[0]!.applied).toBe(before.items[0]!.applied + 1);
    expect(after.total.applied).toBe(after.items.reduce((a, x) => a + x.applied, 0));
    const all = (await t.call('GET', `${API}/stats?year=2026`, { cookie: dangwei })).json() as Stats;
    expect(all.total.extended).toBe(1); // the demo's one extended 预备期, decided this year
    for (const k of ['applied', 'activists', 'candidates', 'admitted', 'confirmed'] as const) expect(all.total[k]).toBe(all.items.reduce((a, x) => a + x[k], 0));
    const xlsx = await t.call('GET', `${API}/stats?year=2026&format=xlsx`, { cookie: dangwei });
    expect(xlsx.statusCode).toBe(200);
    const rows = await sheetRows(xlsx.rawPayload);
    expect(rows[0]).toEqual(['党组织', '递交入党申请书', '确定为入党积极分子', '确定为发展对象', '接收为预备党员', '预备党员转正', '延长预备期']);
    expect(rows.at(-1)).toEqual(['合计', ...(['applied', 'activists', 'candidates', 'admitted', 'confirmed', 'extended'] as const).map((k) => String(all.total[k]))]);
    expect((await t.call('GET', `${API}/stats?orgId=${branch1}`, { cookie: zb2 })).statusCode).toBe(404);
    expect((await t.call('GET', `${API}/stats?year=1900`, { cookie: zb1 })).statusCode).toBe(400);
  });

  it('the 工作台账: one row per person with the key dates and status, only the reader\'s branches, no 身份证号', async () => {
    const p = await register('2026-11-02');
    expect((await t.call('POST', `${API}/people/${p.id}/steps`, { cookie: zb1, body: { step: 2, doneOn: '2026-11-12' } })).statusCode).toBe(200);
    const res = await t.call('GET', `${API}/ledger.xlsx?orgId=${branch1}`, { cookie: zb1 });
    expect(res.statusCode).toBe(200);
    const rows = await sheetRows(res.rawPayload);
    expect(rows[0]!.slice(0, 9)).toEqual(['党支部', '姓名', '性别', '出生日期', '阶段', '申请入党', '谈话', '确定积极分子', '指定培养联系人']);
    expect(rows[0]).toContain('入党介绍人');
    expect(rows[0]!.at(-1)).toBe('当前情况');
    const mine = rows.find((r) => r[1] === p.name)!;
    expect(mine.slice(2, 7)).toEqual(['女', '1996-03-03', '入党申请人', '2026-11-02', '2026-11-12']);
    expect(mine.at(-1)).toBe('已办至第 2 步；下一步：推荐和确定入党积极分子');
    const text = rows.flat().join(' ');
    expect(text).not.toMatch(/[0-9]{17}[0-9X]/);
    // A 预备党员 of the demo shows the vote and the end of the 预备期.
    const own = (await t.call('GET', `${API}/ledger.xlsx`, { cookie: dangwei }));
    expect((await sheetRows(own.rawPayload)).some((r) => r.at(-1)!.includes('预备期满'))).toBe(true);
    // Branch 2's secretary: branch 1 is 404, and their own 台账 has none of branch 1's people.
    expect((await t.call('GET', `${API}/ledger.xlsx?orgId=${branch1}`, { cookie: zb2 })).statusCode).toBe(404);
    const theirs = await sheetRows((await t.call('GET', `${API}/ledger.xlsx`, { cookie: zb2 })).rawPayload);
    expect(theirs.some((r) => r[1] === p.name)).toBe(false);
    expect(theirs.slice(1).every((r) => r[0] === theirs[1]![0])).toBe(true);
  });

  it('a person\'s checklist of materials (Word): each step\'s materials, uploaded or not and when; 404 to other branches', async () => {
    const p = await register('2026-08-03');
    for (const [step, doneOn] of [[2, '2026-08-20'], [3, '2026-09-01']] as const) {
      expect((await t.call('POST', `${API}/people/${p.id}/steps`, { cookie: zb1, body: { step, doneOn } })).statusCode).toBe(200);
    }
    const file = multipart({ name: '入党申请书.pdf', data: samplePdf() });
    expect((await t.call('POST', `${API}/people/${p.id}/documents?kind=入党申请书`, { cookie: zb1, body: file.payload, headers: { 'content-type': file.contentType } })).statusCode).toBe(201);
    const res = await t.call('GET', `${API}/people/${p.id}/checklist.docx`, { cookie: zb1 });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const xml = unzip(res.rawPayload).get('word/document.xml')!.toString('utf8').replace(/<[^>]+>/g, '');
    expect(xml).toContain('发展党员材料清单');
    expect(xml).toContain(`姓名：${p.name}`);
    const today = '2026-11-27';
    expect(xml).toContain(`入党申请书已上传（${today}）`);
    expect(xml).toContain('谈话记录未上传');
    expect(xml).toContain('思想汇报（2026年第3季度）未上传');
    expect(xml).toContain('思想汇报（2026年第4季度）未上传');
    expect(xml).toContain('入党志愿书尚未到该步骤');
    expect((await t.call('GET', `${API}/people/${p.id}/checklist.docx`, { cookie: zb2 })).statusCode).toBe(404);
    expect((await t.call('GET', `${API}/people/${p.id}/checklist.docx`, { cookie: dangwei })).statusCode).toBe(200);
  });

  it('checklist items: 思想汇报 each quarter from 积极分子 to the 转正 application, under 培养 then 继续教育考察', () => {
    const done = new Map([[1, '2024-01-05'], [3, '2024-03-20'], [15, '2025-05-10'], [22, '2026-04-01']]);
    const docs = [{ kind: '思想汇报', createdAt: '2024-05-01T02:00:00.000Z' }, { kind: '政审材料', createdAt: '2025-01-02T02:00:00.000Z' }];
    const items = checklistItems(22, done, docs, '2026-11-27');
    const reports = items.filter((i) => i.material.startsWith('思想汇报'));
    expect(reports.map((i) => i.material)).toEqual([
      '思想汇报（2024年第1季度）', '思想汇报（2024年第2季度）', '思想汇报（2024年第3季度）', '思想汇报（2024年第4季度）', '思想汇报（2025年第1季度）',
      '思想汇报（2025年第2季度）', '思想汇报（2025年第3季度）', '思想汇报（2025年第4季度）', '思想汇报（2026年第1季度）', '思想汇报（2026年第2季度）',
    ]);
    expect(reports[1]!.uploaded).toEqual(['2024-05-01']);
    expect(reports[4]!.step).toBe(6);
    expect(reports[5]!.step).toBe(21);
    expect(items.find((i) => i.material === '政审材料')).toMatchObject({ due: true, uploaded: ['2025-01-02'] });
    expect(items.find((i) => i.material === '转正申请书')).toMatchObject({ due: true, uploaded: [] });
  });

  it('reveals a candidate\'s 身份证号 and phone only by POST with member.sensitive over the branch, audited; masked everywhere else', async () => {
    const p = await register('2026-11-05');
    expect(p.idNumber).toMatch(/^\d\*+$/);
    expect(p.phone).toBe('137****5678');
    expect(p.mayReveal).toBe(true);
    const row = await t.platform.db.selectFrom('recruit_people').select('id_number_enc').where('id', '=', p.id).executeTakeFirstOrThrow();
    const clear = t.platform.fieldCrypto.decrypt(row.id_number_enc);
    const auditCount = async () => (await t.platform.db.selectFrom('audit_log').select(['action', 'entity_id', 'after']).where('action', '=', 'sensitive.view').where('entity_id', '=', p.id).execute());
    const res = await t.call('POST', `${API}/people/${p.id}/reveal`, { cookie: zb1, body: {} });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ idNumber: clear, phone: '13712345678' });
    const entries = await auditCount();
    expect(entries).toHaveLength(1);
    expect(JSON.stringify(entries[0]!.after)).toContain('idNumber');
    // A reader without member.sensitive (委员): 403, nothing audited; another branch's secretary: 404; GET stays masked.
    const ro = await t.call('POST', `${API}/people/${p.id}/reveal`, { cookie: weiyuan, body: {} });
    expect(ro.statusCode).toBe(403);
    expect(ro.body).not.toContain(clear);
    expect((await t.call('GET', `${API}/people/${p.id}`, { cookie: weiyuan })).json()).toMatchObject({ mayReveal: false });
    expect((await t.call('POST', `${API}/people/${p.id}/reveal`, { cookie: zb2, body: {} })).statusCode).toBe(404);
    expect((await t.call('GET', `${API}/people/${p.id}/reveal`, { cookie: zb1 })).statusCode).toBe(404);
    expect((await t.call('GET', `${API}/people/${p.id}`, { cookie: zb1 })).body).not.toContain(clear);
    expect(await auditCount()).toHaveLength(1);
  });

  it('metrics: plan completion (admitted ÷ quota) and people past a deadline, per organisation subtree', async () => {
    expect(t.platform.metrics.has('recruit.planCompletion')).toBe(true);
    const ctx = { db: t.platform.db, dialect: t.platform.data.dialect, tenantId: tenant, period: { from: '2026-01-01', to: '2026-12-31' }, targetIds: [branch1, branch2] };
    expect((await t.call('PUT', `${API}/plans`, { cookie: dangwei, body: { orgId: branch2, year: 2026, quota: 2 } })).statusCode).toBe(200);
    expect((await t.platform.metrics.compute('recruit.planCompletion', { ...ctx, period: { from: '2020-01-01', to: '2020-12-31' } })).size).toBe(0);
    const plan = (await t.call('GET', `${API}/plans?year=2026`, { cookie: dangwei })).json() as Plan;
    const b2 = plan.items.find((x) => x.orgId === branch2)!;
    const completion = await t.platform.metrics.compute('recruit.planCompletion', ctx);
    expect(completion.get(branch2)).toBe(Math.round((1000 * b2.admitted) / 2) / 10);
    const b1 = plan.items.find((x) => x.orgId === branch1)!;
    expect(completion.get(branch1)).toBe(b1.completion);
    // Overdue: a fresh applicant is not overdue on the application's month, but is once the 谈话 month has passed.
    const overdueAt = (to: string) => t.platform.metrics.compute('recruit.overdue', { ...ctx, period: { from: '2026-01-01', to } });
    const before = (await overdueAt('2026-11-27')).get(branch2)!;
    await register('2026-11-20', branch2, zb2);
    expect((await overdueAt('2026-11-27')).get(branch2)).toBe(before);
    const later = (await overdueAt(addDays('2026-12-20', 1))).get(branch2)!;
    expect(later).toBeGreaterThan(before);
  });
});
