import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { makeIdNumber } from '../people/idNumber.js';
import { accountWithRole } from '../people/testing.js';

let t: TestApp;
let dw: string;
let shuji: string;

/** A sheet as a clerk fills it: header row, then one row per person (cells by header). */
async function sheet(rows: Record<string, string>[], headers?: string[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('党员');
  const cols = headers ?? Object.keys(rows[0] ?? { 姓名: '' });
  ws.addRow(cols);
  for (const r of rows) ws.addRow(cols.map((c) => r[c] ?? ''));
  return Buffer.from(await book.xlsx.writeBuffer());
}

function upload(cookie: string, file: Buffer, query: string) {
  const boundary = '----djtest' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="members.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({ method: 'POST', url: `/api/v1/members/import?${query}`, headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
}

const person = (name: string, birthDate: string, seq: number, over: Record<string, string> = {}) => ({
  姓名: name, 性别: seq % 2 ? '男' : '女', 身份证号: makeIdNumber('130203', birthDate, seq), 出生日期: birthDate, 手机号码: '13612345678',
  学历: '大学本科', 所在单位: '导入测试队', 在岗状态: '在岗', 所在党支部: '机关第一党支部', 所在党小组: '第一党小组',
  党员类别: '正式党员', 入党日期: '2010-07-01', 转正日期: '2011-07-01', 党内职务: '', ...over,
});
const memberTotal = async () => Number((await t.platform.db.selectFrom('members').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await createTestApp();
  dw = await t.login('dangwei');
  shuji = await accountWithRole(t, 'pi_shuji', '导入书记', 'secretary', '机关第一党支部');
  expect((await t.call('POST', '/api/v1/units', { cookie: dw, body: { kind: 'grassroots', name: '导入测试队' } })).statusCode).toBe(201);
});
afterAll(async () => {
  await t?.close();
});

describe(`members: Excel import ${dialectLabel()}`, () => {
  it('offers a template with Chinese headers, required ones marked', async () => {
    const res = await t.call('GET', '/api/v1/members/template.xlsx', { cookie: dw });
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const header = (book.worksheets[0]!.getRow(1).values as string[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['姓名*', '身份证号*', '所在党支部*', '入党日期*', '转正日期', '党内职务']));
  });

  it('reports every bad row by row and column in Chinese, and a failed import changes nothing', async () => {
    const good = person('导入甲', '1980-01-01', 11);
    const rows = [
      good,
      person('导入乙', '1981-02-02', 13, { 转正日期: '2010-12-31' }),
      { ...good, 姓名: '导入丙' },
      person('导入丁', '1983-04-04', 17, { 所在党支部: '不存在支部' }),
      person('导入戊', '1984-05-05', 19, { 性别: '女' }),
    ];
    const before = await memberTotal();
    const dry = await upload(dw, await sheet(rows), 'dryRun=true');
    expect(dry.statusCode, dry.body).toBe(200);
    const report = dry.json();
    expect(report).toMatchObject({ dryRun: true, committed: false, total: 5 });
    const byRow = (row: number) => report.problems.filter((p: { row: number }) => p.row === row);
    expect(byRow(2)).toEqual([]);
    expect(byRow(3)[0]).toMatchObject({ column: '转正日期', message: expect.stringContaining('转正日期不能早于 2011-07-01') });
    expect(byRow(4)[0]).toMatchObject({ column: '身份证号', message: '与第 2 行的身份证号重复' });
    expect(byRow(5)[0]).toMatchObject({ column: '所在党支部', message: expect.stringContaining('不存在支部') });
    expect(byRow(6)[0]).toMatchObject({ column: '性别', message: expect.stringContaining('性别与身份证号不一致') });

    const commit = await upload(dw, await sheet(rows), 'dryRun=false');
    expect(commit.json()).toMatchObject({ committed: false });
    expect(await memberTotal()).toBe(before);

    const xlsx = await upload(dw, await sheet(rows), 'dryRun=true&format=xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.getRow(1).values).toEqual([undefined, '行号', '列', '问题']);
    expect(book.worksheets[0]!.rowCount).toBe(1 + report.problems.length);
  });

  it('imports all rows at once, and importing again updates instead of duplicating', async () => {
    const rows = [person('再导甲', '1970-01-01', 21), person('再导乙', '1990-06-06', 22, { 党员类别: '预备党员', 入党日期: '2026-06-01', 转正日期: '', 所在党小组: '' })];
    const before = await memberTotal();
    const first = await upload(dw, await sheet(rows), 'dryRun=false');
    expect(first.json(), first.body).toMatchObject({ committed: true, created: 2, updated: 0, problems: [] });
    expect(await memberTotal()).toBe(before + 2);

    const again = await upload(dw, await sheet(rows), 'dryRun=false');
    expect(again.json()).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: 2 });
    const changed = [{ ...rows[0]!, 手机号码: '13700000000', 所在党小组: '第二党小组' }, rows[1]!];
    const third = await upload(dw, await sheet(changed), 'dryRun=false');
    expect(third.json()).toMatchObject({ committed: true, created: 0, updated: 1, unchanged: 1 });
    expect(await memberTotal()).toBe(before + 2);

    const found = (await t.call('GET', `/api/v1/members?keyword=${encodeURIComponent('再导甲')}`, { cookie: dw })).json().items[0];
    expect(found).toMatchObject({ phone: '137****0000', groupName: '第二党小组', branchName: '机关第一党支部' });
    const history = (await t.call('GET', `/api/v1/members/${found.id}/history`, { cookie: dw })).json().items;
    expect(history.map((e: { kind: string }) => e.kind)).toEqual(['edited', 'moved', 'admitted']);
    expect(history[0]).toMatchObject({ reason: '批量导入', after: { phone: '137****0000' } });
  });

  it('keeps a 支部书记 to his own branch', async () => {
    const res = await upload(shuji, await sheet([person('越权甲', '1975-01-01', 31, { 所在党支部: '机关第二党支部' })]), 'dryRun=true');
    expect(res.json().problems[0]).toMatchObject({ row: 2, column: '所在党支部', message: expect.stringContaining('不在您的管理范围内') });
  });

  it('refuses a file without the required columns or that is not xlsx', async () => {
    const res = await upload(dw, await sheet([{ 姓名: '缺列' }]), 'dryRun=true');
    expect(res.json().problems).toEqual(expect.arrayContaining([expect.objectContaining({ row: 1, column: '身份证号' })]));
    const notXlsx = await upload(dw, Buffer.from('姓名,身份证号\n张三,1'), 'dryRun=true');
    expect(notXlsx.statusCode).toBe(415);
  });
});
