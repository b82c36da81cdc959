// Excel import of the register of residents: a template that reads back, a row-level report in Chinese, all rows
// or none, a dry run that writes nothing, and the same file twice updating instead of registering twice.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { makeIdNumber } from '../people/idNumber.js';
import type { VolunteerResidentTable } from './tables.js';

let t: TestApp;
let zb1: string; // 书记 of 机关第一党支部
let dw: string; // 党委管理员
let dy1: string; // 党员: no volunteer.write

const HEADERS = ['姓名', '性别', '出生日期', '身份证号', '小区', '详细地址', '联系电话', '负责组织', '居住情况', '风险等级', '健康状况', '服务需求', '紧急联系人', '登记日期'];

async function sheet(rows: Record<string, string>[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('服务对象');
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(HEADERS.map((h) => r[h] ?? ''));
  return Buffer.from(await book.xlsx.writeBuffer());
}

function upload(cookie: string, file: Buffer, query: string) {
  const boundary = '----djtest' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="residents.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({ method: 'POST', url: `/api/v1/volunteer/residents/import?${query}`, headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
}

const person = (name: string, over: Record<string, string> = {}): Record<string, string> => ({
  姓名: name, 性别: '女', 出生日期: '1942-03-08', 身份证号: makeIdNumber('330106', '1942-03-08', 12), 小区: '翠苑一区', 详细地址: '5幢2单元301室',
  联系电话: '0571-88886666', 负责组织: '机关第一党支部', 居住情况: '空巢、高龄', 风险等级: '中', 健康状况: '高血压', 服务需求: '代购',
  紧急联系人: '李明/儿子/13800000000；李红/女儿/13900000000', ...over,
});
// The demo's register is there before any import: the residents these tests registered are the others.
let demo: VolunteerResidentTable[];
const everyone = () => t.platform.db.selectFrom('volunteer_residents').selectAll().orderBy('id').execute();
const residents = async () => (await everyone()).filter((r) => !demo.some((d) => d.id === r.id)).sort((a, b) => a.name.localeCompare(b.name));

beforeAll(async () => {
  t = await createTestApp();
  [zb1, dw, dy1] = (await Promise.all(['zb1', 'dangwei', 'dy1'].map((u) => t.login(u)))) as [string, string, string];
  demo = await everyone();
});
afterAll(async () => t.close());

describe(`服务对象: Excel import ${dialectLabel()}`, () => {
  it('offers a template with Chinese headers (required ones marked) that reads back as one example row', async () => {
    const res = await t.call('GET', '/api/v1/volunteer/residents/template.xlsx', { cookie: zb1 });
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const header = (book.worksheets[0]!.getRow(1).values as string[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['姓名*', '性别*', '出生日期*', '身份证号', '小区*', '详细地址*', '负责组织*', '风险等级*', '紧急联系人']));
    expect(book.worksheets.map((w) => w.name)).toEqual(['服务对象', '填写说明']);
    // The example row is a valid row: a dry run of the template itself finds no problem.
    const dry = await upload(zb1, res.rawPayload, 'dryRun=true');
    expect(dry.json()).toMatchObject({ dryRun: true, committed: false, total: 1, created: 1, problems: [] });
    expect(await residents()).toHaveLength(0);
    expect((await t.call('GET', '/api/v1/volunteer/residents/template.xlsx', { cookie: dy1 })).statusCode).toBe(403);
    expect((await upload(dy1, res.rawPayload, 'dryRun=true')).statusCode).toBe(403);
  });

  it('reports every bad row by row and column in Chinese; one bad row and nothing is written', async () => {
    const file = await sheet([
      person('王秀英'),
      person('赵大山', { 性别: '男', 身份证号: makeIdNumber('330106', '1942-03-08', 11).slice(0, 17) + '0', 联系电话: '12345', 详细地址: '******' }),
      person('钱小花', { 身份证号: '', 出生日期: '2099-01-01', 负责组织: '机关第二党支部', 居住情况: '独居、富裕', 风险等级: '极高', 紧急联系人: '只有名字' }),
      person('王秀英', { 联系电话: '13912345678' }),
    ]);
    for (const dryRun of ['true', 'false']) {
      const res = await upload(zb1, file, `dryRun=${dryRun}`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { committed: boolean; problems: { row: number; column: string; message: string }[] };
      expect(body.committed).toBe(false);
      const at = (row: number, column: string) => body.problems.find((x) => x.row === row && x.column === column)?.message;
      expect(at(3, '身份证号')).toContain('校验位不正确');
      expect(at(3, '联系电话')).toContain('应为 11 位手机号或带区号的固定电话');
      expect(at(3, '详细地址')).toContain('是否粘贴了脱敏后的地址');
      expect(at(4, '出生日期')).toContain('不能晚于今天');
      expect(at(4, '负责组织')).toBe('没有名为“机关第二党支部”的组织，或不在您的管理范围内');
      expect(at(4, '居住情况')).toContain('“富裕”不是可选项');
      expect(at(4, '风险等级')).toBe('风险等级应为：高、中、低');
      expect(at(4, '紧急联系人')).toContain('姓名/关系/电话');
      expect(at(5, '身份证号')).toBe('与第 2 行是同一服务对象');
      expect(body.problems.some((x) => x.row === 2)).toBe(false);
      // The report never repeats a sensitive value.
      expect(res.body).not.toContain('13800000000');
      expect(res.body).not.toContain('5幢2单元301室');
      expect(res.body).not.toContain('只有名字');
    }
    expect(await residents()).toHaveLength(0);
    const report = await upload(zb1, file, 'dryRun=true&format=xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.getRow(1).values).toEqual([undefined, '行号', '列', '问题']);
  });

  it('imports all rows, and the same file again creates no duplicate; a changed row updates that record', async () => {
    const rows = [
      person('王秀英'),
      person('周德福', { 性别: '男', 出生日期: '1936-11-20', 身份证号: '', 小区: '翠苑二区', 风险等级: '高', 紧急联系人: '', 居住情况: '独居', 登记日期: '2026-01-05' }),
    ];
    const file = await sheet(rows);
    const dry = await upload(zb1, file, 'dryRun=true');
    expect(dry.json()).toMatchObject({ dryRun: true, committed: false, total: 2, created: 2, updated: 0, problems: [] });
    expect(await residents()).toHaveLength(0);
    const done = await upload(zb1, file, 'dryRun=false');
    expect(done.json()).toMatchObject({ committed: true, created: 2, updated: 0, unchanged: 0, problems: [] });
    const [wang, zhou] = (await residents()).sort((a, b) => (a.name === '王秀英' ? -1 : b.name === '王秀英' ? 1 : 0));
    expect(wang!.address_enc).not.toContain('301');
    expect(zhou).toMatchObject({ risk: 'high', registered_on: '2026-01-05', status: 'active', living: '["alone"]', id_number_enc: null });
    const detail = (await t.call('POST', `/api/v1/volunteer/residents/${wang!.id}/reveal`, { cookie: zb1 })).json() as { emergency: unknown[]; living: string[]; phone: string };
    expect(detail).toMatchObject({ phone: '0571-88886666', living: ['emptyNest', 'elderly'], emergency: [{ name: '李明', relation: '儿子', phone: '13800000000' }, { name: '李红', relation: '女儿', phone: '13900000000' }] });

    const again = await upload(zb1, file, 'dryRun=false');
    expect(again.json()).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: 2 });
    expect(await residents()).toHaveLength(2);

    // Changed: risk of one; the other now carries a 身份证号 and is still found by name, birth date and 小区.
    const zhouId = makeIdNumber('330106', '1936-11-20', 13);
    const changed = await sheet([person('王秀英', { 风险等级: '高' }), { ...rows[1]!, 身份证号: zhouId }]);
    expect((await upload(zb1, changed, 'dryRun=true')).json()).toMatchObject({ created: 0, updated: 2, unchanged: 0 });
    expect((await upload(zb1, changed, 'dryRun=false')).json()).toMatchObject({ committed: true, created: 0, updated: 2 });
    const after = await residents();
    expect(after).toHaveLength(2);
    expect(after.find((r) => r.id === wang!.id)).toMatchObject({ risk: 'high' });
    expect(after.find((r) => r.id === zhou!.id)!.id_number_enc).not.toBeNull();
    const audit = await t.platform.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity', '=', 'volunteerResident').execute();
    expect(audit.filter((a) => a.action === 'volunteerResident.import')).toHaveLength(3);
    for (const a of audit) for (const v of ['13800000000', '88886666', '5幢2单元301室', zhouId]) expect(`${a.before}${a.after}`).not.toContain(v);
    // The imports matched only their own rows: the demo's records are as they were.
    expect((await everyone()).filter((r) => demo.some((d) => d.id === r.id))).toEqual(demo);
  });

  it('refuses to update through an import a resident registered by an organisation outside one\'s scope', async () => {
    const zb2 = await t.login('zb2');
    const res = await upload(zb2, await sheet([person('王秀英', { 负责组织: '机关第二党支部' })]), 'dryRun=false');
    expect(res.json()).toMatchObject({ committed: false, problems: [{ row: 2, column: '身份证号', message: '该服务对象已由其他组织登记，不在您的管理范围内' }] });
    // The 党委管理员 may: the committee's scope covers every branch.
    expect((await upload(dw, await sheet([person('王秀英', { 负责组织: '机关第二党支部' })]), 'dryRun=true')).json()).toMatchObject({ updated: 1, problems: [] });
  });
});
